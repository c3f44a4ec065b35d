import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { asn, tps } from '../db/schema.ts';

export type AsnRow = typeof asn.$inferSelect;

export async function asnAtTps(db: Db, tpsId: number): Promise<AsnRow[]> {
  return db.select().from(asn).where(eq(asn.tpsId, tpsId)).orderBy(asc(asn.name));
}

export async function findAsn(db: Db, id: number): Promise<AsnRow | undefined> {
  return (await db.select().from(asn).where(eq(asn.id, id)))[0];
}

export async function takenNips(db: Db, nips: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < nips.length; i += 1000) {
    const rows = await db
      .select({ nip: asn.nip })
      .from(asn)
      .where(inArray(asn.nip, nips.slice(i, i + 1000)));
    for (const r of rows) found.add(r.nip);
  }
  return found;
}

export async function insertAsn(db: Db, rows: (typeof asn.$inferInsert)[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < rows.length; i += 500) {
    n += (
      await db
        .insert(asn)
        .values(rows.slice(i, i + 500))
        .returning({ id: asn.id })
    ).length;
  }
  return n;
}

export async function setVoted(db: Db, id: number, votedAt: Date | null): Promise<void> {
  await db.update(asn).set({ votedAt }).where(eq(asn.id, id));
}

/** Every ASN with the desa of their TPS, for the recaps. */
export async function allAsnWithDesa(
  db: Db,
): Promise<{ office: string; desaCode: string; voted: boolean }[]> {
  const rows = await db
    .select({ office: asn.office, desaCode: tps.desaCode, votedAt: asn.votedAt })
    .from(asn)
    .innerJoin(tps, eq(tps.id, asn.tpsId));
  return rows.map((r) => ({ office: r.office, desaCode: r.desaCode, voted: r.votedAt !== null }));
}
