/** The only SQL of the dashboard and reports: stored reports, their numbers, and activity counts. */
import { and, count, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import {
  auditLog,
  deskPosition,
  deskReport,
  deskReportSequence,
  problem,
  resultSubmission,
  voterEvent,
} from '../db/schema.ts';

export type ReportRow = typeof deskReport.$inferSelect;
export type ReportListRow = Omit<ReportRow, 'pdf'>;

const LIST_COLUMNS = {
  id: deskReport.id,
  kind: deskReport.kind,
  periodDate: deskReport.periodDate,
  year: deskReport.year,
  sequence: deskReport.sequence,
  trigger: deskReport.trigger,
  generatedAt: deskReport.generatedAt,
  generatedBy: deskReport.generatedBy,
  hasData: deskReport.hasData,
  bytes: deskReport.bytes,
};

/** The next number of a kind in a year; the row lock serialises concurrent writers. */
export async function nextSequence(tx: Db, kind: string, year: number): Promise<number> {
  const rows = await tx
    .insert(deskReportSequence)
    .values({ kind, year, last: 1 })
    .onConflictDoUpdate({
      target: [deskReportSequence.kind, deskReportSequence.year],
      set: { last: sql`${deskReportSequence.last} + 1` },
    })
    .returning({ last: deskReportSequence.last });
  const last = rows[0]?.last;
  if (last === undefined) throw new Error('report sequence returned no row');
  return last;
}

export async function insertReport(
  tx: Db,
  values: typeof deskReport.$inferInsert,
): Promise<ReportListRow> {
  const rows = await tx.insert(deskReport).values(values).returning(LIST_COLUMNS);
  const row = rows[0];
  if (row === undefined) throw new Error('insert into desk_report returned no row');
  return row;
}

/**
 * The scheduler's claim: a placeholder row for (kind, day, 'jadwal'); null
 * when another server (or an earlier run) already holds it. Under
 * PostgreSQL a second server's insert waits for the first one's
 * transaction and then does nothing.
 */
export async function claimScheduled(
  tx: Db,
  kind: 'harian' | 'mingguan',
  periodDate: string,
): Promise<number | null> {
  const rows = await tx
    .insert(deskReport)
    .values({
      kind,
      periodDate,
      year: Number(periodDate.slice(0, 4)),
      sequence: 0,
      trigger: 'jadwal',
      hasData: false,
      pdf: Buffer.alloc(0),
      bytes: 0,
    })
    .onConflictDoNothing()
    .returning({ id: deskReport.id });
  return rows[0]?.id ?? null;
}

export async function completeScheduled(
  tx: Db,
  id: number,
  values: Pick<ReportRow, 'sequence' | 'hasData' | 'pdf' | 'bytes' | 'generatedAt'>,
): Promise<void> {
  await tx.update(deskReport).set(values).where(eq(deskReport.id, id));
}

export async function listReports(db: Db, limit = 200): Promise<ReportListRow[]> {
  return db
    .select(LIST_COLUMNS)
    .from(deskReport)
    .where(gte(deskReport.sequence, 1))
    .orderBy(desc(deskReport.generatedAt), desc(deskReport.id))
    .limit(limit);
}

/** The newest stored report of a kind and day (its id). */
export async function latestReportOf(
  db: Db,
  kind: 'harian' | 'mingguan',
  periodDate: string,
): Promise<number | undefined> {
  const rows = await db
    .select({ id: deskReport.id })
    .from(deskReport)
    .where(
      and(
        eq(deskReport.kind, kind),
        eq(deskReport.periodDate, periodDate),
        gte(deskReport.sequence, 1),
      ),
    )
    .orderBy(desc(deskReport.generatedAt), desc(deskReport.id))
    .limit(1);
  return rows[0]?.id;
}

export async function findReport(db: Db, id: number): Promise<ReportRow | undefined> {
  const rows = await db
    .select()
    .from(deskReport)
    .where(and(eq(deskReport.id, id), gte(deskReport.sequence, 1)));
  return rows[0];
}

/** Records made in [from, to): problems received and closed, coklit records, C.Hasil versions. */
export async function activityBetween(
  db: Db,
  from: Date,
  to: Date,
): Promise<{
  problemsReported: number;
  problemsClosed: number;
  coklitRecords: number;
  resultsReceived: number;
}> {
  const n = (rows: { n: number }[]) => rows[0]?.n ?? 0;
  // One after another: inside a transaction the queries share one connection.
  const reported = await db
    .select({ n: count().mapWith(Number) })
    .from(problem)
    .where(and(gte(problem.reportedAt, from), lt(problem.reportedAt, to)));
  const closed = await db
    .select({ n: count().mapWith(Number) })
    .from(problem)
    .where(and(gte(problem.closedAt, from), lt(problem.closedAt, to)));
  const coklit = await db
    .select({ n: count().mapWith(Number) })
    .from(voterEvent)
    .where(and(gte(voterEvent.at, from.toISOString()), lt(voterEvent.at, to.toISOString())));
  const results = await db
    .select({ n: count().mapWith(Number) })
    .from(resultSubmission)
    .where(and(gte(resultSubmission.submittedAt, from), lt(resultSubmission.submittedAt, to)));
  return {
    problemsReported: n(reported),
    problemsClosed: n(closed),
    coklitRecords: n(coklit),
    resultsReceived: n(results),
  };
}

/** The desk's ketua (for the signature block), if seated. */
export async function deskChair(db: Db): Promise<{ name: string; nip: string | null } | null> {
  const rows = await db
    .select({ name: deskPosition.name, nip: deskPosition.nip })
    .from(deskPosition)
    .where(eq(deskPosition.role, 'ketua'));
  return rows[0] ?? null;
}

/** Audit actions that are not data: sign-ins and the reports themselves. */
const NOT_DATA = sql`${auditLog.action} not like 'auth.%' and ${auditLog.action} not like 'report.%'`;

/** The audit trail's data entries now: how many, the last one's id and hash. */
export async function currentDataMark(
  db: Db,
): Promise<{ entries: number; lastId: number; hash: string }> {
  const [head] = await db
    .select({ entries: count(), lastId: sql<string | number | null>`max(${auditLog.id})` })
    .from(auditLog)
    .where(and(eq(auditLog.outcome, 'ok'), NOT_DATA));
  const lastId = Number(head?.lastId ?? 0);
  if (lastId === 0) return { entries: 0, lastId: 0, hash: '' };
  const [last] = await db
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.id, lastId));
  return { entries: head?.entries ?? 0, lastId, hash: last?.hash ?? '' };
}

/**
 * The data marks recorded with reports (in the audit entry of their
 * making), by report id; reports made before marks are absent.
 */
export async function dataMarksOfReports(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, unknown>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: sql<string | null>`${auditLog.after} ->> 'id'`,
      data: sql<unknown>`${auditLog.after} -> 'data'`,
    })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, 'report.generate'),
        eq(auditLog.outcome, 'ok'),
        sql`(${auditLog.after} ->> 'id') in (${sql.join(
          ids.map((i) => sql`${String(i)}`),
          sql`, `,
        )})`,
      ),
    );
  return new Map(rows.map((r) => [Number(r.id), r.data]));
}
