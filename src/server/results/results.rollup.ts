/**
 * Pure roll-up of results: from per-desa running totals to any level of the
 * region tree (desa, kecamatan, Korwil, regency). No I/O.
 */
import type { RegionTree } from '../regions/region-tree.ts';

/** The counts a desa's totals keep besides the votes (see `Totals`). */
interface DesaCounts {
  /** I.A total of the TPS that reported. */
  registered: number;
  voted: number;
  valid: number;
  invalid: number;
  reported: number;
  verified: number;
}

/** TPS id → [registered, voted] of each reported TPS's current version. */
export type DesaTurnouts = Record<string, readonly [number, number]>;

/** A desa's stored running totals for one contest (`result_desa_total`). */
export interface DesaTotalRow extends Readonly<DesaCounts> {
  readonly desaCode: string;
  /** Selection id → votes. */
  readonly votes: Readonly<Record<string, number>>;
  readonly turnouts: Readonly<DesaTurnouts>;
}

/**
 * What to add to a desa's row: the deltas of its submissions summed (see
 * `addToDesaDelta`), and the turnouts of the TPS whose new versions they are
 * (`recordTurnout`; they replace the stored entries of those TPS).
 */
export interface DesaTotalDelta extends DesaCounts {
  readonly contestId: number;
  readonly desaCode: string;
  votes: Record<string, number>;
  turnouts: DesaTurnouts;
}

export interface Totals extends DesaCounts {
  votes: Map<number, number>;
}

const zeroCounts = (): DesaCounts => ({
  registered: 0,
  voted: 0,
  valid: 0,
  invalid: 0,
  reported: 0,
  verified: 0,
});

export function emptyTotals(): Totals {
  return { ...zeroCounts(), votes: new Map() };
}

export function addInto(target: Totals, source: Totals): void {
  target.registered += source.registered;
  target.voted += source.voted;
  target.valid += source.valid;
  target.invalid += source.invalid;
  target.reported += source.reported;
  target.verified += source.verified;
  for (const [k, v] of source.votes) target.votes.set(k, (target.votes.get(k) ?? 0) + v);
}

/** The keys a TPS's current version contributes to its desa's running totals. */
export function contributionOf(version: {
  registered: number;
  voted: number;
  valid: number;
  invalid: number;
  verified: boolean;
  votes: readonly { selectionId: number; votes: number }[];
}): Map<string, number> {
  const m = new Map<string, number>([
    ['registered', version.registered],
    ['voted', version.voted],
    ['valid', version.valid],
    ['invalid', version.invalid],
    ['reported', 1],
    ['verified', version.verified ? 1 : 0],
  ]);
  for (const v of version.votes) m.set(`sel:${String(v.selectionId)}`, v.votes);
  return m;
}

/** new − old, key by key (keys of either side). */
export function delta(
  oldC: ReadonlyMap<string, number> | null,
  newC: ReadonlyMap<string, number> | null,
): Map<string, number> {
  const d = new Map<string, number>();
  for (const [k, v] of newC ?? []) d.set(k, v);
  for (const [k, v] of oldC ?? []) d.set(k, (d.get(k) ?? 0) - v);
  for (const [k, v] of d) if (v === 0) d.delete(k);
  return d;
}

export function emptyDesaDelta(contestId: number, desaCode: string): DesaTotalDelta {
  return { contestId, desaCode, ...zeroCounts(), votes: {}, turnouts: {} };
}

/** A TPS's new current version: its desa's row keeps its registered and voted. */
export function recordTurnout(
  into: DesaTotalDelta,
  tpsId: number,
  version: { registered: number; voted: number },
): void {
  into.turnouts[String(tpsId)] = [version.registered, version.voted];
}

/**
 * Turnouts (voted / registered) of a desa's reported TPS other than `tpsId`,
 * at most `limit` of them, skipping TPS with no registered voters: the
 * pattern `anomaly.far_from_desa` compares a form with.
 */
export function otherTurnouts(
  reported: ReadonlyMap<number, readonly [number, number]>,
  tpsId: number,
  limit: number,
): number[] {
  const out: number[] = [];
  for (const [id, [registered, voted]] of reported) {
    if (out.length >= limit) break;
    if (id !== tpsId && registered > 0) out.push(voted / registered);
  }
  return out;
}

/** A stored `turnouts` object as a map by TPS id. */
export function turnoutMap(turnouts: Readonly<DesaTurnouts> | null): Map<number, [number, number]> {
  const m = new Map<number, [number, number]>();
  for (const [id, [registered, voted]] of Object.entries(turnouts ?? {})) {
    m.set(Number(id), [registered, voted]);
  }
  return m;
}

const SCALAR_KEYS = ['registered', 'voted', 'valid', 'invalid', 'reported', 'verified'] as const;
type ScalarKey = (typeof SCALAR_KEYS)[number];
const isScalarKey = (key: string): key is ScalarKey =>
  (SCALAR_KEYS as readonly string[]).includes(key);

/** Adds a `delta` (keys of `contributionOf`) into a desa's row delta. */
export function addToDesaDelta(into: DesaTotalDelta, keys: ReadonlyMap<string, number>): void {
  for (const [key, value] of keys) {
    if (key.startsWith('sel:')) {
      const id = key.slice(4);
      into.votes[id] = (into.votes[id] ?? 0) + value;
    } else if (isScalarKey(key)) {
      into[key] += value;
    } else {
      throw new Error(`unknown result total key ${key}`);
    }
  }
}

/**
 * True when adding `d` changes nothing. Any turnout recorded counts as a
 * change: two TPS of one batch could move registered by +5 and −5.
 */
export function isEmptyDesaDelta(d: DesaTotalDelta): boolean {
  return (
    SCALAR_KEYS.every((k) => d[k] === 0) &&
    Object.values(d.votes).every((v) => v === 0) &&
    Object.keys(d.turnouts).length === 0
  );
}

export function desaTotals(rows: readonly DesaTotalRow[]): Map<string, Totals> {
  const byDesa = new Map<string, Totals>();
  for (const r of rows) {
    const t = byDesa.get(r.desaCode) ?? emptyTotals();
    byDesa.set(r.desaCode, t);
    const votes = new Map(Object.entries(r.votes).map(([id, v]) => [Number(id), v] as const));
    addInto(t, { ...r, votes });
  }
  return byDesa;
}

/** Totals of a region: the sum over its desa (the region itself when a desa). */
export function regionTotals(
  tree: RegionTree,
  code: string,
  byDesa: ReadonlyMap<string, Totals>,
): Totals {
  const row = tree.byCode.get(code);
  const out = emptyTotals();
  if (row === undefined) return out;
  if (row.level === 'desa') {
    const t = byDesa.get(code);
    if (t !== undefined) addInto(out, t);
    return out;
  }
  for (const child of tree.childrenOf(code)) addInto(out, regionTotals(tree, child.code, byDesa));
  return out;
}

/** Totals of a Korwil: the sum over its kecamatan. */
export function korwilTotals(
  tree: RegionTree,
  regencyCode: string,
  korwilId: number,
  byDesa: ReadonlyMap<string, Totals>,
): Totals {
  const out = emptyTotals();
  for (const k of tree.kecamatanOf(regencyCode)) {
    if (k.korwilId === korwilId) addInto(out, regionTotals(tree, k.code, byDesa));
  }
  return out;
}
