/**
 * The desk's organisation (seed 000): ketua, sekretaris, Korwil chairs,
 * members and a pembina per kecamatan; empty seats listed; a printable
 * lampiran SK of the whole desk.
 */
import { useState, type SubmitEvent } from 'react';
import { todayWib } from '../../domain/common/dates.ts';
import { formatTanggal } from '../../domain/common/format.ts';
import { DESK_ROLE_LABEL, DESK_ROLES, type DeskRole } from '../../domain/people/organisation.ts';
import { api, type DeskOrganisationData, type DeskPositionData } from '../api.ts';
import { Async, BusyButton, Field, Forbidden, FormStatus, useForm } from '../components.tsx';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

export function DeskPage() {
  useTitle('Susunan Desk Pilkada');
  const me = useMe();
  const desk = useApi((signal) => api.desk(signal));
  if (!can(me, 'desk.read')) {
    return (
      <>
        <h1>Susunan Desk Pilkada</h1>
        <Forbidden message="Halaman ini untuk Desk Pilkada dan pimpinan daerah." />
      </>
    );
  }
  const manage = can(me, 'desk.manage');
  return (
    <>
      <h1 className="no-print">Susunan Desk Pilkada</h1>
      <Async state={desk}>
        {(d) => (
          <>
            <div className="no-print">
              <Gaps desk={d} />
              <Positions desk={d} manage={manage} onChange={desk.reload} />
              {manage && <AddPosition desk={d} onAdded={desk.reload} />}
              <p>
                <button type="button" className="button" onClick={() => window.print()}>
                  Cetak lampiran SK
                </button>
              </p>
            </div>
            <Lampiran desk={d} />
          </>
        )}
      </Async>
    </>
  );
}

function Gaps({ desk }: { desk: DeskOrganisationData }) {
  if (desk.gaps.length === 0)
    return <p className="notice">Semua jabatan terisi; setiap kecamatan mempunyai pembina.</p>;
  return (
    <section className="alert alert-warning" aria-labelledby="kosong">
      <h2 id="kosong">Jabatan yang belum terisi ({desk.gaps.length})</h2>
      <ul>
        {desk.gaps.map((g) => (
          <li key={`${g.role}-${String(g.korwilId)}-${String(g.kecamatanCode)}`}>{g.message}</li>
        ))}
      </ul>
    </section>
  );
}

function placeOf(p: DeskPositionData): string {
  return p.kecamatanName !== null
    ? `Kecamatan ${p.kecamatanName}`
    : p.korwilName !== null
      ? p.korwilName
      : 'Desk';
}

/** "Ketua", "Ketua Korwil I", "Pembina Kecamatan Sukapura", "Anggota Korwil II". */
function kedudukan(p: DeskPositionData): string {
  if (p.role === 'pembina') return `Pembina ${placeOf(p)}`;
  if (p.role === 'ketua_korwil') return `Ketua ${placeOf(p)}`;
  return p.korwilName === null ? p.roleLabel : `${p.roleLabel} ${p.korwilName}`;
}

