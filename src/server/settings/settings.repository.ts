import { eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { settings } from '../db/schema.ts';

export async function readSetting(db: Db, key: string): Promise<unknown> {
  const rows = await db.select().from(settings).where(eq(settings.key, key));
  return rows[0]?.value;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insert(settings)
    .values({ key, value })
    .onConflictDoUpdate({ target: settings.key, set: { value } });
}
