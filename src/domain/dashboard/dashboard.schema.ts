/**
 * The Bupati's dashboard and the desk's reports: one payload each, shared by
 * the server (validation, serialization, OpenAPI) and the web client.
 */
import { z } from 'zod';
import { IsoDate } from '../common/error.schema.ts';
import { BodyKind } from '../people/people.schema.ts';
import { Severity } from '../problems/problems.schema.ts';

/** Every tile says whether it has something to show; `kosong` tiles say so in words. */
const TileState = z.enum(['ada', 'kosong']);

const Bar = z.object({ code: z.string(), label: z.string(), values: z.array(z.number()) });

export const DashboardStages = z.object({
  state: TileState,
  link: z.string(),
  lines: z.array(z.string()),
  current: z.array(
    z.object({
      name: z.string(),
      startsOn: IsoDate,
      endsOn: IsoDate,
      daysLeft: z.number().int(),
    }),
  ),
  next: z.object({ name: z.string(), startsOn: IsoDate, daysUntil: z.number().int() }).nullable(),
  done: z.number().int(),
  total: z.number().int(),
  votingDay: IsoDate.nullable(),
  daysToVoting: z.number().int().nullable(),
});

export const DashboardCoklit = z.object({
  state: TileState,
  link: z.string(),
  lines: z.array(z.string()),
  dp4: z.number().int(),
  visited: z.number().int(),
  visitedPct: z.number(),
  ms: z.number().int(),
  u: z.number().int(),
  tms: z.number().int(),
  baru: z.number().int(),
  /** Visited % per kecamatan that has voters (for the chart). */
  byKecamatan: z.array(Bar),
});

export const DashboardRosters = z.object({
  state: TileState,
  link: z.string(),
  lines: z.array(z.string()),
  bodies: z.array(
    z.object({
      body: BodyKind,
      label: z.string(),
      filled: z.number().int(),
      seats: z.number().int(),
      unitsWithoutKetua: z.number().int(),
    }),
  ),
});

export const DashboardBimtek = z.object({
  state: TileState,
  link: z.string(),
  lines: z.array(z.string()),
  events: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      body: BodyKind,
      link: z.string(),
      members: z.number().int(),
      invited: z.number().int(),
      trained: z.number().int(),
      partial: z.number().int(),
      absent: z.number().int(),
    }),
  ),
});

export const DashboardProblems = z.object({
  state: TileState,
  link: z.string(),
  lines: z.array(z.string()),
  open: z.number().int(),
  overdue: z.number().int(),
  bySeverity: z.array(z.object({ severity: Severity, label: z.string(), open: z.number().int() })),
  byKorwil: z.array(
    z.object({
      korwilId: z.number().int().nullable(),
      name: z.string(),
      open: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
  overdueItems: z.array(
    z.object({
      id: z.number().int(),
      link: z.string(),
      title: z.string(),
      severity: Severity,
      place: z.string(),
      hoursLate: z.number().int(),
    }),
  ),
  /** Reports received and closed per day (WIB), oldest first. */
  trend: z.array(z.object({ day: IsoDate, reported: z.number().int(), closed: z.number().int() })),
});

export const DashboardResults = z.object({
  state: TileState,
  link: z.string(),
  lines: z.array(z.string()),
  contests: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      tpsTotal: z.number().int(),
      reported: z.number().int(),
      verified: z.number().int(),
      valid: z.number().int(),
      invalid: z.number().int(),
      selections: z.array(
        z.object({ label: z.string(), votes: z.number().int(), share: z.number().nullable() }),
      ),
      /** Share of each selection (0..1, in `selections` order) per kecamatan that reported. */
      byKecamatan: z.array(Bar),
    }),
  ),
});

export const Risk = z.object({
  level: z.enum(['tinggi', 'sedang']),
  text: z.string(),
  link: z.string(),
});
export type Risk = z.infer<typeof Risk>;

export const Dashboard = z
  .object({
    generatedAt: z.string(),
    today: IsoDate,
    regencyName: z.string(),
    /** Null when the caller may not read that part. */
    stages: DashboardStages,
    coklit: DashboardCoklit.nullable(),
    rosters: DashboardRosters.nullable(),
    bimtek: DashboardBimtek.nullable(),
    problems: DashboardProblems.nullable(),
    results: DashboardResults.nullable(),
    risks: z.array(Risk),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof Dashboard>;

// ---------------------------------------------------------------- reports

export const ReportKind = z.enum(['harian', 'mingguan']);
export type ReportKind = z.infer<typeof ReportKind>;

/** `daily` and `weekly` are accepted for `harian` and `mingguan` (see `reportKindOf`). */
export const ReportKindParam = z.enum(['harian', 'mingguan', 'daily', 'weekly']);
export type ReportKindParam = z.infer<typeof ReportKindParam>;

/**
 * Which data a report was made from: the audit trail's data entries (every
 * write, without sign-ins and reports) up to the last one, with its hash.
 */
export const DataMark = z
  .object({
    entries: z.number().int(),
    lastId: z.number().int(),
    hash: z.string(),
  })
  .meta({ id: 'ReportDataMark' });
export type DataMark = z.infer<typeof DataMark>;

export const ReportItem = z
  .object({
    id: z.number().int(),
    kind: ReportKind,
    /** The day reported on (daily) or the last day of the week (weekly). */
    periodDate: IsoDate,
    number: z.string().meta({ description: 'e.g. 007/LH-DP/2024' }),
    trigger: z.enum(['jadwal', 'permintaan']),
    generatedAt: z.string(),
    generatedBy: z.string().nullable(),
    bytes: z.number().int(),
    hasData: z.boolean(),
    /** The data it was made from (null for reports made before this was recorded). */
    data: DataMark.nullable(),
    /** Data have changed since it was made (a new report would say more). */
    outdated: z.boolean(),
  })
  .meta({ id: 'DeskReport' });
export type ReportItem = z.infer<typeof ReportItem>;

export const ReportSchedule = z
  .object({
    enabled: z.boolean(),
    hour: z.number().int().min(0).max(23).meta({ description: 'Hour (WIB) of the daily report' }),
    weeklyDay: z
      .number()
      .int()
      .min(1)
      .max(7)
      .meta({ description: 'ISO weekday (1 = Senin) of the weekly report, at the same hour' }),
  })
  .meta({ id: 'ReportSchedule' });
export type ReportSchedule = z.infer<typeof ReportSchedule>;
/** The same shape as a request body (its own id: input variants get derived names). */
export const ReportScheduleBody = ReportSchedule.meta({ id: 'ReportScheduleBody' });

export const ReportQuery = z.object({
  kind: ReportKindParam.default('harian'),
  date: IsoDate.optional().meta({ description: 'Default today (WIB)' }),
});

export const GenerateReportBody = z
  .object({ kind: ReportKindParam, date: IsoDate.optional() })
  .meta({ id: 'GenerateReportBody' });
