import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-databases.ts';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';
import type { Contest } from '../../domain/contests/contest.schema.ts';

describe.each(testEngines())('contests and candidate pairs on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, as: 'admin' });
  });
  afterAll(() => t.close());

  it('lists the two 2024 contests with their pairs in ballot order', async () => {
    const contests = (await t.inject({ url: '/api/contests' })).json<Contest[]>();
    expect(contests.map((c) => [c.kind, c.regionCode, c.votingDay, c.pairs.length])).toEqual([
      ['gubernur', '35', '2024-11-27', 3],
      ['bupati', '35.13', '2024-11-27', 2],
    ]);
    expect(contests[0]?.regionName).toBe('Jawa Timur');
    expect(contests[0]?.pairs.map((p) => p.headName)).toEqual([
      'Luluk Nur Hamidah',
      'Khofifah Indar Parawansa',
      'Tri Rismaharini',
    ]);
    expect(contests[1]?.pairs[0]?.label).toBe('1. Zulmi Noor Hasani – Abd. Rasit');
  });

  it('gives a single-pair contest its kolom kosong, and takes it away with a second pair', async () => {
    const created = await t.inject({
      method: 'POST',
      url: '/api/contests',
      payload: {
        kind: 'bupati',
        name: 'Pemilihan Ulang Bupati Probolinggo',
        regionCode: '35.13',
        votingDay: '2025-08-27',
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json<Contest>().id;
    const one = await t.inject({
      method: 'POST',
      url: `/api/contests/${String(id)}/pairs`,
      payload: { ballotNumber: 1, headName: 'Calon Tunggal', deputyName: 'Wakil Tunggal' },
    });
    expect(one.statusCode).toBe(201);
    expect(
      one.json<Contest>().pairs.map((p) => [p.ballotNumber, p.isKolomKosong, p.label]),
    ).toEqual([
      [1, false, '1. Calon Tunggal – Wakil Tunggal'],
      [null, true, 'Kolom Kosong'],
    ]);
    const dup = await t.inject({
      method: 'POST',
      url: `/api/contests/${String(id)}/pairs`,
      payload: { ballotNumber: 1, headName: 'Lain', deputyName: 'Lain' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({
      error: { code: 'pair.ballot_number_taken', field: 'ballotNumber' },
    });
    const two = await t.inject({
      method: 'POST',
      url: `/api/contests/${String(id)}/pairs`,
      payload: { ballotNumber: 2, headName: 'Penantang', deputyName: 'Wakil Penantang' },
    });
    const pairs = two.json<Contest>().pairs;
    expect(pairs.map((p) => p.isKolomKosong)).toEqual([false, false]);
    // Removing the second pair brings the kolom kosong back.
    const removed = await t.inject({
      method: 'DELETE',
      url: `/api/pairs/${String(pairs[1]?.id)}`,
    });
    expect(removed.json<Contest>().pairs.map((p) => p.label)).toEqual([
      '1. Calon Tunggal – Wakil Tunggal',
      'Kolom Kosong',
    ]);
    const kk = removed.json<Contest>().pairs[1]?.id ?? 0;
    const removeKk = await t.inject({ method: 'DELETE', url: `/api/pairs/${String(kk)}` });
    expect(removeKk.statusCode).toBe(409);
  });

  it('refuses a contest outside the regency and impossible dates', async () => {
    const other = await t.inject({
      method: 'POST',
      url: '/api/contests',
      payload: {
        kind: 'bupati',
        name: 'Pilbup Pasuruan',
        regionCode: '35.14',
        votingDay: '2024-11-27',
      },
    });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({
      error: { code: 'contest.region_mismatch', field: 'regionCode' },
    });
    const badDate = await t.inject({
      method: 'POST',
      url: '/api/contests',
      payload: { kind: 'gubernur', name: 'Pilgub', regionCode: '35', votingDay: '2024-02-30' },
    });
    expect(badDate.json()).toMatchObject({
      error: { code: 'contest.invalid_date', field: 'votingDay' },
    });
    expect((await t.inject({ url: '/api/contests' })).json<Contest[]>()).toHaveLength(3);
  });
});
