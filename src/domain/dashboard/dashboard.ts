/**
 * The Bupati's dashboard, shaped from the features' own summaries (stage
 * calendar, coklit progress, roster completeness, Bimtek recaps, open
 * problems, results), and the list of what is at risk. Pure: no I/O.
 *
 * A tile with nothing to show says so in words (`state: 'kosong'`) rather
 * than showing zeros.
 */
import { daysBetween } from '../common/dates.ts';
import { formatAngka, formatTanggal } from '../common/format.ts';
import type { BimtekEvent, RosterCompleteness } from '../people/people.schema.ts';
import { BODY_LABEL } from '../people/seats.ts';
import { SEVERITIES, SEVERITY_LABEL } from '../problems/problems.ts';
import type { ProblemListItem, ProblemTrend } from '../problems/problems.schema.ts';
import type { ResultsSummary } from '../results/results.schema.ts';
import type { StageCalendar } from '../stages/stage.schema.ts';
import type { Progress } from '../voters/voters.schema.ts';
import type {
  Dashboard,
  DashboardBimtek,
  DashboardCoklit,
  DashboardProblems,
  DashboardResults,
  DashboardRosters,
  DashboardStages,
  Risk,
} from './dashboard.schema.ts';
import type { z } from 'zod';

/** Where each tile drills down to (the web pages). */
export const TILE_LINK = {
  stages: '/tahapan',
  coklit: '/pemilih',
  rosters: '/badan-adhoc',
  bimtek: '/bimtek',
  problems: '/masalah',
  results: '/hasil',
} as const;

/** `0.4567` → `45,7 %`. */
export function formatPersen(share: number, digits = 1): string {
  return `${(share * 100).toFixed(digits).replace('.', ',')} %`;
}

export interface DashboardInput {
  readonly now: Date;
  readonly today: string;
  readonly regencyName: string;
  readonly calendar: StageCalendar;
  readonly votingDay: string | null;
  /** Null: the caller may not read that part. */
  readonly progress: Progress | null;
  readonly rosters: RosterCompleteness | null;
  readonly bimtek: readonly BimtekEvent[] | null;
  readonly problems: {
    readonly open: readonly ProblemListItem[];
    readonly trend: ProblemTrend;
  } | null;
  readonly results: readonly ResultsSummary[] | null;
}

// ---------------------------------------------------------------- stages

export function stagesTile(
  calendar: StageCalendar,
  votingDay: string | null,
): z.infer<typeof DashboardStages> {
  const today = calendar.today;
  const current = calendar.stages
    .filter((s) => s.phase === 'berlangsung')
    .map((s) => ({
      name: s.name,
      startsOn: s.startsOn,
      endsOn: s.endsOn,
      daysLeft: daysBetween(today, s.endsOn),
    }));
  const upcoming = calendar.stages
    .filter((s) => s.phase === 'akan_datang')
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))[0];
  const next =
    upcoming === undefined
      ? null
      : {
          name: upcoming.name,
          startsOn: upcoming.startsOn,
          daysUntil: daysBetween(today, upcoming.startsOn),
        };
  const done = calendar.stages.filter((s) => s.phase === 'selesai').length;
  const total = calendar.stages.length;
  const daysToVoting = votingDay === null ? null : daysBetween(today, votingDay);
  const lines: string[] = [];
  if (total === 0) lines.push('Jadwal tahapan belum diisi.');
  else {
    lines.push(`${formatAngka(done)} dari ${formatAngka(total)} tahapan telah selesai.`);
    for (const c of current) {
      lines.push(
        `Berlangsung: ${c.name} (sampai ${formatTanggal(c.endsOn)}, ${c.daysLeft === 0 ? 'hari terakhir' : `${formatAngka(c.daysLeft)} hari lagi`}).`,
      );
    }
    if (current.length === 0) lines.push('Tidak ada tahapan yang sedang berlangsung.');
    if (next !== null)
      lines.push(
        `Berikutnya: ${next.name}, mulai ${formatTanggal(next.startsOn)} (${formatAngka(next.daysUntil)} hari lagi).`,
      );
  }
  if (votingDay !== null && daysToVoting !== null) {
    lines.push(
      daysToVoting > 0
        ? `Pemungutan suara ${formatTanggal(votingDay)}: ${formatAngka(daysToVoting)} hari lagi.`
        : daysToVoting === 0
          ? `Hari ini hari pemungutan suara (${formatTanggal(votingDay)}).`
          : `Pemungutan suara telah berlangsung pada ${formatTanggal(votingDay)}.`,
    );
  }
  return {
    state: total === 0 ? 'kosong' : 'ada',
    link: TILE_LINK.stages,
    lines,
    current,
    next,
    done,
    total,
    votingDay,
    daysToVoting,
  };
}

