/**
 * Journey 3: the KPU operator, on a desa, adds a TPS with a number already in
 * use and sees the server's message under "Nomor TPS"; a valid one is added,
 * edited and retired (with a reason).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatTps } from '../src/domain/common/format.ts';
import { openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn } from './sign-in.ts';

function field(scope: Page, label: string) {
  return scope.locator('.field').filter({ has: scope.getByLabel(label, { exact: true }) });
}

describe('TPS of a desa: duplicate refused, add, edit, retire', () => {
  const demo = useDemo();

  it('refuses a duplicate number, then adds, edits and retires a TPS', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url);
    try {
      await signIn(page, 'operator.kpu', { next: '/wilayah/35.13.01' });
      expect(new URL(page.url()).pathname).toBe('/wilayah/35.13.01');
      const firstDesa = page.getByRole('table').getByRole('link').first();
      const desaName = (await firstDesa.textContent()) ?? '';
      await firstDesa.click();
      const table = page.getByRole('table', { name: `Daftar TPS ${desaName}` });
      await table.waitFor();

      const labels = await table.locator('tbody tr:not(.row-muted) th').allTextContents();
      const used = labels.map((l) => Number(l.replace('TPS ', '')));
      const taken = used[0];
      expect(taken).toBeDefined();
      let next = 1;
      while (used.includes(next)) next += 1;

      // The form suggests the next free number.
      expect(await page.getByLabel('Nomor TPS').inputValue()).toBe(String(next));

      // Duplicate number → the server's message under "Nomor TPS".
      await page.getByLabel('Nomor TPS').fill(String(taken));
      await page.getByLabel('Jumlah pemilih').fill('250');
      await page.getByLabel('Alamat (opsional)').fill('Balai desa');
      await page.getByRole('button', { name: 'Tambah TPS' }).click();
      const numberError = field(page, 'Nomor TPS').locator('.field-error');
      await numberError.waitFor();
      expect(await numberError.textContent()).toContain(
        `${formatTps(taken ?? 0)} sudah ada di desa ini`,
      );
      expect(await page.getByLabel('Nomor TPS').getAttribute('aria-invalid')).toBe('true');

      // A free number is accepted.
      const label = formatTps(next);
      await page.getByLabel('Nomor TPS').fill(String(next));
      await page.getByRole('button', { name: 'Tambah TPS' }).click();
      const row = table
        .locator('tbody tr')
        .filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
      await row.waitFor();
      expect(await row.textContent()).toContain('Balai desa');
      expect(await row.locator('.badge').textContent()).toBe('Aktif');
      await page
        .getByRole('status')
        .filter({ hasText: `${label} ditambahkan.` })
        .waitFor();
      expect(await numberError.count()).toBe(0);

      // Edit: change the number of voters in the dialog.
      await row.getByRole('button', { name: `Ubah ${label}` }).click();
      const editDialog = page.getByRole('dialog', { name: `Ubah ${label}` });
      await editDialog.getByLabel('Jumlah pemilih').fill('275');
      await editDialog.getByRole('button', { name: 'Simpan' }).click();
      await editDialog.waitFor({ state: 'detached' });
      await expect.poll(() => row.locator('td').first().textContent()).toBe('275');

      // Retire: a reason is required.
      await row.getByRole('button', { name: `Nonaktifkan ${label}` }).click();
      const dialog = page.getByRole('dialog', { name: `Nonaktifkan ${label}` });
      await dialog.getByRole('button', { name: 'Nonaktifkan' }).click();
      await field(page, 'Alasan penonaktifan').locator('.field-error').waitFor();
      await dialog.getByLabel('Alasan penonaktifan').fill('Digabung dengan TPS terdekat');
      await dialog.getByRole('button', { name: 'Nonaktifkan' }).click();
      await dialog.waitFor({ state: 'detached' });

      await expect.poll(() => row.locator('.badge').textContent()).toBe('Nonaktif');
      expect(await row.textContent()).toContain('Digabung dengan TPS terdekat');
      expect(await row.getByRole('button').count()).toBe(0);
      await page
        .getByRole('status')
        .filter({ hasText: `${label} dinonaktifkan.` })
        .waitFor();

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
