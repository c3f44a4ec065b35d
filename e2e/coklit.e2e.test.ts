/**
 * Coklit on a 360 px phone, as the demo Pantarlih on first start (issue 20
 * items 5 and 6): the demo's TPS has voters and the coklit window is open;
 * the list is searched by name and by the end of the NIK; a TMS needs its
 * reason chosen (no default); a U changes the birth date; birth dates read
 * "15 Mei 1980".
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, PHONE } from './browser.ts';
import { useDemo } from './demo.ts';
import { mainMenu, signIn } from './sign-in.ts';
import type { TpsVoterList } from '../src/domain/voters/voters.schema.ts';
import { composeNik } from '../src/domain/voters/nik.ts';

const BULAN =
  '(Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)';

async function badgeOf(page: Page, name: string): Promise<string> {
  const item = page.locator('li').filter({ has: page.getByRole('button', { name, exact: true }) });
  return (await item.locator('.badge').first().textContent()) ?? '';
}

describe('coklit as the demo Pantarlih on a phone', () => {
  const demo = useDemo();

  it('searches the TPS list, records TMS only with a chosen reason, and a U changing the birth date', async () => {
    const { page, problems, context } = await openPage(demo.browser, demo.url, PHONE);
    try {
      await signIn(page, 'pantarlih.ngadisari.1');
      await (await mainMenu(page)).getByRole('link', { name: 'Coklit', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /Coklit TPS 001 Ngadisari/ }).waitFor();
      // The demo opened the coklit window: the page says so and offers recording.
      await page.getByText(/Masa coklit dibuka kembali sampai 31 Desember 2099/).waitFor();
      await page.getByRole('button', { name: 'Tambah pemilih baru' }).waitFor();
      const list = (await (await context.request.get('/api/voters/tps/1')).json()) as TpsVoterList;
      expect(list.voters.length).toBeGreaterThanOrEqual(100);
      const [first, second] = list.voters;
      if (first === undefined || second === undefined) throw new Error('no demo voters');

      // Search by name: only the matching voters stay on screen.
      const search = page.getByLabel('Cari pemilih');
      await search.fill(first.name.toLowerCase());
      const count = page.getByTestId('coklit-search-count');
      const matching = list.voters.filter((v) => v.name === first.name).length;
      await expect
        .poll(() => count.textContent())
        .toBe(`${String(matching)} dari ${String(list.voters.length)} pemilih cocok.`);
      expect(await page.getByRole('button', { name: first.name, exact: true }).count()).toBe(
        matching,
      );
      await search.fill('zzzz');
      await page.getByText('Tidak ada pemilih yang cocok.').waitFor();

      // By the end of the NIK (the masked NIK shows its last four digits).
      await search.fill(first.nik.slice(-4));
      await expect.poll(() => count.textContent()).toMatch(/^1 dari /);
      await page.getByRole('button', { name: first.name, exact: true }).click();
      await page
        .getByText(new RegExp(`Lahir Probolinggo, \\d{1,2} ${BULAN} \\d{4}`))
        .first()
        .waitFor();
      expect(await page.getByText(/Lahir Probolinggo, \d{4}-\d\d-\d\d/).count()).toBe(0);

      // TMS: no reason is chosen for the officer; sending without one is refused here.
      await page.getByLabel('TMS', { exact: true }).check();
      const reason = page.getByLabel('Alasan TMS');
      expect(await reason.inputValue()).toBe('');
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await page.getByText('Pilih alasan TMS (kode 1–8); tidak ada pilihan bawaan.').waitFor();
      expect(await badgeOf(page, first.name)).toBe('Belum');
      await reason.selectOption('2');
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await expect.poll(() => badgeOf(page, first.name)).toBe('TMS-2');

      // U: the birth date (a date picker), sex, marital status and KTP-el are choices.
      await search.fill(second.nik.slice(-4));
      await expect.poll(() => count.textContent()).toMatch(/^1 dari /);
      await page.getByRole('button', { name: second.name, exact: true }).click();
      await page.getByLabel('U (ubah data)').check();
      expect(await page.locator('select[id$="-ktpEl"]').count()).toBe(1);
      expect(await page.locator('select[id$="-marital"]').count()).toBe(1);
      expect(await page.locator('select[id$="-sex"]').count()).toBe(1);
      const [y, m] = second.birthDate.split('-');
      const newDate = `${y ?? ''}-${m ?? ''}-${second.birthDate.endsWith('-28') ? '27' : '28'}`;
      await page.getByLabel(/^Tanggal lahir \(sekarang: \d{1,2} \w+ \d{4}\)$/).fill(newDate);
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      // The new date disagrees with the NIK's digits: the document seen must be named.
      await page.getByText(/tidak sesuai NIK\. Bila sesuai KTP-el atau KK/).waitFor();
      await page.getByLabel(/^Alasan \/ catatan/).fill('Sesuai KTP-el yang ditunjukkan');
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await expect.poll(() => badgeOf(page, second.name)).toBe('U');

      // The history shows the change in Indonesian dates.
      await page.getByRole('button', { name: second.name, exact: true }).click();
      await page.getByRole('link', { name: 'Riwayat' }).click();
      const lineage = page.getByTestId('lineage');
      await lineage.getByText('Coklit: U (data diubah)').waitFor();
      expect(await lineage.textContent()).toMatch(
        new RegExp(`Tanggal lahir: \\d{1,2} ${BULAN} \\d{4} → 2?\\d ${BULAN} \\d{4}`),
      );
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('adds a pemilih baru through a date picker and the same choices as a U', async () => {
    const { page, problems, context } = await openPage(demo.browser, demo.url, PHONE);
    try {
      await signIn(page, 'pantarlih.ngadisari.1');
      await (await mainMenu(page)).getByRole('link', { name: 'Coklit', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /Coklit TPS 001 Ngadisari/ }).waitFor();
      const list = (await (await context.request.get('/api/voters/tps/1')).json()) as TpsVoterList;
      const prefix = list.voters[0]?.nik.slice(0, 6) ?? '';
      await page.getByRole('button', { name: 'Tambah pemilih baru' }).click();
      // Sex, marital status and KTP-el are choices of their codes; the birth date a date picker.
      expect(await page.locator('#baru-birthDate').getAttribute('type')).toBe('date');
      const sex = page.getByLabel('Jenis kelamin', { exact: true });
      expect(await sex.locator('option').allTextContents()).toEqual(['Laki-laki', 'Perempuan']);
      expect(
        await page.getByLabel('Status kawin', { exact: true }).locator('option').allTextContents(),
      ).toEqual(['Belum kawin', 'Kawin', 'Pernah kawin']);
      await page
        .getByLabel('NIK', { exact: true })
        .fill(composeNik(prefix, '2007-10-01', 'P', 9871));
      await page.getByLabel('NKK', { exact: true }).fill('3513011203150099');
      await page.getByLabel('Nama', { exact: true }).fill('Sinta Rahmawati');
      await page.getByLabel('Tempat lahir', { exact: true }).fill('Probolinggo');
      await page.getByLabel('Tanggal lahir', { exact: true }).fill('2007-10-01');
      await sex.selectOption({ label: 'Perempuan' });
      await page
        .getByLabel('KTP-el', { exact: true })
        .selectOption({ label: 'Belum punya KTP-el' });
      await page.getByLabel('Alamat', { exact: true }).fill('Dusun Krajan');
      await page.getByLabel('RT', { exact: true }).fill('1');
      await page.getByLabel('RW', { exact: true }).fill('2');
      await page.getByRole('button', { name: 'Simpan pemilih baru' }).click();
      await page
        .getByText('Sinta Rahmawati dicatat sebagai pemilih baru.', { exact: false })
        .waitFor();
      const after = (await (await context.request.get('/api/voters/tps/1')).json()) as TpsVoterList;
      expect(after.voters.find((v) => v.name === 'Sinta Rahmawati')).toMatchObject({
        source: 'baru',
        sex: 'P',
        marital: 'B',
        ktpEl: 'B',
        birthDate: '2007-10-01',
      });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
