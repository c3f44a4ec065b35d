import { afterEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { createTestDatabase, testEngines } from '../db/test-databases.ts';
import type { Database } from '../db/connection.ts';
import { region, tps } from '../db/schema.ts';
import { listRegencies, loadRegency, titleCase } from './area-data.ts';
import { initRegency } from './setup.service.ts';
import { getRegencySetting } from '../settings/settings.service.ts';

describe('area data', () => {
  it('knows all 514 regencies and cities, each with kecamatan and desa', async () => {
    const regencies = await listRegencies();
    expect(regencies).toHaveLength(514);
    for (const r of regencies) {
      const area = await loadRegency(r.code);
      expect(area?.kecamatan.length, r.code).toBeGreaterThan(0);
      expect(area?.desa.length, r.code).toBeGreaterThan(0);
      expect(
        area?.desa.every((d) => d.code.startsWith(`${r.code}.`)),
        r.code,
      ).toBe(true);
    }
  });
  it('title-cases names, keeping acronyms', () => {
    expect(titleCase('KABUPATEN PROBOLINGGO')).toBe('Kabupaten Probolinggo');
    expect(titleCase('DKI JAKARTA')).toBe('DKI Jakarta');
    expect(titleCase('KOTA BAU-BAU')).toBe('Kota Bau-Bau');
  });
});

describe.each(testEngines())('init on %s', (engine) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  const regionCount = async (d: Database) => (await d.db.select({ n: count() }).from(region))[0]?.n;

  it.each([
    ['31.71', 'Kota Administrasi Jakarta Pusat'],
    ['91.71', 'Kota Jayapura'],
    ['11.01', 'Kabupaten Aceh Selatan'],
  ])('loads %s (%s) without demo data', async (code, name) => {
    database = await createTestDatabase(engine);
    const result = await initRegency(database.db, { regencyCode: code, demo: false });
    expect(result).toMatchObject({ ok: true, value: { regencyName: name, tps: 0 } });
    const area = await loadRegency(code);
    expect(await regionCount(database)).toBe(
      2 + (area?.kecamatan.length ?? 0) + (area?.desa.length ?? 0),
    );
  });

  it('refuses unknown and malformed codes with a clear message', async () => {
    database = await createTestDatabase(engine);
    expect(await initRegency(database.db, { regencyCode: '35.99', demo: false })).toMatchObject({
      ok: false,
      error: {
        code: 'init.unknown_regency',
        message: expect.stringContaining('35.99 tidak dikenal') as unknown,
      },
    });
    expect(await initRegency(database.db, { regencyCode: '3513', demo: false })).toMatchObject({
      ok: false,
      error: { code: 'init.invalid_regency_code' },
    });
    expect(await initRegency(database.db, { regencyCode: '35.14', demo: true })).toMatchObject({
      ok: false,
      error: { code: 'init.demo_only_probolinggo' },
    });
    expect(await regionCount(database)).toBe(0);
  });

  it('leaves the database as it was when init fails halfway', async () => {
    database = await createTestDatabase(engine);
    await expect(
      initRegency(
        database.db,
        { regencyCode: '35.13', demo: true },
        {
          beforeCommit: () => Promise.reject(new Error('disk full')),
        },
      ),
    ).rejects.toThrow('disk full');
    expect(await regionCount(database)).toBe(0);
    expect((await database.db.select({ n: count() }).from(tps))[0]?.n).toBe(0);
    expect(await getRegencySetting(database.db)).toBeNull();
    // And a retry then succeeds.
    const retry = await initRegency(database.db, { regencyCode: '35.13', demo: true });
    expect(retry).toMatchObject({
      ok: true,
      value: { kecamatan: 24, desa: 330, tps: 1749, voters: 872_218 },
    });
  });

  it('is idempotent for the same regency and refuses another one', async () => {
    database = await createTestDatabase(engine);
    expect((await initRegency(database.db, { regencyCode: '35.13', demo: false })).ok).toBe(true);
    expect(await initRegency(database.db, { regencyCode: '35.13', demo: false })).toMatchObject({
      ok: true,
      value: { alreadyInitialised: true },
    });
    expect(await initRegency(database.db, { regencyCode: '35.14', demo: false })).toMatchObject({
      ok: false,
      error: { code: 'init.other_regency', field: 'regency' },
    });
  });
});

describe('README', () => {
  it('lists every demo account with the demo password', async () => {
    const { readFile } = await import('node:fs/promises');
    const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import('./demo-accounts.ts');
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(DEMO_PASSWORD);
    // Prettier pads table cells, so match the cell loosely.
    for (const a of DEMO_ACCOUNTS)
      expect(readme).toMatch(new RegExp(`\\|\\s*\`${a.username.replaceAll('.', '\\.')}\`\\s*\\|`));
  });
});
