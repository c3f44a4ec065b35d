import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { tps } from '../db/schema.ts';

export type TpsRow = typeof tps.$inferSelect;

export async function tpsOfDesa(db: Db, desaCode: string): Promise<TpsRow[]> {
  return db
    .select()
    .from(tps)
    .where(eq(tps.desaCode, desaCode))
    .orderBy(asc(tps.status), asc(tps.number), asc(tps.id));
}

export async function findTps(db: Db, id: number): Promise<TpsRow | undefined> {
  const rows = await db.select().from(tps).where(eq(tps.id, id));
  return rows[0];
}

/** Numbers used by active TPS of the desa, optionally leaving one TPS out. */
export async function activeNumbers(
  db: Db,
  desaCode: string,
  exceptId?: number,
): Promise<number[]> {
  const rows = await db
    .select({ number: tps.number })
    .from(tps)
    .where(
      and(
        eq(tps.desaCode, desaCode),
        eq(tps.status, 'aktif'),
        exceptId === undefined ? undefined : ne(tps.id, exceptId),
      ),
    );
  return rows.map((r) => r.number);
}

export async function insertTps(
  db: Db,
  values: { desaCode: string; number: number; voters: number; address: string | null },
): Promise<TpsRow> {
  const rows = await db.insert(tps).values(values).returning();
  const row = rows[0];
  if (row === undefined) throw new Error('insert into tps returned no row');
  return row;
}

export async function insertManyTps(
  db: Db,
  values: readonly { desaCode: string; number: number; voters: number }[],
): Promise<void> {
  const BATCH = 500;
  for (let i = 0; i < values.length; i += BATCH) {
    await db.insert(tps).values(values.slice(i, i + BATCH));
  }
}

export async function updateTps(
  db: Db,
  id: number,
  values: Partial<Pick<TpsRow, 'number' | 'voters' | 'address' | 'status' | 'retiredReason'>>,
): Promise<TpsRow> {
  const rows = await db
    .update(tps)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(tps.id, id))
    .returning();
  const row = rows[0];
  if (row === undefined) throw new Error(`update of tps ${String(id)} returned no row`);
  return row;
}
