import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { appUser, session, signInThrottle, userRole } from '../db/schema.ts';

export type UserRow = typeof appUser.$inferSelect;
export type SessionRow = typeof session.$inferSelect;
export type RoleRow = typeof userRole.$inferSelect;
export type ThrottleRow = typeof signInThrottle.$inferSelect;

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return (await db.select().from(appUser).where(eq(appUser.username, username)))[0];
}

export async function findUser(db: Db, id: number): Promise<UserRow | undefined> {
  return (await db.select().from(appUser).where(eq(appUser.id, id)))[0];
}

export async function rolesOf(db: Db, userId: number): Promise<RoleRow[]> {
  return db.select().from(userRole).where(eq(userRole.userId, userId));
}

export async function updateUser(
  db: Db,
  id: number,
  values: Partial<Omit<UserRow, 'id' | 'createdAt'>>,
): Promise<void> {
  await db.update(appUser).set(values).where(eq(appUser.id, id));
}

export async function insertSession(
  db: Db,
  values: Pick<SessionRow, 'tokenHash' | 'csrfToken' | 'userId' | 'expiresAt' | 'address'>,
): Promise<SessionRow> {
  const row = (await db.insert(session).values(values).returning())[0];
  if (row === undefined) throw new Error('insert into session returned no row');
  return row;
}

export async function touchSession(db: Db, id: number, at: Date): Promise<void> {
  await db.update(session).set({ lastSeenAt: at }).where(eq(session.id, id));
}

export async function revokeSession(db: Db, id: number, at: Date): Promise<void> {
  await db.update(session).set({ revokedAt: at }).where(eq(session.id, id));
}

export async function revokeSessionsOf(db: Db, userId: number, at: Date): Promise<void> {
  await db
    .update(session)
    .set({ revokedAt: at })
    .where(and(eq(session.userId, userId), isNull(session.revokedAt)));
}

export async function findThrottle(db: Db, address: string): Promise<ThrottleRow | undefined> {
  return (await db.select().from(signInThrottle).where(eq(signInThrottle.address, address)))[0];
}

export async function saveThrottle(db: Db, row: ThrottleRow): Promise<void> {
  await db
    .insert(signInThrottle)
    .values(row)
    .onConflictDoUpdate({
      target: signInThrottle.address,
      set: { failures: row.failures, windowStart: row.windowStart, lockedUntil: row.lockedUntil },
    });
}

export async function revokeOtherSessions(
  db: Db,
  userId: number,
  keepId: number,
  at: Date,
): Promise<void> {
  await db
    .update(session)
    .set({ revokedAt: at })
    .where(and(eq(session.userId, userId), isNull(session.revokedAt), ne(session.id, keepId)));
}

/** A live session with its user, in one round trip (every request resolves one). */
export async function findLiveSessionWithUser(
  db: Db,
  tokenHash: string,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const rows = await db
    .select({ session, user: appUser })
    .from(session)
    .innerJoin(appUser, eq(appUser.id, session.userId))
    .where(and(eq(session.tokenHash, tokenHash), isNull(session.revokedAt)));
  return rows[0];
}
