/**
 * Soft flags on a C.Hasil-KWK form: the form is accepted, but the desk sees
 * it in the anomaly list. Pure, no zod (shared by the server and the web).
 * Each flag is computed only when the numbers it reads are whole numbers ≥ 0
 * (a form with other numbers is refused by `checkChasil` anyway).
 */
import { formatAngka } from '../common/format.ts';
import { isCount, reserveBallots } from './chasil.rules.ts';
import { selectionName, type ChasilForm } from './chasil.ts';

/** Every threshold of the flags, in one place (shares are fractions, 0.95 = 95 %). */
export const ANOMALY_THRESHOLDS = {
  /** Turnout (I.B total / I.A total) strictly above this is flagged. */
  turnoutAbove: 0.95,
  /** A selection with at least this share of the valid votes is flagged. */
  oneSelectionAtLeast: 0.95,
  /** Invalid votes strictly above this share of the ballots used are flagged. */
  invalidAbove: 0.1,
  /** The desa pattern is only judged with at least this many other TPS reported. */
  desaMinOthers: 3,
  /**
   * The desa pattern reads at most this many other TPS (by TPS id): a real
   * desa has a few dozen at most, so this only bounds the work for a desa
   * that would have more.
   */
  desaSample: 60,
  /** Flagged when turnout is more than this many robust standard deviations from the desa median. */
  desaRobustSigmas: 3,
  /** MAD × 1.4826 estimates the standard deviation of normally distributed turnouts. */
  madToSigma: 1.4826,
  /** The robust standard deviation is never taken below 5 percentage points. */
  desaSigmaFloor: 0.05,
} as const;

/** Every flag, in the order they are listed. Descriptions are for the user guide. */
export const ANOMALY_RULES = [
  {
    code: 'anomaly.turnout_above_95',
    description: 'Partisipasi (pengguna hak pilih ÷ pemilih terdaftar) di atas 95%.',
  },
  {
    code: 'anomaly.one_selection_95',
    description: 'Satu pilihan mendapat 95% suara sah atau lebih.',
  },
  {
    code: 'anomaly.invalid_above_10',
    description: 'Suara tidak sah di atas 10% surat suara terpakai.',
  },
  {
    code: 'anomaly.far_from_desa',
    description:
      'Partisipasi jauh dari pola TPS lain di desa yang sama (lebih dari 3 simpangan baku robust dari median; minimal 3 TPS lain, simpangan minimal 5 poin).',
  },
  {
    code: 'anomaly.corrected_after_verification',
    description: 'Hasil dikoreksi setelah diverifikasi.',
  },
  {
    code: 'anomaly.ballots_above_allocation',
    description: 'Surat suara diterima melebihi alokasi: DPT + cadangan 2,5% DPT + DPTb + DPK.',
  },
] as const satisfies readonly { code: string; description: string }[];

export type AnomalyCode = (typeof ANOMALY_RULES)[number]['code'];

export interface Anomaly {
  readonly code: AnomalyCode;
  readonly message: string;
}

export interface AnomalyContext {
  /** Turnout (voted / registered, 0..1) of the other reported TPS of the same desa. */
  readonly desaTurnouts?: readonly number[];
  /** True when this submission corrects a version that had been verified. */
  readonly correctedAfterVerification?: boolean;
  /** Names for messages, e.g. `{ 12: 'Paslon 01' }`; otherwise `pilihan tak dikenal (kode 12)`. */
  readonly selectionLabels?: Readonly<Record<number, string>>;
}

function pct(share: number): string {
  return `${formatAngka(Math.round(share * 1000) / 10)}%`;
}

function points(share: number): string {
  return formatAngka(Math.round(share * 1000) / 10);
}

function n(x: number): string {
  return formatAngka(x);
}

/** The middle value (mean of the two middle ones for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid];
  if (hi === undefined) return Number.NaN;
  if (sorted.length % 2 === 1) return hi;
  const lo = sorted[mid - 1] ?? hi;
  return (lo + hi) / 2;
}

/** Voted / registered (I.B total / I.A total), or null when it cannot be computed. */
export function turnoutOf(form: ChasilForm): number | null {
  const voted = form.voted.total.total;
  const registered = form.registered.total.total;
  if (!isCount(voted) || !isCount(registered) || registered === 0) return null;
  return voted / registered;
}

/** `anomaly.turnout_above_95`. */
export function turnoutAbove95(form: ChasilForm): Anomaly[] {
  const turnout = turnoutOf(form);
  if (turnout === null || turnout <= ANOMALY_THRESHOLDS.turnoutAbove) return [];
  return [
    {
      code: 'anomaly.turnout_above_95',
      message: `Partisipasi ${pct(turnout)} (${n(form.voted.total.total)} dari ${n(form.registered.total.total)} pemilih terdaftar), di atas ${pct(ANOMALY_THRESHOLDS.turnoutAbove)}.`,
    },
  ];
}

