/**
 * Reads what the NIST export needs from the database: the regency's
 * kecamatan, desa and active TPS, a contest with its selections, and the
 * current version of each TPS result.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { tps } from '../db/schema.ts';
import { findContest, pairsOf } from '../contests/contests.repository.ts';
import { allRegions } from '../regions/regions.repository.ts';
import { getRegencySetting } from '../settings/settings.service.ts';
import { currentLeaves } from '../results/results.repository.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import type { NistSnapshot } from './nist.ts';

export async function nistSnapshot(
  db: Db,
  contestId: number,
  now: Date = new Date(),
): Promise<Result<NistSnapshot>> {
  const regency = await getRegencySetting(db);
  if (regency === null) {
    return err(
      domainError('not_found', 'registry.not_initialised', 'Kabupaten belum diinisialisasi.'),
    );
  }
  const contest = await findContest(db, contestId);
  if (contest === undefined) {
    return err(
      domainError(
        'not_found',
        'contest.not_found',
        `Pemilihan dengan id ${String(contestId)} tidak ditemukan.`,
      ),
    );
  }
  const regions = await allRegions(db);
  const tpsRows = await db.select().from(tps).where(eq(tps.status, 'aktif'));
  const active = new Set(tpsRows.map((t) => t.id));
  const leaves = (await currentLeaves(db, contestId)).filter((l) => active.has(l.tpsId));
  return ok({
    generatedAt: now.toISOString(),
    vendor: 'Desk Pilkada',
    election: { name: contest.name, date: contest.votingDay, type: 'general' },
    issuer: { name: `Desk Pilkada ${regency.name}`, abbreviation: `DP-${regency.code}` },
    regency: { code: regency.code, name: regency.name },
    province: { code: regency.provinceCode, name: regency.provinceName },
    contest: { id: contest.id, name: contest.name, kind: contest.kind, votesAllowed: 1 },
    selections: (await pairsOf(db, contestId)).map((p) => ({
      id: p.id,
      ballotNumber: p.ballotNumber,
      headName: p.headName,
      deputyName: p.deputyName,
      isKolomKosong: p.isKolomKosong,
    })),
    kecamatan: regions
      .filter((r) => r.level === 'kecamatan')
      .map((r) => ({ code: r.code, name: r.name })),
    desa: regions
      .filter((r) => r.level === 'desa')
      .map((r) => ({ code: r.code, name: r.name, kecamatanCode: r.parentCode ?? '' })),
    tps: tpsRows.map((t) => ({
      id: t.id,
      desaCode: t.desaCode,
      number: t.number,
      registeredVoters: t.voters,
    })),
    results: leaves.map((l) => ({
      tpsId: l.tpsId,
      votes: l.votes,
      valid: l.valid,
      invalid: l.invalid,
      voted: l.voted,
      status: l.status === 'verified' ? 'verified' : 'submitted',
    })),
  });
}
