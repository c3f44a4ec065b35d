/**
 * Who is signed in, for the whole app: loaded once from /api/auth/me, replaced
 * by the sign-in answer, cleared on sign-out or when any call answers 401.
 * Permission checks reuse the domain's table (src/domain/auth), so the pages
 * hide exactly what the server would refuse.
 */
import { useSyncExternalStore } from 'react';
import { authorize, type Target } from '../domain/auth/authorize.ts';
import { GRANTS, type Permission } from '../domain/auth/roles.ts';
import { api, AUTH_ERROR, setAuthFailureHandler, type ApiError, type MeData } from './api.ts';
import { currentLocation, navigate, signInPath } from './router.tsx';
import { clearOfflineData, resetWarmUp } from './offline/offline-data.ts';

export type SessionState =
  { status: 'loading' } | { status: 'failed'; error: ApiError } | { status: 'ready'; me: MeData };

export const ANONYMOUS: MeData = {
  signedIn: false,
  userId: null,
  username: null,
  fullName: null,
  mustChangePassword: false,
  csrfToken: null,
  grants: [],
  permissions: [],
};

let state: SessionState = { status: 'loading' };
/** A message for the sign-in page (why the user was sent there). */
let flash: string | undefined;
const listeners = new Set<() => void>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    subscribe,
    () => state,
    () => state,
  );
}

/** The signed-in person, or the public while nobody is (or before loading ends). */
export function useMe(): MeData {
  const s = useSession();
  return s.status === 'ready' ? s.me : ANONYMOUS;
}

export async function loadSession(): Promise<void> {
  if (state.status !== 'ready') setState({ status: 'loading' });
  const result = await api.me();
  if (result.ok) setState({ status: 'ready', me: result.data });
  else if (state.status !== 'ready') setState({ status: 'failed', error: result.error });
}

/** After sign-in or a password change: the session as the server described it. */
export function setMe(me: MeData): void {
  if (me.signedIn) flash = undefined;
  setState({ status: 'ready', me });
}

export function signInMessage(): string | undefined {
  return flash;
}

export function setSignInMessage(message: string | undefined): void {
  flash = message;
}

/** Ends this session (or every session of the user) and goes to the sign-in page. */
export async function signOut(everywhere: boolean): Promise<ApiError | undefined> {
  const result = await api.signOut(everywhere);
  if (!result.ok) return result.error;
  // Nobody else may read this person's data on the device (their queued items stay, theirs only).
  resetWarmUp();
  await clearOfflineData();
  flash = everywhere
    ? 'Anda telah keluar dari semua perangkat.'
    : 'Anda telah keluar. Sampai jumpa.';
  setState({ status: 'ready', me: ANONYMOUS });
  navigate('/masuk');
  return undefined;
}

/**
 * The server said the session has ended (a 401): the sign-in page with its
 * reason, back here afterwards. Also used by the offline queue, which meets
 * the 401 on its own requests.
 */
export function sessionEnded(error: ApiError): void {
  flash = error.message;
  setState({ status: 'ready', me: ANONYMOUS });
  if (window.location.pathname !== '/masuk') {
    navigate(signInPath(currentLocation()), { replace: true });
  }
}

// Any 401 (not signed in, session ended) → the sign-in page, back here afterwards;
// the 403 that demands a new password → the password page.
setAuthFailureHandler((error, status) => {
  const here = currentLocation();
  if (status === 401) {
    sessionEnded(error);
    return;
  }
  if (error.code === AUTH_ERROR.passwordChangeRequired) {
    if (state.status === 'ready' && !state.me.mustChangePassword) {
      setState({ status: 'ready', me: { ...state.me, mustChangePassword: true } });
    }
    if (window.location.pathname !== '/ganti-sandi') {
      navigate(`/ganti-sandi?next=${encodeURIComponent(here)}`, { replace: true });
    }
  }
});

// ---------------------------------------------------------------------------
// Permissions

/** Holds `permission` somewhere (in any scope). */
export function can(me: MeData, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** Holds `permission` over the whole regency. */
export function canEverywhere(me: MeData, permission: Permission): boolean {
  return me.grants.some((g) => GRANTS[g.role][permission] === 'everywhere');
}

/** Holds `permission` over this target (same rule as the server's). */
export function canOn(me: MeData, permission: Permission, target: Target): boolean {
  return authorize(me.grants, permission, target).ok;
}

/**
 * Where the person's work starts: the regency page for regency-wide readers,
 * otherwise their first role's page (a desa, /korwil, a TPS).
 */
export function homeOf(me: MeData): string {
  if (!me.signedIn) return '/masuk';
  // The Bupati follows the whole picture: the dashboard first.
  if (me.grants.some((g) => g.role === 'bupati') && can(me, 'dashboard.read')) return '/dasbor';
  if (canEverywhere(me, 'registry.read')) return '/';
  return me.grants[0]?.home ?? '/tahapan';
}

/** "PPS · Ngadisari", "Bupati". */
export function grantLabel(grant: MeData['grants'][number]): string {
  return grant.scopeKind === 'regency' || grant.scopeName === null
    ? grant.roleLabel
    : `${grant.roleLabel} · ${grant.scopeName}`;
}
