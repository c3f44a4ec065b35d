/**
 * The demo as `init --demo` loads it lets every demo role do its main job
 * on first start, whatever today's date (issue 20 item 6): the Pantarlih
 * records coklit at a TPS that has voters, the KPPS sends a C.Hasil, the PPK
 * verifies it, a citizen reports a problem on /lapor.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tps } from '../db/schema.ts';
import { testEngines } from '../db/test-databases.ts';
import { consistentForm } from '../results/form-fixture.ts';
import { createTestApp, injectAs, signIn, type TestApp } from '../testing/app-harness.ts';
import type {
  CoklitAccepted,
  CoklitWindow,
  TpsVoterList,
} from '../../domain/voters/voters.schema.ts';
import { DEMO_COKLIT_OPEN_UNTIL } from './demo-activity.ts';

const NGADISARI = '35.13.01.2001';

describe.each(testEngines())('the demo, role by role, on %s', (engine) => {
  let t: TestApp;
  let ngadisari1: number;
  const as = async (username: string) => injectAs(t.app, await signIn(t.app, username));

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, activity: true });
    const [row] = await t.database.db
      .select({ id: tps.id })
      .from(tps)
      .where(and(eq(tps.desaCode, NGADISARI), eq(tps.number, 1)));
    ngadisari1 = row?.id ?? 0;
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('opens the coklit window for the demo, saying until when, whatever today is', async () => {
    const w = (await t.inject('/api/coklit/window')).json<CoklitWindow>();
    expect(w.open).toBe(true);
    expect(w.reopened?.until).toBe(DEMO_COKLIT_OPEN_UNTIL);
    expect(w.message).toContain('dibuka kembali sampai 31 Desember 2099');
  });

  it('the Pantarlih finds voters at their TPS and records coklit (MS and TMS-1)', async () => {
    const pantarlih = await as('pantarlih.ngadisari.1');
    const list = (await pantarlih(`/api/voters/tps/${String(ngadisari1)}`)).json<TpsVoterList>();
    expect(list.canRecord).toBe(true);
    expect(list.voters.length).toBeGreaterThanOrEqual(100);
    expect(list.voters.every((v) => v.coklitStatus === null)).toBe(true);
    const [a, b] = list.voters;
    const ms = await pantarlih({
      method: 'POST',
      url: `/api/voters/${String(a?.id)}/coklit`,
      payload: { kind: 'MS', clientId: randomUUID() },
    });
    expect(ms.statusCode, ms.body).toBe(201);
    expect(ms.json<CoklitAccepted>().voter.coklitStatus).toBe('MS');
    const tms = await pantarlih({
      method: 'POST',
      url: `/api/voters/${String(b?.id)}/coklit`,
      payload: { kind: 'TMS', code: 1, clientId: randomUUID() },
    });
    expect(tms.statusCode, tms.body).toBe(201);
    // The history of the voter just recorded.
    expect((await pantarlih(`/api/voters/${String(a?.id)}/lineage`)).statusCode).toBe(200);
  });

  it('the KPPS sends the C.Hasil of their TPS and the PPK verifies it', async () => {
    const kpps = await as('kpps.ngadisari.1');
    const ppk = await as('ppk.sukapura');
    const contests = (await t.app.inject('/api/contests')).json<
      { id: number; kind: string; pairs: { id: number }[] }[]
    >();
    const pilbup = contests.find((c) => c.kind === 'bupati') ?? contests[1];
    if (pilbup === undefined) throw new Error('no contest in the demo');
    const [p1, p2] = pilbup.pairs;
    const form = consistentForm({
      dpt: 300,
      votes: [
        { selectionId: p1?.id ?? 0, votes: 120 },
        { selectionId: p2?.id ?? 0, votes: 100 },
      ],
      invalid: 5,
    });
    const sent = await kpps({
      method: 'POST',
      url: '/api/results',
      payload: { clientId: randomUUID(), tpsId: ngadisari1, contestId: pilbup.id, form },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const verified = await ppk({
      method: 'POST',
      url: `/api/results/${String(ngadisari1)}/${String(pilbup.id)}/verify`,
      payload: { version: 1 },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'verified' });
  });

  it('a citizen reports a problem on /lapor and gets a tracking code', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/problems',
      remoteAddress: '10.9.8.7',
      payload: {
        category: 'politik_uang',
        severity: 'tinggi',
        kecamatanCode: '35.13.01',
        desaCode: NGADISARI,
        occurredAt: new Date(Date.now() - 600_000).toISOString(),
        description: 'Pembagian amplop di dekat balai desa',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ trackingCode: string }>().trackingCode).toMatch(/^LP-/);
  });
});
