/**
 * The admin imports accounts from a CSV roster: one bad row → its line and
 * column are shown and nothing is created; fixed, a dry run passes, then the
 * import gives printable hand-over sheets (one per kecamatan) with one-time
 * passwords. The audit trail shows the import and the admin's sign-in.
 */
import { describe, expect, it } from 'vitest';
import { openPage, DESKTOP } from './browser.ts';
import { useDemo } from './demo.ts';
import { DEMO_PASSWORD, signIn, mainMenu } from './sign-in.ts';

const HEADER = 'username,nama,peran,wilayah';
const GOOD_ROWS = [
  'pps.jetak,Siti Aminah,PPS,35.13.01.2003',
  'pembina.sumber,Ahmad Fauzi,Pembina kecamatan,35.13.02',
  'anggota.korwil2,Dewi Lestari,Korwil,Korwil II',
];
const BAD_ROW = 'lurah.jetak,Budi Santoso,Lurah,35.13.01.2003';

describe('admin: accounts from CSV, printable sheets, audit trail', () => {
  const demo = useDemo();

  it('refuses a roster with a bad row, imports the fixed one, and shows it in the audit', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      await signIn(page, 'admin');
      await (await mainMenu(page)).getByRole('link', { name: 'Admin' }).click();
      await page.waitForURL(/\/admin\/akun$/);
      const accounts = page.getByRole('table', { name: 'Daftar akun' });
      await accounts.getByRole('rowheader', { name: 'pps.ngadisari', exact: true }).waitFor();
      const before = await accounts.locator('tbody tr').count();

      // Line 3 names a role that does not exist: shown by line and column, nothing created.
      const form = page.getByRole('form', { name: 'Impor dari CSV' });
      await form
        .getByLabel('Isi CSV')
        .fill([HEADER, GOOD_ROWS[0], BAD_ROW, ...GOOD_ROWS.slice(1)].join('\n'));
      await form.getByRole('button', { name: 'Impor' }).click();
      const errors = form.getByRole('table', { name: 'Kesalahan impor' });
      await errors.waitFor();
      expect(await form.getByRole('alert').first().textContent()).toContain(
        'Tidak ada akun yang dibuat',
      );
      const cells = await errors.locator('tbody tr').first().locator('td').allTextContents();
      expect(cells[0]).toBe('3');
      expect(cells[1]).toBe('peran');
      expect(cells[2]).toContain('Lurah');
      expect(await errors.locator('tbody tr').count()).toBe(1);
      await page.reload();
      await accounts.getByRole('rowheader', { name: 'pps.ngadisari', exact: true }).waitFor();
      expect(await accounts.locator('tbody tr').count()).toBe(before);
      expect(
        await accounts.getByRole('rowheader', { name: 'pps.jetak', exact: true }).count(),
      ).toBe(0);

      // Fixed, checked first ("Periksa saja"): fine, still nothing created.
      await form.getByLabel('Isi CSV').fill([HEADER, ...GOOD_ROWS].join('\n'));
      await form.getByLabel('Periksa saja (belum membuat akun)').check();
      await form.getByRole('button', { name: 'Periksa CSV' }).click();
      await form.getByText('CSV benar: 3 akun siap dibuat.').waitFor();
      expect(
        await accounts.getByRole('rowheader', { name: 'pps.jetak', exact: true }).count(),
      ).toBe(0);

      // Imported: the sheets, one per kecamatan, each with one-time passwords.
      await form.getByLabel('Periksa saja (belum membuat akun)').uncheck();
      await form.getByRole('button', { name: 'Impor' }).click();
      const sheets = page.getByTestId('print-sheet');
      await expect.poll(() => sheets.count()).toBe(3);
      expect(await sheets.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
        'Kecamatan Sukapura',
        'Kecamatan Sumber',
        'Tingkat kabupaten dan Korwil',
      ]);
      const sukapura = sheets.first();
      expect(await sukapura.textContent()).toMatch(/dicetak \d{1,2} [A-Z][a-z]+ \d{4}/);
      const row = await sukapura.locator('tbody tr').first().locator('td').allTextContents();
      expect(row.slice(1, 5)).toEqual(['Siti Aminah', 'pps.jetak', 'PPS', 'Jetak']);
      expect(row[5]).toMatch(/^\S{8,}$/);
      await accounts.getByRole('rowheader', { name: 'pps.jetak', exact: true }).waitFor();
      const jetak = accounts
        .locator('tbody tr')
        .filter({ has: page.getByRole('rowheader', { name: 'pps.jetak', exact: true }) });
      expect(await jetak.locator('.badge').textContent()).toBe('Harus ganti sandi');

      // Printing shows only the sheets, each kecamatan on its own page.
      await page.evaluate(() => {
        window.print = () => document.body.setAttribute('data-printed', 'ya');
      });
      await page.getByRole('button', { name: 'Cetak' }).click();
      expect(await page.locator('body').getAttribute('data-printed')).toBe('ya');
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      expect(await form.isVisible()).toBe(false);
      expect(await sukapura.isVisible()).toBe(true);
      expect(await sheets.nth(1).evaluate((el) => getComputedStyle(el).breakBefore)).toBe('page');
      await page.emulateMedia({ media: 'screen' });

      // The audit trail: the import (with its accounts) and the admin's sign-in.
      await page
        .getByRole('navigation', { name: 'Menu admin' })
        .getByRole('link', { name: 'Jejak audit' })
        .click();
      await page.waitForURL(/\/admin\/audit$/);
      const trail = page.getByRole('table', { name: 'Jejak audit' });
      const importRow = trail.getByTestId('audit-row').filter({ hasText: 'Impor akun dari CSV' });
      await importRow.first().waitFor();
      expect(await importRow.count()).toBe(1);
      const importCells = await importRow.locator('td').allTextContents();
      expect(importCells[0]).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4} \d{2}\.\d{2}$/);
      expect(importCells[1]).toBe('admin');
      expect(importCells[2]).toBe('Admin sistem');
      expect(importCells[6]).toBe('Berhasil');
      await importRow.getByRole('button', { name: /rincian/i }).click();
      const details = trail.locator('.audit-details');
      await details.waitFor();
      expect(await details.textContent()).toContain('pps.jetak');
      await trail
        .getByTestId('audit-row')
        .filter({ hasText: 'Masuk' })
        .filter({ hasText: 'admin' })
        .first()
        .waitFor();

      // Filter: only sign-ins that were refused (none yet), then only successful ones.
      await page.getByLabel('Aksi').selectOption({ label: 'Masuk' });
      await page.getByLabel('Hasil').selectOption({ label: 'Ditolak' });
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await page.getByText('Tidak ada catatan yang cocok dengan saringan ini.').waitFor();
      await page.getByLabel('Hasil').selectOption({ label: 'Berhasil' });
      await page.getByRole('button', { name: 'Terapkan' }).click();
      await expect.poll(() => trail.getByTestId('audit-row').count()).toBeGreaterThan(0);
      const actions = await trail
        .getByTestId('audit-row')
        .locator('td:nth-child(5)')
        .allTextContents();
      expect(actions.every((a) => a.startsWith('Masuk'))).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('shows an account slowed by failed sign-ins and lifts the wait', async () => {
    const tryPassword = (password: string) =>
      fetch(new URL('/api/auth/sign-in', demo.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'pps.wonotoro', password }),
      });
    // Failures spaced past each wait, until the wait is long enough (16 s) to look at.
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (const pause of [0, 0, 0, 0, 1100, 2100, 4100, 8100]) {
      await sleep(pause);
      expect((await tryPassword('salah-sekali')).status).toBe(401);
    }
    expect((await tryPassword(DEMO_PASSWORD)).status).toBe(429);

    const { page, context, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      await signIn(page, 'admin');
      await page.goto(new URL('/admin/akun', demo.url).href);
      const section = page.getByRole('region', { name: 'Akun/alamat yang sedang ditahan' });
      const row = section.getByRole('row').filter({ hasText: 'pps.wonotoro' });
      await row.waitFor();
      expect(await row.textContent()).toContain('Akun');
      await row.getByRole('button', { name: 'Lepaskan pps.wonotoro' }).click();
      await page.getByText('Penahanan pps.wonotoro dilepaskan.').waitFor();
      await expect.poll(() => row.count()).toBe(0);
      expect((await tryPassword(DEMO_PASSWORD)).status).toBe(200);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
