/**
 * Read side of results: totals at any level from the running desa totals,
 * the anomaly list, and `results verify` (recompute from the leaves).
 */
import type { Actor } from '../auth/actor.ts';
import { canRead, regionTarget } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { getContest } from '../contests/contests.service.ts';
import type { Contest } from '../../domain/contests/contest.schema.ts';
import { loadTree } from '../regions/regions.service.ts';
import type { RegionTree } from '../regions/region-tree.ts';
import { getRegencySetting } from '../settings/settings.service.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { formatTps } from '../../domain/common/format.ts';
import {
  PROVISIONAL_NOTICE,
  type AnomalyItem,
  type Flag,
  type LevelTotals,
  type ResultsSummary,
} from '../../domain/results/results.schema.ts';
import { currentLeaves, desaTotalRows } from './results.repository.ts';
import { tpsOfIds } from './results.tps-labels.ts';
import {
  addInto,
  desaTotals,
  emptyTotals,
  korwilTotals,
  regionTotals,
  turnoutMap,
  type Totals,
} from './results.rollup.ts';

function level(
  code: string,
  name: string,
  lvl: LevelTotals['level'],
  tpsTotal: number,
  t: Totals,
  selectionIds: readonly number[],
): LevelTotals {
  const votes = selectionIds.map((id) => {
    const v = t.votes.get(id) ?? 0;
    return { selectionId: id, votes: v, share: t.valid > 0 ? v / t.valid : null };
  });
  const max = Math.max(0, ...votes.map((v) => v.votes));
  const leaders = votes.filter((v) => v.votes === max && max > 0);
  return {
    code,
    name,
    level: lvl,
    tpsTotal,
    reported: t.reported,
    verified: t.verified,
    registered: t.registered,
    voted: t.voted,
    turnout: t.registered > 0 ? t.voted / t.registered : null,
    valid: t.valid,
    invalid: t.invalid,
    votes,
    leader: leaders.length === 1 ? (leaders[0]?.selectionId ?? null) : null,
  };
}

/** The Korwil of a kecamatan or desa (its kecamatan's). */
function korwilOf(tree: RegionTree, code: string): number | null {
  const row = tree.byCode.get(code);
  if (row?.level === 'kecamatan') return row.korwilId;
  const parent = row?.parentCode == null ? undefined : tree.byCode.get(row.parentCode);
  return parent?.korwilId ?? null;
}

const levelOf = (tree: RegionTree, code: string): LevelTotals['level'] => {
  const l = tree.byCode.get(code)?.level;
  return l === 'desa' || l === 'kecamatan' ? l : 'regency';
};

/** Which level a summary is for: a region by code (default: the regency), or a Korwil by id. */
export interface SummaryAt {
  readonly code?: string | undefined;
  readonly korwilId?: number | undefined;
}

/**
 * Totals of a contest for a region (default: the regency) and its children,
 * plus the Korwil at regency level; or for one Korwil and its kecamatan.
 * Readable by whoever may read results there; `'public'` may read the
 * regency (its kecamatan) and one kecamatan (its desa): the public page.
 */
