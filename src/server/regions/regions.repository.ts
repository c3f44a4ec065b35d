import { and, asc, count, eq, ilike, like, or, sql } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { korwil, region, tps } from '../db/schema.ts';
import type { DesaStats, KorwilRow, RegionRow } from './region-tree.ts';

export async function allRegions(db: Db): Promise<RegionRow[]> {
  return db
    .select({
      code: region.code,
      level: region.level,
      parentCode: region.parentCode,
      name: region.name,
      korwilId: region.korwilId,
    })
    .from(region);
}

export async function allKorwil(db: Db): Promise<KorwilRow[]> {
  return db.select().from(korwil).orderBy(asc(korwil.ordinal));
}

export async function desaStats(db: Db): Promise<Map<string, DesaStats>> {
  const rows = await db
    .select({
      desaCode: tps.desaCode,
      tps: count(tps.id),
      voters: sql<number>`coalesce(sum(${tps.voters}), 0)`.mapWith(Number),
    })
    .from(tps)
    .where(eq(tps.status, 'aktif'))
    .groupBy(tps.desaCode);
  return new Map(rows.map((r) => [r.desaCode, { tps: r.tps, voters: r.voters }]));
}

export async function findRegion(db: Db, code: string): Promise<RegionRow | undefined> {
  const rows = await db.select().from(region).where(eq(region.code, code));
  const r = rows[0];
  return r === undefined
    ? undefined
    : {
        code: r.code,
        level: r.level,
        parentCode: r.parentCode,
        name: r.name,
        korwilId: r.korwilId,
      };
}

export async function searchRegions(db: Db, q: string, limit: number): Promise<RegionRow[]> {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return db
    .select({
      code: region.code,
      level: region.level,
      parentCode: region.parentCode,
      name: region.name,
      korwilId: region.korwilId,
    })
    .from(region)
    .where(
      and(
        or(eq(region.level, 'kecamatan'), eq(region.level, 'desa')),
        or(ilike(region.name, `%${escaped}%`), like(region.code, `${escaped}%`)),
      ),
    )
    .orderBy(asc(region.level), asc(region.code))
    .limit(limit);
}

export async function setKecamatanKorwil(
  db: Db,
  kecamatanCode: string,
  korwilId: number,
): Promise<void> {
  await db.update(region).set({ korwilId }).where(eq(region.code, kecamatanCode));
}
