/**
 * Viewing photos that are evidence (C.Hasil forms, problems, coklit house
 * visits): thumbnails that open a full-screen viewer, and the same stage
 * inline beside the figures on a wide screen. The stage zooms (buttons,
 * pinch with two fingers, the mouse wheel), pans when zoomed (one finger or
 * the mouse) and rotates by quarter turns, since phones often send a form
 * sideways. The images come from scope-checked routes, never public ones.
 */
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type ReactNode,
  type PointerEvent as ReactPointerEvent,
  type WheelEvent as ReactWheelEvent,
} from 'react';
import { formatAngka } from '../domain/common/format.ts';
import { useModalDialog } from './components.tsx';
import './photo-viewer.css';

export interface ViewablePhoto {
  /** The scope-checked route of the image file. */
  readonly src: string;
  /** What the photo is, for its alt text and the viewer's title ("Foto 1 C.Hasil Pilbup TPS 001 …"). */
  readonly label: string;
  /** A line under the thumbnail (size, who uploaded it). */
  readonly caption?: string;
  readonly sha256: string;
}

/** Where a C.Hasil photo is served, for those who may read that TPS's results. */
export function resultPhotoPath(tpsId: number, contestId: number, sha256: string): string {
  return `/api/results/${String(tpsId)}/${String(contestId)}/photos/${sha256}`;
}

/** Where a problem's photo is served, for those who may read that problem. */
export function problemPhotoPath(problemId: number, sha256: string): string {
  return `/api/problems/${String(problemId)}/photos/${sha256}`;
}

/** Where a coklit house photo is served, for those who may read that TPS's voters. */
export function householdPhotoPath(householdId: number, sha256: string): string {
  return `/api/coklit/households/${String(householdId)}/photos/${sha256}`;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 6;
const STEP = 1.5;

const clampZoom = (z: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));

interface View {
  zoom: number;
  /** Quarter turns clockwise, 0–3. */
  turns: number;
  /** Pan, in screen pixels. */
  x: number;
  y: number;
}

const FIT: View = { zoom: 1, turns: 0, x: 0, y: 0 };

/**
 * One photo with zoom, pan and rotate controls. `tall` fills the viewport
 * (the full-screen viewer); otherwise it keeps a bounded height (inline).
 */
export function PhotoStage({ photo, tall = false }: { photo: ViewablePhoto; tall?: boolean }) {
  const [view, setView] = useState<View>(FIT);
  const [failed, setFailed] = useState(false);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ distance: number; zoom: number } | null>(null);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);

  useEffect(() => {
    setView(FIT);
    setFailed(false);
  }, [photo.src]);

  const zoomBy = useCallback((factor: number) => {
    setView((v) => {
      const zoom = clampZoom(v.zoom * factor);
      // Back to fit: recentre.
      return zoom === MIN_ZOOM ? { ...v, zoom, x: 0, y: 0 } : { ...v, zoom };
    });
  }, []);

  const distance = () => {
    const [a, b] = [...pointers.current.values()];
    return a === undefined || b === undefined ? 0 : Math.hypot(a.x - b.x, a.y - b.y);
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    try {
      // Keeps a drag going when the finger leaves the frame.
      e.currentTarget.setPointerCapture(e.pointerId);
    } catch {
      // A pointer the browser no longer tracks: the gesture works without capture.
    }
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 2) {
      pinch.current = { distance: distance(), zoom: view.zoom };
      drag.current = null;
    } else if (pointers.current.size === 1) {
      drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    }
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (!pointers.current.has(e.pointerId)) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const p = pinch.current;
    if (p !== null && pointers.current.size === 2 && p.distance > 0) {
      const zoom = clampZoom((p.zoom * distance()) / p.distance);
      setView((v) => (zoom === MIN_ZOOM ? { ...v, zoom, x: 0, y: 0 } : { ...v, zoom }));
      return;
    }
    const d = drag.current;
    if (d !== null && view.zoom > MIN_ZOOM) {
      setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
    }
  };
  const onPointerEnd = (e: ReactPointerEvent<HTMLDivElement>) => {
    pointers.current.delete(e.pointerId);
    if (pointers.current.size < 2) pinch.current = null;
    if (pointers.current.size === 0) drag.current = null;
  };
  const onWheel = (e: ReactWheelEvent<HTMLDivElement>) => {
    if (!e.ctrlKey && view.zoom === MIN_ZOOM && e.deltaY > 0) return;
    zoomBy(e.deltaY < 0 ? 1.2 : 1 / 1.2);
  };

  const percent = `${formatAngka(Math.round(view.zoom * 100))} %`;
  return (
    <div className={tall ? 'photo-stage photo-stage-tall' : 'photo-stage'}>
      <div className="photo-tools" role="toolbar" aria-label={`Alat foto: ${photo.label}`}>
        <button
          type="button"
          className="button button-small"
          onClick={() => zoomBy(1 / STEP)}
          disabled={view.zoom <= MIN_ZOOM}
        >
          Perkecil
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => zoomBy(STEP)}
          disabled={view.zoom >= MAX_ZOOM}
        >
          Perbesar
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => setView((v) => ({ ...v, turns: (v.turns + 1) % 4, x: 0, y: 0 }))}
        >
          Putar
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => setView(FIT)}
          disabled={view.zoom === MIN_ZOOM && view.turns === 0}
        >
          Pas layar
        </button>
        <span className="photo-zoom muted small" aria-live="polite" data-testid="photo-zoom">
          {percent}
          {view.turns > 0 && ` · diputar ${String(view.turns * 90)}°`}
        </span>
      </div>
      <div
        className="photo-frame"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onWheel={onWheel}
        onDoubleClick={() => zoomBy(view.zoom >= MAX_ZOOM ? 1 / MAX_ZOOM : 2)}
      >
        {failed ? (
          <p className="alert alert-error" role="alert">
            Foto tidak dapat dimuat. Periksa koneksi lalu coba lagi.
          </p>
        ) : (
          <img
            src={photo.src}
            alt={photo.label}
            draggable={false}
            data-testid="photo-image"
            data-zoom={view.zoom}
            data-turns={view.turns}
            onError={() => setFailed(true)}
            style={{
              transform: `translate(${String(view.x)}px, ${String(view.y)}px) scale(${String(view.zoom)}) rotate(${String(view.turns * 90)}deg)`,
            }}
          />
        )}
      </div>
    </div>
  );
}

