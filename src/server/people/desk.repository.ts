import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { deskPosition } from '../db/schema.ts';

export type DeskPositionRow = typeof deskPosition.$inferSelect;
export type NewDeskPosition = typeof deskPosition.$inferInsert;

export async function listDeskPositions(db: Db): Promise<DeskPositionRow[]> {
  return db.select().from(deskPosition).orderBy(asc(deskPosition.id));
}

export async function findDeskPosition(db: Db, id: number): Promise<DeskPositionRow | undefined> {
  return (await db.select().from(deskPosition).where(eq(deskPosition.id, id)))[0];
}

export async function insertDeskPositions(
  db: Db,
  rows: NewDeskPosition[],
): Promise<DeskPositionRow[]> {
  if (rows.length === 0) return [];
  return db.insert(deskPosition).values(rows).returning();
}

export async function deleteDeskPosition(db: Db, id: number): Promise<void> {
  await db.delete(deskPosition).where(eq(deskPosition.id, id));
}
