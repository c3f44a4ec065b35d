/**
 * Scoped roles: the PPS of Ngadisari signs in, lands on its desa, sees and
 * adds TPS there, has no Beranda, and is refused (with the Indonesian "di
 * luar wewenang" message) on a neighbouring desa and on its kecamatan. The
 * KPPS of Ngadisari TPS 001 lands on that TPS.
 */
import { describe, expect, it } from 'vitest';
import { openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn, userMenu, mainMenu } from './sign-in.ts';

describe('PPS and KPPS see only their own territory', () => {
  const demo = useDemo();

  it('PPS Ngadisari: own desa, add a TPS, refused elsewhere', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url);
    try {
      await signIn(page, 'pps.ngadisari');
      await page.waitForURL(/\/wilayah\/35\.13\.01\.2001$/);
      await page.getByRole('heading', { level: 1, name: 'Ngadisari' }).waitFor();

      // The menu: no Beranda, a link to the desa instead; the header names the role.
      const nav = await mainMenu(page);
      await nav.getByRole('link', { name: 'Ngadisari' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Beranda' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Korwil' }).count()).toBe(0);
      expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
      expect(await page.locator('.user-menu summary').textContent()).toContain('PPS · Ngadisari');
      // The breadcrumb offers no way up to pages the PPS may not open.
      const crumbs = page.getByRole('navigation', { name: 'Jejak wilayah' });
      expect(await crumbs.getByRole('link').count()).toBe(0);

      // Its TPS, and the form to add one.
      const table = page.getByRole('table', { name: 'Daftar TPS Ngadisari' });
      await table.waitFor();
      const before = await table.locator('tbody tr').count();
      const suggested = await page.getByLabel('Nomor TPS').inputValue();
      await page.getByLabel('Jumlah pemilih').fill('240');
      await page.getByLabel('Alamat (opsional)').fill('Pendopo desa (uji e2e)');
      await page.getByRole('button', { name: 'Tambah TPS' }).click();
      const label = `TPS ${suggested.padStart(3, '0')}`;
      await page
        .getByRole('status')
        .filter({ hasText: `${label} ditambahkan.` })
        .waitFor();
      await expect.poll(() => table.locator('tbody tr').count()).toBe(before + 1);

      // The neighbouring desa: refused, in Indonesian, no TPS table.
      await page.goto('/wilayah/35.13.01.2002');
      const refused = page.getByRole('alert').filter({ hasText: 'di luar wewenang' });
      await refused.waitFor();
      expect(await refused.textContent()).toContain('PPS');
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Tambah TPS' }).count()).toBe(0);
      await refused.getByRole('link', { name: 'Kembali ke halaman Anda' }).waitFor();

      // The kecamatan above it: refused too.
      await page.goto('/wilayah/35.13.01');
      await page.getByRole('alert').filter({ hasText: 'di luar wewenang' }).waitFor();
      expect(await page.getByRole('table').count()).toBe(0);

      // The regency page is not theirs: "/" leads back to the desa.
      await page.goto('/');
      await page.waitForURL(/\/wilayah\/35\.13\.01\.2001$/);
      await table.waitFor();

      // Signing out everywhere ends the session.
      await userMenu(page, 'Keluar dari semua perangkat');
      await page.waitForURL(/\/masuk$/);
      await page.getByText('Anda telah keluar dari semua perangkat.').waitFor();
      await page.goto('/wilayah/35.13.01.2001');
      await page.waitForURL(/\/masuk\?next=/);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('KPPS Ngadisari TPS 001: lands on its TPS, read only', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url);
    try {
      await signIn(page, 'kpps.ngadisari.1');
      await page.waitForURL(/\/tps\/\d+$/);
      await page.getByRole('heading', { level: 1, name: 'TPS 001' }).waitFor();
      await page.getByText('Desa/kelurahan Ngadisari, Kecamatan Sukapura').waitFor();
      expect(await page.getByRole('button', { name: /ubah|nonaktifkan/i }).count()).toBe(0);
      const nav = await mainMenu(page);
      expect(await nav.getByRole('link', { name: 'Beranda' }).count()).toBe(0);
      await nav.getByRole('link', { name: 'TPS 001' }).waitFor();

      // Its desa is beyond a KPPS.
      await page.goto('/wilayah/35.13.01.2001');
      await page.getByRole('alert').filter({ hasText: 'di luar wewenang' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
