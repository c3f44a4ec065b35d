/**
 * The desk's situation reports: generated on demand or by the scheduler,
 * numbered per kind and year, stored with their PDF, audited.
 */
import { auditCheckpoint, formatCheckpoint } from '../audit/audit.service.ts';
import { daysBetween, todayWib } from '../../domain/common/dates.ts';
import { formatTanggal } from '../../domain/common/format.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import {
  DataMark,
  ReportSchedule,
  type Dashboard,
  type ReportItem,
  type ReportKind,
} from '../../domain/dashboard/dashboard.schema.ts';
import {
  isOutdated,
  periodStart,
  reportNumber,
  shapeReport,
} from '../../domain/dashboard/report.ts';
import { SYSTEM_ACTOR, type Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../http/transaction.ts';
import { readSetting, writeSetting } from '../settings/settings.repository.ts';
import { dashboard } from './dashboard.service.ts';
import { renderReportPdf } from './report-pdf.ts';
import {
  activityBetween,
  claimScheduled,
  completeScheduled,
  currentDataMark,
  dataMarksOfReports,
  deskChair,
  findReport,
  insertReport,
  latestReportOf,
  listReports,
  nextSequence,
  type ReportListRow,
} from './reports.repository.ts';

export const DEFAULT_SCHEDULE: ReportSchedule = { enabled: true, hour: 17, weeklyDay: 1 };
const SCHEDULE_KEY = 'report_schedule';

/** `2024-11-27T02:00:00Z` → `27 November 2024 pukul 09.00 WIB`. */
export function formatWaktuWib(at: Date): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Jakarta',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(':', '.');
  return `${formatTanggal(todayWib(at))} pukul ${time} WIB`;
}

/** The hour (0–23) in WIB. */
export function hourWib(at: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Jakarta',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(at),
  );
}

/** ISO weekday (1 = Monday) of a `YYYY-MM-DD` date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

function shiftDay(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Midnight WIB (UTC+7, no daylight saving) of a date, as an instant. */
function wibMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

