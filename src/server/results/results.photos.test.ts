/**
 * Photos of the signed C.Hasil form are evidence the PPK checks the figures
 * against: served to whoever may read that TPS's results, to nobody else
 * (another kecamatan, a role without results, anonymous), never public.
 */
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines, createDemoDatabase } from '../db/test-databases.ts';
import { tps } from '../db/schema.ts';
import type { Database } from '../db/connection.ts';
import { buildApp } from '../app.ts';
import type { ZodApp } from '../http/reply.ts';
import { injectAs, signIn, type Inject } from '../testing/app-harness.ts';
import type { Contest } from '../../domain/contests/contest.schema.ts';
import type { TpsResults } from '../../domain/results/results.schema.ts';

const NGADISARI = '35.13.01.2001';
const LECES_DESA = '35.13.05.2001';

describe.each(testEngines())('C.Hasil photos on %s', (engine) => {
  let database: Database;
  let app: ZodApp;
  let kpps: Inject;
  let ppk: Inject;
  let pps: Inject;
  let pantarlih: Inject;
  let admin: Inject;
  let anonymous: Inject;
  let tps1: number;
  let tps2: number;
  let lecesTps: number;
  let pilbup: Contest;
  let jpeg: Buffer;
  let ngadisariSha: string;
  let lecesSha: string;

  beforeAll(async () => {
    database = await createDemoDatabase(engine);
    app = await buildApp({ database, dataDir: await mkdtemp(join(tmpdir(), 'dp-photos-')) });
    await app.ready();
    const as = async (u: string) => injectAs(app, await signIn(app, u));
    [kpps, ppk, pps, pantarlih, admin] = (await Promise.all(
      ['kpps.ngadisari.1', 'ppk.sukapura', 'pps.ngadisari', 'pantarlih.ngadisari.1', 'admin'].map(
        as,
      ),
    )) as [Inject, Inject, Inject, Inject, Inject];
    anonymous = injectAs(app, null);
    const idOf = async (desa: string, n: number) =>
      (
        await database.db
          .select({ id: tps.id })
          .from(tps)
          .where(and(eq(tps.desaCode, desa), eq(tps.number, n)))
      )[0]?.id ?? 0;
    tps1 = await idOf(NGADISARI, 1);
    tps2 = await idOf(NGADISARI, 2);
    lecesTps = await idOf(LECES_DESA, 1);
    pilbup = (await app.inject('/api/contests')).json<Contest[]>()[1] as Contest;
    jpeg = await sharp({
      create: { width: 800, height: 600, channels: 3, background: { r: 240, g: 240, b: 230 } },
    })
      .jpeg()
      .toBuffer();
    const up = async (who: Inject, tpsId: number, body: Buffer) => {
      const res = await who({
        method: 'POST',
        url: `/api/results/${String(tpsId)}/${String(pilbup.id)}/photos`,
        headers: { 'content-type': 'image/jpeg' },
        payload: body,
      });
      expect(res.statusCode).toBe(201);
      return res.json<{ sha256: string }>().sha256;
    };
    ngadisariSha = await up(kpps, tps1, jpeg);
    const other = await sharp({
      create: { width: 30, height: 40, channels: 3, background: { r: 200, g: 220, b: 240 } },
    })
      .jpeg()
      .toBuffer();
    lecesSha = await up(admin, lecesTps, other);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const photoUrl = (tpsId: number, sha: string, contestId = pilbup.id) =>
    `/api/results/${String(tpsId)}/${String(contestId)}/photos/${sha}`;

  it('serves the stored photo to the KPPS, PPS and PPK of that TPS, privately', async () => {
    for (const who of [kpps, pps, ppk, admin]) {
      const res = await who(photoUrl(tps1, ngadisariSha));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.headers['cache-control']).toMatch(/^private/);
      // Stored re-encoded without metadata: the bytes the hash names, the same picture.
      expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(ngadisariSha);
      expect(await sharp(res.rawPayload).metadata()).toMatchObject({
        format: 'jpeg',
        width: 800,
        height: 600,
      });
    }
  });

  it('serves a small JPEG for lists (?ukuran=kecil), to the same readers only', async () => {
    const small = await ppk(`${photoUrl(tps1, ngadisariSha)}?ukuran=kecil`);
    expect(small.statusCode).toBe(200);
    expect(small.headers['content-type']).toBe('image/jpeg');
    expect(small.headers['cache-control']).toMatch(/^private/);
    const meta = await sharp(small.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([320, 240]);
    expect(small.rawPayload.length).toBeLessThan(jpeg.length);
    // Made once, then read back: the same bytes.
    const again = await kpps(`${photoUrl(tps1, ngadisariSha)}?ukuran=kecil`);
    expect(again.rawPayload.equals(small.rawPayload)).toBe(true);
    expect((await anonymous(`${photoUrl(tps1, ngadisariSha)}?ukuran=kecil`)).statusCode).toBe(401);
    expect((await pantarlih(`${photoUrl(tps1, ngadisariSha)}?ukuran=kecil`)).statusCode).toBe(403);
    expect((await ppk(`${photoUrl(tps1, ngadisariSha)}?ukuran=besar`)).statusCode).toBe(400);
  });

  it('lists the photo in the TPS results with the hash its route takes', async () => {
    const res = await ppk(`/api/results/tps/${String(tps1)}`);
    const contest = res.json<TpsResults>().contests.find((c) => c.contestId === pilbup.id);
    expect(contest?.photos.map((p) => p.sha256)).toEqual([ngadisariSha]);
  });

  it('refuses a role that may not read results (Pantarlih)', async () => {
    const res = await pantarlih(photoUrl(tps1, ngadisariSha));
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/json/);
  });

  it('refuses another kecamatan (PPK Sukapura at Leces) and another TPS (KPPS)', async () => {
    const other = await ppk(photoUrl(lecesTps, lecesSha));
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: { code: expect.any(String) as string } });
    expect(other.rawPayload.includes(Buffer.from([0xff, 0xd8]))).toBe(false);
    // The KPPS of TPS 1 may not see TPS 2's photos.
    expect((await kpps(photoUrl(tps2, ngadisariSha))).statusCode).toBe(403);
  });

  it('refuses anonymous callers: a form photo is never public', async () => {
    const res = await anonymous(photoUrl(tps1, ngadisariSha));
    expect(res.statusCode).toBe(401);
  });

  it('answers 404 for a hash of another TPS or contest, or an unknown TPS', async () => {
    // Leces's photo asked for through Ngadisari's TPS: not this TPS's photo.
    const elsewhere = await ppk(photoUrl(tps1, lecesSha));
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({ error: { code: 'result.photo_not_found' } });
    const otherContest = pilbup.id === 1 ? 2 : 1;
    expect((await ppk(photoUrl(tps1, ngadisariSha, otherContest))).statusCode).toBe(404);
    expect((await admin(photoUrl(999_999, ngadisariSha))).statusCode).toBe(404);
    // A malformed hash never reaches the disk.
    expect((await ppk(photoUrl(tps1, 'ABC..%2F..%2Fetc'))).statusCode).toBe(400);
  });
});
