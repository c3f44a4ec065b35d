import { and, asc, count, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Body } from '../../domain/people/seats.ts';
import type { Db } from '../db/connection.ts';
import { adhocMember, appUser } from '../db/schema.ts';

export type MemberRow = typeof adhocMember.$inferSelect & { username: string | null };
export type NewMember = typeof adhocMember.$inferInsert;

const memberColumns = {
  id: adhocMember.id,
  body: adhocMember.body,
  position: adhocMember.position,
  regionCode: adhocMember.regionCode,
  kecamatanCode: adhocMember.kecamatanCode,
  tpsId: adhocMember.tpsId,
  name: adhocMember.name,
  nik: adhocMember.nik,
  phone: adhocMember.phone,
  swornInOn: adhocMember.swornInOn,
  userId: adhocMember.userId,
  codeToken: adhocMember.codeToken,
  createdAt: adhocMember.createdAt,
  username: appUser.username,
};

/** Members of a body whose region lies within `code` (any level). */
export async function listMembers(
  db: Db,
  filter: {
    body?: Body;
    code?: string;
    kecamatanCodes?: readonly string[];
    ids?: readonly number[];
  },
): Promise<MemberRow[]> {
  const conditions = [];
  if (filter.body !== undefined) conditions.push(eq(adhocMember.body, filter.body));
  if (filter.code !== undefined)
    conditions.push(
      or(eq(adhocMember.regionCode, filter.code), like(adhocMember.regionCode, `${filter.code}.%`)),
    );
  if (filter.kecamatanCodes !== undefined)
    conditions.push(
      filter.kecamatanCodes.length === 0
        ? sql`false`
        : inArray(adhocMember.kecamatanCode, [...filter.kecamatanCodes]),
    );
  if (filter.ids !== undefined)
    conditions.push(
      filter.ids.length === 0 ? sql`false` : inArray(adhocMember.id, [...filter.ids]),
    );
  return db
    .select(memberColumns)
    .from(adhocMember)
    .leftJoin(appUser, eq(appUser.id, adhocMember.userId))
    .where(and(...conditions))
    .orderBy(
      asc(adhocMember.regionCode),
      asc(adhocMember.tpsId),
      asc(adhocMember.position),
      asc(adhocMember.id),
    );
}

export interface UnitCount {
  readonly body: Body;
  readonly regionCode: string;
  readonly tpsId: number | null;
  readonly members: number;
  readonly ketua: number;
}

export async function unitCounts(db: Db, body?: Body): Promise<UnitCount[]> {
  return db
    .select({
      body: adhocMember.body,
      regionCode: adhocMember.regionCode,
      tpsId: adhocMember.tpsId,
      members: count(),
      ketua: sql<number>`count(*) filter (where ${adhocMember.position} = 'ketua')`.mapWith(Number),
    })
    .from(adhocMember)
    .where(body === undefined ? undefined : eq(adhocMember.body, body))
    .groupBy(adhocMember.body, adhocMember.regionCode, adhocMember.tpsId);
}

export async function takenNiks(db: Db, body: Body, niks: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  const BATCH = 1000;
  for (let i = 0; i < niks.length; i += BATCH) {
    const rows = await db
      .select({ nik: adhocMember.nik })
      .from(adhocMember)
      .where(and(eq(adhocMember.body, body), inArray(adhocMember.nik, niks.slice(i, i + BATCH))));
    for (const r of rows) found.add(r.nik);
  }
  return found;
}

export async function insertMembers(db: Db, rows: NewMember[]): Promise<number[]> {
  const ids: number[] = [];
  const BATCH = 500;
  for (let i = 0; i < rows.length; i += BATCH) {
    const out = await db
      .insert(adhocMember)
      .values(rows.slice(i, i + BATCH))
      .returning({ id: adhocMember.id });
    ids.push(...out.map((r) => r.id));
  }
  return ids;
}

export async function deleteMember(db: Db, id: number): Promise<void> {
  await db.delete(adhocMember).where(eq(adhocMember.id, id));
}

export async function linkMemberUser(db: Db, id: number, userId: number): Promise<void> {
  await db.update(adhocMember).set({ userId }).where(eq(adhocMember.id, id));
}

/** Key of the roster lock ('ROST'). */
const ROSTER_LOCK_KEY = 0x524f5354;

/** Serialises roster changes: seats are counted then filled in one transaction. */
export async function lockRosters(db: Db): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(ROSTER_LOCK_KEY))})`);
}
