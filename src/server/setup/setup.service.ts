/**
 * `desk-pilkada init`: loads a regency's kecamatan and desa, and for the demo
 * the Probolinggo Korwil, TPS, contests and stage calendar. All in one
 * transaction: a failure halfway leaves the database as it was.
 */
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { regionLevel } from '../../domain/common/region-code.ts';
import { DEFAULT_MAX_VOTERS_PER_TPS } from '../../domain/tps/tps.rules.ts';
import type { Db } from '../db/connection.ts';
import { region } from '../db/schema.ts';
import { inTransaction } from '../http/transaction.ts';
import { insertKorwil } from '../korwil/korwil.repository.ts';
import { setKecamatanKorwil } from '../regions/regions.repository.ts';
import { getRegencySetting, setRegencySetting } from '../settings/settings.service.ts';
import { writeSetting } from '../settings/settings.repository.ts';
import { insertStages } from '../stages/stages.repository.ts';
import { insertContest, insertPair } from '../contests/contests.repository.ts';
import { insertManyTps } from '../tps/tps.repository.ts';
import { loadRegency, type AreaRegency } from './area-data.ts';
import { createDemoAccounts } from './demo-accounts.ts';
import { insertDemoPeople } from '../people/demo-people.ts';
import { insertDemoNews } from '../news/demo-news.ts';
import { insertDemoActivity } from './demo-activity.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { auditWrite } from '../auth/guard.ts';
import {
  DEMO_CONTESTS,
  DEMO_KORWIL,
  DEMO_REGENCY,
  DEMO_STAGES,
  DEMO_TPS_TOTAL,
  DEMO_VOTERS_TOTAL,
  KECAMATAN_ALIASES,
  spreadDemoTps,
} from './demo-data.ts';

export interface InitOptions {
  readonly regencyCode: string;
  readonly demo: boolean;
  /**
   * With the demo: also the sample activity the Bupati's dashboard shows
   * (voters with coklit, open problems, C.Hasil, a PPK Bimtek). Default true;
   * integration tests that count regency-wide rows load the demo without it.
   */
  readonly activity?: boolean;
}

export interface InitSummary {
  readonly regencyCode: string;
  readonly regencyName: string;
  readonly kecamatan: number;
  readonly desa: number;
  readonly tps: number;
  readonly voters: number;
  readonly korwil: number;
  readonly contests: number;
  readonly stages: number;
  readonly alreadyInitialised: boolean;
}

export interface InitHooks {
  /** Called inside the transaction after everything is written (tests inject failures here). */
  readonly beforeCommit?: () => Promise<void>;
}

export async function initRegency(
  db: Db,
  options: InitOptions,
  hooks: InitHooks = {},
): Promise<Result<InitSummary>> {
  const { regencyCode, demo } = options;
  if (regionLevel(regencyCode) !== 'regency') {
    return err(
      domainError(
        'invalid',
        'init.invalid_regency_code',
        `Kode kabupaten/kota "${regencyCode}" tidak sah. Gunakan format PP.KK, misalnya 35.13 untuk Kabupaten Probolinggo.`,
        'regency',
      ),
    );
  }
  if (demo && regencyCode !== DEMO_REGENCY) {
    return err(
      domainError(
        'invalid',
        'init.demo_only_probolinggo',
        `Data demo hanya tersedia untuk Kabupaten Probolinggo (${DEMO_REGENCY}).`,
        'regency',
      ),
    );
  }
  const area = await loadRegency(regencyCode);
  if (area === null) {
    return err(
      domainError(
        'not_found',
        'init.unknown_regency',
        `Kode kabupaten/kota ${regencyCode} tidak dikenal dalam data wilayah Kemendagri. Contoh kode yang sah: 35.13 (Kabupaten Probolinggo).`,
        'regency',
      ),
    );
  }
  const existing = await getRegencySetting(db);
  if (existing !== null) {
    if (existing.code !== regencyCode) {
      return err(
        domainError(
          'conflict',
          'init.other_regency',
          `Basis data ini sudah berisi ${existing.name} (${existing.code}). Gunakan direktori data lain (DATA_DIR) untuk ${area.name}.`,
          'regency',
        ),
      );
    }
    return ok(summary(area, { tps: 0, voters: 0, korwil: 0, contests: 0, stages: 0 }, true));
  }
  return inTransaction(db, async (tx) => {
    await setRegencySetting(tx, {
      code: area.code,
      name: area.name,
      provinceCode: area.provinceCode,
      provinceName: area.provinceName,
    });
    await writeSetting(tx, 'max_voters_per_tps', DEFAULT_MAX_VOTERS_PER_TPS);
    await insertRegions(tx, area);
    let extra = { tps: 0, voters: 0, korwil: 0, contests: 0, stages: 0 };
    if (demo) {
      const demoResult = await insertDemo(tx, area, options.activity ?? true);
      if (!demoResult.ok) return demoResult;
      extra = demoResult.value;
    }
    const done = summary(area, extra, false);
    await auditWrite(
      tx,
      { actor: SYSTEM_ACTOR, grant: { role: 'admin', scopeKind: 'regency', scopeRef: area.code } },
      {
        action: demo ? 'setup.init_demo' : 'setup.init',
        targetType: 'regency',
        targetId: area.code,
      },
      { after: done },
    );
    if (hooks.beforeCommit !== undefined) await hooks.beforeCommit();
    return ok(done);
  });
}

