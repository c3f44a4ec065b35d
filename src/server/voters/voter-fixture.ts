/**
 * Test data for voter routes: one voter at each of two TPS, a visited
 * household (with a sticker number) at each, and a DPS comment in each desa.
 */
import { coklitHousehold, dpsTanggapan, tps, voter } from '../db/schema.ts';
import { eq } from 'drizzle-orm';
import type { TestApp } from '../testing/app-harness.ts';
import { formatSticker } from '../../domain/voters/household.ts';
import { composeNik } from '../../domain/voters/nik.ts';

export async function seedVoterData(
  t: TestApp,
  ownTps: number,
  otherTps: number,
): Promise<{
  ownVoter: number;
  otherVoter: number;
  ownTanggapan: number;
  otherTanggapan: number;
  ownHousehold: number;
  otherHousehold: number;
}> {
  const db = t.database.db;
  const one = async (tpsId: number, serial: number) => {
    const row = (await db.select().from(tps).where(eq(tps.id, tpsId)))[0];
    if (row === undefined) throw new Error('no TPS');
    const prefix = row.desaCode.slice(0, 8).replaceAll('.', '');
    const [v] = await db
      .insert(voter)
      .values({
        nik: composeNik(prefix, '1980-01-01', 'L', serial),
        nkk: `${prefix}0101100001`,
        name: 'Pemilih Uji',
        birthPlace: 'Probolinggo',
        birthDate: '1980-01-01',
        marital: 'S',
        sex: 'L',
        address: 'Dusun Uji',
        rt: '001',
        rw: '001',
        ktpEl: 'S',
        desaCode: row.desaCode,
        tpsId,
        source: 'dp4',
      })
      .returning({ id: voter.id });
    const [h] = await db
      .insert(coklitHousehold)
      .values({
        tpsId,
        nkk: `${prefix}0101100001`,
        sequence: 1,
        sticker: formatSticker(row.desaCode, row.number, 1),
        firstVisitAt: new Date().toISOString(),
      })
      .returning({ id: coklitHousehold.id });
    const [c] = await db
      .insert(dpsTanggapan)
      .values({
        desaCode: row.desaCode,
        kind: 'perbaikan_data',
        description: 'Uji',
        recordedAt: new Date().toISOString(),
        status: 'terbuka',
      })
      .returning({ id: dpsTanggapan.id });
    return { voter: v?.id ?? 0, tanggapan: c?.id ?? 0, household: h?.id ?? 0 };
  };
  const own = await one(ownTps, 9001);
  const other = await one(otherTps, 9002);
  return {
    ownVoter: own.voter,
    otherVoter: other.voter,
    ownTanggapan: own.tanggapan,
    otherTanggapan: other.tanggapan,
    ownHousehold: own.household,
    otherHousehold: other.household,
  };
}
