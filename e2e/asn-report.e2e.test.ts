/**
 * ASN-neutrality reports (issue 20, item 3): a citizen on a 360 px phone
 * reports an ASN without knowing the NIP; a wrong NIP is explained under the
 * NIP field itself, in plain words, and the message from the server for a
 * field of the ASN block lands under that field too.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, PHONE } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn } from './sign-in.ts';

async function fillAsnReport(page: Page, description: string): Promise<void> {
  await page.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Netralitas ASN' });
  await page.getByLabel('Kecamatan', { exact: true }).selectOption({ label: 'Sukapura' });
  await page.getByLabel('Desa/kelurahan', { exact: true }).selectOption({ label: 'Ngadisari' });
  await page.getByLabel('Uraian masalah', { exact: true }).fill(description);
  await page
    .getByLabel('Pelanggaran (SKB 2022)', { exact: true })
    .selectOption({ label: 'Menghadiri kampanye' });
}

/** The error message shown under the control labelled `label`, or null. */
async function errorUnder(page: Page, label: string): Promise<string | null> {
  const control = page.getByLabel(label, { exact: true });
  const describedBy = (await control.getAttribute('aria-describedby')) ?? '';
  const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
  if (errorId === undefined) return null;
  return page.evaluate((id) => document.getElementById(id)?.textContent ?? null, errorId);
}

describe('ASN-neutrality reports without a NIP', () => {
  const demo = useDemo();

  it('a citizen reports an ASN without NIP at 360 px; a wrong NIP is named under its field', async () => {
    const { context, page, problems } = await openPage(demo.browser, demo.url, PHONE);
    try {
      await page.goto('/lapor');
      await page.getByRole('heading', { name: 'Lapor masalah Pilkada' }).waitFor();
      await fillAsnReport(page, 'Seorang guru berseragam dinas berorasi di panggung kampanye');
      await page.getByLabel('NIP (boleh dikosongkan)', { exact: true }).fill('12345');
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      await expect
        .poll(() => errorUnder(page, 'NIP (boleh dikosongkan)'))
        .toBe('NIP harus 18 angka; kosongkan bila tidak tahu.');
      // Nothing under the name field, and the focus is on the NIP.
      expect(await errorUnder(page, 'Nama ASN (boleh dikosongkan)')).toBeNull();
      expect(
        await page.evaluate(() => document.activeElement?.getAttribute('inputmode') ?? ''),
      ).toBe('numeric');

      // Without NIP (and without a name): the office and the description suffice.
      await page.getByLabel('NIP (boleh dikosongkan)', { exact: true }).fill('');
      await page
        .getByLabel('Instansi (boleh dikosongkan)', { exact: true })
        .fill('SDN 1 Ngadisari');
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      await page.getByRole('heading', { name: 'Terima kasih, laporan Anda diterima' }).waitFor();
      expect(await page.locator('strong.code').first().textContent()).toMatch(/^LP-/);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the server’s message for an ASN field shows under that field of the field form', async () => {
    const { context, page } = await openPage(demo.browser, demo.url, PHONE);
    try {
      await signIn(page, 'pps.ngadisari');
      await page.goto('/masalah/lapor');
      await page.getByRole('heading', { name: 'Lapor masalah' }).waitFor();
      await fillAsnReport(page, 'Kepala dusun yang ASN memasang spanduk paslon');
      // Longer than the server allows (200): only the server checks it.
      await page.getByLabel('Nama ASN (boleh dikosongkan)', { exact: true }).fill('x'.repeat(201));
      await page.getByRole('button', { name: 'Kirim laporan' }).click();
      await expect
        .poll(() => errorUnder(page, 'Nama ASN (boleh dikosongkan)'))
        .toBe('Nama ASN paling banyak 200 karakter.');
      expect(await page.locator('main').textContent()).not.toContain('asn.');
    } finally {
      await context.close();
    }
  });
});
