import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { DEFAULT_MAX_VOTERS_PER_TPS } from '../../domain/tps/tps.rules.ts';
import { readSetting, writeSetting } from './settings.repository.ts';
import type { Settings } from '../../domain/settings/settings.schema.ts';

export const RegencySetting = z.object({
  code: z.string(),
  name: z.string(),
  provinceCode: z.string(),
  provinceName: z.string(),
});
export type RegencySetting = z.infer<typeof RegencySetting>;

/** The regency this installation serves, or null before `init`. */
export async function getRegencySetting(db: Db): Promise<RegencySetting | null> {
  const parsed = RegencySetting.safeParse(await readSetting(db, 'regency'));
  return parsed.success ? parsed.data : null;
}

export async function setRegencySetting(db: Db, value: RegencySetting): Promise<void> {
  await writeSetting(db, 'regency', value);
}

export async function getMaxVotersPerTps(db: Db): Promise<number> {
  const parsed = z
    .number()
    .int()
    .positive()
    .safeParse(await readSetting(db, 'max_voters_per_tps'));
  return parsed.success ? parsed.data : DEFAULT_MAX_VOTERS_PER_TPS;
}

export async function getSettings(db: Db): Promise<Settings> {
  const regency = await getRegencySetting(db);
  return {
    regencyCode: regency?.code ?? null,
    regencyName: regency?.name ?? null,
    maxVotersPerTps: await getMaxVotersPerTps(db),
  };
}
