/**
 * Sign-in, sessions and passwords. Sessions expire after an idle period and
 * at an absolute limit; failed sign-ins slow the next try of that username
 * (known or not) and, far later, of that address — progressively, never a
 * long lock; messages never tell which of username or password was wrong.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Grant } from '../../domain/auth/authorize.ts';
import type { Role } from '../../domain/auth/roles.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../http/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from './actor.ts';
import { sessionCache } from './session-cache.ts';
import {
  findLiveSession,
  findThrottle,
  findUser,
  findUserByUsername,
  insertSession,
  revokeOtherSessions,
  revokeSession,
  revokeSessionsOf,
  rolesOf,
  saveThrottle,
  touchSession,
  updateUser,
  type RoleRow,
  type ThrottleRow,
  type UserRow,
} from './auth.repository.ts';
import { decoyHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';

export const AUTH_POLICY = {
  idleMs: 30 * 60_000,
  absoluteMs: 12 * 60 * 60_000,
  /** Failures of one username allowed before each next try must wait. */
  accountFreeFailures: 3,
  /** The longest wait a username's failures impose (a stranger cannot lock anyone out). */
  accountMaxDelayMs: 30_000,
  /** Failures from one address allowed before it must wait (high: phones share carrier NAT). */
  addressFreeFailures: 50,
  addressMaxDelayMs: 60_000,
  /** Failures older than this (since the last one) are forgotten. */
  windowMs: 15 * 60_000,
} as const;

/**
 * How long the next try must wait after `failures` failures: nothing for
 * the first `free`, then 1 s, 2 s, 4 s … up to `maxMs`. Progressive, never a
 * long lock: the real owner is slowed at worst for `maxMs`, a guesser a lot.
 */
export function delayAfter(failures: number, free: number, maxMs: number): number {
  if (failures <= free) return 0;
  return Math.min(1000 * 2 ** (failures - free - 1), maxMs);
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

const badCredentials = () =>
  err(
    domainError('unauthorized', 'auth.invalid_credentials', 'Nama pengguna atau kata sandi salah.'),
  );
/** The same answer for a known or unknown username, from the same counters. */
const slowDown = (until: Date, now: Date) =>
  err(
    domainError(
      'too_many',
      'auth.locked',
      `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${String(Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)))} detik.`,
    ),
  );

export interface SignedIn {
  readonly token: string;
  readonly csrfToken: string;
  readonly actor: Actor;
}

function grantOf(r: Pick<RoleRow, 'role' | 'scopeKind' | 'scopeRef'>): Grant {
  return { role: r.role as Role, scopeKind: r.scopeKind, scopeRef: r.scopeRef };
}

async function grantsOf(db: Db, userId: number): Promise<Grant[]> {
  return (await rolesOf(db, userId)).map(grantOf);
}

function actorOf(
  user: Pick<UserRow, 'id' | 'username' | 'fullName' | 'mustChangePassword'>,
  grants: Grant[],
  sessionId: number,
  address: string | null,
): Actor {
  return {
    userId: user.id,
    username: user.username,
    fullName: user.fullName,
    grants,
    sessionId,
    mustChangePassword: user.mustChangePassword,
    address,
    sessionExpired: false,
  };
}

/** The failure counter of an address, or of a username no account has (`akun:<name>`). */
async function throttleWait(db: Db, key: string, now: Date): Promise<Date | null> {
  const t = await findThrottle(db, key);
  return t?.lockedUntil != null && t.lockedUntil > now ? t.lockedUntil : null;
}

async function recordThrottleFailure(
  db: Db,
  key: string,
  now: Date,
  free: number,
  maxMs: number,
  known?: ThrottleRow,
): Promise<number> {
  const t = known ?? (await findThrottle(db, key));
  const fresh = t === undefined || now.getTime() - t.windowStart.getTime() > AUTH_POLICY.windowMs;
  const failures = fresh ? 1 : t.failures + 1;
  const delay = delayAfter(failures, free, maxMs);
  await saveThrottle(db, {
    address: key,
    failures,
    // The window runs from the last failure.
    windowStart: now,
    lockedUntil: new Date(now.getTime() + delay),
  });
  return delay;
}

const recordAddressFailure = (db: Db, address: string, now: Date) =>
  recordThrottleFailure(
    db,
    address,
    now,
    AUTH_POLICY.addressFreeFailures,
    AUTH_POLICY.addressMaxDelayMs,
  );

const unknownNameKey = (username: string) => `akun:${username}`;

export async function signIn(
  db: Db,
  input: { username: string; password: string; address: string },
  now: Date = new Date(),
): Promise<Result<SignedIn>> {
  const { address } = input;
  const username = input.username.trim().toLowerCase();
  const addressWait = await throttleWait(db, address, now);
  if (addressWait !== null) return slowDown(addressWait, now);
  const user = await findUserByUsername(db, username);
  // Both paths below do the same work in the same order — one counter read,
  // one argon2 verify of the same cost, then one transaction writing the
  // name's counter, the address's counter and one audit row — so neither the
  // answer nor its time tells whether the name exists.
  const nameThrottle = await findThrottle(db, unknownNameKey(username));
  if (user === undefined) {
    const wait =
      nameThrottle?.lockedUntil != null && nameThrottle.lockedUntil > now
        ? nameThrottle.lockedUntil
        : null;
    if (wait !== null) return slowDown(wait, now);
    await verifyPassword(await decoyHash(), input.password);
    await inTransaction(db, async (tx) => {
      const delay = await recordThrottleFailure(
        tx,
        unknownNameKey(username),
        now,
        AUTH_POLICY.accountFreeFailures,
        AUTH_POLICY.accountMaxDelayMs,
        nameThrottle,
      );
      await recordAddressFailure(tx, address, now);
      await appendAudit(tx, {
        actor: { userId: null, username, role: null, scope: null, address },
        action: 'auth.sign_in',
        outcome: 'denied',
        targetType: 'user',
        after: delay > 0 ? { waitSeconds: delay / 1000 } : undefined,
      });
      return ok(null);
    });
    return badCredentials();
  }
  if (user.lockedUntil !== null && user.lockedUntil > now) return slowDown(user.lockedUntil, now);
  const valid = !user.disabled && (await verifyPassword(user.passwordHash, input.password));
  if (!valid) {
    await inTransaction(db, async (tx) => {
      // lockedUntil is the time the last failure allows the next try (the window runs from it).
      const fresh =
        user.lockedUntil === null ||
        now.getTime() - user.lockedUntil.getTime() > AUTH_POLICY.windowMs;
      const failures = fresh ? 1 : user.failedAttempts + 1;
      const delay = delayAfter(
        failures,
        AUTH_POLICY.accountFreeFailures,
        AUTH_POLICY.accountMaxDelayMs,
      );
      await updateUser(tx, user.id, {
        failedAttempts: failures,
        lockedUntil: new Date(now.getTime() + delay),
      });
      await recordAddressFailure(tx, address, now);
      await appendAudit(tx, {
        actor: { userId: user.id, username: user.username, role: null, scope: null, address },
        action: 'auth.sign_in',
        outcome: 'denied',
        targetType: 'user',
        targetId: user.id,
        after: delay > 0 ? { waitSeconds: delay / 1000 } : undefined,
      });
      return ok(null);
    });
    return badCredentials();
  }
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  return inTransaction(db, async (tx) => {
    await updateUser(tx, user.id, { failedAttempts: 0, lockedUntil: null });
    const s = await insertSession(tx, {
      tokenHash: tokenHash(token),
      csrfToken,
      userId: user.id,
      expiresAt: new Date(now.getTime() + AUTH_POLICY.absoluteMs),
      address,
    });
    await appendAudit(tx, {
      actor: { userId: user.id, username: user.username, role: null, scope: null, address },
      action: 'auth.sign_in',
      outcome: 'ok',
      targetType: 'session',
      targetId: s.id,
    });
    return ok({
      token,
      csrfToken,
      actor: actorOf(user, await grantsOf(tx, user.id), s.id, address),
    });
  });
}

export interface ResolvedSession {
  readonly actor: Actor;
  readonly csrfToken: string;
}

/** The session behind a cookie token, or null when unknown, revoked or expired. */
export async function resolveSession(
  db: Db,
  token: string,
  address: string | null,
  now: Date = new Date(),
): Promise<ResolvedSession | null> {
  const hash = tokenHash(token);
  const s = await sessionCache.resolve(hash, () => findLiveSession(db, hash));
  if (s === undefined) return null;
  const { user } = s;
  if (s.expiresAt <= now || now.getTime() - s.lastSeenAt.getTime() > AUTH_POLICY.idleMs) {
    await revokeSession(db, s.id, now);
    return null;
  }
  if (user.disabled) return null;
  // Sliding idle window; written at most once a minute.
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) {
    await touchSession(db, s.id, now);
    sessionCache.set(hash, { ...s, lastSeenAt: now });
  }
  return {
    actor: actorOf(user, s.roles.map(grantOf), s.id, address),
    csrfToken: s.csrfToken,
  };
}

