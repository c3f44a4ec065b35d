import { eq, max } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { korwil } from '../db/schema.ts';

export type KorwilRecord = typeof korwil.$inferSelect;

export async function findKorwil(db: Db, id: number): Promise<KorwilRecord | undefined> {
  return (await db.select().from(korwil).where(eq(korwil.id, id)))[0];
}

export async function findKorwilByName(db: Db, name: string): Promise<KorwilRecord | undefined> {
  return (await db.select().from(korwil).where(eq(korwil.name, name)))[0];
}

export async function nextOrdinal(db: Db): Promise<number> {
  const rows = await db.select({ m: max(korwil.ordinal) }).from(korwil);
  return (rows[0]?.m ?? 0) + 1;
}

export async function insertKorwil(
  db: Db,
  values: { name: string; ordinal: number; chair: string | null },
): Promise<KorwilRecord> {
  const row = (await db.insert(korwil).values(values).returning())[0];
  if (row === undefined) throw new Error('insert into korwil returned no row');
  return row;
}

export async function updateKorwil(
  db: Db,
  id: number,
  values: Partial<Pick<KorwilRecord, 'name' | 'chair'>>,
): Promise<void> {
  await db.update(korwil).set(values).where(eq(korwil.id, id));
}
