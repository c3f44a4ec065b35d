/**
 * The officer's own data on the device: after sign-in, the field pages'
 * reads (their TPS, its results and voter list, the contests and pairs, the
 * problem form's places) are fetched once through the service worker, which
 * keeps the answers (network first, cache `desk-api`, see vite.config.ts) so
 * the pages open without signal. Signing out empties that cache; a different
 * account signing in on the same device starts from an empty one.
 */
import { GRANTS } from '../../domain/auth/roles.ts';
import type { MeData } from '../api.ts';

/** The service worker's runtime cache of API answers (vite.config.ts). */
export const API_CACHE = 'desk-api';
const OWNER_KEY = 'desk:offline-owner';

/** Paths the field pages read for this person. */
export function offlinePaths(me: MeData): string[] {
  const paths = new Set([
    '/api/auth/me',
    '/api/settings',
    '/api/contests',
    '/api/results/window',
    '/api/problems/config',
  ]);
  // Only those who may report a problem get its places (the server refuses the rest).
  if (me.permissions.includes('problem.report')) paths.add('/api/problems/places');
  for (const g of me.grants) {
    if (g.scopeKind !== 'tps') continue;
    const id = g.scopeRef;
    paths.add(`/api/tps/${id}`);
    // A Pantarlih may not read results: asked anyway, the server refuses on every page.
    if (GRANTS[g.role]['result.read'] !== undefined) paths.add(`/api/results/tps/${id}`);
    if (g.role === 'pantarlih') {
      paths.add(`/api/voters/tps/${id}`);
      paths.add('/api/coklit/window');
    }
  }
  return [...paths];
}

function storedOwner(): string | null {
  try {
    return window.localStorage.getItem(OWNER_KEY);
  } catch {
    return null;
  }
}

function setOwner(owner: string | null): void {
  try {
    if (owner === null) window.localStorage.removeItem(OWNER_KEY);
    else window.localStorage.setItem(OWNER_KEY, owner);
  } catch {
    // Storage refused: the cache is still emptied on sign-out.
  }
}

/** Empties the cached API answers (sign-out, or another account on this device). */
export async function clearOfflineData(): Promise<void> {
  setOwner(null);
  if (typeof caches === 'undefined') return;
  await caches.delete(API_CACHE);
}

/**
 * The service worker controlling this page, once there is one: on the first
 * visit the worker is registered after the page has loaded and claims the
 * page when it activates. `null` when none comes (no support, dev server).
 */
function controller(): Promise<ServiceWorker | null> {
  if (!('serviceWorker' in navigator)) return Promise.resolve(null);
  const sw = navigator.serviceWorker;
  if (sw.controller !== null) return Promise.resolve(sw.controller);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(sw.controller), 60_000);
    sw.addEventListener(
      'controllerchange',
      () => {
        clearTimeout(timer);
        resolve(sw.controller);
      },
      { once: true },
    );
  });
}

let warming: Promise<void> | undefined;
let warmedFor: number | null = null;

/**
 * Fetches the signed-in officer's data through the service worker so it is
 * there offline. Runs once per account and page life; failures are ignored
 * (the pages' own reads refresh the cache too).
 */
export function warmOfflineData(me: MeData): Promise<void> {
  if (!me.signedIn || me.userId === null || !navigator.onLine) return Promise.resolve();
  if (warmedFor === me.userId && warming !== undefined) return warming;
  const owner = String(me.userId);
  warmedFor = me.userId;
  warming = (async () => {
    if (storedOwner() !== owner) {
      if (typeof caches !== 'undefined') await caches.delete(API_CACHE);
      setOwner(owner);
    }
    if ((await controller()) === null) {
      warming = undefined;
      warmedFor = null;
      return;
    }
    await Promise.all(
      offlinePaths(me).map((path) =>
        fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } }).catch(
          () => undefined,
        ),
      ),
    );
    // For the curious (and the browser tests): this device can now work without signal.
    document.documentElement.dataset['offlineReady'] = owner;
  })();
  return warming;
}

/** Forget the warm-up (after sign-out), so the next account gets its own. */
export function resetWarmUp(): void {
  warming = undefined;
  warmedFor = null;
}
