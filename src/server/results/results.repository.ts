import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import {
  resultCurrent,
  resultDesaTotal,
  resultPhoto,
  resultSubmission,
  resultVote,
  tps,
} from '../db/schema.ts';
import type { DesaTotalRow } from './results.rollup.ts';

export type SubmissionRow = typeof resultSubmission.$inferSelect;
export type CurrentRow = typeof resultCurrent.$inferSelect;
export type PhotoRow = typeof resultPhoto.$inferSelect;

export async function findByClientId(db: Db, clientId: string): Promise<SubmissionRow | undefined> {
  return (
    await db.select().from(resultSubmission).where(eq(resultSubmission.clientId, clientId))
  )[0];
}

export async function findCurrent(
  db: Db,
  tpsId: number,
  contestId: number,
): Promise<CurrentRow | undefined> {
  return (
    await db
      .select()
      .from(resultCurrent)
      .where(and(eq(resultCurrent.tpsId, tpsId), eq(resultCurrent.contestId, contestId)))
  )[0];
}

export async function findSubmission(db: Db, id: number): Promise<SubmissionRow | undefined> {
  return (await db.select().from(resultSubmission).where(eq(resultSubmission.id, id)))[0];
}

export async function votesOf(
  db: Db,
  submissionId: number,
): Promise<{ selectionId: number; votes: number }[]> {
  return db
    .select({ selectionId: resultVote.selectionId, votes: resultVote.votes })
    .from(resultVote)
    .where(eq(resultVote.submissionId, submissionId))
    .orderBy(asc(resultVote.selectionId));
}

export async function historyOf(
  db: Db,
  tpsId: number,
  contestId: number,
): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(resultSubmission)
    .where(and(eq(resultSubmission.tpsId, tpsId), eq(resultSubmission.contestId, contestId)))
    .orderBy(desc(resultSubmission.version));
}

export async function insertSubmission(
  db: Db,
  values: Omit<SubmissionRow, 'id' | 'submittedAt'>,
  votes: readonly { selectionId: number; votes: number }[],
): Promise<SubmissionRow> {
  const row = (await db.insert(resultSubmission).values(values).returning())[0];
  if (row === undefined) throw new Error('insert into result_submission returned no row');
  if (votes.length > 0) {
    await db.insert(resultVote).values(votes.map((v) => ({ submissionId: row.id, ...v })));
  }
  return row;
}

export async function upsertCurrent(db: Db, row: CurrentRow): Promise<void> {
  await db
    .insert(resultCurrent)
    .values(row)
    .onConflictDoUpdate({
      target: [resultCurrent.tpsId, resultCurrent.contestId],
      set: {
        submissionId: row.submissionId,
        version: row.version,
        status: row.status,
        statusNote: row.statusNote,
        statusBy: row.statusBy,
        statusAt: row.statusAt,
        wasVerified: row.wasVerified,
      },
    });
}

/** Adds `delta` to a desa's running totals (one statement). */
export async function applyDesaDelta(
  db: Db,
  contestId: number,
  desaCode: string,
  delta: ReadonlyMap<string, number>,
): Promise<void> {
  if (delta.size === 0) return;
  await db
    .insert(resultDesaTotal)
    .values([...delta].map(([key, value]) => ({ contestId, desaCode, key, value })))
    .onConflictDoUpdate({
      target: [resultDesaTotal.contestId, resultDesaTotal.desaCode, resultDesaTotal.key],
      set: { value: sql`${resultDesaTotal.value} + excluded.value` },
    });
}

export async function desaTotalRows(db: Db, contestId: number): Promise<DesaTotalRow[]> {
  return db
    .select({
      desaCode: resultDesaTotal.desaCode,
      key: resultDesaTotal.key,
      value: resultDesaTotal.value,
    })
    .from(resultDesaTotal)
    .where(eq(resultDesaTotal.contestId, contestId));
}

/** The leaves: every current version of a contest with its TPS's desa and votes. */
export async function currentLeaves(db: Db, contestId: number) {
  const rows = await db
    .select({
      tpsId: resultCurrent.tpsId,
      desaCode: tps.desaCode,
      status: resultCurrent.status,
      submissionId: resultCurrent.submissionId,
      registered: resultSubmission.registered,
      voted: resultSubmission.voted,
      valid: resultSubmission.valid,
      invalid: resultSubmission.invalid,
      anomalies: resultSubmission.anomalies,
      version: resultCurrent.version,
    })
    .from(resultCurrent)
    .innerJoin(resultSubmission, eq(resultSubmission.id, resultCurrent.submissionId))
    .innerJoin(tps, eq(tps.id, resultCurrent.tpsId))
    .where(eq(resultCurrent.contestId, contestId));
  const ids = rows.map((r) => r.submissionId);
  const votes =
    ids.length === 0
      ? []
      : await db.select().from(resultVote).where(inArray(resultVote.submissionId, ids));
  const bySubmission = new Map<number, { selectionId: number; votes: number }[]>();
  for (const v of votes) {
    const list = bySubmission.get(v.submissionId) ?? [];
    list.push({ selectionId: v.selectionId, votes: v.votes });
    bySubmission.set(v.submissionId, list);
  }
  return rows.map((r) => ({ ...r, votes: bySubmission.get(r.submissionId) ?? [] }));
}

/** Turnout (voted / registered) of the other reported TPS of a desa, for the pattern check. */
export async function desaTurnouts(
  db: Db,
  contestId: number,
  desaCode: string,
  exceptTpsId: number,
): Promise<number[]> {
  const rows = await db
    .select({
      tpsId: resultCurrent.tpsId,
      registered: resultSubmission.registered,
      voted: resultSubmission.voted,
    })
    .from(resultCurrent)
    .innerJoin(resultSubmission, eq(resultSubmission.id, resultCurrent.submissionId))
    .innerJoin(tps, eq(tps.id, resultCurrent.tpsId))
    .where(and(eq(resultCurrent.contestId, contestId), eq(tps.desaCode, desaCode)));
  return rows
    .filter((r) => r.tpsId !== exceptTpsId && r.registered > 0)
    .map((r) => r.voted / r.registered);
}

export async function insertPhoto(
  db: Db,
  values: Omit<PhotoRow, 'id' | 'uploadedAt'>,
): Promise<void> {
  await db.insert(resultPhoto).values(values).onConflictDoNothing();
}

export async function photosOf(db: Db, tpsId: number, contestId: number): Promise<PhotoRow[]> {
  return db
    .select()
    .from(resultPhoto)
    .where(and(eq(resultPhoto.tpsId, tpsId), eq(resultPhoto.contestId, contestId)))
    .orderBy(asc(resultPhoto.id));
}

/** Other TPS that uploaded a file with the same hash. */
export async function sameHashElsewhere(db: Db, sha256: string, tpsId: number): Promise<number[]> {
  const rows = await db
    .select({ tpsId: resultPhoto.tpsId })
    .from(resultPhoto)
    .where(eq(resultPhoto.sha256, sha256));
  return [...new Set(rows.map((r) => r.tpsId).filter((id) => id !== tpsId))];
}
