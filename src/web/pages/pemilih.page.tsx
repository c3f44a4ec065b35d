/**
 * Coklit progress: a region (regency, Korwil, kecamatan, desa) and its
 * children — visited %, MS, U, TMS per code, new voters, on the list (men /
 * women) — with flags for implausible patterns and, for a desa or kecamatan,
 * each Pantarlih's work. A desa links to its DPS/DPT.
 */
import { useState, type SubmitEvent } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import { TMS_LABEL } from '../../domain/voters/coklit.ts';
import { api, downloads, type ApiError, type ProgressData } from '../api.ts';
import { Async, LoadError } from '../components.tsx';
import { Link, useSearchParam } from '../router.tsx';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { can, useMe } from '../session.ts';
import { formatWaktuWib, placeName } from '../labels.ts';

export function progressPath(code: string): string {
  return `/pemilih?kode=${encodeURIComponent(code)}`;
}

function tmsTotal(c: ProgressData['counts']): number {
  return Object.values(c.tms).reduce((a, b) => a + b, 0);
}

export function PemilihPage() {
  const me = useMe();
  const settings = useApi((signal) => api.settings(signal));
  const asked = useSearchParam('kode');
  const own = me.grants.find((g) => g.scopeKind !== 'tps')?.scopeRef;
  const ownCode =
    own === undefined || own === '' ? undefined : /^\d+$/.test(own) ? `korwil:${own}` : own;
  const code = asked ?? ownCode ?? settings.data?.regencyCode ?? undefined;
  useTitle('Kemajuan coklit');
  return (
    <>
      <h1>Data pemilih: kemajuan coklit</h1>
      <p className="stage-actions">
        {can(me, 'voter.import') && <Link to="/pemilih/impor">Impor DP4</Link>}{' '}
        <Link to="/cek-dpt">Cek DPT</Link>{' '}
        {code !== undefined && !code.startsWith('korwil:') && (
          <a className="button button-small" href={downloads.coklitXlsx(code)} download>
            Unduh coklit per desa (Excel)
          </a>
        )}
      </p>
      {can(me, 'coklit.window') && <ReopenCoklit />}
      {code === undefined ? (
        <Async state={settings}>{() => <p className="muted">Kabupaten belum disiapkan.</p>}</Async>
      ) : (
        <ProgressView code={code} />
      )}
    </>
  );
}

