/**
 * Live sessions remembered for a moment. Every request resolves its session,
 * and on voting night that lookup was one of two database round trips per
 * C.Hasil submission. A session read is kept for at most `TTL_MS`; any change
 * this process makes to a session, a user or a user's roles forgets the
 * affected entries at once, so on this server a sign-out, a disabled account
 * or a password reset takes effect immediately. Another server sharing the
 * database sees the change within `TTL_MS`.
 *
 * Requests that miss at the same time share one lookup (`resolve`): on
 * voting night a burst of submissions from one phone, or the first second
 * after the entry expires, would otherwise each read the same session. A
 * lookup that was running when a change forgot entries is not kept.
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
  private readonly loading = new Map<string, Promise<LiveSession | undefined>>();
  /** Moves on every forget, so a lookup started before it is not kept. */
  private generation = 0;

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

  /** The remembered session, or one `load` shared by every caller that misses meanwhile. */
  resolve(
    tokenHash: string,
    load: () => Promise<LiveSession | undefined>,
  ): Promise<LiveSession | undefined> {
    const hit = this.get(tokenHash);
    if (hit !== undefined) return Promise.resolve(hit);
    const pending = this.loading.get(tokenHash);
    if (pending !== undefined) return pending;
    const generation = this.generation;
    const lookup = load().then(
      (session) => {
        this.settle(tokenHash, lookup);
        if (session !== undefined && generation === this.generation) this.set(tokenHash, session);
        return session;
      },
      (e: unknown) => {
        this.settle(tokenHash, lookup);
        throw e;
      },
    );
    this.loading.set(tokenHash, lookup);
    return lookup;
  }

  private settle(tokenHash: string, lookup: Promise<LiveSession | undefined>): void {
    if (this.loading.get(tokenHash) === lookup) this.loading.delete(tokenHash);
  }

  set(tokenHash: string, session: LiveSession): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(tokenHash, { session, readAt: this.clock() });
  }

  /** Forgets every session of these users (their account, password or roles changed). */
  forgetUsers(userIds: Iterable<number>): void {
    const ids = new Set(userIds);
    if (ids.size === 0) return;
    this.forgetLoading();
    for (const [k, e] of this.entries) if (ids.has(e.session.user.id)) this.entries.delete(k);
  }

  /** Forgets one session (revoked). */
  forgetSession(sessionId: number): void {
    this.forgetLoading();
    for (const [k, e] of this.entries) if (e.session.id === sessionId) this.entries.delete(k);
  }

  private forgetLoading(): void {
    this.generation += 1;
    this.loading.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/** The process's cache, shared by every database it serves (token hashes are unique). */
export const sessionCache = new SessionCache();
