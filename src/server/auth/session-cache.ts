/**
 * Live sessions remembered for a moment. Every request resolves its session,
 * and on voting night that lookup was one of two database round trips per
 * C.Hasil submission. A session read is kept for at most `TTL_MS`; any change
 * this process makes to a session, a user or a user's roles forgets the
 * affected entries at once, so on this server a sign-out, a disabled account
 * or a password reset takes effect immediately. Another server sharing the
 * database sees the change within `TTL_MS`.
 *
 * Only found sessions are kept (a new session is read on first use); the map
 * is bounded and simply emptied when full.
 */
import type { LiveSession } from './auth.repository.ts';

export const SESSION_CACHE_TTL_MS = 1000;
const MAX_ENTRIES = 20_000;

interface Entry {
  readonly session: LiveSession;
  readonly readAt: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number = SESSION_CACHE_TTL_MS,
    private readonly clock: () => number = Date.now,
  ) {}

  get(tokenHash: string): LiveSession | undefined {
    const e = this.entries.get(tokenHash);
    if (e === undefined) return undefined;
    if (this.clock() - e.readAt >= this.ttlMs) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return e.session;
  }

  set(tokenHash: string, session: LiveSession): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(tokenHash, { session, readAt: this.clock() });
  }

  /** Forgets every session of these users (their account, password or roles changed). */
  forgetUsers(userIds: Iterable<number>): void {
    const ids = new Set(userIds);
    if (ids.size === 0) return;
    for (const [k, e] of this.entries) if (ids.has(e.session.user.id)) this.entries.delete(k);
  }

  /** Forgets one session (revoked). */
  forgetSession(sessionId: number): void {
    for (const [k, e] of this.entries) if (e.session.id === sessionId) this.entries.delete(k);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The process's cache, shared by every database it serves (token hashes are unique). */
export const sessionCache = new SessionCache();