// ---------------------------------------------------------------- coklit

const sumTms = (tms: Record<string, number>) => Object.values(tms).reduce((a, n) => a + n, 0);

export function coklitTile(progress: Progress): z.infer<typeof DashboardCoklit> {
  const c = progress.counts;
  const tms = sumTms(c.tms);
  const empty = c.dp4 === 0 && c.baru === 0;
  const share = c.dp4 === 0 ? 0 : c.visited / c.dp4;
  return {
    state: empty ? 'kosong' : 'ada',
    link: TILE_LINK.coklit,
    lines: empty
      ? ['Belum ada data pemilih (DP4) yang diimpor; kemajuan coklit belum dapat dihitung.']
      : [
          `${formatAngka(c.visited)} dari ${formatAngka(c.dp4)} pemilih DP4 telah dicoklit (${formatPersen(share)}).`,
          `MS ${formatAngka(c.ms)}, diubah ${formatAngka(c.u)}, TMS ${formatAngka(tms)}, pemilih baru ${formatAngka(c.baru)}.`,
        ],
    dp4: c.dp4,
    visited: c.visited,
    visitedPct: c.visitedPct,
    ms: c.ms,
    u: c.u,
    tms,
    baru: c.baru,
    byKecamatan: progress.children
      .filter((k) => k.counts.dp4 > 0)
      .map((k) => ({
        code: k.code,
        label: k.name,
        values: [k.counts.dp4 === 0 ? 0 : k.counts.visited / k.counts.dp4],
      })),
  };
}

// ---------------------------------------------------------------- rosters

export function rostersTile(r: RosterCompleteness): z.infer<typeof DashboardRosters> {
  const bodies = r.bodies.map((b) => ({
    body: b.body,
    label: BODY_LABEL[b.body],
    filled: b.filled,
    seats: b.seats,
    unitsWithoutKetua: b.unitsWithoutKetua,
  }));
  const anyone = bodies.some((b) => b.filled > 0);
  return {
    state: anyone ? 'ada' : 'kosong',
    link: TILE_LINK.rosters,
    lines: anyone
      ? bodies.map(
          (b) =>
            `${b.label}: ${formatAngka(b.filled)}/${formatAngka(b.seats)} kursi terisi${b.seats === 0 ? '' : ` (${formatPersen(b.filled / b.seats)})`}.`,
        )
      : ['Belum ada anggota badan adhoc yang tercatat.'],
    bodies,
  };
}

// ---------------------------------------------------------------- bimtek

export function bimtekTile(events: readonly BimtekEvent[]): z.infer<typeof DashboardBimtek> {
  const shaped = events.map((e) => ({
    id: e.id,
    name: e.name,
    body: e.body,
    link: `/bimtek/${String(e.id)}`,
    members: e.recap.members,
    invited: e.recap.invited,
    trained: e.recap.trained,
    partial: e.recap.partial,
    absent: e.recap.absent,
  }));
  const withPeople = shaped.filter((e) => e.members > 0);
  const lines =
    shaped.length === 0
      ? ['Belum ada Bimtek yang dijadwalkan.']
      : shaped.map((e) =>
          e.members === 0
            ? `${e.name}: daftar anggota ${BODY_LABEL[e.body]} belum diisi, peserta belum dapat dihitung.`
            : `${e.name}: ${formatAngka(e.trained)} dari ${formatAngka(e.members)} anggota ${BODY_LABEL[e.body]} telah mengikuti penuh (${formatPersen(e.trained / e.members)}).`,
        );
  return {
    state: withPeople.length === 0 ? 'kosong' : 'ada',
    link: TILE_LINK.bimtek,
    lines,
    events: shaped,
  };
}

