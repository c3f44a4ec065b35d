/**
 * Journey 1: the Bupati signs in, sees the three Korwil and the 24 kecamatan
 * on the home page, walks Korwil I → Sukapura → a desa → its TPS table (read
 * only: the Bupati may not change TPS). Also: the phone width does not
 * overflow, and an API failure shows an Indonesian message. */
import { describe, expect, it } from 'vitest';
import { openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn } from './sign-in.ts';

describe('beranda → korwil → kecamatan → desa → TPS', () => {
  const demo = useDemo();

  it("walks from the home page down to a desa's TPS table", async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url);
    try {
      await signIn(page, 'bupati');
      // The Bupati lands on the dashboard; the regency page is one link away.
      expect(new URL(page.url()).pathname).toBe('/dasbor');
      await page.goto('/');
      await page.getByRole('heading', { level: 1, name: /probolinggo/i }).waitFor();

      const cards = page.getByTestId('korwil-card');
      await expect.poll(() => cards.count()).toBe(3);
      await expect.poll(() => cards.getByRole('link').count()).toBe(24);
      expect(await page.getByText('Kecamatan belum masuk Korwil').count()).toBe(0);

      // Nothing sticks out sideways on a 360px screen.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);

      const korwilI = cards.filter({
        has: page.getByRole('heading', { name: 'Korwil I', exact: true }),
      });
      await korwilI.getByRole('link', { name: /sukapura/i }).click();
      await page.waitForURL(/\/wilayah\/35\.13\.01$/);
      await page.getByRole('heading', { level: 1, name: /sukapura/i }).waitFor();
      const breadcrumb = page.getByRole('navigation', { name: 'Jejak wilayah' });
      await breadcrumb.getByRole('link', { name: 'Beranda' }).waitFor();

      const desaLinks = page.getByRole('table').getByRole('link');
      await expect.poll(() => desaLinks.count()).toBeGreaterThan(0);
      const desaName = (await desaLinks.first().textContent()) ?? '';
      await desaLinks.first().click();
      await page.waitForURL(/\/wilayah\/35\.13\.01\.\d{4}$/);
      await page.getByRole('heading', { level: 1, name: desaName }).waitFor();

      const tpsTable = page.getByRole('table', { name: `Daftar TPS ${desaName}` });
      await tpsTable.waitFor();
      const firstTps = (await tpsTable.locator('tbody th').first().textContent()) ?? '';
      expect(firstTps).toMatch(/^TPS \d{3}$/);
      // The Bupati reads; adding, editing and retiring TPS are not offered.
      expect(await page.getByRole('heading', { name: 'Tambah TPS' }).count()).toBe(0);
      expect(await tpsTable.getByRole('button').count()).toBe(0);

      // The breadcrumb leads back up to the kecamatan; browser Back works too.
      await page
        .getByRole('navigation', { name: 'Jejak wilayah' })
        .getByRole('link', { name: /sukapura/i })
        .click();
      await page.waitForURL(/\/wilayah\/35\.13\.01$/);
      await page.goBack();
      await page.waitForURL(/\/wilayah\/35\.13\.01\.\d{4}$/);
      await tpsTable.waitFor();

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('finds a region with the search box', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url);
    try {
      await signIn(page, 'bupati');
      await page.goto('/');
      await page.getByLabel('Cari wilayah (nama atau kode wilayah)').fill('sukapura');
      await page.getByRole('button', { name: 'Cari' }).click();
      const hit = page
        .getByRole('list', { name: /hasil pencarian/i })
        .getByRole('link', { name: /sukapura/i });
      await hit.first().click();
      await page.waitForURL(/\/wilayah\/35\.13\.01/);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows an Indonesian message, not a blank page, when the server cannot be reached', async () => {
    const { page, context } = await openPage(demo.browser, demo.url);
    try {
      await signIn(page, 'bupati');
      await page.route('**/api/regency', (route) => route.abort('internetdisconnected'));
      await page.goto('/');
      const alert = page.getByRole('alert').filter({ hasText: 'Gagal memuat data' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Tidak dapat terhubung ke server');

      // "Coba lagi" recovers once the network is back.
      await page.unroute('**/api/regency');
      await alert.getByRole('button', { name: 'Coba lagi' }).click();
      await page.getByTestId('korwil-card').first().waitFor();
    } finally {
      await context.close();
    }
  });
});
