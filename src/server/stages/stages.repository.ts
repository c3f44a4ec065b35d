import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { stage } from '../db/schema.ts';

export type StageRow = typeof stage.$inferSelect;

export async function allStages(db: Db): Promise<StageRow[]> {
  return db.select().from(stage).orderBy(asc(stage.startsOn), asc(stage.endsOn), asc(stage.id));
}

export async function findStage(db: Db, id: number): Promise<StageRow | undefined> {
  return (await db.select().from(stage).where(eq(stage.id, id)))[0];
}

export async function insertStage(db: Db, values: Omit<StageRow, 'id'>): Promise<StageRow> {
  const row = (await db.insert(stage).values(values).returning())[0];
  if (row === undefined) throw new Error('insert into stage returned no row');
  return row;
}

export async function insertStages(db: Db, values: readonly Omit<StageRow, 'id'>[]): Promise<void> {
  if (values.length > 0) await db.insert(stage).values([...values]);
}

export async function updateStage(
  db: Db,
  id: number,
  values: Omit<StageRow, 'id'>,
): Promise<StageRow> {
  const row = (await db.update(stage).set(values).where(eq(stage.id, id)).returning())[0];
  if (row === undefined) throw new Error(`update of stage ${String(id)} returned no row`);
  return row;
}

export async function deleteStage(db: Db, id: number): Promise<void> {
  await db.delete(stage).where(eq(stage.id, id));
}
