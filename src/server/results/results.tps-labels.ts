import { inArray } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { tps } from '../db/schema.ts';

/** TPS numbers by id, for labels in lists. */
export async function tpsOfIds(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: tps.id, number: tps.number })
    .from(tps)
    .where(inArray(tps.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.number]));
}