export async function resultsSummary(
  db: Db,
  actor: Actor | 'public',
  contestId: number,
  at: SummaryAt = {},
): Promise<Result<ResultsSummary>> {
  const regency = await getRegencySetting(db);
  if (regency === null) {
    return err(
      domainError('not_found', 'registry.not_initialised', 'Kabupaten belum diinisialisasi.'),
    );
  }
  if (at.korwilId !== undefined) {
    if (at.code !== undefined) {
      return err(
        domainError(
          'invalid',
          'result.level_ambiguous',
          'Pilih salah satu: kode wilayah atau Korwil, tidak keduanya.',
          'korwil',
        ),
      );
    }
    if (actor === 'public') {
      return err(
        domainError(
          'forbidden',
          'auth.forbidden',
          'Hasil publik hanya tersedia untuk tingkat kabupaten dan kecamatan.',
        ),
      );
    }
    return korwilSummary(db, actor, contestId, regency, at.korwilId);
  }
  const regionCode = at.code ?? regency.code;
  if (actor === 'public') {
    // The public reads the regency, or one kecamatan (its desa): checked once the tree is loaded.
  } else {
    const allowed = canRead(actor, 'result.read', await regionTarget(db, regionCode));
    if (!allowed.ok) return allowed;
  }
  const contest = await getContest(db, contestId);
  if (!contest.ok) return contest;
  const tree = await loadTree(db);
  const row = tree.byCode.get(regionCode);
  if (
    row === undefined ||
    !(row.code === regency.code || row.code.startsWith(`${regency.code}.`))
  ) {
    return err(
      domainError(
        'not_found',
        'region.not_found',
        `Wilayah dengan kode ${regionCode} tidak ditemukan.`,
      ),
    );
  }
  const lvl = levelOf(tree, regionCode);
  if (actor === 'public' && lvl === 'desa') {
    return err(
      domainError(
        'forbidden',
        'auth.forbidden',
        'Hasil publik hanya tersedia untuk tingkat kabupaten, kecamatan, dan desa dalam kecamatan.',
      ),
    );
  }
  const byDesa = desaTotals(await desaTotalRows(db, contestId));
  const selectionIds = contest.value.pairs.map((p) => p.id);
  const children =
    lvl === 'desa'
      ? []
      : tree
          .childrenOf(regionCode)
          .map((c) =>
            level(
              c.code,
              c.name,
              levelOf(tree, c.code),
              tree.countsOf(c.code).tps,
              regionTotals(tree, c.code, byDesa),
              selectionIds,
            ),
          );
  const korwil =
    lvl === 'regency'
      ? [...tree.korwilById.values()]
          .sort((a, b) => a.ordinal - b.ordinal)
          .map((k) =>
            level(
              String(k.id),
              k.name,
              'korwil',
              tree.korwilCounts(k.id, regency.code).tps,
              korwilTotals(tree, regency.code, k.id, byDesa),
              selectionIds,
            ),
          )
      : [];
  return ok({
    contest: contestPart(contest.value),
    region: level(
      row.code,
      row.name,
      lvl,
      tree.countsOf(row.code).tps,
      regionTotals(tree, row.code, byDesa),
      selectionIds,
    ),
    korwilId: lvl === 'regency' ? null : korwilOf(tree, row.code),
    path: tree
      .pathOf(row.code)
      .filter((p) => p.level !== 'province')
      .map((p) => ({ code: p.code, name: p.name })),
    korwil,
    children:
      actor === 'public' && lvl === 'regency'
        ? children.filter((c) => c.level === 'kecamatan')
        : children,
    notice: PROVISIONAL_NOTICE,
  });
}

function contestPart(contest: Contest): ResultsSummary['contest'] {
  return {
    id: contest.id,
    name: contest.name,
    selections: contest.pairs.map((p) => ({
      id: p.id,
      label: p.label,
      ballotNumber: p.ballotNumber,
    })),
  };
}

/** One Korwil: its totals and its kecamatan's; readable by the Korwil's members and regency-wide readers. */
async function korwilSummary(
  db: Db,
  actor: Actor,
  contestId: number,
  regency: { code: string; name: string },
  korwilId: number,
): Promise<Result<ResultsSummary>> {
  const allowed = canRead(actor, 'result.read', { regionCode: regency.code, korwilId });
  if (!allowed.ok) return allowed;
  const contest = await getContest(db, contestId);
  if (!contest.ok) return contest;
  const tree = await loadTree(db);
  const korwil = tree.korwilById.get(korwilId);
  if (korwil === undefined) {
    return err(
      domainError(
        'not_found',
        'korwil.not_found',
        `Korwil dengan id ${String(korwilId)} tidak ditemukan.`,
        'korwil',
      ),
    );
  }
  const byDesa = desaTotals(await desaTotalRows(db, contestId));
  const selectionIds = contest.value.pairs.map((p) => p.id);
  const regencyRow = tree.byCode.get(regency.code);
  const children = tree
    .childrenOf(regency.code)
    .filter((c) => c.korwilId === korwilId)
    .map((c) =>
      level(
        c.code,
        c.name,
        'kecamatan',
        tree.countsOf(c.code).tps,
        regionTotals(tree, c.code, byDesa),
        selectionIds,
      ),
    );
  return ok({
    contest: contestPart(contest.value),
    region: level(
      String(korwil.id),
      korwil.name,
      'korwil',
      tree.korwilCounts(korwil.id, regency.code).tps,
      korwilTotals(tree, regency.code, korwil.id, byDesa),
      selectionIds,
    ),
    korwilId: korwil.id,
    // The regency sits above a Korwil.
    path: [...tree.pathOf(regency.code), ...(regencyRow === undefined ? [] : [regencyRow])]
      .filter((p) => p.level !== 'province')
      .map((p) => ({ code: p.code, name: p.name })),
    korwil: [],
    children,
    notice: PROVISIONAL_NOTICE,
  });
}

