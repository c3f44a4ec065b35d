import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { appUser, session, tps, userRole } from '../db/schema.ts';
import { sessionCache } from '../auth/session-cache.ts';

/** A user without the password hash, which never leaves this module's callers' reach. */
export interface UserSummary {
  readonly id: number;
  readonly username: string;
  readonly fullName: string;
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
  readonly failedAttempts: number;
  readonly lockedUntil: Date | null;
}

export type RoleRow = typeof userRole.$inferSelect;
export type NewRole = Omit<RoleRow, 'id'>;
export interface NewUser {
  readonly username: string;
  readonly fullName: string;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
}

const SUMMARY = {
  id: appUser.id,
  username: appUser.username,
  fullName: appUser.fullName,
  disabled: appUser.disabled,
  mustChangePassword: appUser.mustChangePassword,
  failedAttempts: appUser.failedAttempts,
  lockedUntil: appUser.lockedUntil,
};

const BATCH = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function listUsers(db: Db, ids?: readonly number[]): Promise<UserSummary[]> {
  if (ids !== undefined && ids.length === 0) return [];
  return db
    .select(SUMMARY)
    .from(appUser)
    .where(ids === undefined ? undefined : inArray(appUser.id, [...ids]))
    .orderBy(asc(appUser.username));
}

export async function findUserSummary(db: Db, id: number): Promise<UserSummary | undefined> {
  return (await db.select(SUMMARY).from(appUser).where(eq(appUser.id, id)))[0];
}

export async function listRoles(db: Db, userIds?: readonly number[]): Promise<RoleRow[]> {
  if (userIds !== undefined && userIds.length === 0) return [];
  return db
    .select()
    .from(userRole)
    .where(userIds === undefined ? undefined : inArray(userRole.userId, [...userIds]))
    .orderBy(asc(userRole.userId), asc(userRole.id));
}

/** Which of `usernames` already exist. */
export async function takenUsernames(db: Db, usernames: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const part of chunks(usernames, BATCH)) {
    const rows = await db
      .select({ username: appUser.username })
      .from(appUser)
      .where(inArray(appUser.username, part));
    for (const r of rows) taken.add(r.username);
  }
  return taken;
}

/** Inserts users in batches; returns their ids by username. */
export async function insertUsers(db: Db, users: readonly NewUser[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const part of chunks(users, BATCH)) {
    const rows = await db
      .insert(appUser)
      .values(part.map((u) => ({ ...u })))
      .returning({ id: appUser.id, username: appUser.username });
    for (const r of rows) ids.set(r.username, r.id);
  }
  return ids;
}

export async function insertRoles(db: Db, roles: readonly NewRole[]): Promise<void> {
  sessionCache.forgetUsers(roles.map((r) => r.userId));
  for (const part of chunks(roles, BATCH)) {
    await db.insert(userRole).values(part.map((r) => ({ ...r })));
  }
}

export async function updateUser(
  db: Db,
  id: number,
  values: Partial<{
    passwordHash: string;
    mustChangePassword: boolean;
    disabled: boolean;
    failedAttempts: number;
    lockedUntil: Date | null;
  }>,
): Promise<void> {
  sessionCache.forgetUsers([id]);
  await db.update(appUser).set(values).where(eq(appUser.id, id));
}

/** Ends every live session of a user; returns how many. */
export async function revokeAllSessions(db: Db, userId: number, at: Date): Promise<number> {
  sessionCache.forgetUsers([userId]);
  const rows = await db
    .update(session)
    .set({ revokedAt: at })
    .where(and(eq(session.userId, userId), isNull(session.revokedAt)))
    .returning({ id: session.id });
  return rows.length;
}

export interface TpsRef {
  readonly id: number;
  readonly desaCode: string;
  readonly number: number;
  readonly active: boolean;
}

/** Every TPS (retired ones too: an old grant may still name one). */
export async function allTpsRefs(db: Db): Promise<TpsRef[]> {
  const rows = await db
    .select({ id: tps.id, desaCode: tps.desaCode, number: tps.number, status: tps.status })
    .from(tps);
  return rows.map((r) => ({
    id: r.id,
    desaCode: r.desaCode,
    number: r.number,
    active: r.status === 'aktif',
  }));
}
