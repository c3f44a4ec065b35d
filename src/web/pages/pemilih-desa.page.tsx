/**
 * A desa's voter lists: DPS versions (compiled by the PPS), comments on the
 * DPS (recorded by the PPS or sent on the public page, with their source;
 * resolved here), the DPT (fixed by the KPU once every comment
 * is resolved), and the recap per TPS (men/women/total, XLSX and print).
 */
import { useState, type SubmitEvent } from 'react';
import { formatAngka, formatTanggal } from '../../domain/common/format.ts';
import { api, type ApiError, type DesaListsData } from '../api.ts';
import { Async, LoadError } from '../components.tsx';
import { Link } from '../router.tsx';
import { canOn, useMe } from '../session.ts';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';
import { progressPath } from './pemilih.page.tsx';

const KIND_LABEL = {
  tidak_memenuhi_syarat: 'Ada yang tidak memenuhi syarat',
  belum_terdaftar: 'Ada yang belum terdaftar',
  perbaikan_data: 'Perbaikan data',
} as const;

export function PemilihDesaPage({ code }: { code: string }) {
  const lists = useApi((signal) => api.desaLists(code, signal), code);
  useTitle(lists.data === undefined ? 'DPS dan DPT' : `DPS dan DPT ${lists.data.desaName}`);
  return <Async state={lists}>{(d) => <DesaView data={d} reload={lists.reload} />}</Async>;
}

function DesaView({ data, reload }: { data: DesaListsData; reload: () => void }) {
  const me = useMe();
  const target = { regionCode: data.desaCode, korwilId: null };
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const compile = async (kind: 'dps' | 'dpt') => {
    setBusy(true);
    setError(null);
    const r = await api.compileList(data.desaCode, kind);
    setBusy(false);
    if (r.ok) reload();
    else setError(r.error);
  };
  const latest = (kind: 'dps' | 'dpt') => data.lists.find((l) => l.kind === kind);
  return (
    <>
      <p className="breadcrumb">
        <Link to={progressPath(data.desaCode)}>Kemajuan coklit {data.desaName}</Link>
      </p>
      <h1>DPS dan DPT {data.desaName}</h1>
      <div className="cards">
        {(['dps', 'dpt'] as const).map((kind) => {
          const l = latest(kind);
          return (
            <section key={kind} className="card" data-testid={`list-${kind}`}>
              <h2>{kind.toUpperCase()}</h2>
              {l === undefined ? (
                <p className="muted">Belum disusun.</p>
              ) : (
                <p>
                  Versi {l.version}: {formatAngka(l.total)} pemilih ({formatAngka(l.men)} laki-laki,{' '}
                  {formatAngka(l.women)} perempuan), {formatTanggal(l.compiledAt.slice(0, 10))} oleh{' '}
                  {l.compiledBy ?? '—'}
                </p>
              )}
              {canOn(me, kind === 'dps' ? 'dps.compile' : 'dpt.fix', target) && (
                <button
                  type="button"
                  className="button button-primary"
                  disabled={busy}
                  onClick={() => void compile(kind)}
                >
                  {kind === 'dps' ? 'Susun DPS dari hasil coklit' : 'Tetapkan DPT'}
                </button>
              )}
            </section>
          );
        })}
      </div>
      {error !== null && <LoadError error={error} />}
      <Tanggapan data={data} reload={reload} canWrite={canOn(me, 'dps.compile', target)} />
      <RecapSection code={data.desaCode} version={data.lists.length} />
    </>
  );
}

