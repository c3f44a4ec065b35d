/**
 * The queue in the header of every page while something is queued: "3
 * menunggu dikirim", "Kirim sekarang", what needs fixing, and "Masuk lagi
 * untuk mengirim" after the session has ended. Also says when the device is
 * offline.
 */
import { useSyncExternalStore } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import { currentLocation, Link, signInPath } from '../router.tsx';
import { sendQueue, useQueueCounts } from './queue.ts';

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
}

export function QueueBar({ signedIn }: { signedIn: boolean }) {
  const counts = useQueueCounts();
  const online = useOnline();
  if (counts.pending === 0 && counts.attention === 0 && online) return null;
  return (
    <div className="queue-bar" role="status" aria-live="polite" data-testid="queue-bar">
      <div className="wrap queue-bar-inner">
        {!online && <span className="badge badge-offline">Tanpa sinyal</span>}
        {counts.pending > 0 && (
          <span data-testid="queue-pending">
            <strong>{formatAngka(counts.pending)}</strong> menunggu dikirim
          </span>
        )}
        {counts.attention > 0 && (
          <span className="queue-attention">
            <strong>{formatAngka(counts.attention)}</strong> perlu diperbaiki
          </span>
        )}
        {counts.pending === 0 && counts.attention === 0 && (
          <span>Isian disimpan di perangkat dan dikirim saat ada sinyal.</span>
        )}
        {(counts.paused > 0 || (!signedIn && counts.pending > 0)) && (
          <Link to={signInPath(currentLocation())} className="button button-small">
            Masuk lagi untuk mengirim
          </Link>
        )}
        {signedIn && counts.pending > counts.paused && (
          <button
            type="button"
            className="button button-small"
            onClick={() => void sendQueue({ force: true })}
          >
            Kirim sekarang
          </button>
        )}
        {(counts.pending > 0 || counts.attention > 0) && <Link to="/antrean">Lihat antrean</Link>}
      </div>
    </div>
  );
}
