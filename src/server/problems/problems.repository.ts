/** The only SQL of field problems. */
import { and, asc, desc, eq, gte, inArray, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db/connection.ts';
import {
  appUser,
  korwil,
  problem,
  problemComment,
  problemEvent,
  problemPhoto,
  problemPublicThrottle,
  problemReferral,
  problemReferralUpdate,
  region,
  tps,
} from '../db/schema.ts';

export type ProblemInsert = typeof problem.$inferInsert;
export type ProblemRecord = typeof problem.$inferSelect;

const kec = alias(region, 'kec');
const desa = alias(region, 'desa');
const assignee = alias(appUser, 'assignee');

/** A report with the names of its place, Korwil and assignee. */
export interface ProblemRow extends ProblemRecord {
  readonly kecamatanName: string;
  readonly korwilId: number | null;
  readonly korwilName: string | null;
  readonly desaName: string | null;
  readonly tpsNumber: number | null;
  readonly assigneeName: string | null;
}

export interface ProblemFilter {
  readonly ids?: readonly number[];
  readonly korwilId?: number | undefined;
  readonly kecamatanCode?: string | undefined;
  readonly category?: string | undefined;
  readonly severity?: ProblemRecord['severity'] | undefined;
  readonly statuses?: readonly ProblemRecord['status'][] | undefined;
  readonly reportedSince?: Date | undefined;
}

export async function selectProblems(db: Db, f: ProblemFilter): Promise<ProblemRow[]> {
  const where = [
    f.ids === undefined ? undefined : inArray(problem.id, [...f.ids]),
    f.korwilId === undefined ? undefined : eq(kec.korwilId, f.korwilId),
    f.kecamatanCode === undefined ? undefined : eq(problem.kecamatanCode, f.kecamatanCode),
    f.category === undefined ? undefined : eq(problem.category, f.category),
    f.severity === undefined ? undefined : eq(problem.severity, f.severity),
    f.statuses === undefined ? undefined : inArray(problem.status, [...f.statuses]),
    f.reportedSince === undefined
      ? undefined
      : or(gte(problem.reportedAt, f.reportedSince), gte(problem.closedAt, f.reportedSince)),
  ].filter((w) => w !== undefined);
  const rows = await db
    .select({
      p: problem,
      kecamatanName: kec.name,
      korwilId: kec.korwilId,
      korwilName: korwil.name,
      desaName: desa.name,
      tpsNumber: tps.number,
      assigneeName: assignee.fullName,
    })
    .from(problem)
    .innerJoin(kec, eq(kec.code, problem.kecamatanCode))
    .leftJoin(korwil, eq(korwil.id, kec.korwilId))
    .leftJoin(desa, eq(desa.code, problem.desaCode))
    .leftJoin(tps, eq(tps.id, problem.tpsId))
    .leftJoin(assignee, eq(assignee.id, problem.assigneeUserId))
    .where(where.length === 0 ? undefined : and(...where))
    .orderBy(desc(problem.reportedAt), desc(problem.id));
  return rows.map((r) => ({
    ...r.p,
    kecamatanName: r.kecamatanName,
    korwilId: r.korwilId,
    korwilName: r.korwilName,
    desaName: r.desaName,
    tpsNumber: r.tpsNumber,
    assigneeName: r.assigneeName,
  }));
}

export async function findProblem(db: Db, id: number): Promise<ProblemRow | undefined> {
  return (await selectProblems(db, { ids: [id] }))[0];
}

/** Reports that may duplicate one: same category and kecamatan, not merged away. */
export async function sameCategoryInKecamatan(
  db: Db,
  category: string,
  kecamatanCode: string,
  excludeId: number,
): Promise<ProblemRow[]> {
  const rows = await selectProblems(db, { category, kecamatanCode });
  return rows.filter((r) => r.id !== excludeId && r.status !== 'digabung');
}

export async function insertProblem(db: Db, row: ProblemInsert): Promise<ProblemRecord> {
  const [inserted] = await db.insert(problem).values(row).returning();
  if (inserted === undefined) throw new Error('insert problem returned nothing');
  return inserted;
}

/**
 * Inserts a report carrying a client id; `undefined` when another request
 * stored one with the same client id first (the unique index decides).
 */
export async function insertProblemOnce(
  db: Db,
  row: ProblemInsert & { clientId: string },
): Promise<ProblemRecord | undefined> {
  const [inserted] = await db
    .insert(problem)
    .values(row)
    .onConflictDoNothing({ target: problem.clientId })
    .returning();
  return inserted;
}

export async function updateProblem(
  db: Db,
  id: number,
  set: Partial<ProblemInsert>,
): Promise<void> {
  await db
    .update(problem)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(problem.id, id));
}

/** Locks the report's row for the rest of the transaction (concurrent transitions). */
export async function lockProblem(db: Db, id: number): Promise<ProblemRecord | undefined> {
  const rows = await db.select().from(problem).where(eq(problem.id, id)).for('update');
  return rows[0];
}

export async function insertEvent(db: Db, row: typeof problemEvent.$inferInsert): Promise<void> {
  await db.insert(problemEvent).values(row);
}

