/**
 * The device's queue of unsent field submissions (/antrean): what waits,
 * what the server refused and why, with "Kirim sekarang", "Perbaiki",
 * "Kirim lagi" and "Buang" (after confirming). Nothing leaves the queue
 * unless the server took it or the officer discarded it.
 */
import { useState } from 'react';
import { formatAngka } from '../../domain/common/format.ts';
import { ConfirmDialog } from '../components.tsx';
import { formatWaktuWib } from '../labels.ts';
import { Link } from '../router.tsx';
import { useOnline } from '../offline/queue-bar.tsx';
import type { QueueState } from '../offline/queue-core.ts';
import {
  discard,
  retryItem,
  sendQueue,
  useQueue,
  useQueueCounts,
  type QueueItem,
} from '../offline/queue.ts';
import { useTitle } from '../use-title.ts';

const STATE_LABEL: Record<QueueState, string> = {
  waiting: 'Menunggu dikirim',
  sending: 'Sedang dikirim…',
  paused: 'Menunggu Anda masuk lagi',
  attention: 'Ditolak server — perlu diperbaiki',
};

const KIND_LABEL: Record<QueueItem['kind'], string> = {
  chasil: 'C.Hasil',
  problem: 'Laporan masalah',
  coklit: 'Coklit',
};

export function AntreanPage() {
  useTitle('Antrean kiriman');
  const items = useQueue();
  const counts = useQueueCounts();
  const online = useOnline();
  const [discarding, setDiscarding] = useState<QueueItem | undefined>(undefined);
  return (
    <div className="narrow">
      <h1>Antrean kiriman</h1>
      <p className="lead">
        Isian yang dibuat tanpa sinyal disimpan di perangkat ini dan dikirim otomatis saat koneksi
        kembali. Setiap isian hanya tercatat sekali di server, walau terkirim ulang.
      </p>
      {items.length === 0 ? (
        <p className="notice" data-testid="queue-empty">
          Semua isian sudah terkirim. Tidak ada yang menunggu.
        </p>
      ) : (
        <>
          <p>
            {formatAngka(counts.pending)} menunggu dikirim
            {counts.attention > 0 && <> · {formatAngka(counts.attention)} perlu diperbaiki</>}
            {!online && <> · perangkat sedang tanpa sinyal</>}
          </p>
          <p>
            <button
              type="button"
              className="button button-primary"
              onClick={() => void sendQueue({ force: true })}
            >
              Kirim sekarang
            </button>
          </p>
          <ul className="queue-list" aria-label="Isian dalam antrean">
            {items.map((item) => (
              <li key={item.clientId} className="panel" data-testid="queue-item">
                <p>
                  <strong>
                    {KIND_LABEL[item.kind]}: {item.label}
                  </strong>
                </p>
                <p className="small">
                  Dibuat {formatWaktuWib(new Date(item.createdAt).toISOString())} WIB ·{' '}
                  <span className={`badge badge-queue-${item.state}`}>
                    {STATE_LABEL[item.state]}
                  </span>
                  {item.delivered && item.photos.length > 0 && (
                    <> · isian diterima, {formatAngka(item.photos.length)} foto belum terkirim</>
                  )}
                  {item.attempts > 0 && <> · percobaan {formatAngka(item.attempts)}</>}
                </p>
                {item.lastError !== null && (
                  <p
                    className={item.state === 'attention' ? 'alert alert-error' : 'muted'}
                    role={item.state === 'attention' ? 'alert' : undefined}
                  >
                    {item.lastError.message}
                  </p>
                )}
                <div className="dialog-actions">
                  {item.state === 'attention' && (
                    <>
                      {!item.delivered && (
                        <Link
                          className="button button-small"
                          to={`${item.link}?antrean=${encodeURIComponent(item.clientId)}`}
                        >
                          Perbaiki
                        </Link>
                      )}
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => void retryItem(item.clientId)}
                      >
                        Kirim lagi
                      </button>
                    </>
                  )}
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => setDiscarding(item)}
                  >
                    Buang
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {discarding !== undefined && (
        <ConfirmDialog
          title="Buang isian ini?"
          confirmLabel="Buang"
          busyLabel="Membuang…"
          action={async () => {
            await discard(discarding.clientId);
            return { ok: true, data: undefined };
          }}
          onDone={() => setDiscarding(undefined)}
          onClose={() => setDiscarding(undefined)}
        >
          <p>
            {KIND_LABEL[discarding.kind]} <strong>{discarding.label}</strong> akan dihapus dari
            perangkat ini dan <strong>tidak akan dikirim</strong>. Tindakan ini tidak dapat
            dibatalkan.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
