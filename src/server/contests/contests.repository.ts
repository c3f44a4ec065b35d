import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { candidatePair, contest } from '../db/schema.ts';

export type ContestRow = typeof contest.$inferSelect;
export type PairRow = typeof candidatePair.$inferSelect;

export async function allContests(db: Db): Promise<ContestRow[]> {
  return db.select().from(contest).orderBy(asc(contest.id));
}

export async function findContest(db: Db, id: number): Promise<ContestRow | undefined> {
  return (await db.select().from(contest).where(eq(contest.id, id)))[0];
}

export async function allPairs(db: Db): Promise<PairRow[]> {
  return db
    .select()
    .from(candidatePair)
    .orderBy(asc(candidatePair.contestId), asc(candidatePair.id));
}

export async function pairsOf(db: Db, contestId: number): Promise<PairRow[]> {
  return db
    .select()
    .from(candidatePair)
    .where(eq(candidatePair.contestId, contestId))
    .orderBy(asc(candidatePair.id));
}

export async function findPair(db: Db, id: number): Promise<PairRow | undefined> {
  return (await db.select().from(candidatePair).where(eq(candidatePair.id, id)))[0];
}

export async function insertContest(db: Db, values: Omit<ContestRow, 'id'>): Promise<ContestRow> {
  const row = (await db.insert(contest).values(values).returning())[0];
  if (row === undefined) throw new Error('insert into contest returned no row');
  return row;
}

export async function insertPair(db: Db, values: Omit<PairRow, 'id'>): Promise<void> {
  await db.insert(candidatePair).values(values);
}

export async function deletePair(db: Db, id: number): Promise<void> {
  await db.delete(candidatePair).where(eq(candidatePair.id, id));
}
