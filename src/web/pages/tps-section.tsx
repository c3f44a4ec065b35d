import { useState, type SubmitEvent } from 'react';
import { formatAngka, formatTps } from '../../domain/common/format.ts';
import { nextTpsNumber } from '../../domain/tps/tps.rules.ts';
import { api, type RegionDetailData, type TpsChange } from '../api.ts';
import {
  BusyButton,
  Dialog,
  DialogActions,
  Field,
  FormStatus,
  parseWhole,
  useForm,
  type FormState,
} from '../components.tsx';
import { TPS_STATUS_LABEL } from '../labels.ts';
import { Link, tpsPath } from '../router.tsx';
import { useApi } from '../use-api.ts';

type TpsRow = RegionDetailData['tps'][number];

type Open = { kind: 'ubah'; tps: TpsRow } | { kind: 'nonaktifkan'; tps: TpsRow } | null;

/**
 * A desa's TPS: table, and for those who may manage them (`tps.manage` over
 * this desa) the "Tambah TPS" form, edit and retire dialogs.
 */
export function TpsSection({
  desaCode,
  desaName,
  tps,
  canManage,
  onChanged,
}: {
  desaCode: string;
  desaName: string;
  tps: readonly TpsRow[];
  canManage: boolean;
  onChanged: () => void;
}) {
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const settings = useApi((signal) => api.settings(signal));
  const maxVoters = settings.data?.maxVotersPerTps;

  const rows = [...tps].sort(
    (a, b) =>
      Number(a.status === 'nonaktif') - Number(b.status === 'nonaktif') || a.number - b.number,
  );
  const active = tps.filter((t) => t.status === 'aktif');
  const suggested = nextTpsNumber(active.map((t) => t.number));

  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
    onChanged();
  };

  return (
    <section aria-labelledby="daftar-tps">
      <h2 id="daftar-tps">TPS di {desaName}</h2>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {rows.length === 0 ? (
        <p className="muted">
          Belum ada TPS di desa ini.{canManage && ' Tambahkan lewat formulir di bawah.'}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table" aria-label={`Daftar TPS ${desaName}`}>
            <thead>
              <tr>
                <th scope="col">TPS</th>
                <th scope="col" className="num">
                  Pemilih
                </th>
                <th scope="col" className="col-address">
                  Alamat
                </th>
                <th scope="col">Status</th>
                {canManage && (
                  <th scope="col">
                    <span className="visually-hidden">Tindakan</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.id} className={t.status === 'nonaktif' ? 'row-muted' : undefined}>
                  <th scope="row">
                    <Link to={tpsPath(t.id)}>{t.label}</Link>
                    {/* Narrow screens show the address here (visual copy of the Alamat cell). */}
                    {t.address !== null && (
                      <span className="inline-address" aria-hidden="true">
                        {t.address}
                      </span>
                    )}
                  </th>
                  <td className="num">{formatAngka(t.voters)}</td>
                  <td className="col-address">{t.address ?? <span className="muted">–</span>}</td>
                  <td>
                    <span className={`badge badge-${t.status}`}>{TPS_STATUS_LABEL[t.status]}</span>
                    {t.retiredReason !== null && (
                      <span className="muted small"> {t.retiredReason}</span>
                    )}
                  </td>
                  {canManage && (
                    <td className="actions">
                      {t.status === 'aktif' && (
                        <>
                          <button
                            type="button"
                            className="button button-small"
                            aria-label={`Ubah ${t.label}`}
                            onClick={() => setOpen({ kind: 'ubah', tps: t })}
                          >
                            Ubah
                          </button>
                          <button
                            type="button"
                            className="button button-small button-danger"
                            aria-label={`Nonaktifkan ${t.label}`}
                            onClick={() => setOpen({ kind: 'nonaktifkan', tps: t })}
                          >
                            Nonaktifkan
                          </button>
                        </>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {canManage && (
        <AddTpsForm
          key={suggested}
          desaCode={desaCode}
          suggested={suggested}
          maxVoters={maxVoters}
          onAdded={(label) => {
            setNotice(`${label} ditambahkan.`);
            onChanged();
          }}
        />
      )}

      {open?.kind === 'ubah' && (
        <EditTpsDialog
          tps={open.tps}
          maxVoters={maxVoters}
          onClose={() => setOpen(null)}
          onSaved={(label) => done(`${label} diperbarui.`)}
        />
      )}
      {open?.kind === 'nonaktifkan' && (
        <RetireTpsDialog
          tps={open.tps}
          onClose={() => setOpen(null)}
          onRetired={(label) => done(`${label} dinonaktifkan.`)}
        />
      )}
    </section>
  );
}

type TpsField = 'number' | 'voters' | 'address';
const TPS_FIELDS: readonly TpsField[] = ['number', 'voters', 'address'];

function votersHint(maxVoters: number | undefined): string | undefined {
  return maxVoters === undefined
    ? undefined
    : `Paling banyak ${formatAngka(maxVoters)} pemilih per TPS.`;
}

/** Parses the three fields; reports the first bad one on the form. */
function readTpsFields(
  form: FormState<TpsField>,
  values: { number: string; voters: string; address: string },
): { number: number; voters: number; address: string } | undefined {
  const number = parseWhole(values.number);
  if (number === undefined) {
    form.fail('number', 'Nomor TPS wajib diisi dengan angka, mis. 1 untuk TPS 001.');
    return undefined;
  }
  const voters = parseWhole(values.voters);
  if (voters === undefined) {
    form.fail('voters', 'Jumlah pemilih wajib diisi dengan angka.');
    return undefined;
  }
  return { number, voters, address: values.address.trim() };
}

function TpsFields({
  form,
  values,
  onChange,
  maxVoters,
}: {
  form: FormState<TpsField>;
  values: { number: string; voters: string; address: string };
  onChange: (field: TpsField, value: string) => void;
  maxVoters: number | undefined;
}) {
  const number = parseWhole(values.number);
  return (
    <>
      <Field
        id={form.idOf('number')}
        label="Nomor TPS"
        error={form.errorOf('number')}
        hint={
          number !== undefined && number > 0 && number < 1000
            ? `Akan tampil sebagai ${formatTps(number)}.`
            : undefined
        }
      >
        {(a11y) => (
          <input
            {...a11y}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={values.number}
            onChange={(e) => onChange('number', e.target.value)}
          />
        )}
      </Field>
      <Field
        id={form.idOf('voters')}
        label="Jumlah pemilih"
        error={form.errorOf('voters')}
        hint={votersHint(maxVoters)}
      >
        {(a11y) => (
          <input
            {...a11y}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={values.voters}
            onChange={(e) => onChange('voters', e.target.value)}
          />
        )}
      </Field>
      <Field id={form.idOf('address')} label="Alamat (opsional)" error={form.errorOf('address')}>
        {(a11y) => (
          <input
            {...a11y}
            type="text"
            autoComplete="off"
            value={values.address}
            onChange={(e) => onChange('address', e.target.value)}
          />
        )}
      </Field>
    </>
  );
}

function AddTpsForm({
  desaCode,
  suggested,
  maxVoters,
  onAdded,
}: {
  desaCode: string;
  suggested: number;
  maxVoters: number | undefined;
  onAdded: (label: string) => void;
}) {
  const form = useForm(TPS_FIELDS);
  const empty = { number: String(suggested), voters: '', address: '' };
  const [values, setValues] = useState(empty);

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const parsed = readTpsFields(form, values);
    if (parsed === undefined) return;
    const ok = await form.submit(
      () =>
        api.createTps({
          desaCode,
          number: parsed.number,
          voters: parsed.voters,
          ...(parsed.address === '' ? {} : { address: parsed.address }),
        }),
      (created) => {
        onAdded(created.label);
        return undefined;
      },
    );
    if (ok) setValues(empty);
  };

  return (
    <form
      className="panel"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="tambah-tps"
    >
      <h3 id="tambah-tps">Tambah TPS</h3>
      <div className="form-grid">
        <TpsFields
          form={form}
          values={values}
          maxVoters={maxVoters}
          onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
        />
      </div>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Tambah TPS
      </BusyButton>
    </form>
  );
}

function EditTpsDialog({
  tps,
  maxVoters,
  onClose,
  onSaved,
}: {
  tps: TpsRow;
  maxVoters: number | undefined;
  onClose: () => void;
  onSaved: (label: string) => void;
}) {
  const form = useForm(TPS_FIELDS);
  const [values, setValues] = useState({
    number: String(tps.number),
    voters: String(tps.voters),
    address: tps.address ?? '',
  });

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const parsed = readTpsFields(form, values);
    if (parsed === undefined) return;
    const patch: TpsChange = {};
    if (parsed.number !== tps.number) patch.number = parsed.number;
    if (parsed.voters !== tps.voters) patch.voters = parsed.voters;
    if (parsed.address !== (tps.address ?? '')) patch.address = parsed.address;
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    await form.submit(
      () => api.updateTps(tps.id, patch),
      (saved) => {
        onSaved(saved.label);
        return undefined;
      },
    );
  };

  return (
    <Dialog title={`Ubah ${tps.label}`} onClose={onClose}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <TpsFields
          form={form}
          values={values}
          maxVoters={maxVoters}
          onChange={(field, value) => setValues((v) => ({ ...v, [field]: value }))}
        />
        <FormStatus form={form} />
        <DialogActions onCancel={onClose}>
          <BusyButton busy={form.busy} busyLabel="Menyimpan…">
            Simpan
          </BusyButton>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function RetireTpsDialog({
  tps,
  onClose,
  onRetired,
}: {
  tps: TpsRow;
  onClose: () => void;
  onRetired: (label: string) => void;
}) {
  const form = useForm(['reason'] as const);
  const [reason, setReason] = useState('');

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      form.fail('reason', 'Tuliskan alasan penonaktifan (minimal 3 huruf).');
      return;
    }
    await form.submit(
      () => api.retireTps(tps.id, { reason: reason.trim() }),
      (retired) => {
        onRetired(retired.label);
        return undefined;
      },
    );
  };

  return (
    <Dialog title={`Nonaktifkan ${tps.label}`} onClose={onClose}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <p>
          TPS yang dinonaktifkan tetap tercatat beserta alasannya, tetapi tidak dapat diubah lagi.
          Nomornya dapat dipakai TPS baru.
        </p>
        <Field id={form.idOf('reason')} label="Alasan penonaktifan" error={form.errorOf('reason')}>
          {(a11y) => (
            <textarea
              {...a11y}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <FormStatus form={form} />
        <DialogActions onCancel={onClose}>
          <BusyButton tone="danger" busy={form.busy} busyLabel="Memproses…">
            Nonaktifkan
          </BusyButton>
        </DialogActions>
      </form>
    </Dialog>
  );
}
