import { TEST_JPEG } from '../testing/images.ts';
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines, createDemoDatabase } from '../db/test-databases.ts';
import { auditLog, resultDesaTotal, resultSubmission, stage, tps } from '../db/schema.ts';
import { rowsOf } from '../db/rows.ts';
import { formatFormsCheck } from '../../cli/results.command.ts';
import { formSha256 } from './results.form-hash.ts';
import { verifyResultForms } from './results.form-check.ts';
import type { Database, Db } from '../db/connection.ts';
import { buildApp } from '../app.ts';
import type { ZodApp } from '../http/reply.ts';
import ExcelJS from 'exceljs';
import {
  createTestApp,
  injectAs,
  signIn,
  type Inject,
  type TestApp,
} from '../testing/app-harness.ts';
import { consistentForm } from './form-fixture.ts';
import { verifyResultTotals } from './results.summary.ts';
import { writerStats } from './results.batch.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import {
  SubmissionAccepted,
  type ResultsSummary,
  type TpsResults,
} from '../../domain/results/results.schema.ts';
import type { Contest } from '../../domain/contests/contest.schema.ts';

/** Thrown to roll a test's tampering back. */
class Rollback extends Error {
  constructor() {
    super('rollback');
  }
}

/** Runs `check` (tampering, then looking) in a transaction that is rolled back; returns what it found. */
async function rolledBack<T>(db: Db, check: (tx: Db) => Promise<T>): Promise<T> {
  let found: { value: T } | undefined;
  await db
    .transaction(async (tx) => {
      found = { value: await check(tx) };
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  if (found === undefined) throw new Error('the check did not run');
  return found.value;
}

const NGADISARI = '35.13.01.2001';
const SUKAPURA = '35.13.01';
const LECES_DESA = '35.13.05.2001';

describe.each(testEngines())('TPS results on %s', (engine) => {
  let database: Database;
  let app: ZodApp;
  let kpps: Inject;
  let ppk: Inject;
  let admin: Inject;
  let pps: Inject;
  let bupati: Inject;
  let tps1: number;
  let tps2: number;
  let lecesTps: number;
  let pilbup: Contest;

  beforeAll(async () => {
    database = await createDemoDatabase(engine);
    app = await buildApp({ database, dataDir: await mkdtemp(join(tmpdir(), 'dp-results-')) });
    await app.ready();
    const as = async (u: string) => injectAs(app, await signIn(app, u));
    [kpps, ppk, admin, pps, bupati] = (await Promise.all(
      ['kpps.ngadisari.1', 'ppk.sukapura', 'admin', 'pps.ngadisari', 'bupati'].map(as),
    )) as [Inject, Inject, Inject, Inject, Inject];
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
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const votes = (a: number, b: number) => [
    { selectionId: pilbup.pairs[0]?.id ?? 0, votes: a },
    { selectionId: pilbup.pairs[1]?.id ?? 0, votes: b },
  ];
  const submit = (who: Inject, tpsId: number, form: unknown, extra: object = {}) =>
    who({
      method: 'POST',
      url: '/api/results',
      payload: { clientId: randomUUID(), tpsId, contestId: pilbup.id, form, ...extra },
    });
  const summary = async (code?: string) =>
    (
      await bupati(
        `/api/results/summary?contestId=${String(pilbup.id)}${code === undefined ? '' : `&code=${code}`}`,
      )
    ).json<ResultsSummary>();

  it('accepts a consistent form once; a resend of the same id is not duplicated', async () => {
    const clientId = randomUUID();
    const form = consistentForm({ dpt: 300, votes: votes(120, 100), invalid: 5 });
    const payload = { clientId, tpsId: tps1, contestId: pilbup.id, form };
    const first = await kpps({ method: 'POST', url: '/api/results', payload });
    expect(first.statusCode).toBe(201);
    expect(first.json<SubmissionAccepted>()).toMatchObject({
      duplicate: false,
      version: 1,
      status: 'submitted',
    });
    const again = await kpps({ method: 'POST', url: '/api/results', payload });
    expect(again.statusCode).toBe(200);
    expect(again.json<SubmissionAccepted>()).toMatchObject({ duplicate: true, version: 1 });
    // This route writes its answers without the schema's check: they must be exactly its shape.
    for (const answer of [first, again]) {
      expect(answer.json()).toStrictEqual(SubmissionAccepted.parse(answer.json()));
    }
    const changed = await kpps({
      method: 'POST',
      url: '/api/results',
      payload: {
        ...payload,
        form: consistentForm({ dpt: 300, votes: votes(121, 100), invalid: 5 }),
      },
    });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({
      error: { code: 'result.client_id_reused', field: 'clientId' },
    });
    const s = await summary(NGADISARI);
    expect(s.region).toMatchObject({ reported: 1, voted: 225, valid: 220, invalid: 5 });
    expect(s.region.votes.map((v) => v.votes)).toEqual([120, 100]);
  });

  it('treats a resend racing its own first attempt as a duplicate, never a second version', async () => {
    const payload = {
      clientId: randomUUID(),
      tpsId: lecesTps,
      contestId: pilbup.id,
      form: consistentForm({ dpt: 300, votes: votes(70, 60), invalid: 2 }),
    };
    const send = () => admin({ method: 'POST', url: '/api/results', payload });
    const answers = await Promise.all([send(), send(), send()]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(answers.every((a) => a.json<SubmissionAccepted>().version === 1)).toBe(true);
    const history = (await admin(`/api/results/tps/${String(lecesTps)}`)).json<TpsResults>();
    expect(history.contests.find((c) => c.contestId === pilbup.id)?.history).toHaveLength(1);
  });

  it('refuses a sum that does not close, naming the rule and the field; nothing stored', async () => {
    const form = consistentForm({ dpt: 300, votes: votes(50, 40), invalid: 2 });
    const bad = { ...form, valid: form.valid + 1 };
    const res = await submit(kpps, tps1, bad, { reason: 'Koreksi salah hitung' });
    expect(res.statusCode).toBe(422);
    const body = res.json<{ error: { code: string; field: string; message: string } }>();
    expect(body.error.code).toMatch(/^chasil\./);
    expect(body.error.field).toMatch(/^form\./);
    const history = (await kpps(`/api/results/tps/${String(tps1)}`)).json<TpsResults>();
    expect(history.contests.find((c) => c.contestId === pilbup.id)?.history).toHaveLength(1);
  });

  it('names pairs as on the ballot ("Paslon 02"), never by database id', async () => {
    const second = pilbup.pairs[1];
    const only = [{ selectionId: pilbup.pairs[0]?.id ?? 0, votes: 50 }];
    const missing = await submit(
      kpps,
      tps1,
      consistentForm({ dpt: 300, votes: only, invalid: 2 }),
      {
        reason: 'Koreksi paslon',
      },
    );
    expect(missing.statusCode).toBe(422);
    const error = missing.json<{ error: { code: string; message: string } }>().error;
    expect(error.code).toBe('chasil.missing_selection');
    expect(error.message).toBe(
      `Suara Paslon ${String(second?.ballotNumber).padStart(2, '0')} belum diisi (isi 0 bila tidak ada suara).`,
    );
    expect(error.message).not.toMatch(/id \d/);
    const stranger = await submit(
      kpps,
      tps1,
      consistentForm({
        dpt: 300,
        votes: [...votes(50, 40), { selectionId: 999_999, votes: 0 }],
        invalid: 2,
      }),
      { reason: 'Koreksi paslon' },
    );
    expect(stranger.json<{ error: { message: string } }>().error.message).toBe(
      'Pilihan tak dikenal (kode 999999) bukan pilihan dalam pemilihan ini.',
    );
  });

  it('refuses bad numbers at the door and a TPS outside the caller’s scope', async () => {
    const negative = consistentForm({ dpt: 300, votes: votes(50, 40), invalid: 2 });
    const res = await submit(kpps, tps1, { ...negative, invalid: -1 }, { reason: 'Koreksi angka' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: { code: 'chasil.not_whole_number', field: 'form.invalid' },
    });
    const other = await submit(
      kpps,
      tps2,
      consistentForm({ dpt: 300, votes: votes(1, 1), invalid: 0 }),
    );
    expect(other.statusCode).toBe(403);
    const otherDesa = await submit(
      pps,
      lecesTps,
      consistentForm({ dpt: 300, votes: votes(1, 1), invalid: 0 }),
    );
    expect(otherDesa.statusCode).toBe(403);
    const badContest = await kpps({
      method: 'POST',
      url: '/api/results',
      payload: { clientId: randomUUID(), tpsId: tps1, contestId: 999, form: negative },
    });
    expect(badContest.json()).toMatchObject({
      error: { code: 'result.contest_not_at_tps', field: 'contestId' },
    });
    const tooMany = consistentForm({ dpt: 600, votes: votes(300, 200), invalid: 0 });
    const above = await submit(pps, tps2, tooMany);
    expect(above.statusCode).toBe(422);
  });

  it('keeps every correction with its reason; the PPK verifies the version seen, a later correction is flagged', async () => {
    const noReason = await submit(
      kpps,
      tps1,
      consistentForm({ dpt: 300, votes: votes(118, 102), invalid: 5 }),
    );
    expect(noReason.json()).toMatchObject({
      error: { code: 'result.correction_reason_required', field: 'reason' },
    });
    const corrected = await submit(
      kpps,
      tps1,
      consistentForm({ dpt: 300, votes: votes(118, 102), invalid: 5 }),
      {
        reason: 'Salah salin suara paslon 1',
      },
    );
    expect(corrected.json<SubmissionAccepted>()).toMatchObject({ version: 2 });
    const stale = await ppk({
      method: 'POST',
      url: `/api/results/${String(tps1)}/${String(pilbup.id)}/verify`,
      payload: { version: 1 },
    });
    expect(stale.json()).toMatchObject({ error: { code: 'result.version_changed' } });
    const verified = await ppk({
      method: 'POST',
      url: `/api/results/${String(tps1)}/${String(pilbup.id)}/verify`,
      payload: { version: 2 },
    });
    expect(verified.json<SubmissionAccepted>()).toMatchObject({ status: 'verified' });
    expect((await summary(NGADISARI)).region).toMatchObject({ reported: 1, verified: 1 });
    const kppsVerify = await kpps({
      method: 'POST',
      url: `/api/results/${String(tps1)}/${String(pilbup.id)}/verify`,
      payload: { version: 2 },
    });
    expect(kppsVerify.statusCode).toBe(403);
    const late = await submit(
      kpps,
      tps1,
      consistentForm({ dpt: 300, votes: votes(119, 102), invalid: 4 }),
      {
        reason: 'Rekap ulang di PPK',
      },
    );
    expect(late.json<SubmissionAccepted>().anomalies.map((a) => a.code)).toContain(
      'anomaly.corrected_after_verification',
    );
    const history = (await kpps(`/api/results/tps/${String(tps1)}`)).json<TpsResults>();
    const h = history.contests.find((c) => c.contestId === pilbup.id);
    expect(h?.history.map((v) => [v.version, v.reason])).toEqual([
      [3, 'Rekap ulang di PPK'],
      [2, 'Salah salin suara paslon 1'],
      [1, null],
    ]);
    expect(h?.status).toBe('submitted');
    const s = await summary(NGADISARI);
    expect(s.region).toMatchObject({ reported: 1, verified: 0, valid: 221, invalid: 4 });
    const returned = await ppk({
      method: 'POST',
      url: `/api/results/${String(tps1)}/${String(pilbup.id)}/return`,
      payload: { version: 3, note: 'Foto formulir tidak terbaca' },
    });
    expect(returned.json<SubmissionAccepted>()).toMatchObject({ status: 'returned' });
  });

  it('audits each version by its form’s hash, and `results verify` finds a form changed behind the application', async () => {
    const rows = await database.db
      .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'tps'), eq(auditLog.targetId, String(tps1))));
    const corrections = rows.filter((r) => r.action === 'result.correct');
    expect(corrections.map((r) => r.before)).toEqual([{ version: 1 }, { version: 2 }]);
    const [v2] = await database.db
      .select({ form: resultSubmission.form })
      .from(resultSubmission)
      .where(
        and(
          eq(resultSubmission.tpsId, tps1),
          eq(resultSubmission.contestId, pilbup.id),
          eq(resultSubmission.version, 2),
        ),
      );
    // The chain holds the hash, not a second copy of the form.
    expect(corrections[0]?.after).toEqual({
      contestId: pilbup.id,
      version: 2,
      formSha256: formSha256(v2?.form),
      reason: 'Salah salin suara paslon 1',
    });
    const clean = await verifyResultForms(database.db, 2);
    expect(clean.forms).toEqual([]);
    expect(clean.versions).toBeGreaterThanOrEqual(3);
    // 58 votes read as 948: an edit in the database, rolled back after the check.
    const found = await rolledBack(database.db, async (tx) => {
      await tx.execute(sql`
          update result_submission set form = jsonb_set(form, '{votes,0,votes}', '948')
          where tps_id = ${tps1} and contest_id = ${pilbup.id} and version = 2`);
      // A version slipped in without the application: no audit row vouches for it.
      await tx.execute(sql`
          insert into result_submission (client_id, tps_id, contest_id, version, form,
            registered, voted, valid, invalid, reason, anomalies)
          select 'forged', tps_id, contest_id, 99, form, registered, voted, valid, invalid,
            'siluman', anomalies
          from result_submission
          where tps_id = ${tps1} and contest_id = ${pilbup.id} and version = 1`);
      return (await verifyResultForms(tx, 2)).forms;
    });
    expect(found).toEqual([
      { tpsId: tps1, contestId: pilbup.id, version: 2, problem: 'changed' },
      { tpsId: tps1, contestId: pilbup.id, version: 99, problem: 'no_audit' },
    ]);
    expect(formatFormsCheck(3, found)).toContain(
      'isi formulir tidak sama dengan hash di catatan audit',
    );
    expect((await verifyResultForms(database.db)).forms).toEqual([]);
  });

  it('rolls up to kecamatan, Korwil and regency, and shows the public only provisional regency/kecamatan totals', async () => {
    const regency = await summary();
    expect(regency.korwil.map((k) => k.name)).toEqual(['Korwil I', 'Korwil II', 'Korwil III']);
    expect(regency.korwil.reduce((a, k) => a + k.valid, 0)).toBe(regency.region.valid);
    expect(regency.children.reduce((a, k) => a + k.valid, 0)).toBe(regency.region.valid);
    expect(regency.region.tpsTotal).toBe(1749);
    const pub = await app.inject(`/api/public/results?contestId=${String(pilbup.id)}`);
    expect(pub.statusCode).toBe(200);
    const p = pub.json<ResultsSummary>();
    expect(p.notice).toBe('Hasil sementara, bukan hasil resmi KPU.');
    expect(p.region.valid).toBe(regency.region.valid);
    expect(p.children.every((c) => c.level === 'kecamatan')).toBe(true);
    expect(
      (await app.inject(`/api/results/summary?contestId=${String(pilbup.id)}`)).statusCode,
    ).toBe(401);
  });

  it('gives a Korwil its own summary (its kecamatan only) and refuses it another Korwil and the regency', async () => {
    const korwil = injectAs(app, await signIn(app, 'korwil1'));
    const regency = await summary();
    const first = regency.korwil[0];
    const second = regency.korwil[1];
    if (first === undefined || second === undefined) throw new Error('demo has three Korwil');
    const own = await korwil(
      `/api/results/summary?contestId=${String(pilbup.id)}&korwil=${first.code}`,
    );
    expect(own.statusCode).toBe(200);
    const s = own.json<ResultsSummary>();
    expect(s.region).toMatchObject({ level: 'korwil', name: first.name, valid: first.valid });
    expect(s.region.tpsTotal).toBe(first.tpsTotal);
    expect(s.children.every((c) => c.level === 'kecamatan')).toBe(true);
    expect(s.children.reduce((a, c) => a + c.valid, 0)).toBe(s.region.valid);
    expect(s.children.reduce((a, c) => a + c.tpsTotal, 0)).toBe(s.region.tpsTotal);
    expect(s.children.map((c) => c.code)).toContain(SUKAPURA);
    const other = await korwil(
      `/api/results/summary?contestId=${String(pilbup.id)}&korwil=${second.code}`,
    );
    expect(other.statusCode).toBe(403);
    expect((await korwil(`/api/results/summary?contestId=${String(pilbup.id)}`)).statusCode).toBe(
      403,
    );
    const both = await bupati(
      `/api/results/summary?contestId=${String(pilbup.id)}&korwil=${first.code}&code=${SUKAPURA}`,
    );
    expect(both.statusCode).toBe(422);
    expect(both.json()).toMatchObject({
      error: { code: 'result.level_ambiguous', field: 'korwil' },
    });
    const unknown = await bupati(`/api/results/summary?contestId=${String(pilbup.id)}&korwil=999`);
    expect(unknown.json()).toMatchObject({ error: { code: 'korwil.not_found' } });
    const csv = await korwil(
      `/api/results/export?contestId=${String(pilbup.id)}&korwil=${first.code}&format=csv`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain(`korwil-${first.code}`);
    expect(csv.body).toContain(first.name);
  });

  it('flags the same photo uploaded for two TPS', async () => {
    const jpeg = TEST_JPEG;
    const up = (who: Inject, id: number) =>
      who({
        method: 'POST',
        url: `/api/results/${String(id)}/${String(pilbup.id)}/photos`,
        headers: { 'content-type': 'image/jpeg' },
        payload: jpeg,
      });
    const first = await up(kpps, tps1);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ alsoAtTps: [] });
    const second = await up(pps, tps2);
    expect(second.json()).toMatchObject({ alsoAtTps: [tps1] });
    const wrongType = await kpps({
      method: 'POST',
      url: `/api/results/${String(tps1)}/${String(pilbup.id)}/photos`,
      headers: { 'content-type': 'image/gif' },
      payload: jpeg,
    });
    expect(wrongType.statusCode).toBe(415);
  });

  it('accepts results only from voting day unless an admin opens a rehearsal (audited)', async () => {
    await database.db
      .update(stage)
      .set({ startsOn: '2099-11-27', endsOn: '2099-11-27' })
      .where(eq(stage.kind, 'pemungutan_suara'));
    const closed = await submit(
      pps,
      tps2,
      consistentForm({ dpt: 300, votes: votes(10, 10), invalid: 0 }),
    );
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({
      error: {
        code: 'result.window_closed',
        message: expect.stringContaining('27 November 2099') as unknown,
      },
    });
    expect(
      (
        await pps({
          method: 'POST',
          url: '/api/results/window/open-early',
          payload: { reason: 'Gladi bersih' },
        })
      ).statusCode,
    ).toBe(403);
    const opened = await admin({
      method: 'POST',
      url: '/api/results/window/open-early',
      payload: { reason: 'Gladi bersih lapor cepat' },
    });
    expect(opened.json()).toMatchObject({
      open: true,
      openedEarly: { reason: 'Gladi bersih lapor cepat', by: 'admin' },
    });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'result.window_open_early'));
    expect(audit.map((a) => [a.actorUsername, a.outcome])).toEqual([
      ['pps.ngadisari', 'denied'],
      ['admin', 'ok'],
    ]);
    expect(
      (
        await submit(pps, tps2, consistentForm({ dpt: 300, votes: votes(10, 10), invalid: 0 }), {
          reason: 'Gladi ulang',
        })
      ).statusCode,
    ).toBe(201);
    await database.db
      .update(stage)
      .set({ startsOn: '2024-11-27', endsOn: '2024-11-27' })
      .where(eq(stage.kind, 'pemungutan_suara'));
  });

  it('pushes an event to a signed-in dashboard (Server-Sent Events) as soon as a result is accepted', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const session = await signIn(app, 'bupati');
    const controller = new AbortController();
    const res = await fetch(`${address}/api/results/stream`, {
      headers: { cookie: session.cookie },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body?.getReader();
    if (reader === undefined) throw new Error('no stream body');
    const started = Date.now();
    const sent = await submit(
      pps,
      tps2,
      consistentForm({ dpt: 300, votes: votes(30, 20), invalid: 1 }),
      { reason: 'Kiriman uji langsung' },
    );
    expect(sent.statusCode).toBe(201);
    let text = '';
    while (!text.includes('event: result')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(text).toContain(`"tpsId":${String(tps2)}`);
    controller.abort();
    const anonymous = await fetch(`${address}/api/results/stream`);
    expect(anonymous.status).toBe(401);
  });

  it('keeps totals equal to the sum of the current versions under random submissions and corrections (property)', async () => {
    const ids = (
      await database.db.select({ id: tps.id }).from(tps).where(eq(tps.desaCode, '35.13.01.2003'))
    ).map((r) => r.id);
    const sukapuraBefore = (await summary('35.13.01')).region;
    const expected = new Map<number, { valid: number; invalid: number; a: number; b: number }>();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            tps: fc.integer({ min: 0, max: ids.length - 1 }),
            a: fc.integer({ min: 0, max: 150 }),
            b: fc.integer({ min: 0, max: 150 }),
            invalid: fc.integer({ min: 0, max: 20 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        async (ops) => {
          for (const op of ops) {
            const id = ids[op.tps] ?? 0;
            const res = await submit(
              admin,
              id,
              consistentForm({ dpt: 400, votes: votes(op.a, op.b), invalid: op.invalid }),
              {
                reason: 'Uji koreksi acak',
              },
            );
            expect(res.statusCode).toBe(201);
            expected.set(id, { valid: op.a + op.b, invalid: op.invalid, a: op.a, b: op.b });
          }
          const s = (await summary('35.13.01.2003')).region;
          const sum = [...expected.values()];
          expect(s.reported).toBe(expected.size);
          expect(s.valid).toBe(sum.reduce((x, e) => x + e.valid, 0));
          expect(s.invalid).toBe(sum.reduce((x, e) => x + e.invalid, 0));
          expect(s.votes.map((v) => v.votes)).toEqual([
            sum.reduce((x, e) => x + e.a, 0),
            sum.reduce((x, e) => x + e.b, 0),
          ]);
          expect(await verifyResultTotals(database.db, [pilbup.id])).toEqual([]);
        },
      ),
      { numRuns: 8 },
    );
    const sukapuraAfter = (await summary('35.13.01')).region;
    expect(sukapuraAfter.valid - sukapuraBefore.valid).toBe(
      [...expected.values()].reduce((x, e) => x + e.valid, 0),
    );
  });

  it('flags a TPS far from its desa’s stored turnouts; `results verify` finds a turnout changed behind the application', async () => {
    // A desa of Sukapura with four TPS and no result in any other test.
    const [desa] = rowsOf<{ desa_code: string }>(
      await database.db.execute(sql`
        select desa_code from tps
        where desa_code like '35.13.01.%'
          and desa_code not in (${NGADISARI}, '35.13.01.2003', '35.13.01.2004')
          and status = 'aktif'
        group by desa_code having count(*) >= 4
        order by desa_code limit 1`),
    );
    if (desa === undefined) throw new Error('no Sukapura desa with four TPS in the demo');
    const rows = await database.db
      .select({ id: tps.id, voters: tps.voters })
      .from(tps)
      .where(and(eq(tps.desaCode, desa.desa_code), eq(tps.status, 'aktif')))
      .orderBy(tps.number)
      .limit(4);
    const split = (t: { voters: number }, share: number) =>
      [Math.floor(t.voters * share * 0.55), Math.floor(t.voters * share * 0.45)] as const;
    const sent = async (t: { id: number; voters: number }, share: number) => {
      const [a, b] = split(t, share);
      const res = await submit(
        admin,
        t.id,
        consistentForm({ dpt: t.voters, votes: votes(a, b), invalid: 0 }),
      );
      expect(res.statusCode).toBe(201);
      return res.json<SubmissionAccepted>().anomalies.map((f) => f.code);
    };
    const [x, y, z, far] = rows as [
      (typeof rows)[0],
      (typeof rows)[0],
      (typeof rows)[0],
      (typeof rows)[0],
    ];
    // Three TPS at about 78 %: too few others to judge the first three by.
    for (const [t, share] of [
      [x, 0.78],
      [y, 0.8],
      [z, 0.76],
    ] as const) {
      expect(await sent(t, share)).not.toContain('anomaly.far_from_desa');
    }
    // The fourth at 20 % is judged against the other three's, read from the desa's row.
    expect(await sent(far, 0.2)).toContain('anomaly.far_from_desa');
    const [stored] = await database.db
      .select({ turnouts: resultDesaTotal.turnouts })
      .from(resultDesaTotal)
      .where(
        and(eq(resultDesaTotal.contestId, pilbup.id), eq(resultDesaTotal.desaCode, desa.desa_code)),
      );
    expect(Object.keys(stored?.turnouts ?? {}).sort()).toEqual(
      rows.map((r) => String(r.id)).sort(),
    );
    expect(await verifyResultTotals(database.db, [pilbup.id])).toEqual([]);
    // One TPS's entry dropped, another's voted changed: an edit rolled back after the check.
    const found = await rolledBack(database.db, async (tx) => {
      await tx.execute(sql`
          update result_desa_total
          set turnouts = jsonb_set(turnouts - ${String(x.id)}, ${`{${String(y.id)},1}`}, '999')
          where contest_id = ${pilbup.id} and desa_code = ${desa.desa_code}`);
      return verifyResultTotals(tx, [pilbup.id]);
    });
    const at = { contestId: pilbup.id, desaCode: desa.desa_code };
    expect(found).toEqual(
      expect.arrayContaining([
        { ...at, key: `tps:${String(x.id)}:registered`, stored: null, recomputed: x.voters },
        {
          ...at,
          key: `tps:${String(y.id)}:voted`,
          stored: 999,
          recomputed: split(y, 0.8)[0] + split(y, 0.8)[1],
        },
      ]),
    );
    expect(found).toHaveLength(3);
  });

  it('keeps versions, totals and the audit chain whole when submissions and corrections arrive at once', async () => {
    // Every TPS of one desa × both contests: a first version and two
    // corrections, all in flight together, so batches overlap and some
    // submissions wait for a batch that holds their TPS.
    const desa = '35.13.01.2004';
    const ids = (
      await database.db
        .select({ id: tps.id })
        .from(tps)
        .where(and(eq(tps.desaCode, desa), eq(tps.status, 'aktif')))
    ).map((r) => r.id);
    const contests = (await app.inject('/api/contests')).json<Contest[]>();
    const sent = ids.flatMap((tpsId) =>
      contests.flatMap((c) =>
        [0, 1, 2].map((k) => ({
          tpsId,
          contestId: c.id,
          form: consistentForm({
            dpt: 400,
            votes: c.pairs.map((p, i) => ({ selectionId: p.id, votes: 10 * (i + 1) + k })),
            invalid: k,
          }),
        })),
      ),
    );
    const before = writerStats(database.db);
    const answers = await Promise.all(
      sent.map((payload) =>
        admin({
          method: 'POST',
          url: '/api/results',
          payload: { clientId: randomUUID(), reason: 'Koreksi serentak', ...payload },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(sent.map(() => 201));
    // Batches overlapped, and each chained after the one before it: none
    // found the audit head moved by its own server's other batch.
    const after = writerStats(database.db);
    expect(after.batches - before.batches).toBeGreaterThan(2);
    expect(after.relocked - before.relocked).toBe(0);
    expect(after.alone - before.alone).toBe(0);
    for (const tpsId of ids) {
      const history = (await admin(`/api/results/tps/${String(tpsId)}`)).json<TpsResults>();
      for (const c of contests) {
        const versions = history.contests
          .find((h) => h.contestId === c.id)
          ?.history.map((h) => h.version)
          .sort();
        expect(versions).toEqual([1, 2, 3]);
      }
    }
    expect(
      await verifyResultTotals(
        database.db,
        contests.map((c) => c.id),
      ),
    ).toEqual([]);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
  });
});

describe.each(testEngines())('results exports on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, as: 'admin' });
    const tpsId =
      (await t.database.db.select({ id: tps.id }).from(tps).where(eq(tps.desaCode, NGADISARI)))[0]
        ?.id ?? 0;
    const res = await t.inject({
      method: 'POST',
      url: '/api/results',
      payload: {
        clientId: randomUUID(),
        tpsId,
        contestId: 2,
        form: consistentForm({
          dpt: 400,
          votes: [
            { selectionId: 4, votes: 150 },
            { selectionId: 5, votes: 100 },
          ],
          invalid: 10,
        }),
      },
    });
    expect(res.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('downloads CSV with Indonesian headers, the region first, then its children', async () => {
    const res = await t.inject('/api/results/export?contestId=2&code=35.13.01&format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toContain('rekap-hasil-2-35.13.01.csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Tingkat;Kode;Wilayah;Jumlah TPS;TPS hasil diterima;/);
    expect(lines[0]).toContain('Partisipasi (%)');
    expect(lines[1]).toMatch(
      /^Kecamatan;35\.13\.01;Sukapura;\d+;1;0;400;260;65,00;250;10;150;60,00;100;40,00$/,
    );
    expect(lines.filter((l) => l.startsWith('Desa/Kelurahan;'))).toHaveLength(12);
  });

  it('downloads XLSX that reads back with numbers and percentage formats', async () => {
    const res = await t.inject('/api/results/export?contestId=2&format=xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(res.rawPayload).buffer);
    const ws = wb.getWorksheet('Rekap');
    expect(ws?.getRow(3).getCell(3).value).toBe('Wilayah');
    expect(ws?.getRow(4).getCell(3).value).toBe('Kabupaten Probolinggo');
    expect(ws?.getRow(4).getCell(10).value).toBe(250);
    expect(ws?.getColumn(9).numFmt).toBe('0.00%');
    expect(ws?.getRow(5).getCell(1).value).toBe('Korwil');
  });

  it('refuses a download outside the caller’s scope', async () => {
    const pps = injectAs(t.app, await signIn(t.app, 'pps.ngadisari'));
    expect((await pps('/api/results/export?contestId=2&code=35.13.05&format=csv')).statusCode).toBe(
      403,
    );
    expect(
      (await pps(`/api/results/export?contestId=2&code=${NGADISARI}&format=csv`)).statusCode,
    ).toBe(200);
  });
});