/** Current versions with soft flags, in the caller's scope. */
export async function anomalyList(
  db: Db,
  actor: Actor,
  contestId: number,
): Promise<Result<AnomalyItem[]>> {
  const anywhere = canRead(actor, 'result.read');
  if (!anywhere.ok && anywhere.error.kind === 'unauthorized') return anywhere;
  const tree = await loadTree(db);
  const leaves = (await currentLeaves(db, contestId)).filter(
    (l) => (l.anomalies as Flag[]).length > 0,
  );
  const labels = await tpsOfIds(
    db,
    leaves.map((l) => l.tpsId),
  );
  const out: AnomalyItem[] = [];
  for (const l of leaves) {
    const desa = tree.byCode.get(l.desaCode);
    const kec = desa?.parentCode == null ? undefined : tree.byCode.get(desa.parentCode);
    if (
      !canRead(actor, 'result.read', {
        regionCode: l.desaCode,
        korwilId: kec?.korwilId ?? null,
        tpsId: l.tpsId,
      }).ok
    )
      continue;
    out.push({
      tpsId: l.tpsId,
      tpsLabel: formatTps(labels.get(l.tpsId) ?? 0),
      desaCode: l.desaCode,
      desaName: desa?.name ?? l.desaCode,
      kecamatanName: kec?.name ?? '',
      version: l.version,
      status: l.status,
      flags: l.anomalies as Flag[],
    });
  }
  return ok(out.sort((a, b) => a.desaCode.localeCompare(b.desaCode) || a.tpsId - b.tpsId));
}

export interface TotalsDifference {
  readonly contestId: number;
  readonly desaCode: string;
  /** A count, `sel:<id>` (votes) or `tps:<id>:registered|voted` (the desa's turnouts). */
  readonly key: string;
  /** Null: no entry (a turnout kept for a TPS that has no current version, or missing). */
  readonly stored: number | null;
  readonly recomputed: number | null;
}

/** Recomputes every desa total of every contest from the current versions and lists differences. */
export async function verifyResultTotals(
  db: Db,
  contestIds: readonly number[],
): Promise<TotalsDifference[]> {
  const diffs: TotalsDifference[] = [];
  for (const contestId of contestIds) {
    const rows = await desaTotalRows(db, contestId);
    const stored = desaTotals(rows);
    const storedTurnouts = new Map(rows.map((r) => [r.desaCode, turnoutMap(r.turnouts)]));
    const recomputed = new Map<string, Totals>();
    const recomputedTurnouts = new Map<string, Map<number, [number, number]>>();
    for (const leaf of await currentLeaves(db, contestId)) {
      const t = recomputed.get(leaf.desaCode) ?? emptyTotals();
      recomputed.set(leaf.desaCode, t);
      const turnouts = recomputedTurnouts.get(leaf.desaCode) ?? new Map<number, [number, number]>();
      recomputedTurnouts.set(leaf.desaCode, turnouts);
      turnouts.set(leaf.tpsId, [leaf.registered, leaf.voted]);
      addInto(t, {
        registered: leaf.registered,
        voted: leaf.voted,
        valid: leaf.valid,
        invalid: leaf.invalid,
        reported: 1,
        verified: leaf.status === 'verified' ? 1 : 0,
        votes: new Map(leaf.votes.map((v) => [v.selectionId, v.votes])),
      });
    }
    for (const desaCode of new Set([...stored.keys(), ...recomputed.keys()])) {
      const a = stored.get(desaCode) ?? emptyTotals();
      const b = recomputed.get(desaCode) ?? emptyTotals();
      for (const key of [
        'registered',
        'voted',
        'valid',
        'invalid',
        'reported',
        'verified',
      ] as const) {
        if (a[key] !== b[key])
          diffs.push({ contestId, desaCode, key, stored: a[key], recomputed: b[key] });
      }
      for (const sel of new Set([...a.votes.keys(), ...b.votes.keys()])) {
        const x = a.votes.get(sel) ?? 0;
        const y = b.votes.get(sel) ?? 0;
        if (x !== y)
          diffs.push({ contestId, desaCode, key: `sel:${String(sel)}`, stored: x, recomputed: y });
      }
      // The turnouts the desa pattern flag reads: one entry per reported TPS.
      const ta = storedTurnouts.get(desaCode) ?? new Map<number, [number, number]>();
      const tb = recomputedTurnouts.get(desaCode) ?? new Map<number, [number, number]>();
      for (const tpsId of new Set([...ta.keys(), ...tb.keys()])) {
        const x = ta.get(tpsId);
        const y = tb.get(tpsId);
        (['registered', 'voted'] as const).forEach((key, i) => {
          if (x?.[i] !== y?.[i]) {
            diffs.push({
              contestId,
              desaCode,
              key: `tps:${String(tpsId)}:${key}`,
              stored: x?.[i] ?? null,
              recomputed: y?.[i] ?? null,
            });
          }
        });
      }
    }
  }
  return diffs;
}