/** `anomaly.one_selection_95`. */
export function oneSelection95(form: ChasilForm, ctx: AnomalyContext = {}): Anomaly[] {
  const valid = form.valid;
  if (!isCount(valid) || valid === 0) return [];
  return form.votes
    .filter((v) => isCount(v.votes) && v.votes / valid >= ANOMALY_THRESHOLDS.oneSelectionAtLeast)
    .map((v) => {
      const name = selectionName(v.selectionId, ctx.selectionLabels);
      return {
        code: 'anomaly.one_selection_95',
        message: `${name.charAt(0).toUpperCase()}${name.slice(1)} mendapat ${pct(v.votes / valid)} suara sah (${n(v.votes)} dari ${n(valid)}), ${pct(ANOMALY_THRESHOLDS.oneSelectionAtLeast)} atau lebih.`,
      } as const;
    });
}

/** `anomaly.invalid_above_10`. */
export function invalidAbove10(form: ChasilForm): Anomaly[] {
  const { invalid } = form;
  const used = form.ballots.used;
  if (!isCount(invalid) || !isCount(used) || used === 0) return [];
  const share = invalid / used;
  if (share <= ANOMALY_THRESHOLDS.invalidAbove) return [];
  return [
    {
      code: 'anomaly.invalid_above_10',
      message: `Suara tidak sah ${pct(share)} (${n(invalid)} dari ${n(used)} surat suara terpakai), di atas ${pct(ANOMALY_THRESHOLDS.invalidAbove)}.`,
    },
  ];
}

/**
 * `anomaly.far_from_desa`: turnout more than 3 robust standard deviations
 * (MAD × 1.4826, at least 5 points) from the median of the desa's other TPS,
 * judged only when at least 3 other TPS have reported.
 */
export function farFromDesa(form: ChasilForm, ctx: AnomalyContext = {}): Anomaly[] {
  const turnout = turnoutOf(form);
  const others = (ctx.desaTurnouts ?? []).filter((t) => Number.isFinite(t));
  const t = ANOMALY_THRESHOLDS;
  if (turnout === null || others.length < t.desaMinOthers) return [];
  const mid = median(others);
  const mad = median(others.map((x) => Math.abs(x - mid)));
  const sigma = Math.max(t.madToSigma * mad, t.desaSigmaFloor);
  const limit = t.desaRobustSigmas * sigma;
  const distance = Math.abs(turnout - mid);
  if (distance <= limit) return [];
  return [
    {
      code: 'anomaly.far_from_desa',
      message: `Partisipasi ${pct(turnout)} jauh dari ${String(others.length)} TPS lain di desa ini (median ${pct(mid)}): selisih ${points(distance)} poin, batas ${points(limit)} poin.`,
    },
  ];
}

/** `anomaly.corrected_after_verification`. */
export function correctedAfterVerification(_form: ChasilForm, ctx: AnomalyContext = {}): Anomaly[] {
  if (ctx.correctedAfterVerification !== true) return [];
  return [
    {
      code: 'anomaly.corrected_after_verification',
      message: 'Hasil TPS ini dikoreksi setelah diverifikasi.',
    },
  ];
}

/** `anomaly.ballots_above_allocation`: received > DPT + reserve (2.5 % of DPT) + DPTb + DPK (I.A). */
export function ballotsAboveAllocation(form: ChasilForm): Anomaly[] {
  const received = form.ballots.received;
  const dpt = form.registered.dpt.total;
  const dptb = form.registered.dptb.total;
  const dpk = form.registered.dpk.total;
  if (![received, dpt, dptb, dpk].every(isCount)) return [];
  const reserve = reserveBallots(dpt);
  const allocation = dpt + reserve + dptb + dpk;
  if (received <= allocation) return [];
  return [
    {
      code: 'anomaly.ballots_above_allocation',
      message: `Surat suara diterima (${n(received)}) melebihi alokasi DPT + cadangan 2,5% + DPTb + DPK (${n(dpt)} + ${n(reserve)} + ${n(dptb)} + ${n(dpk)} = ${n(allocation)}).`,
    },
  ];
}

const FLAGS: Record<AnomalyCode, (form: ChasilForm, ctx: AnomalyContext) => Anomaly[]> = {
  'anomaly.turnout_above_95': turnoutAbove95,
  'anomaly.one_selection_95': oneSelection95,
  'anomaly.invalid_above_10': invalidAbove10,
  'anomaly.far_from_desa': farFromDesa,
  'anomaly.corrected_after_verification': correctedAfterVerification,
  'anomaly.ballots_above_allocation': ballotsAboveAllocation,
};

/** Every soft flag of a form, in the order of `ANOMALY_RULES`; empty when nothing stands out. */
export function anomaliesOf(form: ChasilForm, ctx: AnomalyContext = {}): Anomaly[] {
  return ANOMALY_RULES.flatMap((rule) => FLAGS[rule.code](form, ctx));
}
