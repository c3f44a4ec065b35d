/**
 * Reports follow the data (issue 20 item 10): the desk's chair makes today's
 * report; after a citizen's report changes the data, /laporan says plainly
 * that the stored issue is outdated and offers "Buat laporan baru", which
 * makes the next numbered edition (not outdated).
 */
import { describe, expect, it } from 'vitest';
import { DESKTOP, openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn } from './sign-in.ts';

describe('reports page: outdated issues and a new edition', () => {
  const demo = useDemo();

  it('says an issue is outdated after data change and makes a new one', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      await signIn(page, 'ketua.desk', { next: '/laporan' });
      await page.getByRole('heading', { level: 1, name: 'Laporan Desk Pilkada' }).waitFor();
      await page.getByRole('button', { name: 'Buat laporan', exact: true }).click();
      const list = page.getByTestId('report-list');
      const row = (n: string) =>
        list
          .getByRole('row')
          .filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${n}/LH-DP/`) }) });
      await row('001').waitFor();
      expect(await row('001').textContent()).toMatch(/dari data s\.d\. catatan audit #\d+/);
      expect(
        await row('001')
          .getByText(/Data sudah berubah/)
          .count(),
      ).toBe(0);

      // A citizen reports a problem (no account): the data change.
      const sent = await fetch(`${demo.url}/api/public/problems`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          category: 'logistik',
          severity: 'sedang',
          kecamatanCode: '35.13.01',
          desaCode: '35.13.01.2001',
          occurredAt: new Date(Date.now() - 600_000).toISOString(),
          description: 'Tinta pemilu belum tiba di TPS 001',
        }),
      });
      expect(sent.status).toBe(201);

      await page.reload();
      await row('001')
        .getByText(
          /Data sudah berubah sejak laporan ini dibuat; ini terbitan tersimpan nomor 001\//,
        )
        .waitFor();
      await row('001').getByRole('button', { name: 'Buat laporan baru' }).click();
      await row('002').waitFor();
      expect(
        await row('002')
          .getByText(/Data sudah berubah/)
          .count(),
      ).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
