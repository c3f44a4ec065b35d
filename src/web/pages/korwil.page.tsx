import { useId, useState, type SubmitEvent } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import { api, type ApiResult, type KorwilData, type RegencyData } from '../api.ts';
import {
  Async,
  BusyButton,
  Dialog,
  DialogActions,
  Field,
  FormStatus,
  Forbidden,
  useForm,
} from '../components.tsx';
import { Link, wilayahPath } from '../router.tsx';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

type KecamatanSummary = RegencyData['unassignedKecamatan'][number];

const NOTHING: Promise<ApiResult<null>> = Promise.resolve({ ok: true, data: null });

export function KorwilPage() {
  useTitle('Korwil');
  const me = useMe();
  const manage = can(me, 'korwil.manage');
  if (!manage && !me.grants.some((g) => g.role === 'korwil')) {
    return (
      <>
        <h1>Koordinator Wilayah (Korwil)</h1>
        <Forbidden message="Halaman Korwil hanya untuk Desk Pilkada dan anggota Korwil." />
      </>
    );
  }
  return <KorwilView manage={manage} />;
}

/**
 * The Korwil the person may read (all for the desk, their own for a Korwil
 * member); the forms only for `korwil.manage`.
 */
function KorwilView({ manage }: { manage: boolean }) {
  const korwil = useApi((signal) => api.korwil(signal));
  // Kecamatan without a Korwil are on the regency page, which only the desk may read.
  const regency = useApi<RegencyData | null>((signal) => (manage ? api.regency(signal) : NOTHING));
  const unassigned = regency.data?.unassignedKecamatan ?? [];
  const [editing, setEditing] = useState<KorwilData | null>(null);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  const reloadAll = () => {
    korwil.reload();
    regency.reload();
  };

  return (
    <>
      <h1>Koordinator Wilayah (Korwil)</h1>
      <p className="lead">
        {manage
          ? 'Desk Pilkada membagi kecamatan ke dalam Korwil; tiap Korwil diketuai seorang asisten Bupati.'
          : 'Korwil Anda dan kecamatan yang dikoordinasikannya.'}
      </p>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      <Async state={korwil}>
        {(list) => (
          <>
            {list.length === 0 && (
              <p>
                Belum ada Korwil.
                {manage && ' Bentuk Korwil pertama dengan formulir di bawah.'}
              </p>
            )}
            <div className="cards">
              {list.map((k) => (
                <KorwilCard
                  key={k.id}
                  korwil={k}
                  onEdit={manage ? () => setEditing(k) : undefined}
                />
              ))}
            </div>
            {unassigned.length > 0 && (
              <section className="alert alert-warning" aria-labelledby="tanpa-korwil">
                <h2 id="tanpa-korwil">Kecamatan belum masuk Korwil</h2>
                <KecamatanLinks kecamatan={unassigned} />
              </section>
            )}
            {manage && list.length > 0 && (
              <MoveKecamatanForm
                korwil={list}
                unassigned={unassigned}
                onMoved={(message) => {
                  setNotice(message);
                  reloadAll();
                }}
              />
            )}
          </>
        )}
      </Async>
      {manage && (
        <CreateKorwilForm
          onCreated={(k) => {
            setNotice(`${k.name} dibentuk.`);
            reloadAll();
          }}
        />
      )}
      {editing !== null && (
        <EditKorwilDialog
          korwil={editing}
          onClose={() => setEditing(null)}
          onSaved={(k) => {
            setEditing(null);
            setNotice(`${k.name} diperbarui.`);
            reloadAll();
          }}
        />
      )}
    </>
  );
}

function KecamatanLinks({ kecamatan }: { kecamatan: readonly KecamatanSummary[] }) {
  return (
    <ul className="chips">
      {kecamatan.map((kec) => (
        <li key={kec.code}>
          <Link to={wilayahPath(kec.code)}>{kec.name}</Link>
        </li>
      ))}
    </ul>
  );
}

function KorwilCard({ korwil, onEdit }: { korwil: KorwilData; onEdit: (() => void) | undefined }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="card-head">
        <h2 id={headingId}>{korwil.name}</h2>
        {onEdit !== undefined && (
          <button
            type="button"
            className="button button-small"
            aria-label={`Ubah ${korwil.name}`}
            onClick={onEdit}
          >
            Ubah
          </button>
        )}
      </div>
      <p>
        <span className="muted">Ketua:</span> {korwil.chair ?? <em>belum ditetapkan</em>}
      </p>
      <p className="card-counts">
        {formatAngka(korwil.counts.kecamatan)} kecamatan · {formatAngka(korwil.counts.desa)} desa ·{' '}
        {formatAngka(korwil.counts.tps)} TPS · {formatAngka(korwil.counts.voters)} pemilih
      </p>
      {korwil.kecamatan.length === 0 ? (
        <p className="muted">Belum ada kecamatan.</p>
      ) : (
        <KecamatanLinks kecamatan={korwil.kecamatan} />
      )}
    </section>
  );
}

