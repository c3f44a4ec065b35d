import { TEST_PNG } from '../testing/images.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase, testEngines } from '../db/test-databases.ts';
import { auditLog, problem, problemEvent, tps } from '../db/schema.ts';
import type { Database } from '../db/connection.ts';
import { buildApp } from '../app.ts';
import type { ZodApp } from '../http/reply.ts';
import { injectAs, signIn, type Inject } from '../testing/app-harness.ts';
import { ACTIONS, STATUSES, type Action, type Status } from '../../domain/problems/problems.ts';
import type {
  BupatiSummary,
  ProblemCreated,
  ProblemDetail,
  ProblemListItem,
  ProblemReportBody,
  ProblemTrend,
  TrackingStatus,
} from '../../domain/problems/problems.schema.ts';
import { PUBLIC_STEP_TEXT } from '../../domain/problems/tracking.ts';
import { PUBLIC_LIMIT } from './problems.service.ts';

const SUKAPURA = '35.13.01';
const NGADISARI = '35.13.01.2001';
const WONOTORO = '35.13.01.2002';
const LECES = '35.13.05';
const LECES_DESA = '35.13.05.2001';
const PNG = TEST_PNG;

/** How to bring a fresh report into each status (paths through the workflow, by hand). */
const PATH_TO: Record<Status, readonly Action[]> = {
  baru: [],
  diterima: ['terima'],
  ditangani: ['terima', 'tangani'],
  diteruskan: ['terima', 'teruskan'],
  selesai: ['terima', 'tangani', 'selesaikan'],
  ditolak: ['tolak'],
  digabung: ['gabungkan'],
};
const ALLOWED: Record<Action, readonly Status[]> = {
  terima: ['baru'],
  tangani: ['diterima', 'diteruskan'],
  teruskan: ['diterima', 'ditangani'],
  selesaikan: ['ditangani', 'diteruskan'],
  tolak: ['baru', 'diterima', 'ditangani', 'diteruskan'],
  gabungkan: ['baru', 'diterima', 'ditangani', 'diteruskan'],
};

