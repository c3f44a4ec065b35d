/**
 * The Bupati's dashboard: read from each feature's own service as the
 * caller (so each part keeps its own permission check), shaped by the pure
 * `domain/dashboard`. A part the caller may not read is left out (null).
 */
import { todayWib } from '../../domain/common/dates.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { shapeDashboard } from '../../domain/dashboard/dashboard.ts';
import type { Dashboard } from '../../domain/dashboard/dashboard.schema.ts';
import type { BimtekEvent } from '../../domain/people/people.schema.ts';
import type { ResultsSummary } from '../../domain/results/results.schema.ts';
import type { Actor } from '../auth/actor.ts';
import { canRead } from '../auth/guard.ts';
import { allContests } from '../contests/contests.repository.ts';
import type { Db } from '../db/connection.ts';
import { getBimtek, listBimtek } from '../people/bimtek.service.ts';
import { rosterCompleteness } from '../people/rosters.service.ts';
import { listProblems, problemTrend } from '../problems/problems.service.ts';
import { resultsSummary } from '../results/results.summary.ts';
import { getRegencySetting } from '../settings/settings.service.ts';
import { getCalendar } from '../stages/stages.service.ts';
import { voterProgress } from '../voters/voters.lists.ts';

const orNull = <T>(r: Result<T>): T | null => (r.ok ? r.value : null);

export const TREND_DAYS = 14;

export async function dashboard(
  db: Db,
  actor: Actor,
  now: Date = new Date(),
): Promise<Result<Dashboard>> {
  const allowed = canRead(actor, 'dashboard.read');
  if (!allowed.ok) return allowed;
  const regency = await getRegencySetting(db);
  if (regency === null)
    return err(
      domainError('not_found', 'registry.not_initialised', 'Kabupaten belum diinisialisasi.'),
    );
  const calendar = await getCalendar(db, now);
  const contests = (await allContests(db)).sort((a, b) => a.id - b.id);
  const votingDay = contests.map((c) => c.votingDay).sort()[0] ?? null;

  const progress = orNull(await voterProgress(db, actor, regency.code));
  const rosters = orNull(await rosterCompleteness(db, actor, undefined));
  const bimtekList = orNull(await listBimtek(db, actor));
  let bimtek: BimtekEvent[] | null = null;
  if (bimtekList !== null) {
    bimtek = [];
    for (const e of bimtekList) {
      const full = await getBimtek(db, actor, e.id);
      if (full.ok) bimtek.push(full.value);
    }
  }
  const open = await listProblems(db, actor, { status: 'terbuka' }, now);
  const trend = await problemTrend(db, actor, TREND_DAYS, now);
  const problems = open.ok && trend.ok ? { open: open.value, trend: trend.value } : null;
  let results: ResultsSummary[] | null = [];
  for (const c of contests) {
    const s = await resultsSummary(db, actor, c.id);
    if (!s.ok) {
      results = null;
      break;
    }
    results.push(s.value);
  }
  return ok(
    shapeDashboard({
      now,
      today: todayWib(now),
      regencyName: regency.name,
      calendar,
      votingDay,
      progress,
      rosters,
      bimtek,
      problems,
      results,
    }),
  );
}