/** A recorded mark, or null when absent or not a mark. */
function markOf(raw: unknown): DataMark | null {
  const parsed = DataMark.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function toItem(r: ReportListRow, data: DataMark | null, now: DataMark): ReportItem {
  return {
    id: r.id,
    kind: r.kind,
    periodDate: r.periodDate,
    number: reportNumber(r.sequence, r.kind, r.periodDate),
    trigger: r.trigger,
    generatedAt: r.generatedAt.toISOString(),
    generatedBy: r.generatedBy,
    bytes: r.bytes,
    hasData: r.hasData,
    data,
    outdated: isOutdated(data, now),
  };
}

/** Reports as list items, each with the data it was made from. */
async function itemsOf(db: Db, rows: readonly ReportListRow[]): Promise<ReportItem[]> {
  const now = await currentDataMark(db);
  const marks = await dataMarksOfReports(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toItem(r, markOf(marks.get(r.id)), now));
}

export async function getSchedule(db: Db): Promise<ReportSchedule> {
  const parsed = ReportSchedule.safeParse(await readSetting(db, SCHEDULE_KEY));
  return parsed.success ? parsed.data : DEFAULT_SCHEDULE;
}

export async function readSchedule(db: Db, actor: Actor): Promise<Result<ReportSchedule>> {
  const allowed = canRead(actor, 'dashboard.read');
  if (!allowed.ok) return allowed;
  return ok(await getSchedule(db));
}

export async function saveSchedule(
  db: Db,
  actor: Actor,
  body: ReportSchedule,
): Promise<Result<ReportSchedule>> {
  const what = { action: 'report.schedule', targetType: 'setting', targetId: SCHEDULE_KEY };
  const access = await authorizeWrite(db, actor, 'report.configure', undefined, what);
  if (!access.ok) return access;
  return inTransaction(db, async (tx) => {
    const before = await getSchedule(tx);
    await writeSetting(tx, SCHEDULE_KEY, body);
    await auditWrite(tx, access.value, what, { before, after: body });
    return ok(body);
  });
}

export async function reportList(db: Db, actor: Actor): Promise<Result<ReportItem[]>> {
  const allowed = canRead(actor, 'dashboard.read');
  if (!allowed.ok) return allowed;
  return ok(await itemsOf(db, await listReports(db)));
}

export async function reportFile(
  db: Db,
  actor: Actor,
  id: number,
): Promise<Result<{ fileName: string; pdf: Buffer }>> {
  const allowed = canRead(actor, 'dashboard.read');
  if (!allowed.ok) return allowed;
  const row = await findReport(db, id);
  if (row === undefined)
    return err(domainError('not_found', 'report.not_found', 'Laporan tidak ditemukan.'));
  const number = reportNumber(row.sequence, row.kind, row.periodDate);
  return ok({
    fileName: fileNameOf({ kind: row.kind, periodDate: row.periodDate, number }),
    pdf: row.pdf,
  });
}

export function fileNameOf(r: Pick<ReportItem, 'kind' | 'periodDate' | 'number'>): string {
  return `laporan-${r.kind}-${r.periodDate}-${r.number.slice(0, 3)}.pdf`;
}

function checkDate(date: string, today: string): Result<string> {
  if (daysBetween(date, today) < 0)
    return err(
      domainError(
        'invalid',
        'report.future_date',
        `Laporan untuk ${formatTanggal(date)} belum dapat dibuat: tanggal itu belum tiba.`,
        'date',
      ),
    );
  return ok(date);
}

interface Built {
  readonly pdf: Buffer;
  readonly hasData: boolean;
}

/** The dashboard, the period's activity and the signer, drawn as a PDF with its number. */
async function build(
  db: Db,
  board: Dashboard,
  kind: ReportKind,
  date: string,
  sequence: number,
  now: Date,
  dataMark: DataMark,
): Promise<Built> {
  const from = wibMidnight(periodStart(kind, date));
  const to = wibMidnight(shiftDay(date, 1));
  const activity = await activityBetween(db, from, to);
  const chair = await deskChair(db);
  const doc = shapeReport(board, activity, {
    kind,
    date,
    today: todayWib(now),
    sequence,
    generatedAtLabel: formatWaktuWib(now),
    signer: { name: chair?.name ?? null, nip: chair?.nip ?? null },
    dataMark,
    auditCheckpoint: formatCheckpoint(await auditCheckpoint(db)),
  });
  return { pdf: await renderReportPdf(doc), hasData: doc.hasData };
}

/** A new numbered report, on demand (audited). */
export async function generateReport(
  db: Db,
  actor: Actor,
  kind: ReportKind,
  date: string | undefined,
  now: Date = new Date(),
): Promise<Result<ReportItem>> {
  const today = todayWib(now);
  const day = date ?? today;
  const what = { action: 'report.generate', targetType: 'report', targetId: `${kind}:${day}` };
  const access = await authorizeWrite(db, actor, 'dashboard.read', undefined, what);
  if (!access.ok) return access;
  const valid = checkDate(day, today);
  if (!valid.ok) return valid;
  const board = await dashboard(db, actor, now);
  if (!board.ok) return board;
  return inTransaction(db, async (tx) => {
    const sequence = await nextSequence(tx, kind, Number(day.slice(0, 4)));
    const data = await currentDataMark(tx);
    const built = await build(tx, board.value, kind, day, sequence, now, data);
    const row = await insertReport(tx, {
      kind,
      periodDate: day,
      year: Number(day.slice(0, 4)),
      sequence,
      trigger: 'permintaan',
      generatedAt: now,
      generatedBy: actor.fullName ?? actor.username,
      hasData: built.hasData,
      pdf: built.pdf,
      bytes: built.pdf.length,
    });
    const item = toItem(row, data, data);
    await auditWrite(tx, access.value, what, { after: { ...item } });
    return ok(item);
  });
}

/**
 * The report of a kind and day for download. For the current period (today's
 * daily, the weekly ending today) it shows today's data: the newest stored
 * one while no data were written since it was made, else a new numbered
 * edition. A past period's report is the newest stored one (its day's state
 * cannot be made again), or a new one when none is stored.
 */
export async function reportPdfFor(
  db: Db,
  actor: Actor,
  kind: ReportKind,
  date: string | undefined,
  now: Date = new Date(),
): Promise<Result<{ fileName: string; pdf: Buffer }>> {
  const allowed = canRead(actor, 'dashboard.read');
  if (!allowed.ok) return allowed;
  const today = todayWib(now);
  const day = date ?? today;
  const stored = await latestReportOf(db, kind, day);
  if (stored !== undefined) {
    const current = day === today;
    const made = current ? markOf((await dataMarksOfReports(db, [stored])).get(stored)) : null;
    if (!current || !isOutdated(made, await currentDataMark(db))) {
      return reportFile(db, actor, stored);
    }
  }
  const made = await generateReport(db, actor, kind, day, now);
  if (!made.ok) return made;
  return reportFile(db, actor, made.value.id);
}

/** What one pass of the scheduler made. */
export interface ScheduledRun {
  readonly generated: { kind: ReportKind; periodDate: string; id: number }[];
}

/**
 * One pass of the scheduler at `now`: from the configured hour (WIB) on,
 * today's daily report, and on the configured weekday the weekly report of
 * the seven days ending yesterday, each claimed by a unique (kind, day) row
 * so that servers sharing the database make it once.
 */
export async function runScheduledReports(db: Db, now: Date): Promise<ScheduledRun> {
  const schedule = await getSchedule(db);
  const out: ScheduledRun['generated'] = [];
  if (!schedule.enabled || hourWib(now) < schedule.hour) return { generated: out };
  const today = todayWib(now);
  const due: { kind: ReportKind; day: string }[] = [{ kind: 'harian', day: today }];
  if (isoWeekday(today) === schedule.weeklyDay)
    due.push({ kind: 'mingguan', day: shiftDay(today, -1) });
  for (const { kind, day } of due) {
    const board = await dashboard(db, SYSTEM_ACTOR, now);
    if (!board.ok) return { generated: out };
    const made = await inTransaction(db, async (tx) => {
      const id = await claimScheduled(tx, kind, day);
      if (id === null)
        return err(domainError('conflict', 'report.already_scheduled', 'Sudah dibuat.'));
      const sequence = await nextSequence(tx, kind, Number(day.slice(0, 4)));
      const data = await currentDataMark(tx);
      const built = await build(tx, board.value, kind, day, sequence, now, data);
      await completeScheduled(tx, id, {
        sequence,
        hasData: built.hasData,
        pdf: built.pdf,
        bytes: built.pdf.length,
        generatedAt: now,
      });
      await auditWrite(
        tx,
        { actor: SYSTEM_ACTOR, grant: { role: 'admin', scopeKind: 'regency', scopeRef: '' } },
        { action: 'report.generate', targetType: 'report', targetId: `${kind}:${day}` },
        { after: { id, kind, periodDate: day, trigger: 'jadwal', sequence, data } },
      );
      return ok(id);
    });
    if (made.ok) out.push({ kind, periodDate: day, id: made.value });
  }
  return { generated: out };
}

export interface Scheduler {
  /** Runs one pass now (the timer calls it every `intervalMs`). */
  tick(): Promise<ScheduledRun>;
  stop(): void;
}

/** Checks every minute (by default) whether a report is due; the clock is injectable for tests. */
export function startReportScheduler(
  db: Db,
  options: { clock?: () => Date; intervalMs?: number; log?: (m: string) => void } = {},
): Scheduler {
  const clock = options.clock ?? (() => new Date());
  let running: Promise<ScheduledRun> | null = null;
  const tick = async (): Promise<ScheduledRun> => {
    if (running !== null) return running;
    running = runScheduledReports(db, clock()).finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    tick().catch((e: unknown) => options.log?.(`laporan terjadwal gagal: ${String(e)}`));
  }, options.intervalMs ?? 60_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