function MoveKecamatanForm({
  korwil,
  unassigned,
  onMoved,
}: {
  korwil: readonly KorwilData[];
  unassigned: readonly KecamatanSummary[];
  onMoved: (message: string) => void;
}) {
  const form = useForm(['code', 'korwilId'] as const);
  const [code, setCode] = useState('');
  const [korwilId, setKorwilId] = useState('');

  const allKecamatan = [...korwil.flatMap((k) => k.kecamatan), ...unassigned];

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const kecamatan = allKecamatan.find((k) => k.code === code);
    if (kecamatan === undefined) {
      form.fail('code', 'Pilih kecamatan yang akan dipindahkan.');
      return;
    }
    const target = korwil.find((k) => String(k.id) === korwilId);
    if (target === undefined) {
      form.fail('korwilId', 'Pilih Korwil tujuan.');
      return;
    }
    if (kecamatan.korwil?.id === target.id) {
      form.fail('korwilId', `${kecamatan.name} sudah masuk ${target.name}.`);
      return;
    }
    const moved = await form.submit(
      () => api.moveKecamatan(kecamatan.code, { korwilId: target.id }),
      () => undefined,
    );
    if (moved) {
      setCode('');
      setKorwilId('');
      onMoved(`Kecamatan ${kecamatan.name} dipindahkan ke ${target.name}.`);
    }
  };

  return (
    <form
      className="panel"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="pindah-kec"
    >
      <h2 id="pindah-kec">Pindahkan kecamatan ke Korwil lain</h2>
      <div className="form-grid">
        <Field id={form.idOf('code')} label="Kecamatan" error={form.errorOf('code')}>
          {(a11y) => (
            <select {...a11y} value={code} onChange={(e) => setCode(e.target.value)}>
              <option value="">— pilih kecamatan —</option>
              {korwil.map((k) => (
                <optgroup key={k.id} label={k.name}>
                  {k.kecamatan.map((kec) => (
                    <option key={kec.code} value={kec.code}>
                      {kec.name}
                    </option>
                  ))}
                </optgroup>
              ))}
              {unassigned.length > 0 && (
                <optgroup label="Belum masuk Korwil">
                  {unassigned.map((kec) => (
                    <option key={kec.code} value={kec.code}>
                      {kec.name}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          )}
        </Field>
        <Field id={form.idOf('korwilId')} label="Korwil tujuan" error={form.errorOf('korwilId')}>
          {(a11y) => (
            <select {...a11y} value={korwilId} onChange={(e) => setKorwilId(e.target.value)}>
              <option value="">— pilih Korwil —</option>
              {korwil.map((k) => (
                <option key={k.id} value={String(k.id)}>
                  {k.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Memindahkan…">
        Pindahkan
      </BusyButton>
    </form>
  );
}

function CreateKorwilForm({ onCreated }: { onCreated: (k: KorwilData) => void }) {
  const form = useForm(['name', 'chair'] as const);
  const [name, setName] = useState('');
  const [chair, setChair] = useState('');

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (name.trim().length < 2) {
      form.fail('name', 'Nama Korwil minimal 2 huruf.');
      return;
    }
    const created = await form.submit(
      () =>
        api.createKorwil({
          name: name.trim(),
          ...(chair.trim() === '' ? {} : { chair: chair.trim() }),
        }),
      (k) => {
        onCreated(k);
        return undefined;
      },
    );
    if (created) {
      setName('');
      setChair('');
    }
  };

  return (
    <form
      className="panel"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="korwil-baru"
    >
      <h2 id="korwil-baru">Bentuk Korwil baru</h2>
      <div className="form-grid">
        <Field
          id={form.idOf('name')}
          label="Nama Korwil"
          error={form.errorOf('name')}
          hint="Mis. Korwil IV."
        >
          {(a11y) => (
            <input {...a11y} type="text" value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field id={form.idOf('chair')} label="Ketua (opsional)" error={form.errorOf('chair')}>
          {(a11y) => (
            <input {...a11y} type="text" value={chair} onChange={(e) => setChair(e.target.value)} />
          )}
        </Field>
      </div>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Bentuk Korwil
      </BusyButton>
    </form>
  );
}

function EditKorwilDialog({
  korwil,
  onClose,
  onSaved,
}: {
  korwil: KorwilData;
  onClose: () => void;
  onSaved: (k: KorwilData) => void;
}) {
  const form = useForm(['name', 'chair'] as const);
  const [name, setName] = useState(korwil.name);
  const [chair, setChair] = useState(korwil.chair ?? '');

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (name.trim().length < 2) {
      form.fail('name', 'Nama Korwil minimal 2 huruf.');
      return;
    }
    await form.submit(
      // An empty chair clears it.
      () => api.updateKorwil(korwil.id, { name: name.trim(), chair: chair.trim() }),
      (k) => {
        onSaved(k);
        return undefined;
      },
    );
  };

  return (
    <Dialog title={`Ubah ${korwil.name}`} onClose={onClose}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <Field id={form.idOf('name')} label="Nama Korwil" error={form.errorOf('name')}>
          {(a11y) => (
            <input {...a11y} type="text" value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field
          id={form.idOf('chair')}
          label="Ketua"
          error={form.errorOf('chair')}
          hint="Kosongkan bila belum ditetapkan."
        >
          {(a11y) => (
            <input {...a11y} type="text" value={chair} onChange={(e) => setChair(e.target.value)} />
          )}
        </Field>
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