export async function signOut(db: Db, actor: Actor, everywhere: boolean): Promise<Result<null>> {
  const { userId, sessionId } = actor;
  if (userId === null || sessionId === null) {
    return err(domainError('unauthorized', 'auth.required', 'Silakan masuk terlebih dahulu.'));
  }
  return inTransaction(db, async (tx) => {
    const now = new Date();
    if (everywhere) await revokeSessionsOf(tx, userId, now);
    else await revokeSession(tx, sessionId, now);
    await appendAudit(tx, {
      actor: { userId, username: actor.username, role: null, scope: null, address: actor.address },
      action: everywhere ? 'auth.sign_out_everywhere' : 'auth.sign_out',
      outcome: 'ok',
      targetType: 'user',
      targetId: userId,
    });
    return ok(null);
  });
}

export async function changePassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<Result<null>> {
  const { userId, sessionId } = actor;
  if (userId === null || sessionId === null) {
    return err(domainError('unauthorized', 'auth.required', 'Silakan masuk terlebih dahulu.'));
  }
  const user = await findUser(db, userId);
  if (user === undefined || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return err(
      domainError(
        'invalid',
        'auth.wrong_current_password',
        'Kata sandi lama salah.',
        'currentPassword',
      ),
    );
  }
  if (input.newPassword.length < MIN_PASSWORD_LENGTH) {
    return err(
      domainError(
        'invalid',
        'auth.password_too_short',
        `Kata sandi baru minimal ${String(MIN_PASSWORD_LENGTH)} karakter.`,
        'newPassword',
      ),
    );
  }
  if (input.newPassword === input.currentPassword) {
    return err(
      domainError(
        'invalid',
        'auth.password_unchanged',
        'Kata sandi baru harus berbeda dari yang lama.',
        'newPassword',
      ),
    );
  }
  const hash = await hashPassword(input.newPassword);
  return inTransaction(db, async (tx) => {
    await updateUser(tx, userId, { passwordHash: hash, mustChangePassword: false });
    // Every other session of this user ends; this one stays.
    await revokeOtherSessions(tx, userId, sessionId, new Date());
    await appendAudit(tx, {
      actor: { userId, username: user.username, role: null, scope: null, address: actor.address },
      action: 'auth.password_change',
      outcome: 'ok',
      targetType: 'user',
      targetId: userId,
    });
    return ok(null);
  });
}