function ProgressView({ code }: { code: string }) {
  const progress = useApi((signal) => api.voterProgress(code, signal), code);
  return (
    <Async state={progress}>
      {(p) => (
        <>
          <h2>{placeName(p.level, p.name)}</h2>
          {p.level === 'desa' && (
            <p>
              <Link to={`/pemilih/desa/${p.code}`}>DPS, DPT, tanggapan dan rekap desa ini</Link>
            </p>
          )}
          <dl className="counts" data-testid="progress-counts">
            <Count label="DP4" value={p.counts.dp4} />
            <Count
              label={`Dicoklit (${String(p.counts.visitedPct).replace('.', ',')} %)`}
              value={p.counts.visited}
            />
            <Count label="MS" value={p.counts.ms} />
            <Count label="U (data diubah)" value={p.counts.u} />
            <Count label="TMS" value={tmsTotal(p.counts)} />
            <Count label="Pemilih baru" value={p.counts.baru} />
            <Count label="Dalam daftar" value={p.counts.listed} />
            <Count label="Rumah tangga berstiker" value={p.counts.households} />
            <Count label="Rumah tangga berfoto" value={p.counts.householdsWithPhoto} />
          </dl>
          {Object.keys(p.counts.tms).length > 0 && (
            <p className="small">
              TMS per kode:{' '}
              {Object.entries(p.counts.tms)
                .map(
                  ([c, n]) =>
                    `${c} (${TMS_LABEL[Number(c) as keyof typeof TMS_LABEL]}) ${formatAngka(n)}`,
                )
                .join('; ')}
            </p>
          )}
          {p.flags.length > 0 && (
            <div className="alert alert-warning" role="alert">
              <p>
                <strong>Pola tidak wajar:</strong>
              </p>
              <ul>
                {p.flags.map((f, i) => (
                  <li key={i}>{f.message}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="table-scroll">
            <table className="table" data-testid="progress-table">
              <thead>
                <tr>
                  <th>Wilayah</th>
                  <th>DP4</th>
                  <th>Dicoklit</th>
                  <th>MS</th>
                  <th>U</th>
                  <th>TMS</th>
                  <th>Baru</th>
                  <th>Daftar L</th>
                  <th>Daftar P</th>
                  <th>Daftar</th>
                  <th>Rumah berstiker</th>
                  <th>Rumah berfoto</th>
                </tr>
              </thead>
              <tbody>
                {p.children.map((c) => (
                  <tr key={c.code}>
                    <td>
                      {c.code.startsWith('tps:') ? (
                        <Link to={`/coklit/${c.code.slice(4)}`}>{c.name}</Link>
                      ) : (
                        <Link to={progressPath(c.code)}>{c.name}</Link>
                      )}
                    </td>
                    <td>{formatAngka(c.counts.dp4)}</td>
                    <td>
                      {formatAngka(c.counts.visited)} (
                      {String(c.counts.visitedPct).replace('.', ',')} %)
                    </td>
                    <td>{formatAngka(c.counts.ms)}</td>
                    <td>{formatAngka(c.counts.u)}</td>
                    <td>{formatAngka(tmsTotal(c.counts))}</td>
                    <td>{formatAngka(c.counts.baru)}</td>
                    <td>{formatAngka(c.counts.listedMen)}</td>
                    <td>{formatAngka(c.counts.listedWomen)}</td>
                    <td>{formatAngka(c.counts.listed)}</td>
                    <td>{formatAngka(c.counts.households)}</td>
                    <td>{formatAngka(c.counts.householdsWithPhoto)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {p.officers.length > 0 && <OfficerTable officers={p.officers} />}
        </>
      )}
    </Async>
  );
}

/** Each Pantarlih's work in the region; an implausible burst is marked. */
function OfficerTable({ officers }: { officers: ProgressData['officers'] }) {
  return (
    <>
      <h3>Aktivitas Pantarlih</h3>
      <div className="table-scroll">
        <table className="table" data-testid="officer-table">
          <thead>
            <tr>
              <th>Petugas</th>
              <th>Catatan coklit</th>
              <th>Rumah tangga</th>
              <th>Terpadat (10 menit)</th>
              <th>Pertama</th>
              <th>Terakhir</th>
            </tr>
          </thead>
          <tbody>
            {officers.map((o) => (
              <tr key={o.officer}>
                <td>{o.officer}</td>
                <td>{formatAngka(o.records)}</td>
                <td>{formatAngka(o.households)}</td>
                <td>
                  {formatAngka(o.busiest)} rumah tangga
                  {o.flagged && <strong className="badge badge-tidak-wajar">tidak wajar</strong>}
                </td>
                <td>{formatWaktuWib(o.firstAt)} WIB</td>
                <td>{formatWaktuWib(o.lastAt)} WIB</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div className="count">
      <dt>{label}</dt>
      <dd>{formatAngka(value)}</dd>
    </div>
  );
}

/** Admin: the coklit window, and reopening it until a date with a reason (audited). */
function ReopenCoklit() {
  const state = useApi((signal) => api.coklitWindow(signal));
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    const r = await api.reopenCoklit(reason, until);
    if (r.ok) state.reload();
    else setError(r.error);
  };
  return (
    <details className="details panel">
      <summary>Masa coklit: {state.data?.message ?? '…'}</summary>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="reopen-reason">Alasan membuka kembali</label>
          <input id="reopen-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="reopen-until">Sampai tanggal</label>
          <input
            id="reopen-until"
            type="date"
            value={until}
            onChange={(e) => setUntil(e.target.value)}
          />
        </div>
        {error !== null && <LoadError error={error} />}
        <button type="submit" className="button">
          Buka kembali masa coklit
        </button>
      </form>
    </details>
  );
}
