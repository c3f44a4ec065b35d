/** A voter's lineage: the DP4 row, every coklit record with who/when/why, the lists. */
import { useState } from 'react';
import { api, type ApiError } from '../api.ts';
import { Async, LoadError } from '../components.tsx';
import { useApi } from '../use-api.ts';
import { useTitle } from '../use-title.ts';

const WIB = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  dateStyle: 'long',
  timeStyle: 'short',
});

export function PemilihRiwayatPage({ id }: { id: number }) {
  const lineage = useApi((signal) => api.lineage(id, signal), String(id));
  const [full, setFull] = useState<{ nik: string; nkk: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useTitle('Riwayat pemilih');
  const unmask = async () => {
    const reason = window.prompt('Alasan membuka NIK/NKK lengkap (tercatat di jejak audit):');
    if (reason === null) return;
    const r = await api.unmask(id, reason);
    if (r.ok) setFull(r.data);
    else setError(r.error);
  };
  return (
    <Async state={lineage}>
      {(l) => (
        <>
          <h1>Riwayat {l.voter.name}</h1>
          <p>
            NIK {full?.nik ?? l.voter.nik} · NKK {full?.nkk ?? l.voter.nkk}{' '}
            {full === null && (
              <button type="button" className="button button-small" onClick={() => void unmask()}>
                Buka NIK lengkap
              </button>
            )}
          </p>
          {error !== null && <LoadError error={error} />}
          <ol className="timeline" data-testid="lineage">
            {l.entries.map((e, i) => (
              <li key={i} className="history-item">
                <strong>{e.label}</strong>
                <div className="muted small">
                  {e.at === '' ? '' : WIB.format(new Date(e.at))} · {e.by ?? '—'}
                  {e.evidence !== null && <> · {e.evidence}</>}
                </div>
                {e.reason !== null && <div>Alasan: {e.reason}</div>}
                {e.changes.length > 0 && (
                  <ul>
                    {e.changes.map((c) => (
                      <li key={c.field}>
                        {c.field}: {c.old ?? '—'} → {c.new ?? '—'}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </Async>
  );
}
