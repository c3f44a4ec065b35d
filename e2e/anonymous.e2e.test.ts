/**
 * Without signing in: "/" is the public home (issue 8); the registry pages
 * send the visitor to /masuk (and back afterwards); the stage calendar and
 * the contests stay public, without their forms. Wrong passwords are refused in Indonesian; "Keluar" ends the
 * session.
 */
import { describe, expect, it } from 'vitest';
import { openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { fillSignIn, userMenu, mainMenu } from './sign-in.ts';

describe('anonymous visitors', () => {
  const demo = useDemo();

  it('see the public home at "/", and may read /tahapan and /pemilihan', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url);
    try {
      await page.goto('/');
      await page
        .getByRole('heading', { level: 1, name: 'Pilkada Kabupaten Probolinggo' })
        .waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      const nav = await mainMenu(page);
      // The public home, not the regency registry (which needs signing in).
      expect(await page.getByTestId('korwil-card').count()).toBe(0);

      await nav.getByRole('link', { name: 'Tahapan' }).click();
      await page.waitForURL(/\/tahapan$/);
      const timeline = page.getByRole('list', { name: 'Jadwal tahapan' });
      await timeline.waitFor();
      expect(await timeline.getByTestId('stage').count()).toBeGreaterThan(0);
      expect(await page.getByRole('heading', { name: 'Tambah tahapan' }).count()).toBe(0);
      expect(await timeline.getByRole('button').count()).toBe(0);

      await page.goto('/pemilihan');
      await page
        .getByRole('list', { name: /pasangan calon/i })
        .first()
        .waitFor();
      expect(await page.getByRole('form', { name: 'Tambah pemilihan' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /hapus/i }).count()).toBe(0);
      expect(await page.getByText('Tambah pasangan calon').count()).toBe(0);
      // A header link offers signing in.
      await page.locator('.user-area').getByRole('link', { name: 'Masuk' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('signs in to the page first asked for, after a wrong password; then signs out', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url);
    try {
      await page.goto('/wilayah/35.13.01');
      await page.waitForURL(/\/masuk\?next=%2Fwilayah%2F35\.13\.01$/);
      await page.getByText('Silakan masuk untuk membuka halaman ini.').waitFor();

      // Empty password: stopped before sending, under the field.
      await page.getByLabel('Nama pengguna', { exact: true }).fill('bupati');
      await page.getByRole('button', { name: 'Masuk', exact: true }).click();
      await page.getByText('Kata sandi wajib diisi.').waitFor();

      await fillSignIn(page, 'bupati', 'bukan-sandinya');
      await page
        .getByRole('alert')
        .filter({ hasText: 'Nama pengguna atau kata sandi salah.' })
        .waitFor();
      expect(new URL(page.url()).pathname).toBe('/masuk');

      await fillSignIn(page, 'bupati', 'pilkada-demo-2024');
      await page.waitForURL(/\/wilayah\/35\.13\.01$/);
      await page.getByRole('heading', { level: 1, name: /sukapura/i }).waitFor();
      expect(await page.locator('.user-menu summary').textContent()).toContain('Bupati');

      await userMenu(page, 'Keluar');
      await page.waitForURL(/\/masuk$/);
      await page.getByText('Anda telah keluar.', { exact: false }).waitFor();
      await page.goto('/wilayah/35.13.01');
      await page.waitForURL(/\/masuk\?next=/);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
