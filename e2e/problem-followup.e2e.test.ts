/**
 * Following a problem up (issue 20, items 7 and 8): the Korwil assigns a
 * citizen's report by picking a person from the list of those who may take
 * it (name and role, no username to type), refers it to KPU and settles it;
 * the citizen, on a 360 px phone, keeps an unbroken tracking code with a
 * copy button and reads the referral, the steps and the closing note in
 * plain words.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, openPage, PHONE } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn } from './sign-in.ts';

/** True when the element's text sits on one line. */
async function onOneLine(page: Page, testId: string): Promise<boolean> {
  return page
    .getByTestId(testId)
    .first()
    .evaluate((el) => {
      const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 24;
      return el.getBoundingClientRect().height < lineHeight * 1.5;
    });
}

async function noSidewaysScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('a citizen’s report: assigned from a picker, referred, settled, tracked', () => {
  const demo = useDemo();

  it('assigns by name and role, and the citizen tracks the referral and the closing note at 360 px', async () => {
    const citizen = await openPage(demo.browser, demo.url, PHONE);
    const korwil = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      await citizen.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: demo.url,
      });
      const c = citizen.page;
      await c.goto('/lapor');
      await c.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Logistik' });
      await c.getByLabel('Kecamatan', { exact: true }).selectOption({ label: 'Sukapura' });
      await c.getByLabel('Desa/kelurahan', { exact: true }).selectOption({ label: 'Ngadisari' });
      const description = 'Tinta sidik jari di TPS dekat pasar Ngadisari habis';
      await c.getByLabel('Uraian masalah', { exact: true }).fill(description);
      await c.getByRole('button', { name: 'Kirim laporan' }).click();
      await c.getByRole('heading', { name: 'Terima kasih, laporan Anda diterima' }).waitFor();
      const code = ((await c.getByTestId('kode-pelacakan').textContent()) ?? '').trim();
      expect(code).toMatch(/^LP-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(await onOneLine(c, 'kode-pelacakan')).toBe(true);
      await c.getByRole('button', { name: 'Salin kode' }).click();
      await c.getByText('Kode tersalin.').waitFor();
      expect(await c.evaluate(() => navigator.clipboard.readText())).toBe(code);

      // The Korwil picks the assignee from a list: names and roles, only those who may take it.
      const k = korwil.page;
      await signIn(k, 'korwil1');
      await k.goto('/masalah');
      await k.locator('tr', { hasText: description }).getByRole('link').first().click();
      const picker = k.getByLabel('Tugaskan kepada', { exact: true });
      await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(3);
      const options = await picker.locator('option').allTextContents();
      expect(options).toContain('Pembina Kecamatan Sukapura — Pembina kecamatan · Sukapura');
      expect(options.some((o) => o.includes('Wonotoro'))).toBe(false);
      await picker.selectOption({
        label: 'Pembina Kecamatan Sukapura — Pembina kecamatan · Sukapura',
      });
      await k.getByRole('button', { name: 'Tugaskan', exact: true }).click();
      await k.getByText('Ditugaskan kepada Pembina Kecamatan Sukapura.').waitFor();

      // Accepted, referred to KPU, settled with a note.
      await k.getByRole('button', { name: 'Terima', exact: true }).click();
      await expect.poll(() => k.getByTestId('status-masalah').textContent()).toBe('Diterima');
      await k.getByRole('radio', { name: 'Teruskan' }).check();
      await k.getByLabel('Instansi tujuan').selectOption({ label: 'KPU Kabupaten' });
      await k.getByLabel('Nomor surat/rujukan').fill('046/PL.02-SD/3513/2024');
      await k.getByRole('button', { name: 'Teruskan', exact: true }).click();
      await expect.poll(() => k.getByTestId('status-masalah').textContent()).toBe('Diteruskan');
      await k.getByRole('radio', { name: 'Selesaikan' }).check();
      await k
        .getByLabel('Catatan penyelesaian (wajib)')
        .fill('KPU mengirim tinta cadangan pukul 09.15; pemungutan berjalan.');
      await k.getByRole('button', { name: 'Selesaikan', exact: true }).click();
      await expect.poll(() => k.getByTestId('status-masalah').textContent()).toBe('Selesai');

      // The citizen's tracking page, on the phone.
      await c.getByRole('link', { name: 'Lacak status laporan' }).click();
      await expect.poll(() => c.getByTestId('status-laporan').textContent()).toBe('Selesai');
      expect(await c.getByTestId('rujukan').textContent()).toMatch(
        /KPU Kabupaten, sejak \d{1,2} \w+ \d{4}/,
      );
      const steps = (await c.getByTestId('langkah-laporan').locator('li').allTextContents()).join(
        '\n',
      );
      expect(steps).toContain('Laporan diterima petugas Desk Pilkada');
      expect(steps).toContain('Laporan diteruskan kepada instansi yang berwenang.');
      expect(steps).toContain('Laporan selesai ditangani.');
      expect(await c.getByTestId('catatan-penutup').textContent()).toContain(
        'KPU mengirim tinta cadangan pukul 09.15',
      );
      const main = (await c.locator('main').textContent()) ?? '';
      expect(main).not.toContain('Korwil I');
      expect(main).not.toContain('046/PL.02');
      expect(await onOneLine(c, 'kode-pelacakan')).toBe(true);
      expect(await noSidewaysScroll(c)).toBe(true);
      expect(citizen.problems).toEqual([]);
      expect(korwil.problems).toEqual([]);
    } finally {
      await Promise.all([citizen.context.close(), korwil.context.close()]);
    }
  });
});
