/**
 * The registry in memory for the people feature: regions, Korwil, active
 * TPS with their voters, and the seat rules (setting `adhoc_seats`, else the
 * defaults of domain.md). A regency has a few hundred regions and a few
 * thousand TPS. One query at a time: `db` may be a transaction.
 */
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { parentCode } from '../../domain/common/region-code.ts';
import { DEFAULT_SEATS, type SeatRules } from '../../domain/people/seats.ts';
import type { Db } from '../db/connection.ts';
import { tps } from '../db/schema.ts';
import { allKorwil, allRegions } from '../regions/regions.repository.ts';
import type { KorwilRow, RegionRow } from '../regions/region-tree.ts';
import { getRegencySetting } from '../settings/settings.service.ts';
import { readSetting } from '../settings/settings.repository.ts';

export interface TpsInfo {
  readonly id: number;
  readonly desaCode: string;
  readonly number: number;
  readonly voters: number;
  readonly active: boolean;
}

const SeatSetting = z.object({
  ppk: z.number().int().positive(),
  pps: z.number().int().positive(),
  kpps: z.number().int().positive(),
  pantarlih: z.number().int().positive(),
  pantarlihLargeTpsVoters: z.number().int().positive(),
  pantarlihLarge: z.number().int().positive(),
});

export class Registry {
  readonly byCode: Map<string, RegionRow>;
  readonly korwilById: Map<number, KorwilRow>;
  readonly kecamatan: RegionRow[];
  readonly desa: RegionRow[];
  readonly tpsById: Map<number, TpsInfo>;
  readonly tpsByKey: Map<string, TpsInfo>;
  readonly activeTps: TpsInfo[];

  constructor(
    readonly regency: { code: string; name: string } | null,
    regions: readonly RegionRow[],
    readonly korwil: readonly KorwilRow[],
    readonly tps: readonly TpsInfo[],
    readonly seats: SeatRules,
  ) {
    this.byCode = new Map(regions.map((r) => [r.code, r]));
    this.korwilById = new Map(korwil.map((k) => [k.id, k]));
    const byCode = (a: RegionRow, b: RegionRow) => (a.code < b.code ? -1 : 1);
    this.kecamatan = regions.filter((r) => r.level === 'kecamatan').sort(byCode);
    this.desa = regions.filter((r) => r.level === 'desa').sort(byCode);
    this.tpsById = new Map(tps.map((t) => [t.id, t]));
    // Only active TPS take new people; retired ones keep those already listed.
    this.tpsByKey = new Map(
      tps.filter((t) => t.active).map((t) => [`${t.desaCode}/${String(t.number)}`, t]),
    );
    this.activeTps = tps.filter((t) => t.active);
  }

  name(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  /** The kecamatan a kecamatan or desa code lies in. */
  kecamatanOf(code: string): string {
    const r = this.byCode.get(code);
    return r?.level === 'desa' ? (r.parentCode ?? parentCode(code) ?? code) : code;
  }

  korwilName(kecamatanCode: string): string | null {
    const id = this.byCode.get(kecamatanCode)?.korwilId;
    return id === null || id === undefined ? null : (this.korwilById.get(id)?.name ?? null);
  }
}

export async function loadRegistry(db: Db): Promise<Registry> {
  const regency = await getRegencySetting(db);
  const regions = await allRegions(db);
  const korwil = await allKorwil(db);
  const tpsRows = await db
    .select({
      id: tps.id,
      desaCode: tps.desaCode,
      number: tps.number,
      voters: tps.voters,
      status: tps.status,
    })
    .from(tps)
    .orderBy(asc(tps.desaCode), asc(tps.number));
  const seats = SeatSetting.safeParse(await readSetting(db, 'adhoc_seats'));
  return new Registry(
    regency,
    regions,
    korwil,
    tpsRows.map(({ status, ...t }) => ({ ...t, active: status === 'aktif' })),
    seats.success ? seats.data : DEFAULT_SEATS,
  );
}