function Positions({
  desk,
  manage,
  onChange,
}: {
  desk: DeskOrganisationData;
  manage: boolean;
  onChange: () => void;
}) {
  const [error, setError] = useState<string | undefined>(undefined);
  const remove = async (p: DeskPositionData) => {
    if (!window.confirm(`Hapus ${p.name} dari jabatan ${p.roleLabel}?`)) return;
    const r = await api.removeDeskPosition(p.id);
    if (r.ok) onChange();
    else setError(r.error.message);
  };
  return (
    <section aria-labelledby="jabatan">
      <h2 id="jabatan">Jabatan dan pemegangnya</h2>
      {error !== undefined && <p className="alert alert-error">{error}</p>}
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Jabatan</th>
              <th scope="col">Tempat</th>
              <th scope="col">Nama</th>
              <th scope="col">NIP</th>
              <th scope="col">Jabatan/instansi</th>
              <th scope="col">Telepon</th>
              {manage && <th scope="col">Ubah</th>}
            </tr>
          </thead>
          <tbody>
            {desk.positions.map((p) => (
              <tr key={p.id}>
                <td>{p.roleLabel}</td>
                <td>{placeOf(p)}</td>
                <td>{p.name}</td>
                <td className="code">{p.nip ?? '–'}</td>
                <td>{p.office}</td>
                <td>{p.phone ?? '–'}</td>
                {manage && (
                  <td>
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => void remove(p)}
                      aria-label={`Hapus ${p.name} (${p.roleLabel}, ${placeOf(p)})`}
                    >
                      Hapus
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const FIELDS = ['role', 'name', 'nip', 'office', 'phone', 'korwilId', 'kecamatanCode'] as const;

function AddPosition({ desk, onAdded }: { desk: DeskOrganisationData; onAdded: () => void }) {
  const form = useForm(FIELDS);
  const [role, setRole] = useState<DeskRole>('pembina');
  const [name, setName] = useState('');
  const [nip, setNip] = useState('');
  const [office, setOffice] = useState('');
  const [phone, setPhone] = useState('');
  const [korwilId, setKorwilId] = useState('');
  const [kecamatanCode, setKecamatanCode] = useState(
    desk.gaps.find((g) => g.kecamatanCode !== null)?.kecamatanCode ?? '',
  );
  const kecamatan = desk.korwil.flatMap((k) => k.kecamatan);

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const done = await form.submit(
      () =>
        api.addDeskPosition({
          role,
          name: name.trim(),
          office: office.trim(),
          ...(nip.trim() === '' ? {} : { nip: nip.trim() }),
          ...(phone.trim() === '' ? {} : { phone: phone.trim() }),
          ...(role === 'ketua_korwil' || (role === 'anggota' && korwilId !== '')
            ? { korwilId: Number(korwilId) }
            : {}),
          ...(role === 'pembina' ? { kecamatanCode } : {}),
        }),
      (p) => `${p.name} ditetapkan sebagai ${p.roleLabel}.`,
    );
    if (done) {
      setName('');
      setNip('');
      setOffice('');
      setPhone('');
      onAdded();
    }
  };
  return (
    <form
      className="panel"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-labelledby="isi-jabatan"
    >
      <h2 id="isi-jabatan">Isi jabatan</h2>
      <div className="form-grid">
        <Field id={form.idOf('role')} label="Jabatan dalam desk" error={form.errorOf('role')}>
          {(a) => (
            <select {...a} value={role} onChange={(e) => setRole(e.target.value as DeskRole)}>
              {DESK_ROLES.map((r) => (
                <option key={r} value={r}>
                  {DESK_ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {(role === 'ketua_korwil' || role === 'anggota') && (
          <Field id={form.idOf('korwilId')} label="Korwil" error={form.errorOf('korwilId')}>
            {(a) => (
              <select {...a} value={korwilId} onChange={(e) => setKorwilId(e.target.value)}>
                <option value="">{role === 'anggota' ? '(tanpa Korwil)' : 'Pilih Korwil'}</option>
                {desk.korwil.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {role === 'pembina' && (
          <Field
            id={form.idOf('kecamatanCode')}
            label="Kecamatan"
            error={form.errorOf('kecamatanCode')}
          >
            {(a) => (
              <select
                {...a}
                value={kecamatanCode}
                onChange={(e) => setKecamatanCode(e.target.value)}
              >
                <option value="">Pilih kecamatan</option>
                {kecamatan.map((k) => (
                  <option key={k.code} value={k.code}>
                    {k.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field id={form.idOf('name')} label="Nama" error={form.errorOf('name')}>
          {(a) => <input {...a} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id={form.idOf('nip')} label="NIP (18 angka)" error={form.errorOf('nip')}>
          {(a) => (
            <input
              {...a}
              inputMode="numeric"
              value={nip}
              onChange={(e) => setNip(e.target.value)}
            />
          )}
        </Field>
        <Field
          id={form.idOf('office')}
          label="Jabatan/instansi"
          error={form.errorOf('office')}
          hint="Mis. Kepala Dinas Pendidikan"
        >
          {(a) => <input {...a} value={office} onChange={(e) => setOffice(e.target.value)} />}
        </Field>
        <Field id={form.idOf('phone')} label="Telepon (opsional)" error={form.errorOf('phone')}>
          {(a) => (
            <input {...a} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
          )}
        </Field>
      </div>
      <FormStatus form={form} />
      <BusyButton busy={form.busy} busyLabel="Menyimpan…">
        Simpan
      </BusyButton>
    </form>
  );
}

/** The decree-style listing printed as the lampiran of the Bupati's SK. */
function Lampiran({ desk }: { desk: DeskOrganisationData }) {
  let n = 0;
  const rows = desk.positions;
  return (
    <section className="sheet lampiran" aria-labelledby="lampiran-judul">
      <p className="small">
        LAMPIRAN KEPUTUSAN BUPATI {(desk.regencyName ?? '').toUpperCase()}
        <br />
        NOMOR: ……………… TANGGAL: {formatTanggal(todayWib())}
      </p>
      <h2 id="lampiran-judul">
        SUSUNAN KEANGGOTAAN DESK PILKADA {(desk.regencyName ?? '').toUpperCase()}
      </h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">Kedudukan dalam desk</th>
            <th scope="col">Nama / NIP</th>
            <th scope="col">Jabatan</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => {
            n += 1;
            return (
              <tr key={p.id}>
                <td>{n}.</td>
                <td>{kedudukan(p)}</td>
                <td>
                  {p.name}
                  {p.nip !== null && (
                    <>
                      <br />
                      <span className="small">NIP {p.nip}</span>
                    </>
                  )}
                </td>
                <td>{p.office}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small">
        BUPATI {(desk.regencyName ?? '').replace(/^Kabupaten /i, '').toUpperCase()}
      </p>
    </section>
  );
}
