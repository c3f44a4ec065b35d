/**
 * ASN at their TPS: the recap per office and per kecamatan for the Bupati,
 * and the register's CSV import for the desk's secretariat.
 */
import { useState } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import { api, type CsvImportData } from '../api.ts';
import { Async, Forbidden } from '../components.tsx';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { ImportReport } from './badan-adhoc.page.tsx';

const pct = (voted: number, registered: number) =>
  registered === 0 ? '–' : `${String(Math.round((voted / registered) * 100))}%`;

export function AsnPage() {
  useTitle('ASN di TPS');
  const me = useMe();
  const recap = useApi((signal) => api.asnRecap(signal));
  if (!can(me, 'asn.read'))
    return (
      <>
        <h1>ASN di TPS</h1>
        <Forbidden message="Rekap ASN untuk Bupati dan Desk Pilkada." />
      </>
    );
  return (
    <>
      <h1>Kehadiran ASN di TPS</h1>
      <p className="lead">
        ASN wajib memilih di TPS tempatnya terdaftar; kehadiran dicatat KPPS pada hari pemungutan
        suara.
      </p>
      <Async state={recap}>
        {(r) => (
          <>
            <dl className="counts">
              <div className="count">
                <dt>ASN terdaftar</dt>
                <dd>{formatAngka(r.total.registered)}</dd>
              </div>
              <div className="count">
                <dt>Sudah memilih</dt>
                <dd>
                  {formatAngka(r.total.voted)} ({pct(r.total.voted, r.total.registered)})
                </dd>
              </div>
            </dl>
            <Table
              title="Per perangkat daerah"
              rows={r.byOffice.map((o) => ({ key: o.office, name: o.office, ...o }))}
            />
            <Table title="Per kecamatan" rows={r.byKecamatan.map((k) => ({ key: k.code, ...k }))} />
          </>
        )}
      </Async>
      {can(me, 'asn.manage') && <ImportAsn onImported={recap.reload} />}
    </>
  );
}

function Table({
  title,
  rows,
}: {
  title: string;
  rows: { key: string; name: string; registered: number; voted: number }[];
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Nama</th>
            <th scope="col">Terdaftar</th>
            <th scope="col">Sudah memilih</th>
            <th scope="col">Persen</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.name}</th>
              <td>{formatAngka(r.registered)}</td>
              <td>{formatAngka(r.voted)}</td>
              <td>{pct(r.voted, r.registered)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportAsn({ onImported }: { onImported: () => void }) {
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<CsvImportData | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const run = async (dryRun: boolean) => {
    const r = await api.importAsn({ csv, dryRun });
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(undefined);
    setResult(r.data);
    if (!dryRun && r.data.created > 0) onImported();
  };
  return (
    <section className="panel" aria-labelledby="impor-asn">
      <h2 id="impor-asn">Impor daftar ASN</h2>
      <p className="hint">
        Baris pertama: <code>nip,nama,instansi,wilayah,tps</code> (wilayah = kode desa tempat TPS).
      </p>
      <div className="field">
        <label htmlFor="berkas-asn">Berkas CSV</label>
        <input
          id="berkas-asn"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file !== undefined) void file.text().then(setCsv);
          }}
        />
      </div>
      <p>
        <button
          type="button"
          className="button"
          disabled={csv === ''}
          onClick={() => void run(true)}
        >
          Periksa
        </button>{' '}
        <button
          type="button"
          className="button button-primary"
          disabled={csv === ''}
          onClick={() => void run(false)}
        >
          Impor
        </button>
      </p>
      {error !== undefined && <p className="alert alert-error">{error}</p>}
      {result !== undefined && <ImportReport result={result} />}
    </section>
  );
}

/** Voting day at one TPS: its KPPS ticks the ASN registered there who came to vote. */
export function AsnTpsPage({ tpsId }: { tpsId: number }) {
  useTitle('ASN di TPS');
  const list = useApi((signal) => api.asnAtTps(tpsId, signal), String(tpsId));
  const [error, setError] = useState<string | undefined>(undefined);
  const mark = async (id: number, voted: boolean) => {
    const r = await api.markAsnVoted(id, voted);
    if (r.ok) {
      setError(undefined);
      list.reload();
    } else setError(r.error.message);
  };
  return (
    <>
      <h1>ASN yang terdaftar di TPS ini</h1>
      <p className="lead">Centang ASN yang datang memilih pada hari pemungutan suara.</p>
      {error !== undefined && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <Async state={list}>
        {(people) =>
          people.length === 0 ? (
            <p>Tidak ada ASN yang terdaftar memilih di TPS ini.</p>
          ) : (
            <ul className="plain">
              {people.map((a) => (
                <li key={a.id}>
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={a.votedAt !== null}
                      onChange={(e) => void mark(a.id, e.target.checked)}
                    />{' '}
                    {a.name} — {a.office} <span className="small code">NIP {a.nip}</span>
                  </label>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </>
  );
}
