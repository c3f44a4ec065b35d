import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { isIsoDate } from '../../domain/common/dates.ts';
import { isWithin } from '../../domain/common/region-code.ts';
import {
  KOLOM_KOSONG_LABEL,
  kolomKosongChange,
  validateBallotNumber,
} from '../../domain/contests/contest.rules.ts';
import type {
  CandidatePair,
  Contest,
  ContestInput,
  PairInput,
} from '../../domain/contests/contest.schema.ts';
import type { Db } from '../db/connection.ts';
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite } from '../auth/guard.ts';
import { inTransaction } from '../http/transaction.ts';
import { findRegion } from '../regions/regions.repository.ts';
import { getRegencySetting } from '../settings/settings.service.ts';
import {
  allContests,
  allPairs,
  deletePair,
  findContest,
  findPair,
  insertContest,
  insertPair,
  pairsOf,
  type ContestRow,
  type PairRow,
} from './contests.repository.ts';

function toPair(row: PairRow): CandidatePair {
  return {
    id: row.id,
    contestId: row.contestId,
    ballotNumber: row.ballotNumber,
    headName: row.headName,
    deputyName: row.deputyName,
    isKolomKosong: row.isKolomKosong,
    label: row.isKolomKosong
      ? KOLOM_KOSONG_LABEL
      : `${String(row.ballotNumber)}. ${row.headName} – ${row.deputyName ?? ''}`,
  };
}

/** Pairs in ballot order, kolom kosong last. */
function ballotOrder(a: PairRow, b: PairRow): number {
  return (a.ballotNumber ?? Number.MAX_SAFE_INTEGER) - (b.ballotNumber ?? Number.MAX_SAFE_INTEGER);
}

async function toContest(db: Db, row: ContestRow, pairs: readonly PairRow[]): Promise<Contest> {
  const region = await findRegion(db, row.regionCode);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    regionCode: row.regionCode,
    regionName: region?.name ?? null,
    votingDay: row.votingDay,
    pairs: [...pairs].sort(ballotOrder).map(toPair),
  };
}

const contestNotFound = (id: number) =>
  err(
    domainError(
      'not_found',
      'contest.not_found',
      `Pemilihan dengan id ${String(id)} tidak ditemukan.`,
    ),
  );

export async function listContests(db: Db): Promise<Contest[]> {
  const [contests, pairs] = await Promise.all([allContests(db), allPairs(db)]);
  return Promise.all(
    contests.map((c) =>
      toContest(
        db,
        c,
        pairs.filter((p) => p.contestId === c.id),
      ),
    ),
  );
}

export async function getContest(db: Db, id: number): Promise<Result<Contest>> {
  const row = await findContest(db, id);
  return row === undefined
    ? contestNotFound(id)
    : ok(await toContest(db, row, await pairsOf(db, id)));
}

export async function createContest(
  db: Db,
  actor: Actor,
  input: ContestInput,
): Promise<Result<Contest>> {
  const what = { action: 'contest.create', targetType: 'contest' };
  const access = await authorizeWrite(db, actor, 'contest.manage', undefined, what);
  if (!access.ok) return access;
  if (!isIsoDate(input.votingDay)) {
    return err(
      domainError(
        'invalid',
        'contest.invalid_date',
        'Hari pemungutan suara bukan tanggal yang sah.',
        'votingDay',
      ),
    );
  }
  const regency = await getRegencySetting(db);
  // A governor race covers the regency's province; a regent/mayor race the regency itself.
  const expected = input.kind === 'gubernur' ? regency?.provinceCode : regency?.code;
  if (
    regency === null ||
    expected !== input.regionCode ||
    !isWithin(regency.code, input.regionCode)
  ) {
    return err(
      domainError(
        'invalid',
        'contest.region_mismatch',
        input.kind === 'gubernur'
          ? `Pemilihan gubernur harus untuk provinsi kabupaten ini (kode ${regency?.provinceCode ?? '-'}).`
          : `Pemilihan bupati/wali kota harus untuk kabupaten ini (kode ${regency?.code ?? '-'}).`,
        'regionCode',
      ),
    );
  }
  const created = await inTransaction(db, async (tx) => {
    const row = await insertContest(tx, input);
    await auditWrite(tx, access.value, { ...what, targetId: row.id }, { after: row });
    return ok(row);
  });
  return created.ok ? getContest(db, created.value.id) : created;
}

/** Adds a pair; with exactly one pair the contest gets its kolom kosong, in the same transaction. */
export async function addPair(
  db: Db,
  actor: Actor,
  contestId: number,
  input: PairInput,
): Promise<Result<Contest>> {
  const what = { action: 'pair.create', targetType: 'contest', targetId: contestId };
  const access = await authorizeWrite(db, actor, 'contest.manage', undefined, what);
  if (!access.ok) return access;
  const done = await inTransaction(db, async (tx) => {
    if ((await findContest(tx, contestId)) === undefined) return contestNotFound(contestId);
    const existing = await pairsOf(tx, contestId);
    const taken = existing.flatMap((p) => (p.ballotNumber === null ? [] : [p.ballotNumber]));
    const valid = validateBallotNumber(input.ballotNumber, taken);
    if (!valid.ok) return valid;
    await insertPair(tx, {
      contestId,
      ballotNumber: input.ballotNumber,
      headName: input.headName,
      deputyName: input.deputyName,
      isKolomKosong: false,
    });
    await reconcileKolomKosong(tx, contestId);
    await auditWrite(tx, access.value, what, {
      before: existing,
      after: await pairsOf(tx, contestId),
    });
    return ok(null);
  });
  return done.ok ? getContest(db, contestId) : done;
}

export async function removePair(db: Db, actor: Actor, pairId: number): Promise<Result<Contest>> {
  const what = { action: 'pair.delete', targetType: 'candidate_pair', targetId: pairId };
  const access = await authorizeWrite(db, actor, 'contest.manage', undefined, what);
  if (!access.ok) return access;
  const done = await inTransaction(db, async (tx) => {
    const pair = await findPair(tx, pairId);
    if (pair === undefined) {
      return err(
        domainError(
          'not_found',
          'pair.not_found',
          `Pasangan calon dengan id ${String(pairId)} tidak ditemukan.`,
        ),
      );
    }
    if (pair.isKolomKosong) {
      return err(
        domainError(
          'conflict',
          'pair.kolom_kosong_automatic',
          'Kolom kosong diatur otomatis: ada bila pemilihan hanya diikuti satu pasangan calon.',
        ),
      );
    }
    await deletePair(tx, pairId);
    await reconcileKolomKosong(tx, pair.contestId);
    await auditWrite(tx, access.value, what, { before: pair });
    return ok(pair.contestId);
  });
  return done.ok ? getContest(db, done.value) : done;
}

async function reconcileKolomKosong(db: Db, contestId: number): Promise<void> {
  const pairs = await pairsOf(db, contestId);
  switch (kolomKosongChange(pairs)) {
    case 'add':
      await insertPair(db, {
        contestId,
        ballotNumber: null,
        headName: KOLOM_KOSONG_LABEL,
        deputyName: null,
        isKolomKosong: true,
      });
      return;
    case 'remove':
      for (const p of pairs.filter((x) => x.isKolomKosong)) await deletePair(db, p.id);
      return;
    case 'none':
      return;
  }
}