function summary(
  area: AreaRegency,
  extra: { tps: number; voters: number; korwil: number; contests: number; stages: number },
  alreadyInitialised: boolean,
): InitSummary {
  return {
    regencyCode: area.code,
    regencyName: area.name,
    kecamatan: area.kecamatan.length,
    desa: area.desa.length,
    ...extra,
    alreadyInitialised,
  };
}

async function insertRegions(db: Db, area: AreaRegency): Promise<void> {
  const rows: (typeof region.$inferInsert)[] = [
    { code: area.provinceCode, level: 'province', parentCode: null, name: area.provinceName },
    { code: area.code, level: 'regency', parentCode: area.provinceCode, name: area.name },
    ...area.kecamatan.map((k) => ({
      code: k.code,
      level: 'kecamatan' as const,
      parentCode: area.code,
      name: k.name,
    })),
    ...area.desa.map((d) => ({
      code: d.code,
      level: 'desa' as const,
      parentCode: d.kecamatanCode,
      name: d.name,
    })),
  ];
  const BATCH = 500;
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.insert(region).values(rows.slice(i, i + BATCH));
  }
}

async function insertDemo(
  db: Db,
  area: AreaRegency,
  activity: boolean,
): Promise<
  Result<{ tps: number; voters: number; korwil: number; contests: number; stages: number }>
> {
  const kecByName = new Map(area.kecamatan.map((k) => [k.name.toLowerCase(), k.code]));
  let ordinal = 0;
  for (const k of DEMO_KORWIL) {
    ordinal += 1;
    const row = await insertKorwil(db, { name: k.name, ordinal, chair: k.chair });
    for (const name of k.kecamatan) {
      const code = kecByName.get((KECAMATAN_ALIASES[name] ?? name).toLowerCase());
      if (code === undefined) {
        return err(
          domainError(
            'invalid',
            'init.demo_kecamatan_missing',
            `Kecamatan ${name} tidak ditemukan.`,
          ),
        );
      }
      await setKecamatanKorwil(db, code, row.id);
    }
  }
  const tps = spreadDemoTps(area.desa.map((d) => d.code).sort(), {
    tpsTotal: DEMO_TPS_TOTAL,
    votersTotal: DEMO_VOTERS_TOTAL,
    maxVoters: DEFAULT_MAX_VOTERS_PER_TPS,
  });
  await insertManyTps(db, tps);
  for (const c of DEMO_CONTESTS) {
    const row = await insertContest(db, {
      kind: c.kind,
      name: c.name,
      regionCode: c.regionCode,
      votingDay: c.votingDay,
    });
    for (const p of c.pairs) {
      await insertPair(db, { contestId: row.id, ...p, isKolomKosong: false });
    }
  }
  await createDemoAccounts(db);
  await insertDemoPeople(db);
  // News and outreach (issue 8): the seeds' news items, published.
  await insertDemoNews(db);
  await insertStages(
    db,
    DEMO_STAGES.map((s) => ({ ...s, notes: null })),
  );
  // What the Bupati's dashboard shows (issue 8): voters and coklit, problems, results, a PPK Bimtek.
  if (activity) await insertDemoActivity(db);
  return ok({
    tps: tps.length,
    voters: tps.reduce((a, t) => a + t.voters, 0),
    korwil: DEMO_KORWIL.length,
    contests: DEMO_CONTESTS.length,
    stages: DEMO_STAGES.length,
  });
}