/** Wide enough for the photo beside the figures (the CSS's breakpoint). */
const WIDE = '(min-width: 960px)';

function useWideScreen(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(WIDE).matches);
  useEffect(() => {
    const query = window.matchMedia(WIDE);
    const change = () => setWide(query.matches);
    query.addEventListener('change', change);
    return () => query.removeEventListener('change', change);
  }, []);
  return wide;
}

/** The full-screen viewer of a set of photos, opened at `index`. */
export function PhotoViewer({
  photos,
  index,
  onClose,
}: {
  photos: readonly ViewablePhoto[];
  index: number;
  onClose: () => void;
}) {
  const ref = useModalDialog(onClose);
  const titleId = useId();
  const [at, setAt] = useState(index);
  const photo = photos[at];
  return (
    <dialog ref={ref} className="photo-viewer" aria-labelledby={titleId}>
      <div className="photo-viewer-head">
        <h2 id={titleId}>
          {photo?.label ?? 'Foto'}
          {photos.length > 1 && (
            <span className="muted small">
              {' '}
              ({at + 1} dari {photos.length})
            </span>
          )}
        </h2>
        <div className="photo-viewer-nav">
          {photos.length > 1 && (
            <>
              <button
                type="button"
                className="button button-small"
                disabled={at === 0}
                onClick={() => setAt((i) => i - 1)}
              >
                Sebelumnya
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={at === photos.length - 1}
                onClick={() => setAt((i) => i + 1)}
              >
                Berikutnya
              </button>
            </>
          )}
          <button
            type="button"
            className="button button-small"
            onClick={() => ref.current?.close()}
          >
            Tutup
          </button>
        </div>
      </div>
      {photo !== undefined && <PhotoStage photo={photo} tall />}
    </dialog>
  );
}

/** Thumbnails that open the viewer; each names what it shows. */
export function PhotoThumbs({
  photos,
  label,
  extra,
}: {
  photos: readonly ViewablePhoto[];
  /** The list's accessible name. */
  label: string;
  /** Something under a thumbnail (e.g. a warning), by photo. */
  extra?: (photo: ViewablePhoto) => ReactNode;
}) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      <ul className="photo-thumbs" aria-label={label}>
        {photos.map((p, i) => (
          <li key={p.sha256}>
            <button
              type="button"
              className="photo-thumb"
              onClick={() => setOpen(i)}
              aria-label={`Buka ${p.label}`}
            >
              <img src={`${p.src}?ukuran=kecil`} alt="" loading="lazy" decoding="async" />
            </button>
            {p.caption !== undefined && <p className="small muted">{p.caption}</p>}
            {extra?.(p)}
          </li>
        ))}
      </ul>
      {open !== null && <PhotoViewer photos={photos} index={open} onClose={() => setOpen(null)} />}
    </>
  );
}

/**
 * The photos beside what they prove: on a wide screen the latest photo sits
 * next to `children` (the figures), with a choice among several; on a
 * phone only `children` show here (the thumbnails below open the viewer).
 */
export function BesidePhotos({
  photos,
  children,
}: {
  photos: readonly ViewablePhoto[];
  children: ReactNode;
}) {
  const [at, setAt] = useState(photos.length - 1);
  const wide = useWideScreen();
  // On a phone the photo is not drawn here at all (not even hidden): no download.
  const shown = wide ? photos[Math.min(at, photos.length - 1)] : undefined;
  return (
    <div className={shown === undefined ? 'verify-split' : 'verify-split has-photo'}>
      <div className="verify-split-main">{children}</div>
      {shown !== undefined && (
        <aside className="verify-split-photo" aria-label="Foto formulir di samping angka">
          {photos.length > 1 && (
            <div className="photo-tools" role="group" aria-label="Pilih foto">
              {photos.map((p, i) => (
                <button
                  key={p.sha256}
                  type="button"
                  className="button button-small"
                  aria-pressed={p === shown}
                  onClick={() => setAt(i)}
                >
                  Foto {i + 1}
                </button>
              ))}
            </div>
          )}
          <PhotoStage photo={shown} />
        </aside>
      )}
    </div>
  );
}