function Tanggapan({
  data,
  reload,
  canWrite,
}: {
  data: DesaListsData;
  reload: () => void;
  canWrite: boolean;
}) {
  const [kind, setKind] = useState<keyof typeof KIND_LABEL>('belum_terdaftar');
  const [description, setDescription] = useState('');
  const [submitter, setSubmitter] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const add = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    const r = await api.addTanggapan({
      desaCode: data.desaCode,
      kind,
      description,
      ...(submitter.trim() === '' ? {} : { submitterName: submitter.trim() }),
    });
    if (r.ok) {
      setDescription('');
      setSubmitter('');
      reload();
    } else setError(r.error);
  };
  const resolve = async (id: number, status: 'diterima' | 'ditolak') => {
    const resolution = window.prompt('Tindak lanjut tanggapan ini:');
    if (resolution === null) return;
    const r = await api.resolveTanggapan(id, status, resolution);
    if (r.ok) reload();
    else setError(r.error);
  };
  return (
    <section className="panel">
      <h2>Tanggapan masyarakat atas DPS</h2>
      {data.tanggapan.length === 0 ? (
        <p className="muted">Belum ada tanggapan.</p>
      ) : (
        <ul className="plain">
          {data.tanggapan.map((t) => (
            <li key={t.id} className="card" data-testid={`tanggapan-${String(t.id)}`}>
              <span className="badge">
                {t.source === 'publik' ? 'Dari masyarakat (daring)' : 'Dicatat PPS'}
              </span>{' '}
              <strong>{KIND_LABEL[t.kind as keyof typeof KIND_LABEL]}</strong> — {t.description}
              {t.submitterName !== null && <> (dari {t.submitterName})</>}
              {t.submitterContact !== null && <> · kontak {t.submitterContact}</>}{' '}
              <span className="badge">{t.status}</span>
              {t.resolution !== null && <div className="muted small">{t.resolution}</div>}
              {canWrite && t.status === 'terbuka' && (
                <div>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => void resolve(t.id, 'diterima')}
                  >
                    Terima
                  </button>{' '}
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => void resolve(t.id, 'ditolak')}
                  >
                    Tolak
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <form onSubmit={(e) => void add(e)}>
          <div className="field">
            <label htmlFor="tg-kind">Jenis</label>
            <select
              id="tg-kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as keyof typeof KIND_LABEL)}
            >
              {Object.entries(KIND_LABEL).map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="tg-desc">Isi tanggapan</label>
            <textarea
              id="tg-desc"
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="tg-from">Nama penyampai (opsional)</label>
            <input id="tg-from" value={submitter} onChange={(e) => setSubmitter(e.target.value)} />
          </div>
          {error !== null && <LoadError error={error} />}
          <button type="submit" className="button">
            Catat tanggapan
          </button>
        </form>
      )}
    </section>
  );
}

function RecapSection({ code, version }: { code: string; version: number }) {
  const [kind, setKind] = useState<'dps' | 'dpt'>('dps');
  const recap = useApi(
    (signal) => api.voterRecap(code, kind, signal),
    `${code}|${kind}|${String(version)}`,
  );
  return (
    <section className="panel print-area">
      <h2>Rekap {kind.toUpperCase()} per TPS</h2>
      <p className="stage-actions">
        <select
          aria-label="Daftar"
          value={kind}
          onChange={(e) => setKind(e.target.value as 'dps' | 'dpt')}
        >
          <option value="dps">DPS</option>
          <option value="dpt">DPT</option>
        </select>{' '}
        <a
          className="button"
          href={`/api/voters/recap?code=${encodeURIComponent(code)}&kind=${kind}&format=xlsx`}
          download
        >
          Unduh XLSX
        </a>{' '}
        <button type="button" className="button" onClick={() => window.print()}>
          Cetak
        </button>
      </p>
      <Async state={recap}>
        {(r) => (
          <table className="table" data-testid="recap-table">
            <thead>
              <tr>
                <th>TPS</th>
                <th>Laki-laki</th>
                <th>Perempuan</th>
                <th>Jumlah</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((x) => (
                <tr key={x.code}>
                  <td>{x.name}</td>
                  <td>{formatAngka(x.men)}</td>
                  <td>{formatAngka(x.women)}</td>
                  <td>{formatAngka(x.total)}</td>
                </tr>
              ))}
              <tr>
                <th>Jumlah</th>
                <th>{formatAngka(r.total.men)}</th>
                <th>{formatAngka(r.total.women)}</th>
                <th>{formatAngka(r.total.total)}</th>
              </tr>
            </tbody>
          </table>
        )}
      </Async>
    </section>
  );
}
