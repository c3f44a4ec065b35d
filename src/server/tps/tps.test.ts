import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-databases.ts';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';
import type { RegionDetail } from '../../domain/regions/region.schema.ts';
import { TpsDetail, type Tps } from '../../domain/tps/tps.schema.ts';

const DESA = '35.13.01.2001';

describe.each(testEngines())('TPS on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, as: 'admin' });
  });
  afterAll(() => t.close());

  const desa = async () => (await t.inject({ url: `/api/regions/${DESA}` })).json<RegionDetail>();
  const post = (url: string, payload: unknown) =>
    t.inject({ method: 'POST', url, payload: payload as object });

  it('creates a TPS with the next number and counts it in every level', async () => {
    const before = await desa();
    const regencyBefore = (await t.inject({ url: '/api/regions/35.13' })).json<RegionDetail>();
    const number = before.tps.length + 1;
    const res = await post('/api/tps', {
      desaCode: DESA,
      number,
      voters: 250,
      address: 'Balai Desa',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<Tps>()).toMatchObject({
      number,
      voters: 250,
      status: 'aktif',
      address: 'Balai Desa',
    });
    const after = await desa();
    expect(after.counts.tps).toBe(before.counts.tps + 1);
    expect(after.counts.voters).toBe(before.counts.voters + 250);
    const regencyAfter = (await t.inject({ url: '/api/regions/35.13' })).json<RegionDetail>();
    expect(regencyAfter.counts.voters).toBe(regencyBefore.counts.voters + 250);
  });

  it('reads one TPS with the names of its desa and kecamatan', async () => {
    const first = (await desa()).tps[0];
    if (first === undefined) throw new Error('the demo desa has no TPS');
    const res = await t.inject({ url: `/api/tps/${String(first.id)}` });
    expect(res.statusCode).toBe(200);
    const body = TpsDetail.parse(res.json());
    expect(body).toMatchObject({ id: first.id, desaCode: DESA, desaName: 'Ngadisari' });
    expect(body.kecamatanName).toBe('Sukapura');
  });

  it('refuses a duplicate number in the same desa, and stores nothing', async () => {
    const before = await desa();
    const res = await post('/api/tps', { desaCode: DESA, number: 1, voters: 100 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: {
        code: 'tps.number_taken',
        field: 'number',
        message: 'TPS 001 sudah ada di desa ini. Nomor TPS harus unik dalam satu desa.',
      },
    });
    expect((await desa()).counts).toEqual(before.counts);
  });

  it('allows the same number in another desa', async () => {
    const res = await post('/api/tps', { desaCode: '35.13.01.2002', number: 90, voters: 10 });
    expect(res.statusCode).toBe(201);
  });

  it('refuses more voters than the maximum and bad input, in the error shape', async () => {
    const over = await post('/api/tps', { desaCode: DESA, number: 80, voters: 601 });
    expect(over.statusCode).toBe(422);
    expect(over.json()).toMatchObject({ error: { code: 'tps.voters_above_max', field: 'voters' } });
    const wrongType = await post('/api/tps', { desaCode: DESA, number: '1', voters: 10 });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json()).toMatchObject({
      error: { code: 'validation.invalid_type', field: 'number' },
    });
    const unknownDesa = await post('/api/tps', {
      desaCode: '35.13.01.2999',
      number: 1,
      voters: 10,
    });
    expect(unknownDesa.statusCode).toBe(422);
    expect(unknownDesa.json()).toMatchObject({
      error: { code: 'tps.unknown_desa', field: 'desaCode' },
    });
    const kecamatan = await post('/api/tps', { desaCode: '35.13.01', number: 1, voters: 10 });
    expect(kecamatan.json()).toMatchObject({
      error: { code: 'tps.unknown_desa', field: 'desaCode' },
    });
  });

  it('edits a TPS, refusing a number taken by another', async () => {
    const created = (
      await post('/api/tps', { desaCode: DESA, number: 70, voters: 300 })
    ).json<Tps>();
    const edited = await t.inject({
      method: 'PATCH',
      url: `/api/tps/${String(created.id)}`,
      payload: { voters: 320, address: 'SDN 1' },
    });
    expect(edited.json<Tps>()).toMatchObject({ number: 70, voters: 320, address: 'SDN 1' });
    const clash = await t.inject({
      method: 'PATCH',
      url: `/api/tps/${String(created.id)}`,
      payload: { number: 1 },
    });
    expect(clash.statusCode).toBe(409);
    const tooMany = await t.inject({
      method: 'PATCH',
      url: `/api/tps/${String(created.id)}`,
      payload: { voters: 9000 },
    });
    expect(tooMany.statusCode).toBe(422);
    expect((await t.inject({ url: `/api/tps/${String(created.id)}` })).json<Tps>().voters).toBe(
      320,
    );
  });

  it('retires a TPS: kept with its reason, out of the counts, its number free again', async () => {
    const created = (
      await post('/api/tps', { desaCode: DESA, number: 60, voters: 200 })
    ).json<Tps>();
    const before = await desa();
    const noReason = await post(`/api/tps/${String(created.id)}/retire`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const retired = await post(`/api/tps/${String(created.id)}/retire`, {
      reason: 'Digabung dengan TPS 001',
    });
    expect(retired.json<Tps>()).toMatchObject({
      status: 'nonaktif',
      retiredReason: 'Digabung dengan TPS 001',
    });
    const after = await desa();
    expect(after.counts.tps).toBe(before.counts.tps - 1);
    expect(after.counts.voters).toBe(before.counts.voters - 200);
    expect(after.tps.find((x) => x.id === created.id)?.status).toBe('nonaktif');
    expect(
      (await post(`/api/tps/${String(created.id)}/retire`, { reason: 'lagi' })).statusCode,
    ).toBe(409);
    const editRetired = await t.inject({
      method: 'PATCH',
      url: `/api/tps/${String(created.id)}`,
      payload: { voters: 1 },
    });
    expect(editRetired.json()).toMatchObject({ error: { code: 'tps.retired' } });
    expect((await post('/api/tps', { desaCode: DESA, number: 60, voters: 100 })).statusCode).toBe(
      201,
    );
  });

  it('answers 404 for an unknown TPS', async () => {
    const res = await t.inject({ url: '/api/tps/999999' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'tps.not_found' } });
  });
});