// ---------------------------------------------------------------- problems

function placeOf(p: ProblemListItem): string {
  const tps = p.tpsNumber === null ? '' : `TPS ${String(p.tpsNumber).padStart(3, '0')} `;
  const desa = p.desaName === null ? '' : `${p.desaName}, `;
  return `${tps}${desa}Kec. ${p.kecamatanName}`;
}

export function problemsTile(
  open: readonly ProblemListItem[],
  trend: ProblemTrend,
): z.infer<typeof DashboardProblems> {
  const overdue = open.filter((p) => p.overdue !== null);
  const bySeverity = [...SEVERITIES].reverse().map((s) => ({
    severity: s,
    label: SEVERITY_LABEL[s],
    open: open.filter((p) => p.severity === s).length,
  }));
  const korwil = new Map<
    string,
    { korwilId: number | null; name: string; open: number; overdue: number }
  >();
  for (const p of open) {
    const key = String(p.korwilId);
    const k = korwil.get(key) ?? {
      korwilId: p.korwilId,
      name: p.korwilName ?? 'Tanpa Korwil',
      open: 0,
      overdue: 0,
    };
    k.open += 1;
    if (p.overdue !== null) k.overdue += 1;
    korwil.set(key, k);
  }
  const anyTrend = trend.days.some((d) => d.reported + d.closed > 0);
  const urgent = open.filter((p) => p.severity === 'tinggi' || p.severity === 'darurat').length;
  const lines =
    open.length === 0
      ? [
          anyTrend
            ? 'Tidak ada masalah yang masih terbuka.'
            : 'Belum ada laporan masalah dalam 14 hari terakhir dan tidak ada yang masih terbuka.',
        ]
      : [
          `${formatAngka(open.length)} masalah masih terbuka, ${formatAngka(urgent)} berkategori tinggi atau darurat.`,
          overdue.length === 0
            ? 'Tidak ada yang melewati batas waktu tanggapan.'
            : `${formatAngka(overdue.length)} melewati batas waktu tanggapan.`,
        ];
  return {
    state: open.length === 0 && !anyTrend ? 'kosong' : 'ada',
    link: TILE_LINK.problems,
    lines,
    open: open.length,
    overdue: overdue.length,
    bySeverity,
    byKorwil: [...korwil.values()].sort((a, b) => a.name.localeCompare(b.name, 'id')),
    overdueItems: [...overdue]
      .sort((a, b) => (b.overdue?.hoursLate ?? 0) - (a.overdue?.hoursLate ?? 0))
      .map((p) => ({
        id: p.id,
        link: `/masalah/${String(p.id)}`,
        title: `#${String(p.id)} ${p.categoryLabel}`,
        severity: p.severity,
        place: placeOf(p),
        hoursLate: p.overdue?.hoursLate ?? 0,
      })),
    trend: trend.days,
  };
}

// ---------------------------------------------------------------- results

