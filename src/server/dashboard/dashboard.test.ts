/**
 * The Bupati's dashboard, the desk's reports and the recap exports on both
 * engines: every tile filled from the demo, numbered PDF reports whose text
 * says what the dashboard says (or that a day has no data), the scheduler's
 * claim shared by two servers, and XLSX exports with Indonesian headers.
 */
import ExcelJS from 'exceljs';
import { count, eq, notInArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Dashboard,
  ReportItem,
  ReportSchedule,
} from '../../domain/dashboard/dashboard.schema.ts';
import { todayWib } from '../../domain/common/dates.ts';
import { formatTanggal } from '../../domain/common/format.ts';
import { auditLog, deskReport, voter, voterList } from '../db/schema.ts';
import { testEngines } from '../db/test-databases.ts';
import {
  createTestApp,
  injectAs,
  signIn,
  type Inject,
  type TestApp,
} from '../testing/app-harness.ts';
import { pdfText } from '../testing/pdf-text.ts';
import { runScheduledReports, startReportScheduler } from './reports.service.ts';
import { verifyResultTotals } from '../results/results.summary.ts';

async function sheetOf(body: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (ws === undefined) throw new Error('no worksheet');
  return ws;
}
const rowValues = (ws: ExcelJS.Worksheet, n: number) => (ws.getRow(n).values as unknown[]).slice(1);

