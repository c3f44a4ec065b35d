/**
 * DP4 import for the KPU operator: choose a CSV/XLSX file, check it (uji
 * coba, nothing stored) or import it, with a progress bar; rejected rows are
 * listed and downloadable as CSV (line, column, reason).
 */
import { useState } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import { DP4_COLUMNS } from '../../domain/voters/dp4.ts';
import { api, uploadDp4, type ApiError, type ImportSummaryData } from '../api.ts';
import { Async, Forbidden, LoadError } from '../components.tsx';
import { can, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

export function PemilihImporPage() {
  useTitle('Impor DP4');
  const me = useMe();
  const imports = useApi((signal) => api.voterImports(signal));
  const [file, setFile] = useState<File | null>(null);
  const [share, setShare] = useState<number | null>(null);
  const [result, setResult] = useState<ImportSummaryData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  if (!can(me, 'voter.import')) {
    return <Forbidden message="Hanya operator KPU dan admin yang dapat mengimpor DP4." />;
  }
  const busy = share !== null;
  const run = async (dryRun: boolean) => {
    if (file === null) {
      setError({ code: 'voters.no_file', message: 'Pilih berkas DP4 lebih dulu.' });
      return;
    }
    setError(null);
    setResult(null);
    setShare(0);
    const r = await uploadDp4(file, file.name, dryRun, setShare);
    setShare(null);
    if (r.ok) {
      setResult(r.data);
      imports.reload();
    } else setError(r.error);
  };
  return (
    <>
      <h1>Impor DP4</h1>
      <p className="lead">
        Unggah DP4 dari Dukcapil dalam format CSV (UTF-8, koma atau titik koma) atau XLSX. Setiap
        baris diperiksa: NIK, NKK, umur pada hari pemungutan suara, NIK ganda, desa dan TPS. Impor
        menyimpan semua baris yang sah sekaligus, atau tidak sama sekali.
      </p>
      <details className="details">
        <summary>Kolom yang diharapkan</summary>
        <p className="code">{DP4_COLUMNS.join(', ')}</p>
      </details>
      <div className="panel">
        <div className="field">
          <label htmlFor="dp4-file">Berkas DP4</label>
          <input
            id="dp4-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <p className="stage-actions">
          <button type="button" className="button" disabled={busy} onClick={() => void run(true)}>
            Periksa saja (uji coba)
          </button>{' '}
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void run(false)}
          >
            Impor
          </button>
        </p>
        {share !== null && (
          <div role="status" aria-live="polite">
            <progress max={1} value={share} aria-label="Kemajuan unggah dan pemeriksaan" />{' '}
            {share < 1
              ? `${String(Math.floor(share * 100))} % terkirim dan diperiksa`
              : 'Menyelesaikan pemeriksaan…'}
          </div>
        )}
        {error !== null && <LoadError error={error} />}
      </div>
      {result !== null && <ImportResult summary={result} />}
      <h2>Impor sebelumnya</h2>
      <Async state={imports}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">Belum ada impor.</p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Berkas</th>
                    <th>Jenis</th>
                    <th>Dibaca</th>
                    <th>Diterima</th>
                    <th>Ditolak</th>
                    <th>Oleh</th>
                    <th>Laporan</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((i) => (
                    <tr key={i.id}>
                      <td>{i.id}</td>
                      <td>{i.fileName}</td>
                      <td>{i.dryRun ? 'Uji coba' : 'Impor'}</td>
                      <td>{formatAngka(i.rowsRead)}</td>
                      <td>{formatAngka(i.rowsAccepted)}</td>
                      <td>{formatAngka(i.rowsRejected)}</td>
                      <td>{i.byUsername ?? '—'}</td>
                      <td>
                        {i.rowsRejected > 0 && (
                          <a href={`/api/voters/imports/${String(i.id)}/rejections`} download>
                            CSV penolakan
                          </a>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
    </>
  );
}

function ImportResult({ summary }: { summary: ImportSummaryData }) {
  return (
    <section className="panel" aria-labelledby="hasil-impor" data-testid="import-result">
      <h2 id="hasil-impor">
        {summary.dryRun ? 'Hasil uji coba (tidak disimpan)' : 'Impor selesai'}
      </h2>
      <p>
        {formatAngka(summary.rowsRead)} baris dibaca, {formatAngka(summary.rowsAccepted)}{' '}
        {summary.dryRun ? 'sah' : 'disimpan'}, {formatAngka(summary.rowsRejected)} ditolak.
      </p>
      {summary.rowsRejected > 0 && (
        <>
          <p>
            <a
              className="button"
              href={`/api/voters/imports/${String(summary.id)}/rejections`}
              download
            >
              Unduh laporan baris yang ditolak (CSV)
            </a>
          </p>
          <div className="table-scroll">
            <table className="table">
              <caption className="table-title">
                {summary.rejections.length < summary.rowsRejected
                  ? `${String(summary.rejections.length)} penolakan pertama`
                  : 'Baris yang ditolak'}
              </caption>
              <thead>
                <tr>
                  <th>Baris</th>
                  <th>Kolom</th>
                  <th>Alasan</th>
                </tr>
              </thead>
              <tbody>
                {summary.rejections.map((r, i) => (
                  <tr key={`${String(r.line)}-${r.field}-${String(i)}`}>
                    <td>{r.line}</td>
                    <td>{r.field}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