export function resultsTile(
  summaries: readonly ResultsSummary[],
  votingDay: string | null,
  today: string,
): z.infer<typeof DashboardResults> {
  const contests = summaries.map((s) => {
    const sel = s.contest.selections;
    return {
      id: s.contest.id,
      name: s.contest.name,
      tpsTotal: s.region.tpsTotal,
      reported: s.region.reported,
      verified: s.region.verified,
      valid: s.region.valid,
      invalid: s.region.invalid,
      selections: sel.map((x) => {
        const v = s.region.votes.find((y) => y.selectionId === x.id);
        return { label: x.label, votes: v?.votes ?? 0, share: v?.share ?? null };
      }),
      byKecamatan: s.children
        .filter((k) => k.reported > 0)
        .map((k) => ({
          code: k.code,
          label: k.name,
          values: sel.map((x) => k.votes.find((y) => y.selectionId === x.id)?.share ?? 0),
        })),
    };
  });
  const reported = contests.some((c) => c.reported > 0);
  const lines: string[] = [];
  if (!reported) {
    lines.push(
      votingDay !== null && today < votingDay
        ? `Hasil penghitungan suara akan tampil mulai hari pemungutan suara, ${formatTanggal(votingDay)}.`
        : 'Belum ada C.Hasil yang masuk.',
    );
  } else {
    for (const c of contests) {
      const lead = [...c.selections].sort((a, b) => b.votes - a.votes)[0];
      lines.push(
        `${c.name}: ${formatAngka(c.reported)} dari ${formatAngka(c.tpsTotal)} TPS hasilnya diterima (${formatPersen(c.tpsTotal === 0 ? 0 : c.reported / c.tpsTotal)}), ${formatAngka(c.verified)} terverifikasi; suara sah ${formatAngka(c.valid)}${lead === undefined || lead.share === null ? '' : `, terbanyak ${lead.label} ${formatPersen(lead.share)}`}.`,
      );
    }
  }
  return { state: reported ? 'ada' : 'kosong', link: TILE_LINK.results, lines, contests };
}

// ---------------------------------------------------------------- risks

/** Coklit share expected by today if the work is spread evenly over the stage. */
export function expectedShare(startsOn: string, endsOn: string, today: string): number {
  const span = daysBetween(startsOn, endsOn) + 1;
  const done = daysBetween(startsOn, today) + 1;
  return Math.max(0, Math.min(1, done / span));
}

export function risksOf(
  d: Omit<Dashboard, 'risks' | 'generatedAt'>,
  coklitStage: {
    startsOn: string;
    endsOn: string;
  } | null,
): Risk[] {
  const risks: Risk[] = [];
  const p = d.problems;
  if (p !== null) {
    const emergency = p.bySeverity.find((s) => s.severity === 'darurat')?.open ?? 0;
    if (emergency > 0)
      risks.push({
        level: 'tinggi',
        text: `${formatAngka(emergency)} masalah darurat masih terbuka.`,
        link: p.link,
      });
    if (p.overdue > 0)
      risks.push({
        level: 'tinggi',
        text: `${formatAngka(p.overdue)} masalah melewati batas waktu tanggapan${
          p.byKorwil.some((k) => k.overdue > 0)
            ? ` (${p.byKorwil
                .filter((k) => k.overdue > 0)
                .map((k) => `${k.name} ${formatAngka(k.overdue)}`)
                .join(', ')})`
            : ''
        }.`,
        link: p.link,
      });
  }
  const c = d.coklit;
  if (c !== null && c.state === 'ada' && coklitStage !== null && d.today >= coklitStage.startsOn) {
    const expected = expectedShare(coklitStage.startsOn, coklitStage.endsOn, d.today);
    const share = c.dp4 === 0 ? 0 : c.visited / c.dp4;
    if (share + 0.1 < expected) {
      const behind = c.byKecamatan
        .filter((k) => (k.values[0] ?? 0) + 0.1 < expected)
        .sort((a, b) => (a.values[0] ?? 0) - (b.values[0] ?? 0))
        .slice(0, 3)
        .map((k) => `${k.label} ${formatPersen(k.values[0] ?? 0, 0)}`);
      risks.push({
        level: d.today > coklitStage.endsOn ? 'tinggi' : 'sedang',
        text: `Coklit baru ${formatPersen(share)} dari target ${formatPersen(expected, 0)} per hari ini${behind.length === 0 ? '' : `; paling tertinggal: ${behind.join(', ')}`}.`,
        link: c.link,
      });
    }
  }
  const r = d.rosters;
  if (r !== null) {
    const short = r.bodies.filter((b) => b.filled < b.seats && b.filled > 0);
    if (short.length > 0)
      risks.push({
        level: 'sedang',
        text: `Kursi badan adhoc belum penuh: ${short.map((b) => `${b.label} ${formatAngka(b.filled)}/${formatAngka(b.seats)}`).join(', ')}.`,
        link: r.link,
      });
  }
  const b = d.bimtek;
  if (b !== null) {
    for (const e of b.events) {
      const untrained = e.members - e.trained;
      if (e.members > 0 && untrained > 0)
        risks.push({
          level: 'sedang',
          text: `${formatAngka(untrained)} anggota ${BODY_LABEL[e.body]} belum mengikuti penuh ${e.name}.`,
          link: e.link,
        });
    }
  }
  const res = d.results;
  if (res !== null && res.state === 'ada') {
    for (const k of res.contests) {
      const missing = k.tpsTotal - k.reported;
      if (missing > 0)
        risks.push({
          level: 'sedang',
          text: `${k.name}: ${formatAngka(missing)} TPS belum mengirim C.Hasil.`,
          link: res.link,
        });
    }
  }
  return risks.sort((a, b2) => (a.level === b2.level ? 0 : a.level === 'tinggi' ? -1 : 1));
}

