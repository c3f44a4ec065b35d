/**
 * Wording (issue 20, item 9): no English in the pages, the API reference
 * linked only for administrators, one meaning per menu label, the Bupati
 * landing on the dashboard, and the audit trail in words.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, openPage, PHONE } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn, mainMenu } from './sign-in.ts';

/** The labels of the main menu's links (shown or folded away). */
async function menuLabels(page: Page): Promise<string[]> {
  const nav = await mainMenu(page);
  await nav.waitFor({ state: 'attached' });
  return (await nav.locator('a').allTextContents()).map((t) => t.trim());
}

describe('wording: menus, landing, places and the audit trail', () => {
  const demo = useDemo();

  it('the Bupati lands on the dashboard; the menu tells voters from contests; no API link', async () => {
    const { context, page, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      await signIn(page, 'bupati');
      expect(new URL(page.url()).pathname).toBe('/dasbor');
      await page.getByRole('heading', { level: 1, name: /dasbor/i }).waitFor();
      const labels = await menuLabels(page);
      expect(labels).toContain('Daftar pemilih');
      expect(labels).toContain('Pemilihan & paslon');
      expect(labels).not.toContain('Pemilih');
      expect(labels).not.toContain('Pemilihan');
      expect(labels).not.toContain('API');

      // The voter page names the regency once, in Indonesian.
      await page.goto('/pemilih');
      const heading = page.getByRole('heading', { level: 2, name: /Probolinggo/ });
      await heading.waitFor();
      expect((await heading.textContent())?.trim()).toBe('Kabupaten Probolinggo');
      expect(await page.locator('main').textContent()).not.toMatch(/\bregency\b|\bkorwil:/);

      // A kecamatan belongs to its Korwil: "Bagian dari", not "Masuk".
      await page.goto('/wilayah/35.13.01');
      await page.getByText(/Bagian dari Korwil/).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a citizen and a field officer see no API link; the admin does', async () => {
    const anon = await openPage(demo.browser, demo.url, PHONE);
    const kpps = await openPage(demo.browser, demo.url, PHONE);
    const admin = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      await anon.page.goto('/');
      expect(await menuLabels(anon.page)).not.toContain('API');
      await signIn(kpps.page, 'kpps.ngadisari.1');
      expect(await menuLabels(kpps.page)).not.toContain('API');
      await signIn(admin.page, 'admin');
      expect(await menuLabels(admin.page)).toContain('API');
    } finally {
      await Promise.all([anon.context.close(), kpps.context.close(), admin.context.close()]);
    }
  });

  it('the audit trail shows actions and targets in words, not codes', async () => {
    const citizen = await openPage(demo.browser, demo.url, PHONE);
    const { context, page, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      // A public report, so the trail holds a problem row.
      await citizen.page.goto('/lapor');
      const places = await citizen.page.request.get('/api/public/problems/places');
      expect(places.ok()).toBe(true);
      const sent = await citizen.page.request.post('/api/public/problems', {
        data: {
          category: 'politik_uang',
          severity: 'sedang',
          kecamatanCode: '35.13.01',
          desaCode: '35.13.01.2001',
          occurredAt: new Date(Date.now() - 600_000).toISOString(),
          description: 'Pembagian amplop di dekat balai desa',
        },
      });
      expect(sent.status()).toBe(201);

      await signIn(page, 'admin');
      await page.goto('/admin/audit');
      const trail = page.getByRole('table', { name: 'Jejak audit' });
      const row = trail
        .getByTestId('audit-row')
        .filter({ hasText: 'Laporan masalah dari masyarakat' });
      await row.first().waitFor();
      const cells = await row.first().locator('td').allTextContents();
      expect(cells[5]).toMatch(/^laporan masalah #\d+$/);
      const actions = await trail
        .getByTestId('audit-row')
        .locator('td:nth-child(5)')
        .allTextContents();
      const targets = await trail
        .getByTestId('audit-row')
        .locator('td:nth-child(6)')
        .allTextContents();
      expect(actions.filter((a) => /[a-z]+\.[a-z_]+/.test(a))).toEqual([]);
      expect(targets.filter((t) => /^[a-z]+_[a-z_]+|^(problem|user|news) /.test(t))).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await Promise.all([citizen.context.close(), context.close()]);
    }
  });
});
