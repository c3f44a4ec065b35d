/**
 * A tiny history-API router: real paths (the server answers index.html for
 * any non-/api GET), no dependency.
 */
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const NAVIGATE_EVENT = 'desk:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

/** The current pathname; re-renders on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath, () => '/');
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
}

export type Route =
  | { page: 'beranda' }
  | { page: 'wilayah'; code: string }
  | { page: 'korwil' }
  | { page: 'pemilihan' }
  | { page: 'tahapan' }
  | { page: 'tidak_ditemukan'; path: string };

export function matchRoute(path: string): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (clean === '/' || clean === '') return { page: 'beranda' };
  if (clean === '/korwil') return { page: 'korwil' };
  if (clean === '/pemilihan') return { page: 'pemilihan' };
  if (clean === '/tahapan') return { page: 'tahapan' };
  const wilayah = /^\/wilayah\/([^/]+)$/.exec(clean);
  if (wilayah?.[1] !== undefined) {
    let code = wilayah[1];
    try {
      code = decodeURIComponent(code);
    } catch {
      // keep the raw segment; the server will say the code is not valid
    }
    return { page: 'wilayah', code };
  }
  return { page: 'tidak_ditemukan', path: clean };
}

export function wilayahPath(code: string): string {
  return `/wilayah/${code}`;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

/** An `<a>` that navigates without reloading (modified clicks keep browser behaviour). */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
