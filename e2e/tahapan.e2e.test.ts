/**
 * Journey 2: the KPU operator, on /tahapan: a stage that ends before it
 * starts (seed 004's "24 Juli hingga 24 Juni 2024") is refused with the
 * server's Indonesian message under "Tanggal selesai"; corrected, it appears
 * in the timeline. A stage around today is highlighted as "Sedang berlangsung".
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { todayWib } from '../src/domain/common/dates.ts';
import { openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn } from './sign-in.ts';

/** The `.field` block (label, control, hint, error) of the control labelled `label`. */
function field(page: Page, label: string) {
  return page.locator('.field').filter({ has: page.getByLabel(label, { exact: true }) });
}

function shiftDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('tahapan: end before start is refused, then the fixed stage shows', () => {
  const demo = useDemo();

  it('shows the end-date error under its field, then adds the corrected stage', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url);
    try {
      await signIn(page, 'operator.kpu', { next: '/tahapan' });
      const timeline = page.getByRole('list', { name: 'Jadwal tahapan' });
      await timeline.waitFor();
      const before = await timeline.getByTestId('stage').count();

      const name = 'Coklit ulang (uji e2e)';
      await page
        .getByLabel('Jenis tahapan')
        .selectOption({ label: 'Pencocokan dan penelitian (coklit)' });
      await page.getByLabel('Nama tahapan').fill(name);
      await page.getByLabel('Tanggal mulai').fill('2024-07-24');
      await page.getByLabel('Tanggal selesai').fill('2024-06-24');
      await page.getByRole('button', { name: 'Tambah tahapan' }).click();

      const message =
        'Tanggal selesai (24 Juni 2024) tidak boleh sebelum tanggal mulai (24 Juli 2024).';
      const endError = field(page, 'Tanggal selesai').locator('.field-error');
      await endError.waitFor();
      expect(await endError.textContent()).toBe(message);
      expect(await page.getByLabel('Tanggal selesai').getAttribute('aria-invalid')).toBe('true');
      expect(await field(page, 'Tanggal mulai').locator('.field-error').count()).toBe(0);
      expect(await timeline.getByTestId('stage').count()).toBe(before);

      // Fixed: 24 Juni → 24 Juli 2024.
      await page.getByLabel('Tanggal mulai').fill('2024-06-24');
      await page.getByLabel('Tanggal selesai').fill('2024-07-24');
      await page.getByRole('button', { name: 'Tambah tahapan' }).click();

      const added = timeline.getByTestId('stage').filter({ hasText: name });
      await added.waitFor();
      expect(await added.textContent()).toContain('24 Juni 2024 – 24 Juli 2024');
      expect(await endError.count()).toBe(0);
      await expect.poll(() => timeline.getByTestId('stage').count()).toBe(before + 1);
      await page
        .getByRole('status')
        .filter({ hasText: `Tahapan “${name}” ditambahkan.` })
        .waitFor();

      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('highlights the stage running today', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url);
    try {
      const today = todayWib();
      const name = 'Rapat koordinasi desk (uji e2e)';
      await signIn(page, 'operator.kpu', { next: '/tahapan' });
      await page.getByLabel('Nama tahapan').fill(name);
      await page.getByLabel('Tanggal mulai').fill(shiftDays(today, -1));
      await page.getByLabel('Tanggal selesai').fill(shiftDays(today, 1));
      await page.getByRole('button', { name: 'Tambah tahapan' }).click();

      const running = page.getByTestId('stage').filter({ hasText: name });
      await running.waitFor();
      expect(await running.getAttribute('aria-current')).toBe('step');
      expect(await running.textContent()).toContain('Sedang berlangsung');
      expect(await running.getAttribute('class')).toContain('phase-berlangsung');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
