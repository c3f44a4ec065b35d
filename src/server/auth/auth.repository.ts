import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { rowsOf } from '../db/rows.ts';
import { appUser, session, signInThrottle, userRole } from '../db/schema.ts';
import { sessionCache } from './session-cache.ts';

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
  sessionCache.forgetUsers([id]);
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
  sessionCache.forgetSession(id);
  await db.update(session).set({ revokedAt: at }).where(eq(session.id, id));
}

export async function revokeSessionsOf(db: Db, userId: number, at: Date): Promise<void> {
  sessionCache.forgetUsers([userId]);
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
  sessionCache.forgetUsers([userId]);
  await db
    .update(session)
    .set({ revokedAt: at })
    .where(and(eq(session.userId, userId), isNull(session.revokedAt), ne(session.id, keepId)));
}

/** What resolving a request's session needs: the session, its user and the user's roles. */
export interface LiveSession {
  readonly id: number;
  readonly csrfToken: string;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly user: Pick<UserRow, 'id' | 'username' | 'fullName' | 'mustChangePassword' | 'disabled'>;
  readonly roles: readonly Pick<RoleRow, 'role' | 'scopeKind' | 'scopeRef'>[];
}

/**
 * A live session with its user and roles, in one round trip: every request
 * resolves one, so this is raw SQL (no query building) and returns only
 * the columns the actor needs.
 */
export async function findLiveSession(db: Db, tokenHash: string): Promise<LiveSession | undefined> {
  const rows = rowsOf<{
    id: number;
    csrf_token: string;
    last_seen_at: string | Date;
    expires_at: string | Date;
    user_id: number;
    username: string;
    full_name: string;
    must_change_password: boolean;
    disabled: boolean;
    roles: { role: string; scopeKind: RoleRow['scopeKind']; scopeRef: string }[] | null;
  }>(
    await db.execute(
      sql`
      select s.id, s.csrf_token, s.last_seen_at, s.expires_at, u.id as user_id, u.username,
        u.full_name, u.must_change_password, u.disabled,
        (select json_agg(json_build_object('role', r.role, 'scopeKind', r.scope_kind,
            'scopeRef', r.scope_ref) order by r.id)
          from user_role r where r.user_id = u.id) as roles
      from session s join app_user u on u.id = s.user_id
      where s.token_hash = ${tokenHash} and s.revoked_at is null`,
    ),
  );
  const r = rows[0];
  if (r === undefined) return undefined;
  return {
    id: r.id,
    csrfToken: r.csrf_token,
    lastSeenAt: new Date(r.last_seen_at),
    expiresAt: new Date(r.expires_at),
    user: {
      id: r.user_id,
      username: r.username,
      fullName: r.full_name,
      mustChangePassword: r.must_change_password,
      disabled: r.disabled,
    },
    roles: r.roles ?? [],
  };
}
