import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-databases.ts';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';
import type {
  Korwil,
  Regency,
  RegionDetail,
  RegionSearchHit,
} from '../../domain/regions/region.schema.ts';

describe.each(testEngines())('region registry on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, as: 'admin' });
  });
  afterAll(() => t.close());

  const get = async <T = unknown>(url: string): Promise<{ status: number; body: T }> => {
    const res = await t.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json<T>() };
  };

  it('reports its engine on /api/health', async () => {
    expect(await get('/api/health')).toEqual({ status: 200, body: { ok: true, db: engine } });
  });

  it('has the Probolinggo demo: 24 kecamatan, 330 desa, 1,749 TPS, 872,218 voters', async () => {
    const { status, body } = await get<Regency>('/api/regency');
    expect(status).toBe(200);
    expect(body.name).toBe('Kabupaten Probolinggo');
    expect(body.counts).toEqual({ kecamatan: 24, desa: 330, tps: 1749, voters: 872_218 });
    expect(body.korwil.map((k) => [k.name, k.kecamatan.length])).toEqual([
      ['Korwil I', 8],
      ['Korwil II', 8],
      ['Korwil III', 8],
    ]);
    expect(body.unassignedKecamatan).toEqual([]);
    // Korwil totals add up to the regency.
    const sum = body.korwil.reduce((a, k) => a + k.counts.voters, 0);
    expect(sum).toBe(872_218);
    expect(body.korwil[1]?.kecamatan.map((k) => k.name)).toContain('Pejarakan');
  });

  it('answers any level by code, with children and counts that add up', async () => {
    const regency = await get<RegionDetail>('/api/regions/35.13');
    expect(regency.status).toBe(200);
    expect(regency.body.level).toBe('regency');
    expect(regency.body.children).toHaveLength(24);
    expect(regency.body.children.reduce((a, c) => a + c.counts.tps, 0)).toBe(1749);

    const kec = await get<RegionDetail>('/api/regions/35.13.01');
    expect(kec.body).toMatchObject({
      name: 'Sukapura',
      level: 'kecamatan',
      korwil: { name: 'Korwil I' },
    });
    expect(kec.body.path.map((p) => p.code)).toEqual(['35', '35.13']);
    expect(kec.body.children.every((c) => c.level === 'desa')).toBe(true);
    expect(kec.body.children.reduce((a, c) => a + c.counts.voters, 0)).toBe(kec.body.counts.voters);

    const desaCode = kec.body.children[0]?.code ?? '';
    const desa = await get<RegionDetail>(`/api/regions/${desaCode}`);
    expect(desa.body.level).toBe('desa');
    expect(desa.body.children).toEqual([]);
    expect(desa.body.tps.length).toBe(desa.body.counts.tps);
    expect(desa.body.tps[0]?.label).toBe('TPS 001');
    expect(desa.body.tps.reduce((a, x) => a + x.voters, 0)).toBe(desa.body.counts.voters);
    expect(desa.body.tps.every((x) => x.voters <= 600)).toBe(true);
  });

  it('refuses malformed and unknown codes in the error shape', async () => {
    expect(await get('/api/regions/35.99')).toEqual({
      status: 404,
      body: {
        error: { code: 'region.not_found', message: 'Wilayah dengan kode 35.99 tidak ditemukan.' },
      },
    });
    const bad = await get<{ error: { code: string; field: string } }>('/api/regions/abc');
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({ code: 'region.invalid_code', field: 'code' });
  });

  it('searches kecamatan and desa by name and by code', async () => {
    const byName = await get<RegionSearchHit[]>('/api/regions?q=sukapura');
    expect(byName.body.map((h) => h.level).sort()).toEqual(['desa', 'kecamatan']);
    const byCode = await get<RegionSearchHit[]>('/api/regions?q=35.13.01.20');
    expect(byCode.body.length).toBeGreaterThan(5);
    expect(byCode.body.every((h) => h.code.startsWith('35.13.01.20'))).toBe(true);
    expect(byCode.body[0]?.path).toMatch(/^Sukapura › /);
    const wildcard = await get<RegionSearchHit[]>('/api/regions?q=%25%25');
    expect(wildcard.body).toEqual([]);
    const short = await get<{ error: { code: string; field: string } }>('/api/regions?q=a');
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('q');
  });

  it('moves a kecamatan between Korwil, keeping it in exactly one', async () => {
    const before = (await get<Korwil[]>('/api/korwil')).body;
    const k3 = before[2];
    if (k3 === undefined) throw new Error('demo has three Korwil');
    const moved = await t.inject({
      method: 'PUT',
      url: '/api/regions/35.13.01/korwil',
      payload: { korwilId: k3.id },
    });
    expect(moved.statusCode).toBe(204);
    const after = (await get<Korwil[]>('/api/korwil')).body;
    expect(after.map((k) => k.kecamatan.length)).toEqual([7, 8, 9]);
    expect(
      after.flatMap((k) => k.kecamatan.map((c) => c.code)).filter((c) => c === '35.13.01'),
    ).toHaveLength(1);
    // Move it back; unknown Korwil and non-kecamatan codes are refused.
    const back = before[0]?.id ?? 0;
    expect(
      (
        await t.inject({
          method: 'PUT',
          url: '/api/regions/35.13.01/korwil',
          payload: { korwilId: back },
        })
      ).statusCode,
    ).toBe(204);
    const unknown = await t.inject({
      method: 'PUT',
      url: '/api/regions/35.13.01/korwil',
      payload: { korwilId: 999 },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      error: { code: 'korwil.not_found', field: 'korwilId' },
    });
    const notKec = await t.inject({
      method: 'PUT',
      url: '/api/regions/35.13.01.2001/korwil',
      payload: { korwilId: back },
    });
    expect(notKec.statusCode).toBe(422);
  });

  it('creates and renames a Korwil; duplicate names are refused and nothing is stored', async () => {
    const created = await t.inject({
      method: 'POST',
      url: '/api/korwil',
      payload: { name: 'Korwil IV', chair: 'Staf Ahli Bupati', kecamatanCodes: ['35.13.24'] },
    });
    expect(created.statusCode).toBe(201);
    const k4 = created.json<Korwil>();
    expect(k4.kecamatan.map((k) => k.name)).toEqual(['Lumbang']);
    expect(k4.ordinal).toBe(4);
    const dup = await t.inject({
      method: 'POST',
      url: '/api/korwil',
      payload: { name: 'Korwil I', kecamatanCodes: [] },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: { code: 'korwil.name_taken', field: 'name' } });
    // A bad kecamatan code rolls the whole creation back.
    const bad = await t.inject({
      method: 'POST',
      url: '/api/korwil',
      payload: { name: 'Korwil V', kecamatanCodes: ['35.13.02', '35.13.77'] },
    });
    expect(bad.statusCode).toBe(422);
    const list = (await get<Korwil[]>('/api/korwil')).body;
    expect(list.map((k) => k.name)).toEqual(['Korwil I', 'Korwil II', 'Korwil III', 'Korwil IV']);
    expect(list[0]?.kecamatan.some((k) => k.code === '35.13.02')).toBe(true);
    const renamed = await t.inject({
      method: 'PATCH',
      url: `/api/korwil/${String(k4.id)}`,
      payload: { chair: 'Asisten IV' },
    });
    expect(renamed.json<Korwil>().chair).toBe('Asisten IV');
  });
});