/** The whole dashboard from the features' summaries. */
export function shapeDashboard(input: DashboardInput): Dashboard {
  const stages = stagesTile(input.calendar, input.votingDay);
  const base = {
    today: input.today,
    regencyName: input.regencyName,
    stages,
    coklit: input.progress === null ? null : coklitTile(input.progress),
    rosters: input.rosters === null ? null : rostersTile(input.rosters),
    bimtek: input.bimtek === null ? null : bimtekTile(input.bimtek),
    problems:
      input.problems === null ? null : problemsTile(input.problems.open, input.problems.trend),
    results:
      input.results === null ? null : resultsTile(input.results, input.votingDay, input.today),
  };
  const coklit = input.calendar.stages.find((s) => s.kind === 'coklit') ?? null;
  return {
    generatedAt: input.now.toISOString(),
    ...base,
    risks: risksOf(base, coklit),
  };
}

// ---------------------------------------------------------------- charts

/** A horizontal bar chart in unit coordinates (x and width 0..1 of the plot). */
export interface BarGeometry {
  readonly rows: readonly {
    readonly label: string;
    readonly segments: readonly {
      readonly x: number;
      readonly w: number;
      readonly series: number;
    }[];
  }[];
  readonly max: number;
}

/**
 * Rows of values as bars: one segment per value, stacked left to right,
 * scaled so the largest row total (or `max`) fills the plot. Shared by the
 * web page's SVG and the PDF.
 */
export function barGeometry(
  rows: readonly { label: string; values: readonly number[] }[],
  max?: number,
): BarGeometry {
  const top =
    max ?? Math.max(0, ...rows.map((r) => r.values.reduce((a, v) => a + Math.max(0, v), 0)));
  return {
    max: top,
    rows: rows.map((r) => {
      let x = 0;
      const segments = r.values.map((v, series) => {
        const w = top > 0 ? Math.min(Math.max(0, v) / top, Math.max(0, 1 - x)) : 0;
        const seg = { x, w, series };
        x += w;
        return seg;
      });
      return { label: r.label, segments };
    }),
  };
}

/** Columns per day, side by side per series, in unit coordinates (y from the bottom). */
export function columnGeometry(days: readonly { label: string; values: readonly number[] }[]): {
  readonly max: number;
  readonly columns: readonly { x: number; w: number; h: number; series: number; label: string }[];
} {
  const max = Math.max(0, ...days.flatMap((d) => d.values));
  const series = Math.max(1, ...days.map((d) => d.values.length));
  const slot = days.length === 0 ? 0 : 1 / days.length;
  const w = (slot * 0.8) / series;
  return {
    max,
    columns: days.flatMap((d, i) =>
      d.values.map((v, s) => ({
        x: i * slot + slot * 0.1 + s * w,
        w,
        h: max === 0 ? 0 : Math.max(0, v) / max,
        series: s,
        label: d.label,
      })),
    ),
  };
}
