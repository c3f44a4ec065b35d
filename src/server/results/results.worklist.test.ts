/**
 * The worklist API on the demo (with its activity: 8 TPS of Sukapura sent,
 * 2 verified, 1 returned, 5 waiting): each role sees exactly its area, the
 * waiting oldest first, and a submission or a verification moves a TPS.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-databases.ts';
import { tps } from '../db/schema.ts';
import {
  createTestApp,
  injectAs,
  signIn,
  type Inject,
  type TestApp,
} from '../testing/app-harness.ts';
import { consistentForm } from './form-fixture.ts';
import type { Contest } from '../../domain/contests/contest.schema.ts';
import type { ResultsWorklist } from '../../domain/results/results.schema.ts';
import { DEMO_PPK_WORK } from '../setup/demo-activity.ts';

const SUKAPURA = '35.13.01';
const NGADISARI = '35.13.01.2001';
const LECES = '35.13.05';

describe.each(testEngines())('results worklist on %s', (engine) => {
  let t: TestApp;
  let ppk: Inject;
  let pps: Inject;
  let kpps: Inject;
  let korwil: Inject;
  let admin: Inject;
  let pantarlih: Inject;
  let anonymous: Inject;
  let pilbup: Contest;
  let activeIn: (prefix: string) => Promise<number[]>;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, activity: true });
    const as = async (u: string) => injectAs(t.app, await signIn(t.app, u));
    [ppk, pps, kpps, korwil, admin, pantarlih] = (await Promise.all(
      [
        'ppk.sukapura',
        'pps.ngadisari',
        'kpps.ngadisari.1',
        'korwil1',
        'admin',
        'pantarlih.ngadisari.1',
      ].map(as),
    )) as [Inject, Inject, Inject, Inject, Inject, Inject];
    anonymous = injectAs(t.app, null);
    pilbup = (await t.app.inject('/api/contests')).json<Contest[]>()[1] as Contest;
    activeIn = async (prefix) =>
      (
        await t.database.db
          .select({ id: tps.id })
          .from(tps)
          .where(and(like(tps.desaCode, `${prefix}%`), eq(tps.status, 'aktif')))
      ).map((r) => r.id);
  });
  afterAll(() => t.close());

  const list = async (who: Inject, query = '') => {
    const res = await who(`/api/results/worklist?contestId=${String(pilbup.id)}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<ResultsWorklist>();
  };
  const ids = (w: ResultsWorklist) =>
    [...w.waiting, ...w.returned, ...w.verified, ...w.missing].map((x) => x.tpsId).sort();

  it('gives the PPK every TPS of its kecamatan, grouped, the waiting oldest first', async () => {
    const w = await list(ppk);
    expect(w.area).toBe('Kecamatan Sukapura');
    expect(w.contestName).toBe(pilbup.name);
    const sukapura = await activeIn(SUKAPURA);
    expect(ids(w)).toEqual([...sukapura].sort());
    expect(w.counts).toEqual({
      waiting: 5,
      returned: 1,
      verified: 2,
      missing: sukapura.length - DEMO_PPK_WORK.tps,
      total: sukapura.length,
    });
    const times = w.waiting.map((x) => Date.parse(x.submittedAt ?? ''));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(w.waiting.every((x) => x.status === 'submitted' && x.version === 1)).toBe(true);
    expect(w.returned[0]?.statusAt).not.toBeNull();
    expect(w.missing.every((x) => x.status === null && x.submittedAt === null)).toBe(true);
    expect(w.waiting[0]).toMatchObject({
      label: expect.stringMatching(/^TPS \d{3}$/) as string,
      kecamatanName: 'Sukapura',
    });
    // Ngadisari and Wonotoro are left to the browser tests: nothing sent there.
    expect(w.missing.filter((x) => x.desaCode === NGADISARI).length).toBeGreaterThan(0);
    expect([...w.waiting, ...w.returned, ...w.verified].some((x) => x.desaCode === NGADISARI)).toBe(
      false,
    );
  });

  it('gives the PPS its desa, the Korwil its kecamatan, the desk the whole regency', async () => {
    const p = await list(pps);
    expect(p.area).toBe('Desa Ngadisari');
    expect(ids(p)).toEqual((await activeIn(NGADISARI)).sort());
    const k = await list(korwil);
    expect(k.area).toBe('Korwil I');
    expect(ids(k)).toEqual(expect.arrayContaining(await activeIn(SUKAPURA)));
    expect(ids(k)).not.toEqual(expect.arrayContaining([(await activeIn(LECES))[0]]));
    const a = await list(admin);
    expect(a.counts.total).toBe(
      (await t.database.db.select({ id: tps.id }).from(tps).where(eq(tps.status, 'aktif'))).length,
    );
    // The desk narrows to a kecamatan.
    const leces = await list(admin, `&code=${LECES}`);
    expect(leces.area).toBe('Kecamatan Leces');
    expect(ids(leces)).toEqual((await activeIn(LECES)).sort());
  });

  it('refuses another kecamatan, a role without results, anonymous, and unknown inputs', async () => {
    const other = await ppk(`/api/results/worklist?contestId=${String(pilbup.id)}&code=${LECES}`);
    expect(other.statusCode).toBe(403);
    const role = await pantarlih(`/api/results/worklist?contestId=${String(pilbup.id)}`);
    expect(role.statusCode).toBe(403);
    expect(
      (await anonymous(`/api/results/worklist?contestId=${String(pilbup.id)}`)).statusCode,
    ).toBe(401);
    const contest = await ppk('/api/results/worklist?contestId=999999');
    expect(contest.statusCode).toBe(404);
    const region = await admin(
      `/api/results/worklist?contestId=${String(pilbup.id)}&code=35.13.99`,
    );
    expect(region.statusCode).toBe(404);
    expect(region.json()).toMatchObject({
      error: { code: 'result.worklist_region_not_found', field: 'code' },
    });
    const bad = await admin(`/api/results/worklist?contestId=abc`);
    expect(bad.statusCode).toBe(400);
  });

  it('moves a TPS as its result is sent, then verified', async () => {
    const before = await list(pps);
    const target = before.missing.find((x) => x.number === 1);
    if (target === undefined) throw new Error('Ngadisari TPS 001 is not missing');
    const form = consistentForm({
      dpt: 250,
      votes: pilbup.pairs.map((p, i) => ({ selectionId: p.id, votes: 50 + i })),
      invalid: 2,
    });
    const sent = await kpps({
      method: 'POST',
      url: '/api/results',
      payload: { clientId: randomUUID(), tpsId: target.tpsId, contestId: pilbup.id, form },
    });
    expect(sent.statusCode).toBe(201);
    const after = await list(pps);
    expect(after.counts.waiting).toBe(before.counts.waiting + 1);
    expect(after.counts.missing).toBe(before.counts.missing - 1);
    expect(after.waiting.map((x) => x.tpsId)).toContain(target.tpsId);
    // The PPK sees it too, last of its waiting (the newest).
    const ppkList = await list(ppk);
    expect(ppkList.waiting.at(-1)?.tpsId).toBe(target.tpsId);
    const verified = await ppk({
      method: 'POST',
      url: `/api/results/${String(target.tpsId)}/${String(pilbup.id)}/verify`,
      payload: { version: 1 },
    });
    expect(verified.statusCode).toBe(200);
    const done = await list(ppk);
    expect(done.verified.map((x) => x.tpsId)).toContain(target.tpsId);
    expect(done.counts.waiting).toBe(ppkList.counts.waiting - 1);
  });
});
