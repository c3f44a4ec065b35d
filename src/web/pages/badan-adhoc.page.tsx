/**
 * Rosters of the ad hoc bodies: completeness per body and per kecamatan
 * (e.g. PPS 987/990), import from CSV (checked first, then all or nothing,
 * errors by line), the members of a body in a kecamatan, and an account for a
 * member in one step.
 */
import { useState } from 'react';
import { formatAngka, formatTanggal } from '../../domain/common/format.ts';
import { BODIES, BODY_LABEL, POSITION_LABEL, type Body } from '../../domain/people/seats.ts';
import { ROSTER_COLUMNS } from '../../domain/people/roster-csv.ts';
import {
  api,
  downloads,
  type CsvImportData,
  type RosterAccountData,
  type RosterCompletenessData,
  type RosterMemberData,
} from '../api.ts';
import { Async, Forbidden } from '../components.tsx';
import { can, canEverywhere, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

export function BadanAdhocPage() {
  useTitle('Badan adhoc');
  const me = useMe();
  if (!can(me, 'roster.read')) {
    return (
      <>
        <h1>Badan adhoc</h1>
        <Forbidden message="Halaman ini untuk KPU, Desk Pilkada, dan PPK." />
      </>
    );
  }
  // A PPK or pembina reads their own territory, a Korwil its kecamatan (the
  // server narrows the answer); the desk and KPU the whole regency.
  const own = me.grants.find((g) => g.scopeKind === 'kecamatan' || g.scopeKind === 'desa');
  const scope =
    can(me, 'roster.manage') || me.grants.some((g) => g.scopeKind === 'regency')
      ? undefined
      : own?.scopeRef;
  return (
    <Rosters
      scope={scope}
      regencyWide={canEverywhere(me, 'roster.read')}
      manage={can(me, 'roster.manage')}
      accounts={can(me, 'account.manage')}
    />
  );
}

function Rosters({
  scope,
  regencyWide,
  manage,
  accounts,
}: {
  scope: string | undefined;
  /** Reads every kecamatan's rosters: may download the regency's recap. */
  regencyWide: boolean;
  manage: boolean;
  accounts: boolean;
}) {
  const completeness = useApi((signal) => api.rosterCompleteness(scope, signal), scope ?? '');
  const [body, setBody] = useState<Body>('pps');
  const [kecamatan, setKecamatan] = useState<string | undefined>(scope);
  return (
    <>
      <h1>Badan adhoc: PPK, PPS, KPPS, Pantarlih</h1>
      {regencyWide && (
        <p>
          <a className="button button-small" href={downloads.rostersXlsx()} download>
            Unduh kelengkapan per kecamatan (Excel)
          </a>
        </p>
      )}
      <Async state={completeness}>
        {(c) => (
          <>
            <Completeness data={c} />
            {manage && <ImportRoster onImported={completeness.reload} />}
            <section aria-labelledby="anggota">
              <h2 id="anggota">Daftar anggota</h2>
              <div className="form-grid">
                <div className="field">
                  <label htmlFor="badan">Badan</label>
                  <select id="badan" value={body} onChange={(e) => setBody(e.target.value as Body)}>
                    {BODIES.map((b) => (
                      <option key={b} value={b}>
                        {BODY_LABEL[b]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="kecamatan">Kecamatan</label>
                  <select
                    id="kecamatan"
                    value={kecamatan ?? ''}
                    onChange={(e) =>
                      setKecamatan(e.target.value === '' ? undefined : e.target.value)
                    }
                  >
                    {scope === undefined && <option value="">Pilih kecamatan</option>}
                    {c.kecamatan.map((k) => (
                      <option key={k.code} value={k.code}>
                        {k.name}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              {kecamatan !== undefined && (
                <Members
                  body={body}
                  code={kecamatan}
                  accounts={accounts}
                  onChange={completeness.reload}
                />
              )}
            </section>
          </>
        )}
      </Async>
    </>
  );
}

const fill = (f: { filled: number; seats: number }) =>
  `${formatAngka(f.filled)}/${formatAngka(f.seats)}`;

function Completeness({ data }: { data: RosterCompletenessData }) {
  return (
    <section aria-labelledby="kelengkapan">
      <h2 id="kelengkapan">Kelengkapan</h2>
      <dl className="counts">
        {data.bodies.map((b) => (
          <div className="count" key={b.body}>
            <dt>{b.label}</dt>
            <dd>{fill(b)}</dd>
            <dd className="small">
              {formatAngka(b.unitsComplete)} dari {formatAngka(b.units)} lengkap
              {b.unitsWithoutKetua > 0 && `; ${formatAngka(b.unitsWithoutKetua)} tanpa ketua`}
            </dd>
          </div>
        ))}
      </dl>
      <div className="table-scroll">
        <table className="table">
          <caption>Per kecamatan (terisi/kursi)</caption>
          <thead>
            <tr>
              <th scope="col">Kecamatan</th>
              <th scope="col">Korwil</th>
              {BODIES.map((b) => (
                <th scope="col" key={b}>
                  {BODY_LABEL[b]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.kecamatan.map((k) => (
              <tr key={k.code}>
                <th scope="row">{k.name}</th>
                <td>{k.korwilName ?? '–'}</td>
                {BODIES.map((b) => (
                  <td key={b} className={k[b].filled < k[b].seats ? 'warn' : undefined}>
                    {fill(k[b])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ImportRoster({ onImported }: { onImported: () => void }) {
  const [csv, setCsv] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CsvImportData | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(undefined);
    const r = await api.importRoster({ csv, dryRun });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      setResult(undefined);
      return;
    }
    setResult(r.data);
    if (!dryRun && r.data.created > 0) onImported();
  };
  return (
    <section className="panel" aria-labelledby="impor">
      <h2 id="impor">Impor dari CSV</h2>
      <p className="hint">
        Baris pertama: <code>{ROSTER_COLUMNS.join(',')}</code>. Wilayah: kode kecamatan untuk PPK,
        kode desa untuk yang lain; TPS hanya untuk KPPS dan Pantarlih. Seluruh berkas disimpan atau
        tidak sama sekali.
      </p>
      <div className="field">
        <label htmlFor="berkas-roster">Berkas CSV</label>
        <input
          id="berkas-roster"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file !== undefined) void file.text().then(setCsv);
          }}
        />
      </div>
      <p className="small">
        {csv === ''
          ? 'Belum ada berkas.'
          : `${formatAngka(csv.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1)} baris data dibaca.`}
      </p>
      <p>
        <button
          type="button"
          className="button"
          disabled={busy || csv === ''}
          onClick={() => void run(true)}
        >
          Periksa
        </button>{' '}
        <button
          type="button"
          className="button button-primary"
          disabled={busy || csv === ''}
          onClick={() => void run(false)}
        >
          {busy ? 'Memproses…' : 'Impor'}
        </button>
      </p>
      {error !== undefined && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {result !== undefined && <ImportReport result={result} />}
    </section>
  );
}

export function ImportReport({ result }: { result: CsvImportData }) {
  if (result.errors.length > 0) {
    return (
      <div className="alert alert-error" role="alert">
        <p>
          {formatAngka(result.errors.length)} kesalahan; tidak ada yang disimpan. Perbaiki berkas
          lalu impor kembali.
        </p>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Baris</th>
                <th scope="col">Kolom</th>
                <th scope="col">Kesalahan</th>
              </tr>
            </thead>
            <tbody>
              {result.errors.slice(0, 200).map((e, i) => (
                <tr key={`${String(e.line)}-${String(i)}`}>
                  <td>{e.line}</td>
                  <td>{e.field ?? '–'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    );
  }
  return (
    <p className="notice" role="status">
      {result.dryRun
        ? `Berkas benar: ${formatAngka(result.rows)} baris siap diimpor.`
        : `${formatAngka(result.created)} orang tersimpan.`}
    </p>
  );
}

function Members({
  body,
  code,
  accounts,
  onChange,
}: {
  body: Body;
  code: string;
  accounts: boolean;
  onChange: () => void;
}) {
  const list = useApi((signal) => api.roster(body, code, signal), `${body}|${code}`);
  const [created, setCreated] = useState<RosterAccountData | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const give = async (m: RosterMemberData) => {
    const suggestion = `${body}.${m.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.|\.$/g, '')}`.slice(0, 50);
    const username = window.prompt(`Username untuk ${m.name}:`, suggestion);
    if (username === null) return;
    const r = await api.giveAccount(m.id, username.trim());
    if (r.ok) {
      setCreated(r.data);
      setError(undefined);
      list.reload();
      onChange();
    } else setError(r.error.message);
  };
  return (
    <Async state={list}>
      {(members) => (
        <>
          {error !== undefined && (
            <p className="alert alert-error" role="alert">
              {error}
            </p>
          )}
          {created !== undefined && (
            <div className="otp-panel" role="status">
              <p>
                Akun <strong>{created.username}</strong> untuk {created.member.name} dibuat. Kata
                sandi sekali pakai (tampil sekali):{' '}
                <code className="otp">{created.oneTimePassword}</code>
              </p>
            </div>
          )}
          <p className="small">
            {formatAngka(members.length)} orang {BODY_LABEL[body]}
          </p>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Wilayah</th>
                  <th scope="col">Jabatan</th>
                  <th scope="col">Nama</th>
                  <th scope="col">NIK</th>
                  <th scope="col">Telepon</th>
                  <th scope="col">Dilantik</th>
                  <th scope="col">Akun</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <td>
                      {m.regionName}
                      {m.tpsNumber !== null && ` TPS ${String(m.tpsNumber).padStart(3, '0')}`}
                    </td>
                    <td>{POSITION_LABEL[m.position]}</td>
                    <td>{m.name}</td>
                    <td className="code">{m.nikMasked}</td>
                    <td>{m.phone ?? '–'}</td>
                    <td>{m.swornInOn === null ? '–' : formatTanggal(m.swornInOn)}</td>
                    <td>
                      {m.username ??
                        (accounts ? (
                          <button
                            type="button"
                            className="button button-small"
                            onClick={() => void give(m)}
                            aria-label={`Buat akun untuk ${m.name}`}
                          >
                            Buat akun
                          </button>
                        ) : (
                          '–'
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Async>
  );
}