describe.each(testEngines())('field problems on %s', (engine) => {
  let database: Database;
  let app: ZodApp;
  let pps: Inject;
  let ppsWonotoro: Inject;
  let korwil: Inject;
  let desk: Inject;
  let bupati: Inject;
  let kpps: Inject;
  let anon: Inject;
  let tps1: number;
  let tps2: number;
  let lecesTps: number;

  beforeAll(async () => {
    database = await createDemoDatabase(engine);
    app = await buildApp({ database, dataDir: await mkdtemp(join(tmpdir(), 'dp-problems-')) });
    await app.ready();
    const as = async (u: string) => injectAs(app, await signIn(app, u));
    [pps, ppsWonotoro, korwil, desk, bupati, kpps] = (await Promise.all(
      ['pps.ngadisari', 'pps.wonotoro', 'korwil1', 'ketua.desk', 'bupati', 'kpps.ngadisari.1'].map(
        as,
      ),
    )) as [Inject, Inject, Inject, Inject, Inject, Inject];
    anon = injectAs(app, null);
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
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const problems = async () => (await database.db.select({ n: count() }).from(problem))[0]?.n ?? 0;
  const report = (overrides: Partial<ProblemReportBody> = {}): ProblemReportBody => ({
    category: 'logistik',
    severity: 'sedang',
    kecamatanCode: SUKAPURA,
    desaCode: NGADISARI,
    tpsId: tps1,
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    description: 'Kotak suara TPS 001 belum tiba',
    ...overrides,
  });
  const submit = async (who: Inject, body: object) =>
    who({ method: 'POST', url: '/api/problems', payload: body });
  const create = async (body: Partial<ProblemReportBody> = {}, who: Inject = pps) => {
    const res = await submit(who, report(body));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<ProblemCreated>();
  };
  const move = (who: Inject, id: number, payload: object) =>
    who({ method: 'POST', url: `/api/problems/${String(id)}/transition`, payload });
  const detail = async (who: Inject, id: number) =>
    (await who(`/api/problems/${String(id)}`)).json<ProblemDetail>();
  const complete = (action: Action, mergeIntoId: number) => ({
    action,
    note: 'Catatan uji',
    agency: 'kpu',
    referenceNumber: '001/KPU/XI/2024',
    mergeIntoId,
  });

  it('takes a PPS report at a TPS of its desa, lists it for its Korwil, and hides it from another desa', async () => {
    const created = await create({ severity: 'tinggi' });
    expect(created.trackingCode).toMatch(/^LP-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const mine = (await korwil('/api/problems?status=baru')).json<ProblemListItem[]>();
    const item = mine.find((p) => p.id === created.id);
    expect(item).toMatchObject({
      category: 'logistik',
      categoryLabel: 'Logistik',
      severity: 'tinggi',
      status: 'baru',
      kecamatanName: 'Sukapura',
      desaName: 'Ngadisari',
      tpsNumber: 1,
      korwilId: 1,
      reporterName: 'PPS Ngadisari',
    });
    const other = (await ppsWonotoro('/api/problems')).json<ProblemListItem[]>();
    expect(other.some((p) => p.id === created.id)).toBe(false);
    expect((await ppsWonotoro(`/api/problems/${String(created.id)}`)).statusCode).toBe(403);
    const filtered = (await desk(`/api/problems?korwilId=2`)).json<ProblemListItem[]>();
    expect(filtered.some((p) => p.id === created.id)).toBe(false);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'problem.report'), eq(auditLog.targetId, String(created.id))));
    expect(audit.map((a) => [a.actorUsername, a.outcome])).toEqual([['pps.ngadisari', 'ok']]);
  });

  it('refuses bad input with 4xx in the error shape and stores nothing', async () => {
    const before = await problems();
    const pengawas = injectAs(app, await signIn(app, 'pengawas'));
    const cases: [object, number, string][] = [
      [{ ...report(), category: undefined }, 400, 'category'],
      [{ ...report(), kecamatanCode: undefined }, 400, 'kecamatanCode'],
      [report({ category: 'tidak_ada' }), 422, 'problem.category_unknown'],
      [report({ desaCode: LECES_DESA }), 422, 'problem.place_unknown'],
      [report({ tpsId: lecesTps }), 422, 'problem.place_unknown'],
      [{ ...report(), desaCode: undefined }, 422, 'problem.place_unknown'],
      [report({ category: 'netralitas_asn' }), 422, 'problem.asn_required'],
      [report({ category: 'etik_penyelenggara' }), 422, 'problem.ethics_required'],
      [
        report({ occurredAt: new Date(Date.now() + 86_400_000).toISOString() }),
        422,
        'problem.occurred_in_future',
      ],
      [report({ description: '   ' }), 400, 'description'],
    ];
    for (const [body, status, code] of cases) {
      // The regency-wide pengawas, so that the place is checked, not the scope.
      const res = await submit(pengawas, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      const error = res.json<{ error: { code: string; field?: string; message: string } }>().error;
      expect([error.code, error.field]).toContain(code);
      expect(error.message.length).toBeGreaterThan(5);
    }
    expect(await problems()).toBe(before);
  });

  it('refuses a place outside the reporter’s scope (403, audited as denied)', async () => {
    const before = await problems();
    const res = await submit(
      pps,
      report({ kecamatanCode: LECES, desaCode: LECES_DESA, tpsId: lecesTps }),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('auth.forbidden');
    const kppsOther = await submit(kpps, report({ tpsId: tps2 }));
    expect(kppsOther.statusCode).toBe(403);
    // A PPS naming only the kecamatan reports outside its desa.
    expect(
      (await submit(pps, { ...report(), desaCode: undefined, tpsId: undefined })).statusCode,
    ).toBe(403);
    expect(await problems()).toBe(before);
    const denied = await database.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'problem.report'), eq(auditLog.outcome, 'denied')));
    expect(denied[0]?.n).toBe(3);
    expect((await submit(korwil, report())).statusCode).toBe(403);
  });

  it('records ASN neutrality and organiser ethics details', async () => {
    const asn = await create({
      category: 'netralitas_asn',
      asn: {
        name: 'Budi Santoso',
        nip: '198001012005011001',
        office: 'Dinas Pendidikan',
        violation: 'foto_bersama_calon',
      },
    });
    expect((await detail(korwil, asn.id)).asn).toMatchObject({ nip: '198001012005011001' });
    const badNip = await submit(
      pps,
      report({
        category: 'netralitas_asn',
        asn: { name: 'X', nip: '123', office: 'Y', violation: 'hadir_kampanye' },
      }),
    );
    expect(badNip.statusCode).toBe(400);
    expect(badNip.json()).toEqual({
      error: {
        code: 'validation.invalid_format',
        field: 'asn.nip',
        message: 'NIP harus 18 angka (boleh dikosongkan bila tidak tahu).',
      },
    });
    // Citizens rarely know a NIP: a name, an office or only the description suffice.
    const noNip = await create({
      category: 'netralitas_asn',
      asn: { name: 'Pak Camat', office: 'Kantor Kecamatan', violation: 'hadir_kampanye' },
    });
    expect((await detail(korwil, noNip.id)).asn).toEqual({
      name: 'Pak Camat',
      office: 'Kantor Kecamatan',
      violation: 'hadir_kampanye',
    });
    const publicAsn = await app.inject({
      method: 'POST',
      url: '/api/public/problems',
      remoteAddress: '10.9.9.1',
      payload: {
        category: 'netralitas_asn',
        severity: 'sedang',
        kecamatanCode: SUKAPURA,
        desaCode: NGADISARI,
        occurredAt: new Date(Date.now() - 600_000).toISOString(),
        description: 'Guru berseragam dinas ikut kampanye di lapangan desa',
        asn: { violation: 'hadir_kampanye' },
      },
    });
    expect(publicAsn.statusCode, publicAsn.body).toBe(201);
    const noViolation = await submit(pps, report({ category: 'netralitas_asn', asn: undefined }));
    expect(noViolation.statusCode).toBe(422);
    expect(noViolation.json()).toMatchObject({
      error: { field: 'asn.violation', message: 'Jenis pelanggaran ASN wajib dipilih.' },
    });
    const longName = await submit(
      pps,
      report({
        category: 'netralitas_asn',
        asn: { name: 'x'.repeat(201), violation: 'hadir_kampanye' },
      }),
    );
    expect(longName.json()).toMatchObject({
      error: { field: 'asn.name', message: 'Nama ASN paling banyak 200 karakter.' },
    });
    const ethics = await create({
      category: 'etik_penyelenggara',
      ethics: { body: 'Pantarlih', role: 'Pantarlih TPS 001', principle: 'mandiri' },
    });
    expect((await detail(desk, ethics.id)).ethics).toEqual({
      body: 'Pantarlih',
      role: 'Pantarlih TPS 001',
      principle: 'mandiri',
    });
  });

  it('API: every action from every status is allowed or refused as the workflow says', async () => {
    const anchor = await create(
      { category: 'kampanye', desaCode: WONOTORO, tpsId: undefined },
      ppsWonotoro,
    );
    const wrong: string[] = [];
    for (const status of STATUSES) {
      for (const action of ACTIONS) {
        const created = await create({ category: 'lainnya', severity: 'rendah' });
        for (const step of PATH_TO[status]) {
          const r = await move(desk, created.id, complete(step, anchor.id));
          expect(r.statusCode, `${step} on the way to ${status}: ${r.body}`).toBe(200);
        }
        const before = await detail(desk, created.id);
        expect(before.status).toBe(status);
        const res = await move(desk, created.id, complete(action, anchor.id));
        const allowed = ALLOWED[action].includes(status);
        const after = await detail(desk, created.id);
        if (allowed && res.statusCode !== 200) wrong.push(`${action} from ${status}: ${res.body}`);
        if (!allowed) {
          if (res.statusCode !== 409)
            wrong.push(`${action} from ${status} → ${String(res.statusCode)}`);
          else if (
            res.json<{ error: { code: string } }>().error.code !== 'problem.transition_not_allowed'
          )
            wrong.push(`${action} from ${status}: wrong code`);
          if (after.history.length !== before.history.length || after.status !== status)
            wrong.push(`${action} from ${status} changed something`);
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('closing needs a resolution, rejecting a reason; nothing changes without them', async () => {
    const created = await create();
    expect((await move(korwil, created.id, { action: 'terima' })).statusCode).toBe(200);
    expect((await move(korwil, created.id, { action: 'tangani' })).statusCode).toBe(200);
    const noNote = await move(desk, created.id, { action: 'selesaikan' });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json<{ error: { code: string } }>().error.code).toBe(
      'problem.resolution_required',
    );
    const noReason = await move(desk, created.id, { action: 'tolak', note: ' ' });
    expect(noReason.json<{ error: { code: string } }>().error.code).toBe('problem.reason_required');
    const noAgency = await move(desk, created.id, { action: 'teruskan' });
    expect(noAgency.json<{ error: { code: string } }>().error.code).toBe('problem.agency_required');
    const d = await detail(desk, created.id);
    expect(d.status).toBe('ditangani');
    expect(d.history.map((h) => h.toStatus)).toEqual(['baru', 'diterima', 'ditangani']);
    expect(d.history.map((h) => h.by)).toEqual([
      'PPS Ngadisari',
      'Koordinator Korwil I',
      'Koordinator Korwil I',
    ]);
  });

  it('Korwil handles only its own kecamatan; field roles and the Bupati cannot move a report', async () => {
    const leces = await create(
      { kecamatanCode: LECES, desaCode: LECES_DESA, tpsId: lecesTps },
      injectAs(app, await signIn(app, 'pengawas')),
    );
    const out = await move(korwil, leces.id, { action: 'terima' });
    expect(out.statusCode).toBe(403);
    const own = await create();
    for (const who of [pps, bupati, kpps]) {
      expect((await move(who, own.id, { action: 'terima' })).statusCode).toBe(403);
    }
    expect((await detail(desk, own.id)).status).toBe('baru');
    expect((await move(desk, 999_999, { action: 'terima' })).statusCode).toBe(404);
  });

  it('refers to KPU with a reference number, records agency updates, settles with a note; the Bupati counts it', async () => {
    const summaryBefore = (await bupati('/api/problems/summary')).json<BupatiSummary>();
    const created = await create();
    expect((await move(korwil, created.id, { action: 'terima' })).statusCode).toBe(200);
    const referred = await move(korwil, created.id, {
      action: 'teruskan',
      agency: 'kpu',
      referenceNumber: '123/PL.02-SD/3513/2024',
      note: 'Logistik tanggung jawab KPU',
    });
    expect(referred.statusCode, referred.body).toBe(200);
    const r = referred.json<ProblemDetail>();
    expect(r.status).toBe('diteruskan');
    expect(r.currentAgency).toBe('kpu');
    expect(r.referrals).toHaveLength(1);
    expect(r.referrals[0]).toMatchObject({
      agency: 'kpu',
      referenceNumber: '123/PL.02-SD/3513/2024',
      createdBy: 'Koordinator Korwil I',
    });
    const stuck = (await bupati('/api/problems/summary')).json<BupatiSummary>();
    expect(stuck.withAgency).toBe(summaryBefore.withAgency + 1);
    expect(stuck.byAgency.find((a) => a.agency === 'kpu')?.count).toBeGreaterThan(0);
    const referralId = r.referrals[0]?.id ?? 0;
    const update = await korwil({
      method: 'POST',
      url: `/api/problems/${String(created.id)}/referrals/${String(referralId)}/updates`,
      payload: { status: 'selesai', note: 'Kotak suara dikirim ulang oleh KPU' },
    });
    expect(update.statusCode, update.body).toBe(200);
    expect(update.json<ProblemDetail>().referrals[0]?.updates).toMatchObject([
      { status: 'selesai', note: 'Kotak suara dikirim ulang oleh KPU', by: 'Koordinator Korwil I' },
    ]);
    const wrongReferral = await korwil({
      method: 'POST',
      url: `/api/problems/${String(created.id)}/referrals/999999/updates`,
      payload: { status: 'diproses', note: 'x' },
    });
    expect(wrongReferral.statusCode).toBe(404);
    const settled = await move(desk, created.id, {
      action: 'selesaikan',
      note: 'Kotak suara tiba pukul 06.30',
    });
    expect(settled.statusCode).toBe(200);
    const s = settled.json<ProblemDetail>();
    expect(s.status).toBe('selesai');
    expect(s.resolution).toBe('Kotak suara tiba pukul 06.30');
    // The tracking page tells the citizen the steps, the referral and the closing note in words,
    // without who did what, the reference number or the desk's internal notes.
    const tracked = await anon(`/api/public/problems/${created.trackingCode}`);
    expect(tracked.statusCode).toBe(200);
    const t = tracked.json<TrackingStatus>();
    expect(t.steps.map((x) => x.text)).toEqual([
      PUBLIC_STEP_TEXT.baru,
      PUBLIC_STEP_TEXT.diterima,
      PUBLIC_STEP_TEXT.diteruskan,
      PUBLIC_STEP_TEXT.selesai,
    ]);
    expect(t.referrals).toEqual([
      {
        agency: 'KPU Kabupaten',
        referredOn: r.referrals[0]?.referredOn,
        updates: [{ at: expect.any(String) as string, text: 'Instansi menyatakan selesai.' }],
      },
    ]);
    expect(t.closingNote).toBe('Kotak suara tiba pukul 06.30');
    for (const secret of ['Korwil I', '123/PL.02', 'Logistik tanggung jawab', 'dikirim ulang']) {
      expect(tracked.body).not.toContain(secret);
    }
    expect(s.history.map((h) => [h.toStatus, h.by])).toEqual([
      ['baru', 'PPS Ngadisari'],
      ['diterima', 'Koordinator Korwil I'],
      ['diteruskan', 'Koordinator Korwil I'],
      [null, 'Koordinator Korwil I'],
      ['selesai', 'Ketua Desk Pilkada'],
    ]);
    const after = (await bupati('/api/problems/summary')).json<BupatiSummary>();
    expect(after.settled).toBe(summaryBefore.settled + 1);
    expect(after.withAgency).toBe(summaryBefore.withAgency);
    expect(after.lines.join(' ')).toContain('telah selesai');
    expect((await pps('/api/problems/summary')).statusCode).toBe(403);
    const audits = await database.db
      .select({ action: auditLog.action, who: auditLog.actorUsername })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'problem'), eq(auditLog.targetId, String(created.id))))
      .orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual([
      'problem.report',
      'problem.transition',
      'problem.transition',
      'problem.referral_update',
      'problem.transition',
    ]);
  });

  it('assigns a person and keeps comments', async () => {
    const created = await create();
    const assigned = await korwil({
      method: 'PUT',
      url: `/api/problems/${String(created.id)}/assignee`,
      payload: { username: 'pembina.sukapura' },
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json<ProblemDetail>().assigneeName).toBe('Pembina Kecamatan Sukapura');
    const unknown = await korwil({
      method: 'PUT',
      url: `/api/problems/${String(created.id)}/assignee`,
      payload: { username: 'tidak.ada' },
    });
    expect(unknown.statusCode).toBe(422);
    const commented = await pps({
      method: 'POST',
      url: `/api/problems/${String(created.id)}/comments`,
      payload: { body: 'Sudah dihubungi PPK' },
    });
    expect(commented.statusCode).toBe(200);
    expect(commented.json<ProblemDetail>().comments).toMatchObject([
      { body: 'Sudah dihubungi PPK', by: 'PPS Ngadisari' },
    ]);
    expect(
      (
        await bupati({
          method: 'POST',
          url: `/api/problems/${String(created.id)}/comments`,
          payload: { body: 'x' },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('lists who may take a problem (name and role, scope-checked) and refuses anyone else', async () => {
    const created = await create();
    const url = `/api/problems/${String(created.id)}/assignees`;
    const res = await korwil(url);
    expect(res.statusCode).toBe(200);
    const people = res.json<{ username: string; fullName: string; roleLabel: string }[]>();
    const names = people.map((p) => p.username);
    // Handlers first (the desk, Korwil I), then those who follow it up where it lies.
    expect(names).toEqual(
      expect.arrayContaining([
        'korwil1',
        'ketua.desk',
        'pembina.sukapura',
        'pps.ngadisari',
        'ppk.sukapura',
      ]),
    );
    expect(names).not.toContain('pps.wonotoro');
    expect(names).not.toContain('bupati');
    expect(names.indexOf('korwil1')).toBeLessThan(names.indexOf('pps.ngadisari'));
    expect(people.find((p) => p.username === 'korwil1')?.roleLabel).toMatch(/Korwil I$/);
    expect(people.find((p) => p.username === 'pps.ngadisari')?.roleLabel).toMatch(/Ngadisari$/);
    // Only those who may assign it may list them.
    expect((await pps(url)).statusCode).toBe(403);
    expect((await bupati(url)).statusCode).toBe(403);
    expect((await anon(url)).statusCode).toBe(401);
    expect((await desk('/api/problems/999999/assignees')).statusCode).toBe(404);
    // An account outside the list is refused by name, and nothing changes.
    const outsider = await korwil({
      method: 'PUT',
      url: `/api/problems/${String(created.id)}/assignee`,
      payload: { username: 'pps.wonotoro' },
    });
    expect(outsider.statusCode).toBe(422);
    expect(outsider.json()).toMatchObject({
      error: { code: 'problem.assignee_not_allowed', field: 'username' },
    });
    expect((await detail(korwil, created.id)).assigneeName).toBeNull();
  });

  it('shows earlier reports close in time and place as duplicates and merges one, keeping history', async () => {
    const first = await create({ category: 'keamanan', tpsId: tps2 });
    const second = await create({ category: 'keamanan', tpsId: tps2 });
    expect(second.duplicates.map((d) => d.id)).toContain(first.id);
    const elsewhere = await create(
      { category: 'keamanan', desaCode: WONOTORO, tpsId: undefined },
      ppsWonotoro,
    );
    expect(elsewhere.duplicates.map((d) => d.id)).not.toContain(first.id);
    const self = await move(desk, second.id, { action: 'gabungkan', mergeIntoId: second.id });
    expect(self.statusCode).toBe(422);
    const merged = await move(korwil, second.id, { action: 'gabungkan', mergeIntoId: first.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json<ProblemDetail>()).toMatchObject({
      status: 'digabung',
      mergedIntoId: first.id,
    });
    const target = await detail(korwil, first.id);
    expect(target.mergedFrom).toContain(second.id);
    expect(target.history.some((h) => h.kind === 'gabung')).toBe(true);
    expect(target.duplicates.map((d) => d.id)).not.toContain(second.id);
    expect((await detail(korwil, second.id)).history).toHaveLength(2);
  });

  it('lists overdue reports by their severity’s target', async () => {
    const created = await create({ severity: 'darurat' });
    const overdueIds = async () =>
      (await desk('/api/problems?overdue=ya')).json<ProblemListItem[]>().map((p) => p.id);
    expect(await overdueIds()).not.toContain(created.id);
    await database.db
      .update(problem)
      .set({ reportedAt: new Date(Date.now() - 2 * 3_600_000) })
      .where(eq(problem.id, created.id));
    expect(await overdueIds()).toContain(created.id);
    const item = (await desk(`/api/problems/${String(created.id)}`)).json<ProblemDetail>();
    expect(item.overdue).toMatchObject({ kind: 'respond', hoursLate: 1 });
    await move(desk, created.id, { action: 'tolak', note: 'Laporan ganda lewat telepon' });
    expect(await overdueIds()).not.toContain(created.id);
  });

  it('counts reports per day for the trend', async () => {
    const trend = (await desk('/api/problems/trend?days=7')).json<ProblemTrend>();
    expect(trend.days).toHaveLength(7);
    const total = (await database.db.select({ n: count() }).from(problem))[0]?.n ?? 0;
    expect(trend.days.at(-1)?.reported).toBe(total);
    const mine = (await ppsWonotoro('/api/problems/trend?days=7')).json<ProblemTrend>();
    expect(mine.days.at(-1)?.reported).toBeLessThan(total);
    expect((await anon('/api/problems/trend')).statusCode).toBe(401);
  });

  it('takes a queued report once by its client id; a resend answers the same report', async () => {
    const before = await problems();
    const body = report({ clientId: 'antrean-0001', description: 'Surat suara kurang 20 lembar' });
    const first = await submit(kpps, body);
    expect(first.statusCode, first.body).toBe(201);
    const created = first.json<ProblemCreated>();
    expect(created.resent).toBe(false);
    // The device did not hear the answer and sends again, twice at once.
    const again = await Promise.all([submit(kpps, body), submit(kpps, body)]);
    for (const res of again) {
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<ProblemCreated>()).toMatchObject({
        id: created.id,
        trackingCode: created.trackingCode,
        resent: true,
      });
    }
    expect(await problems()).toBe(before + 1);
    // Two devices racing with a fresh client id still store one report.
    const race = report({ clientId: 'antrean-0002', description: 'TPS banjir' });
    const raced = await Promise.all([submit(kpps, race), submit(kpps, race)]);
    expect(raced.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(new Set(raced.map((r) => r.json<ProblemCreated>().id)).size).toBe(1);
    expect(await problems()).toBe(before + 2);
    const reported = await database.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'problem.report'), eq(auditLog.targetId, String(created.id))));
    expect(reported[0]?.n).toBe(1);
    // The same id for another report, or by another person, is refused and stores nothing.
    const other = await submit(kpps, { ...body, description: 'Laporan lain sama sekali' });
    expect(other.statusCode).toBe(409);
    expect(other.json<{ error: { code: string; field: string } }>().error).toMatchObject({
      code: 'problem.client_id_reused',
      field: 'clientId',
    });
    expect((await submit(pps, body)).statusCode).toBe(409);
    expect(await problems()).toBe(before + 2);
    // A queued photo sent twice is stored once (by its content hash).
    const url = `/api/problems/${String(created.id)}/photos`;
    for (let i = 0; i < 2; i++) {
      const res = await kpps({
        method: 'POST',
        url,
        headers: { 'content-type': 'image/png' },
        payload: PNG,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect((await detail(korwil, created.id)).photos).toHaveLength(1);
  });

  it('takes photos (images only, size limit) and serves them to readers', async () => {
    const created = await create();
    const url = `/api/problems/${String(created.id)}/photos`;
    const ok = await pps({
      method: 'POST',
      url,
      headers: { 'content-type': 'image/png' },
      payload: PNG,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const text = await pps({
      method: 'POST',
      url,
      headers: { 'content-type': 'text/plain' },
      payload: 'x',
    });
    expect(text.statusCode).toBe(415);
    const big = await pps({
      method: 'POST',
      url,
      headers: { 'content-type': 'image/jpeg' },
      payload: Buffer.alloc(6 * 1024 * 1024, 1),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json<{ error: { code: string } }>().error.code).toBe('problem.photo_too_large');
    const d = await detail(korwil, created.id);
    expect(d.photos).toHaveLength(1);
    const file = await korwil(`${url}/${d.photos[0]?.sha256 ?? ''}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await ppsWonotoro(`${url}/${d.photos[0]?.sha256 ?? ''}`)).statusCode).toBe(403);
  });

  it('public form: tracking code, status-only lookup, honeypot, rate limit per address', async () => {
    const body = {
      category: 'politik_uang',
      severity: 'tinggi',
      kecamatanCode: SUKAPURA,
      desaCode: NGADISARI,
      occurredAt: new Date(Date.now() - 600_000).toISOString(),
      description: 'Pembagian amplop di dekat balai desa',
      contactName: 'Warga',
      contactPhone: '081234567890',
    };
    const send = (payload: object, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/public/problems', payload, remoteAddress });
    const res = await send(body, '10.0.0.1');
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json<{ trackingCode: string }>().trackingCode;
    const look = await anon(`/api/public/problems/${code}`);
    expect(look.statusCode).toBe(200);
    expect(Object.keys(look.json<object>()).sort()).toEqual(
      [
        'closingNote',
        'referrals',
        'reportedAt',
        'status',
        'statusLabel',
        'steps',
        'trackingCode',
        'updatedAt',
      ].sort(),
    );
    expect(look.body).not.toContain('081234567890');
    expect(look.body).not.toContain('amplop');
    expect((await anon('/api/public/problems/LP-0000-0000')).statusCode).toBe(404);
    const before = await problems();
    const spam = await send({ ...body, website: 'http://spam.example' }, '10.0.0.2');
    expect(spam.statusCode).toBe(422);
    expect((await send({ ...body, desaCode: LECES_DESA }, '10.0.0.2')).statusCode).toBe(422);
    expect((await send({ ...body, kecamatanCode: undefined }, '10.0.0.2')).statusCode).toBe(400);
    expect(await problems()).toBe(before);
    for (let i = 2; i <= PUBLIC_LIMIT; i++)
      expect((await send(body, '10.0.0.3')).statusCode).toBe(201);
    expect((await send(body, '10.0.0.3')).statusCode).toBe(201);
    const limited = await send(body, '10.0.0.3');
    expect(limited.statusCode).toBe(429);
    expect(limited.json<{ error: { code: string } }>().error.code).toBe('problem.rate_limited');
    expect((await send(body, '10.0.0.4')).statusCode).toBe(201);
    // The desk sees the public report with its contact; the tracking page shows the new status.
    const row = (
      await database.db
        .select({ id: problem.id })
        .from(problem)
        .where(eq(problem.trackingCode, code))
    )[0];
    const d = await detail(desk, row?.id ?? 0);
    expect(d).toMatchObject({ source: 'publik', contactPhone: '081234567890', reporterName: null });
    await move(korwil, d.id, { action: 'terima' });
    expect((await anon(`/api/public/problems/${code}`)).json<{ status: string }>().status).toBe(
      'diterima',
    );
    const events = await database.db
      .select()
      .from(problemEvent)
      .where(eq(problemEvent.problemId, d.id))
      .orderBy(asc(problemEvent.id));
    expect(events.map((e) => e.actorName)).toEqual(['Masyarakat', 'Koordinator Korwil I']);
    // Merged into another case, the code follows that case's status.
    const other = await create({ category: 'politik_uang', tpsId: undefined });
    await move(korwil, d.id, { action: 'gabungkan', mergeIntoId: other.id });
    await move(korwil, other.id, { action: 'terima' });
    await move(korwil, other.id, { action: 'tangani' });
    await move(desk, other.id, { action: 'selesaikan', note: 'Diserahkan ke Bawaslu dan selesai' });
    expect(
      (await anon(`/api/public/problems/${code}`)).json<{ status: string; statusLabel: string }>(),
    ).toMatchObject({
      status: 'selesai',
      statusLabel: 'Selesai (digabung dengan laporan serupa)',
      closingNote: 'Diserahkan ke Bawaslu dan selesai',
      steps: [
        { text: PUBLIC_STEP_TEXT.baru },
        { text: PUBLIC_STEP_TEXT.diterima },
        { text: PUBLIC_STEP_TEXT.digabung },
        { text: PUBLIC_STEP_TEXT.diterima },
        { text: PUBLIC_STEP_TEXT.ditangani },
        { text: PUBLIC_STEP_TEXT.selesai },
      ],
    });
  });

  it('lets the desk edit categories and targets, keeping the built-in ones', async () => {
    const config = (await anon('/api/problems/config')).json<{
      categories: { code: string; label: string }[];
      targets: Record<string, { respondHours: number; settleHours: number }>;
    }>();
    expect(config.categories).toHaveLength(10);
    const next = {
      categories: [...config.categories, { code: 'listrik', label: 'Listrik padam' }],
      targets: { ...config.targets, darurat: { respondHours: 2, settleHours: 12 } },
    };
    expect(
      (await pps({ method: 'PUT', url: '/api/problems/config', payload: next })).statusCode,
    ).toBe(403);
    const saved = await desk({ method: 'PUT', url: '/api/problems/config', payload: next });
    expect(saved.statusCode, saved.body).toBe(200);
    await create({ category: 'listrik' });
    const missing = await desk({
      method: 'PUT',
      url: '/api/problems/config',
      payload: { ...next, categories: next.categories.filter((c) => c.code !== 'lainnya') },
    });
    expect(missing.statusCode).toBe(422);
    const badTarget = await desk({
      method: 'PUT',
      url: '/api/problems/config',
      payload: {
        ...next,
        targets: { ...next.targets, rendah: { respondHours: 50, settleHours: 10 } },
      },
    });
    expect(badTarget.json<{ error: { code: string } }>().error.code).toBe('problem.target_order');
  });

  it('places: the PPS gets its own desa with TPS; the public every kecamatan without TPS', async () => {
    const mine = (await pps('/api/problems/places')).json<{
      kecamatan: { code: string; desa: { code: string; tps: { id: number }[] }[] }[];
    }>();
    expect(mine.kecamatan.map((k) => k.code)).toEqual([SUKAPURA]);
    expect(mine.kecamatan[0]?.desa.map((d) => d.code)).toEqual([NGADISARI]);
    expect(mine.kecamatan[0]?.desa[0]?.tps.map((t) => t.id)).toContain(tps1);
    const pub = (await anon('/api/public/problems/places')).json<{
      kecamatan: { desa: { tps: unknown[] }[] }[];
    }>();
    expect(pub.kecamatan).toHaveLength(24);
    expect(pub.kecamatan.every((k) => k.desa.every((d) => d.tps.length === 0))).toBe(true);
    expect((await bupati('/api/problems/places')).statusCode).toBe(403);
  });

  it('pushes a new high-severity report to the desk’s stream within a second', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const session = await signIn(app, 'ketua.desk');
    const controller = new AbortController();
    const res = await fetch(`${address}/api/problems/stream`, {
      headers: { cookie: session.cookie },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body?.getReader();
    if (reader === undefined) throw new Error('no stream body');
    const started = Date.now();
    const created = await create({ severity: 'darurat', category: 'bencana_cuaca' });
    let text = '';
    while (!text.includes('event: problem')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(text).toContain(`"problemId":${String(created.id)}`);
    expect(text).toContain('"severity":"darurat"');
    controller.abort();
    expect((await fetch(`${address}/api/problems/stream`)).status).toBe(401);
  });
});
