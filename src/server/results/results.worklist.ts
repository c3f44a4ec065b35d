/**
 * The worklist of results to verify: every active TPS of the caller's area
 * (the PPK's kecamatan, the PPS's desa, the Korwil's kecamatan, the whole
 * regency for the desk) where the contest is held, each with its current
 * status, grouped and sorted by `domain/results/worklist.ts`. A TPS is on
 * the list exactly when the caller may read its results.
 */
import { eq } from 'drizzle-orm';
import { formatTps } from '../../domain/common/format.ts';
import { isWithin } from '../../domain/common/region-code.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import type { ResultsWorklist, WorkTpsItem } from '../../domain/results/results.schema.ts';
import { worklist } from '../../domain/results/worklist.ts';
import { GRANTS } from '../../domain/auth/roles.ts';
import type { Actor } from '../auth/actor.ts';
import { canRead } from '../auth/guard.ts';
import { getContest } from '../contests/contests.service.ts';
import type { Db } from '../db/connection.ts';
import { resultCurrent, resultSubmission, tps } from '../db/schema.ts';
import { allKorwil, allRegions } from '../regions/regions.repository.ts';
import type { RegionRow } from '../regions/region-tree.ts';

const LEVEL_WORD: Partial<Record<RegionRow['level'], string>> = {
  regency: 'Kabupaten',
  kecamatan: 'Kecamatan',
  desa: 'Desa',
};

export async function resultsWorklist(
  db: Db,
  actor: Actor,
  contestId: number,
  code?: string,
): Promise<Result<ResultsWorklist>> {
  // The grant that gives the caller results somewhere: its scope is the list's area.
  const grant = actor.grants.find((g) => GRANTS[g.role]['result.read'] !== undefined);
  if (grant === undefined) {
    const refused = canRead(actor, 'result.read');
    return refused.ok
      ? err(domainError('forbidden', 'auth.forbidden', 'Anda tidak berwenang melihat hasil.'))
      : refused;
  }
  const found = await getContest(db, contestId);
  if (!found.ok) return found;
  const contest = found.value;
  const [regions, korwil] = await Promise.all([allRegions(db), allKorwil(db)]);
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const kecamatanOf = (desaCode: string) => byCode.get(byCode.get(desaCode)?.parentCode ?? '');
  const korwilOfCode = (c: string) => {
    const r = byCode.get(c);
    if (r?.level === 'kecamatan') return r.korwilId;
    if (r?.level === 'desa') return kecamatanOf(c)?.korwilId ?? null;
    return null;
  };

  let area: string;
  if (code !== undefined) {
    const r = byCode.get(code);
    if (r === undefined || (r.level !== 'kecamatan' && r.level !== 'desa')) {
      return err(
        domainError(
          'not_found',
          'result.worklist_region_not_found',
          `Kecamatan atau desa dengan kode ${code} tidak ditemukan.`,
          'code',
        ),
      );
    }
    // The caller may narrow only to somewhere it may read whole.
    const allowed = canRead(actor, 'result.read', {
      regionCode: code,
      korwilId: korwilOfCode(code),
    });
    if (!allowed.ok) return allowed;
    area = `${LEVEL_WORD[r.level] ?? ''} ${r.name}`;
  } else {
    const g = grant;
    if (g.scopeKind === 'korwil') {
      area = korwil.find((k) => String(k.id) === g.scopeRef)?.name ?? 'Korwil';
    } else if (g.scopeKind === 'tps') {
      area = 'TPS Anda';
    } else {
      const r = byCode.get(g.scopeRef);
      area = r === undefined ? g.scopeRef : `${LEVEL_WORD[r.level] ?? ''} ${r.name}`.trim();
    }
  }

  const [places, current] = await Promise.all([
    db
      .select({ id: tps.id, number: tps.number, desaCode: tps.desaCode })
      .from(tps)
      .where(eq(tps.status, 'aktif')),
    db
      .select({
        tpsId: resultCurrent.tpsId,
        status: resultCurrent.status,
        version: resultCurrent.version,
        statusAt: resultCurrent.statusAt,
        submittedAt: resultSubmission.submittedAt,
      })
      .from(resultCurrent)
      .innerJoin(resultSubmission, eq(resultSubmission.id, resultCurrent.submissionId))
      .where(eq(resultCurrent.contestId, contestId)),
  ]);
  const byTps = new Map(current.map((c) => [c.tpsId, c]));
  const rows: WorkTpsItem[] = [];
  for (const t of places) {
    if (!isWithin(t.desaCode, contest.regionCode)) continue;
    if (code !== undefined && !isWithin(t.desaCode, code)) continue;
    const target = { regionCode: t.desaCode, korwilId: korwilOfCode(t.desaCode), tpsId: t.id };
    if (!canRead(actor, 'result.read', target).ok) continue;
    const c = byTps.get(t.id);
    rows.push({
      tpsId: t.id,
      number: t.number,
      label: formatTps(t.number),
      desaCode: t.desaCode,
      desaName: byCode.get(t.desaCode)?.name ?? t.desaCode,
      kecamatanName: kecamatanOf(t.desaCode)?.name ?? '',
      status: c?.status ?? null,
      version: c?.version ?? null,
      submittedAt: c === undefined ? null : c.submittedAt.toISOString(),
      statusAt: c?.statusAt == null ? null : c.statusAt.toISOString(),
    });
  }
  const list = worklist(rows);
  return ok({
    contestId,
    contestName: contest.name,
    area,
    counts: list.counts,
    waiting: [...list.waiting],
    returned: [...list.returned],
    verified: [...list.verified],
    missing: [...list.missing],
  });
}