describe.each(testEngines())('dashboard and reports on %s', (engine) => {
  let t: TestApp;
  let bupati: Inject;
  let ketua: Inject;
  let korwil: Inject;
  let today: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, activity: true });
    bupati = injectAs(t.app, await signIn(t.app, 'bupati'));
    ketua = injectAs(t.app, await signIn(t.app, 'ketua.desk'));
    korwil = injectAs(t.app, await signIn(t.app, 'korwil1'));
    today = todayWib();
  }, 120_000);
  afterAll(() => t.close());

  it('the demo has compiled the DPS where coklit is nearly done, so the public can comment on it', async () => {
    const lists = await t.database.db
      .select({ desaCode: voterList.desaCode, kind: voterList.kind, total: voterList.total })
      .from(voterList);
    // Kraksaan (94 % visited) and Paiton (81 %), two desa each; not Dringu or Leces.
    expect(lists).toHaveLength(4);
    expect(lists.every((l) => l.kind === 'dps' && l.total > 0)).toBe(true);
    const anon = injectAs(t.app, null);
    const comment = (desaCode: string) =>
      anon({
        method: 'POST',
        url: '/api/public/tanggapan',
        payload: {
          desaCode,
          kind: 'belum_terdaftar',
          description: 'Tetangga kami yang baru berumur 17 tahun belum ada di DPS.',
        },
      });
    const withDps = lists[0]?.desaCode ?? '';
    expect((await comment(withDps)).statusCode).toBe(201);
    const without = await t.database.db
      .selectDistinct({ desaCode: voter.desaCode })
      .from(voter)
      .where(
        notInArray(
          voter.desaCode,
          lists.map((l) => l.desaCode),
        ),
      )
      .limit(1);
    const refused = await comment(without[0]?.desaCode ?? '');
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('tanggapan.no_dps');
  });

  it('fills every tile from the demo for the Bupati, with drill-down links and risks', async () => {
    const res = await bupati('/api/dashboard');
    expect(res.statusCode).toBe(200);
    const d = res.json<Dashboard>();
    expect(d.regencyName).toMatch(/Probolinggo/);
    expect(d.stages.state).toBe('ada');
    expect(d.stages.total).toBeGreaterThan(5);
    expect(d.coklit?.state).toBe('ada');
    expect(d.coklit?.dp4).toBeGreaterThan(500);
    expect(d.coklit?.byKecamatan.map((k) => k.label).sort()).toEqual([
      'Dringu',
      'Kraksaan',
      'Leces',
      'Paiton',
      // The demo Pantarlih's desa, not yet visited.
      'Sukapura',
    ]);
    expect(d.rosters?.state).toBe('ada');
    expect(d.rosters?.bodies.find((b) => b.body === 'ppk')).toMatchObject({
      filled: 120,
      seats: 120,
    });
    expect(d.bimtek?.state).toBe('ada');
    const ppk = d.bimtek?.events.find((e) => e.body === 'ppk');
    expect(ppk?.members).toBe(120);
    expect(ppk?.trained).toBeGreaterThan(90);
    expect(ppk?.trained).toBeLessThan(120);
    expect(d.problems?.state).toBe('ada');
    expect(d.problems?.open).toBe(12);
    expect(d.problems?.overdue).toBeGreaterThan(0);
    expect(d.problems?.byKorwil.map((k) => k.name)).toEqual([
      'Korwil I',
      'Korwil II',
      'Korwil III',
    ]);
    expect(d.problems?.overdueItems[0]?.link).toMatch(/^\/masalah\/\d+$/);
    expect(d.results?.state).toBe('ada');
    expect(d.results?.contests).toHaveLength(2);
    // The demo's running totals agree with its C.Hasil, as `results verify` checks them.
    expect(
      await verifyResultTotals(
        t.database.db,
        (d.results?.contests ?? []).map((c) => c.id),
      ),
    ).toEqual([]);
    for (const c of d.results?.contests ?? []) {
      expect(c.reported).toBe(74);
      expect(c.byKecamatan).toHaveLength(7);
      expect(c.selections.reduce((a, s) => a + s.votes, 0)).toBe(c.valid);
    }
    expect(d.risks.some((r) => r.level === 'tinggi' && r.text.includes('darurat'))).toBe(true);
    expect(d.risks.some((r) => r.text.includes('Coklit baru'))).toBe(true);
    // Every tile links to its page.
    expect([
      d.stages.link,
      d.coklit?.link,
      d.rosters?.link,
      d.bimtek?.link,
      d.problems?.link,
      d.results?.link,
    ]).toEqual(['/tahapan', '/pemilih', '/badan-adhoc', '/bimtek', '/masalah', '/hasil']);
  });

  it('refuses the dashboard to a Korwil and to the public', async () => {
    expect((await korwil('/api/dashboard')).statusCode).toBe(403);
    expect((await t.app.inject('/api/dashboard')).statusCode).toBe(401);
    expect((await korwil('/api/reports')).statusCode).toBe(403);
  });

  it('makes today’s PDF report: numbered, dated in Indonesian, with the dashboard’s content', async () => {
    const res = await bupati(`/api/reports/pdf?kind=harian`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('LAPORAN HARIAN DESK PILKADA');
    expect(text).toContain(`Tanggal ${formatTanggal(today)}`);
    expect(text).toMatch(/Nomor: 001\/LH-DP\/[IVX]+\/\d{4}/);
    expect(text).toContain('Kemajuan coklit per kecamatan');
    expect(text).toContain('masalah masih terbuka');
    expect(text).toContain('Ketua Desk Pilkada');
    expect(text).toContain('Kegiatan hari ini');
    // The same day again: the stored report, not a new number.
    const again = await bupati(`/api/reports/pdf?kind=harian`);
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
    const list = (await bupati('/api/reports')).json<ReportItem[]>();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      kind: 'harian',
      periodDate: today,
      trigger: 'permintaan',
      hasData: true,
    });
  });

  it('numbers a new edition, says so in words for a day without data, and refuses a future date', async () => {
    const second = await ketua({
      method: 'POST',
      url: '/api/reports',
      payload: { kind: 'harian' },
    });
    expect(second.statusCode).toBe(201);
    expect(second.json<ReportItem>().number).toMatch(/^002\/LH-DP\//);
    const empty = await ketua({
      method: 'POST',
      url: '/api/reports',
      payload: { kind: 'harian', date: '2024-03-01' },
    });
    expect(empty.statusCode).toBe(201);
    const item = empty.json<ReportItem>();
    expect(item).toMatchObject({ hasData: false, number: '001/LH-DP/III/2024' });
    const pdf = await ketua(`/api/reports/${String(item.id)}/pdf`);
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain('Tidak ada data untuk tanggal 1 Maret 2024');
    expect(text).not.toContain('Kemajuan coklit per kecamatan');
    // Voting day 2024 has the demo's C.Hasil: that past day has data, counted from the records' times.
    const votingDay = await ketua({
      method: 'POST',
      url: '/api/reports',
      payload: { kind: 'harian', date: '2024-11-27' },
    });
    expect(votingDay.json<ReportItem>()).toMatchObject({
      hasData: true,
      number: '002/LH-DP/XI/2024',
    });
    const votingText = await pdfText(
      (await ketua(`/api/reports/${String(votingDay.json<ReportItem>().id)}/pdf`)).rawPayload,
    );
    expect(votingText).toContain('Hasil penghitungan: 148 C.Hasil diterima.');
    expect(votingText).toContain('Tanggal 27 November 2024');
    const future = await ketua({
      method: 'POST',
      url: '/api/reports',
      payload: { kind: 'harian', date: '2999-01-01' },
    });
    expect(future.statusCode).toBe(422);
    expect(future.json<{ error: { code: string } }>().error.code).toBe('report.future_date');
    const audits = await t.database.db
      .select({ n: count() })
      .from(auditLog)
      .where(eq(auditLog.action, 'report.generate'));
    expect(Number(audits[0]?.n)).toBeGreaterThanOrEqual(3);
  });

  it('makes a weekly report with the trend chart', async () => {
    const res = await ketua({ method: 'POST', url: '/api/reports', payload: { kind: 'mingguan' } });
    expect(res.statusCode).toBe(201);
    const text = await pdfText(
      (await ketua(`/api/reports/${String(res.json<ReportItem>().id)}/pdf`)).rawPayload,
    );
    expect(text).toContain('LAPORAN MINGGUAN DESK PILKADA');
    expect(text).toContain('Laporan masalah per hari');
    expect(text).toContain('s.d.');
  });

  it('keeps the schedule as a setting the desk may change, not the Bupati', async () => {
    const body: ReportSchedule = { enabled: true, hour: 6, weeklyDay: 5 };
    expect(
      (await bupati({ method: 'PUT', url: '/api/reports/schedule', payload: body })).statusCode,
    ).toBe(403);
    const saved = await ketua({ method: 'PUT', url: '/api/reports/schedule', payload: body });
    expect(saved.statusCode).toBe(200);
    expect((await bupati('/api/reports/schedule')).json<ReportSchedule>()).toEqual(body);
    const bad = await ketua({
      method: 'PUT',
      url: '/api/reports/schedule',
      payload: { ...body, hour: 24 },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('runs the scheduler once per day even when two servers tick together', async () => {
    await ketua({
      method: 'PUT',
      url: '/api/reports/schedule',
      payload: { enabled: true, hour: 7, weeklyDay: 1 },
    });
    // Monday 2 December 2024, 06:30 WIB: too early; 07:05 WIB: both reports due.
    const early = await runScheduledReports(t.database.db, new Date('2024-12-01T23:30:00Z'));
    expect(early.generated).toEqual([]);
    const clock = () => new Date('2024-12-02T00:05:00Z');
    const a = startReportScheduler(t.database.db, { clock, intervalMs: 3_600_000 });
    const b = startReportScheduler(t.database.db, { clock, intervalMs: 3_600_000 });
    try {
      const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
      const made = [...ra.generated, ...rb.generated];
      expect(made.map((g) => `${g.kind} ${g.periodDate}`).sort()).toEqual([
        'harian 2024-12-02',
        'mingguan 2024-12-01',
      ]);
      const again = await a.tick();
      expect(again.generated).toEqual([]);
    } finally {
      a.stop();
      b.stop();
    }
    const rows = await t.database.db
      .select({ kind: deskReport.kind, trigger: deskReport.trigger, sequence: deskReport.sequence })
      .from(deskReport)
      .where(eq(deskReport.periodDate, '2024-12-02'));
    expect(rows).toEqual([
      { kind: 'harian', trigger: 'jadwal', sequence: expect.any(Number) as number },
    ]);
    expect(rows[0]?.sequence).toBeGreaterThan(0);
  });

  it('exports the recaps as XLSX with Indonesian headers and number formats', async () => {
    const coklit = await sheetOf((await bupati('/api/exports/coklit')).rawPayload);
    expect(rowValues(coklit, 3).slice(0, 7)).toEqual([
      'Kode kecamatan',
      'Kecamatan',
      'Kode desa',
      'Desa/Kelurahan',
      'Pemilih DP4',
      'Sudah dicoklit',
      'Persentase dicoklit',
    ]);
    expect(coklit.getColumn(5).numFmt).toBe('#,##0');
    expect(coklit.getColumn(7).numFmt).toBe('0.00%');
    expect(coklit.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    const last = rowValues(coklit, coklit.rowCount);
    expect(last[1]).toBe('Jumlah');
    const dashboard = (await bupati('/api/dashboard')).json<Dashboard>();
    expect(last[4]).toBe(dashboard.coklit?.dp4);
    expect(last[5]).toBe(dashboard.coklit?.visited);

    const rosters = await sheetOf((await bupati('/api/exports/rosters')).rawPayload);
    expect(rowValues(rosters, 3).slice(0, 5)).toEqual([
      'Kode',
      'Kecamatan',
      'Korwil',
      'PPK terisi',
      'PPK kursi',
    ]);
    expect(rosters.rowCount).toBe(3 + 24 + 1);
    expect(rowValues(rosters, rosters.rowCount).slice(3, 5)).toEqual([120, 120]);

    const ppk = dashboard.bimtek?.events.find((e) => e.body === 'ppk');
    const bimtek = await sheetOf(
      (await bupati(`/api/exports/bimtek/${String(ppk?.id)}`)).rawPayload,
    );
    expect(rowValues(bimtek, 3).slice(0, 5)).toEqual([
      'Kode',
      'Kecamatan / gelombang',
      'Anggota',
      'Diundang',
      'Hadir penuh',
    ]);
    expect(rowValues(bimtek, bimtek.rowCount)[4]).toBe(ppk?.trained);

    const problems = await sheetOf(
      (await bupati('/api/exports/problems?status=terbuka')).rawPayload,
    );
    expect(rowValues(problems, 3).slice(0, 6)).toEqual([
      'Nomor',
      'Kode lacak',
      'Sumber',
      'Kategori',
      'Tingkat',
      'Status',
    ]);
    expect(problems.rowCount).toBe(3 + 12);

    // The regency-wide roster recap is the desk's, as on its page.
    expect((await korwil('/api/exports/rosters')).statusCode).toBe(403);
    expect((await t.app.inject('/api/exports/problems')).statusCode).toBe(401);
  });
});
