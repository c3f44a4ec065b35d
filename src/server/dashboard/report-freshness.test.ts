/**
 * Today's report shows today's data (issue 20 item 10): after data change,
 * fetching today's PDF again gives a new numbered edition with the new
 * totals; without change, the same stored issue. Each report says when it
 * was made and from which data; `daily` and `weekly` are accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayWib } from '../../domain/common/dates.ts';
import type { Dashboard, ReportItem } from '../../domain/dashboard/dashboard.schema.ts';
import { testEngines } from '../db/test-databases.ts';
import {
  createTestApp,
  injectAs,
  signIn,
  type Inject,
  type TestApp,
} from '../testing/app-harness.ts';
import { pdfText } from '../testing/pdf-text.ts';

describe.each(testEngines())('the daily report follows the data on %s', (engine) => {
  let t: TestApp;
  let bupati: Inject;

  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, activity: true });
    bupati = injectAs(t.app, await signIn(t.app, 'bupati'));
  }, 120_000);
  afterAll(() => t.close());

  const openProblemsLine = async () => {
    const d = (await bupati('/api/dashboard')).json<Dashboard>();
    const line = d.problems?.lines.find((l) => l.includes('masalah masih terbuka'));
    if (line === undefined) throw new Error('no open-problems line on the dashboard');
    return line;
  };
  const report = async (query: string) => {
    const res = await bupati(`/api/reports/pdf${query}`);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    // Lines wrap where the page ends them: compare words, not line breaks.
    return { bytes: res.rawPayload, text: (await pdfText(res.rawPayload)).replace(/\s+/g, ' ') };
  };
  const lapor = (description: string, address: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/public/problems',
      remoteAddress: address,
      payload: {
        category: 'logistik',
        severity: 'darurat',
        kecamatanCode: '35.13.01',
        desaCode: '35.13.01.2001',
        occurredAt: new Date(Date.now() - 600_000).toISOString(),
        description,
      },
    });

  it('gives a new edition with the new totals after data change, the same issue without', async () => {
    const before = await openProblemsLine();
    const first = await report('?kind=daily');
    expect(first.text).toContain('LAPORAN HARIAN DESK PILKADA');
    expect(first.text).toMatch(/Nomor: 001\/LH-DP\//);
    expect(first.text).toContain(before);
    // When and from which data it was made.
    expect(first.text).toMatch(
      /Dibuat \d{1,2} \w+ \d{4} pukul \d\d\.\d\d WIB dari data per saat itu: [\d.]+ catatan data, terakhir catatan audit #\d+ \(sidik [0-9a-f]{12}\)\./,
    );
    // Nothing written since: the same stored issue.
    const same = await report('?kind=harian');
    expect(same.bytes.equals(first.bytes)).toBe(true);

    const sent = await lapor('Kotak suara tiba dalam keadaan rusak', '10.20.30.40');
    expect(sent.statusCode, sent.body).toBe(201);
    const after = await openProblemsLine();
    expect(after).not.toBe(before);

    const second = await report('?kind=daily');
    expect(second.text).toMatch(/Nomor: 002\/LH-DP\//);
    expect(second.text).toContain(after);
    expect(second.text).not.toContain(before);
    const again = await report('');
    expect(again.bytes.equals(second.bytes)).toBe(true);

    // The list says which data each issue was made from, and which are outdated.
    const list = (await bupati('/api/reports')).json<ReportItem[]>();
    const today = list.filter((r) => r.kind === 'harian' && r.periodDate === todayWib());
    expect(today.map((r) => [r.number.slice(0, 3), r.outdated])).toEqual([
      ['002', false],
      ['001', true],
    ]);
    const [newer, older] = today;
    expect(newer?.data?.lastId).toBeGreaterThan(older?.data?.lastId ?? Infinity);
  });

  it('accepts weekly for mingguan and refuses an unknown kind with a 400', async () => {
    const weekly = await report('?kind=weekly');
    expect(weekly.text).toContain('LAPORAN MINGGUAN DESK PILKADA');
    const bad = await bupati('/api/reports/pdf?kind=monthly');
    expect(bad.statusCode).toBe(400);
    const made = await bupati({ method: 'POST', url: '/api/reports', payload: { kind: 'daily' } });
    expect(made.statusCode).toBe(201);
    expect(made.json<ReportItem>()).toMatchObject({ kind: 'harian', outdated: false });
  });

  it('keeps a past day’s stored issue even after data change (that day cannot be made again)', async () => {
    const first = await report('?kind=daily&date=2024-11-27');
    const sent = await lapor('Surat suara kurang di TPS 003', '10.20.30.41');
    expect(sent.statusCode, sent.body).toBe(201);
    const again = await report('?kind=daily&date=2024-11-27');
    expect(again.bytes.equals(first.bytes)).toBe(true);
  });
});
