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