export async function eventsOf(db: Db, id: number) {
  return db
    .select()
    .from(problemEvent)
    .where(eq(problemEvent.problemId, id))
    .orderBy(asc(problemEvent.at), asc(problemEvent.id));
}

export async function insertComment(
  db: Db,
  row: typeof problemComment.$inferInsert,
): Promise<void> {
  await db.insert(problemComment).values(row);
}

export async function commentsOf(db: Db, id: number) {
  return db
    .select()
    .from(problemComment)
    .where(eq(problemComment.problemId, id))
    .orderBy(asc(problemComment.at), asc(problemComment.id));
}

export async function insertReferral(
  db: Db,
  row: typeof problemReferral.$inferInsert,
): Promise<number> {
  const [r] = await db.insert(problemReferral).values(row).returning({ id: problemReferral.id });
  if (r === undefined) throw new Error('insert referral returned nothing');
  return r.id;
}

export async function findReferral(db: Db, problemId: number, referralId: number) {
  const rows = await db
    .select()
    .from(problemReferral)
    .where(and(eq(problemReferral.id, referralId), eq(problemReferral.problemId, problemId)));
  return rows[0];
}

export async function insertReferralUpdate(
  db: Db,
  row: typeof problemReferralUpdate.$inferInsert,
): Promise<void> {
  await db.insert(problemReferralUpdate).values(row);
}

export async function referralsOf(db: Db, id: number) {
  const referrals = await db
    .select()
    .from(problemReferral)
    .where(eq(problemReferral.problemId, id))
    .orderBy(asc(problemReferral.id));
  const updates =
    referrals.length === 0
      ? []
      : await db
          .select()
          .from(problemReferralUpdate)
          .where(
            inArray(
              problemReferralUpdate.referralId,
              referrals.map((r) => r.id),
            ),
          )
          .orderBy(asc(problemReferralUpdate.at), asc(problemReferralUpdate.id));
  return referrals.map((r) => ({ ...r, updates: updates.filter((u) => u.referralId === r.id) }));
}

export async function insertProblemPhoto(
  db: Db,
  row: typeof problemPhoto.$inferInsert,
): Promise<void> {
  await db.insert(problemPhoto).values(row).onConflictDoNothing();
}

export async function photosOf(db: Db, id: number) {
  return db
    .select()
    .from(problemPhoto)
    .where(eq(problemPhoto.problemId, id))
    .orderBy(asc(problemPhoto.id));
}

export async function findPhoto(db: Db, id: number, sha256: string) {
  const rows = await db
    .select()
    .from(problemPhoto)
    .where(and(eq(problemPhoto.problemId, id), eq(problemPhoto.sha256, sha256)));
  return rows[0];
}

export async function mergedInto(db: Db, id: number): Promise<number[]> {
  const rows = await db
    .select({ id: problem.id })
    .from(problem)
    .where(and(eq(problem.mergedIntoId, id), ne(problem.id, id)))
    .orderBy(asc(problem.id));
  return rows.map((r) => r.id);
}

export async function findUserByUsername(db: Db, username: string) {
  const rows = await db
    .select({ id: appUser.id, fullName: appUser.fullName, disabled: appUser.disabled })
    .from(appUser)
    .where(eq(appUser.username, username));
  return rows[0];
}

/** The report a device sent earlier under this client id (offline resend). */
export async function findProblemByClientId(
  db: Db,
  clientId: string,
): Promise<ProblemRecord | undefined> {
  return (await db.select().from(problem).where(eq(problem.clientId, clientId)))[0];
}

export async function findProblemByTrackingCode(db: Db, code: string) {
  const rows = await db
    .select({
      id: problem.id,
      trackingCode: problem.trackingCode,
      status: problem.status,
      mergedIntoId: problem.mergedIntoId,
      reportedAt: problem.reportedAt,
      updatedAt: problem.updatedAt,
      resolution: problem.resolution,
      rejectionReason: problem.rejectionReason,
    })
    .from(problem)
    .where(eq(problem.trackingCode, code));
  return rows[0];
}

/**
 * Counts one public submission from `address`; answers the count in the
 * current window (a fresh window after `windowMs`).
 */
export async function bumpPublicThrottle(
  db: Db,
  address: string,
  now: Date,
  windowMs: number,
): Promise<number> {
  const windowStartsAfter = new Date(now.getTime() - windowMs);
  const [row] = await db
    .insert(problemPublicThrottle)
    .values({ address, count: 1, windowStart: now })
    .onConflictDoUpdate({
      target: problemPublicThrottle.address,
      set: {
        count: sql`case when ${problemPublicThrottle.windowStart} < ${windowStartsAfter.toISOString()}::timestamptz then 1 else ${problemPublicThrottle.count} + 1 end`,
        windowStart: sql`case when ${problemPublicThrottle.windowStart} < ${windowStartsAfter.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${problemPublicThrottle.windowStart} end`,
      },
    })
    .returning({ count: problemPublicThrottle.count });
  return row?.count ?? 1;
}

export async function activeTps(db: Db) {
  return db
    .select({ id: tps.id, desaCode: tps.desaCode, number: tps.number })
    .from(tps)
    .where(eq(tps.status, 'aktif'))
    .orderBy(asc(tps.desaCode), asc(tps.number));
}
