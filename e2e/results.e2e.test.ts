/**
 * Lapor cepat, results: the KPPS of Ngadisari TPS 001 fills in the Pilbup
 * C.Hasil-KWK on a phone, sees a wrong sum named next to its field, fixes it
 * and sends version 1; the desk's dashboard (opened before) shows the new
 * totals without a reload; the PPK verifies; the KPPS sends a correction with
 * a reason and the history shows both versions. Photos: the same photo at a
 * second TPS is flagged. The public page shows provisional totals to anyone.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DESKTOP, openPage, type OpenedPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn, mainMenu } from './sign-in.ts';
import { FIGURES } from './chasil-figures.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function voteInput(page: Page, ballot: number): Locator {
  return page.getByLabel(new RegExp(`^Suara paslon nomor urut ${String(ballot)}:`));
}

/** The texts of the elements an input's aria-describedby points at. */
async function describedBy(page: Page, input: Locator): Promise<string> {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

/** Fills the whole form: FIGURES, then each pair's votes and the tallies. */
async function fillForm(page: Page, votes: readonly number[], invalid = 10): Promise<void> {
  for (const [label, value] of Object.entries(FIGURES)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  for (const [i, v] of votes.entries()) await voteInput(page, i + 1).fill(String(v));
  const valid = votes.reduce((a, b) => a + b, 0);
  await page.getByLabel('IV.A Jumlah seluruh suara sah', { exact: true }).fill(String(valid));
  await page.getByLabel('IV.B Jumlah suara tidak sah', { exact: true }).fill(String(invalid));
  await page
    .getByLabel('IV.C Jumlah seluruh suara sah dan tidak sah', { exact: true })
    .fill(String(valid + invalid));
}

function tile(page: Page, label: string): Locator {
  return page.getByTestId(`tile-${label}`).locator('dd');
}

async function close(...opened: OpenedPage[]): Promise<void> {
  await Promise.all(opened.map((o) => o.context.close()));
}

describe('results: C.Hasil entry, live dashboard, verification, correction', () => {
  const demo = useDemo();

  it('KPPS submits and corrects; the desk sees it live; the PPK verifies', async () => {
    const desk = await openPage(demo.browser, demo.url, DESKTOP);
    const kpps = await openPage(demo.browser, demo.url);
    const ppk = await openPage(demo.browser, demo.url);
    try {
      // The desk's dashboard is open on Ngadisari before anything is sent.
      await signIn(desk.page, 'bupati', { next: '/hasil?kode=35.13.01.2001' });
      await desk.page.getByRole('heading', { level: 1, name: 'Ngadisari' }).waitFor();
      await desk.page.getByTestId('live-state').filter({ hasText: 'Langsung' }).waitFor();
      await desk.page.getByRole('link', { name: 'Pilbup', exact: false }).first().waitFor();
      expect(await tile(desk.page, 'Hasil diterima').textContent()).toContain('0/4');
      await desk.page.getByTestId('provisional-label').waitFor();
      // A mark that a reload would wipe out.
      await desk.page.evaluate(() => {
        (window as unknown as { deskMark: number }).deskMark = 1;
      });

      // The KPPS, on a 360 px phone: its TPS, then the Pilbup form.
      const page = kpps.page;
      await signIn(page, 'kpps.ngadisari.1');
      await page.waitForURL(/\/tps\/1$/);
      const open = page.getByRole('link', { name: 'Isi C.Hasil Pilbup', exact: true });
      await open.click();
      await page.waitForURL(/\/tps\/1\/hasil\/2$/);
      await page.getByRole('heading', { level: 1, name: 'C.Hasil Pilbup' }).waitFor();
      const send = page.getByRole('button', { name: 'Kirim', exact: true });
      expect(await send.isDisabled()).toBe(true);

      for (const [label, value] of Object.entries(FIGURES)) {
        await page.getByLabel(label, { exact: true }).fill(value);
      }
      await voteInput(page, 1).fill('200');
      await voteInput(page, 2).fill('165');
      // One wrong sum: valid votes are not the sum of the pairs' votes.
      const valid = page.getByLabel('IV.A Jumlah seluruh suara sah', { exact: true });
      await valid.fill('366');
      await page.getByLabel('IV.B Jumlah suara tidak sah', { exact: true }).fill('10');
      await page
        .getByLabel('IV.C Jumlah seluruh suara sah dan tidak sah', { exact: true })
        .fill('375');
      await page.getByLabel('IV.C Jumlah seluruh suara sah dan tidak sah', { exact: true }).blur();

      const validField = page.locator('.field').filter({ has: valid });
      await validField
        .locator('.field-error')
        .filter({ hasText: 'Suara sah (366) harus sama dengan jumlah suara semua pilihan (365).' })
        .waitFor();
      expect(await valid.getAttribute('aria-invalid')).toBe('true');
      expect(await describedBy(page, valid)).toContain(
        'Suara sah (366) harus sama dengan jumlah suara semua pilihan (365).',
      );
      expect(await send.isDisabled()).toBe(true);
      expect(await page.locator('.submit-bar').textContent()).toMatch(/\d isian belum sesuai/);

      // Nothing sticks out sideways on the phone.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);

      // Fixed: no issue left, the form can be sent.
      await valid.fill('365');
      await page.getByText('Semua isian sudah sesuai aturan C.Hasil.').waitFor();
      expect(await validField.locator('.field-error').count()).toBe(0);
      expect(await valid.getAttribute('aria-invalid')).toBe('false');
      await send.click();
      const outcome = page.getByTestId('chasil-outcome');
      await outcome.filter({ hasText: 'versi 1' }).waitFor();
      expect(await outcome.textContent()).toContain('Menunggu verifikasi');
      // The form now corrects version 1, prefilled.
      await page.getByRole('heading', { name: 'Koreksi hasil (versi 1)' }).waitFor();
      expect(await voteInput(page, 1).inputValue()).toBe('200');

      // The desk sees the new totals without reloading.
      await expect
        .poll(() => tile(desk.page, 'Hasil diterima').textContent(), { timeout: 10_000 })
        .toContain('1/4');
      const pair1 = desk.page.getByTestId('selection-votes').first();
      await expect.poll(() => pair1.textContent(), { timeout: 10_000 }).toContain('200');
      expect(await tile(desk.page, 'Suara sah').textContent()).toContain('365');
      expect(
        await desk.page.evaluate(() => (window as unknown as { deskMark?: number }).deskMark),
      ).toBe(1);
      await desk.page.getByTestId('updated-at').waitFor();

      // The PPK verifies version 1.
      await signIn(ppk.page, 'ppk.sukapura', { next: '/tps/1/hasil/2' });
      await ppk.page.getByRole('heading', { level: 1, name: 'C.Hasil Pilbup' }).waitFor();
      await ppk.page.getByRole('heading', { name: 'Angka versi 1' }).waitFor();
      await ppk.page.getByRole('button', { name: 'Verifikasi', exact: true }).click();
      const dialog = ppk.page.getByRole('dialog', { name: 'Verifikasi versi 1' });
      await dialog.getByRole('button', { name: 'Verifikasi', exact: true }).click();
      await ppk.page
        .getByTestId('chasil-outcome')
        .filter({ hasText: 'Versi 1 diverifikasi.' })
        .waitFor();
      await ppk.page.getByTestId('chasil-status').filter({ hasText: 'Terverifikasi' }).waitFor();
      await expect
        .poll(() => tile(desk.page, 'Terverifikasi').textContent(), { timeout: 10_000 })
        .toMatch(/^1/);

      // The KPPS corrects: a reason is required first.
      await voteInput(page, 1).fill('201');
      await voteInput(page, 2).fill('164');
      const correct = page.getByRole('button', { name: 'Kirim koreksi', exact: true });
      expect(await correct.isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Tunjukkan' }).click();
      await page.getByText('Alasan koreksi wajib diisi (minimal 5 huruf).').waitFor();
      await page.getByLabel('Alasan koreksi').fill('Salah salin suara paslon 01');
      await correct.click();
      await outcome.filter({ hasText: 'versi 2' }).waitFor();
      expect(await outcome.textContent()).toContain('dikoreksi setelah diverifikasi');

      // The history: both versions, the reason with the second.
      const history = page.getByRole('list', { name: 'Riwayat versi' });
      const items = history.getByTestId('history-item');
      await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(2);
      expect(await items.nth(0).textContent()).toContain('Versi 2');
      expect(await items.nth(0).textContent()).toContain('Salah salin suara paslon 01');
      expect(await items.nth(0).textContent()).toContain('WIB');
      expect(await items.nth(1).textContent()).toContain('Versi 1');
      await items.nth(1).getByRole('button', { name: 'Lihat angka versi 1' }).click();
      await items.nth(1).getByText('Suara paslon nomor urut 1', { exact: false }).waitFor();

      // The desk: the correction arrives, with its anomaly flag.
      await expect.poll(() => pair1.textContent(), { timeout: 10_000 }).toContain('201');
      await desk.page
        .getByRole('list', { name: 'Anomali di Ngadisari' })
        .getByRole('link', { name: 'TPS 001 Ngadisari' })
        .waitFor();

      expect(desk.problems).toEqual([]);
      expect(kpps.problems).toEqual([]);
      expect(ppk.problems).toEqual([]);
    } finally {
      await close(desk, kpps, ppk);
    }
  });

  it('a resend after a lost answer reuses the client id: one version, not two', async () => {
    const kpps = await openPage(demo.browser, demo.url);
    try {
      const page = kpps.page;
      await signIn(page, 'kpps.ngadisari.1', { next: '/tps/1/hasil/1' });
      await page.getByRole('heading', { level: 1, name: 'C.Hasil Pilgub' }).waitFor();
      await fillForm(page, [150, 120, 95]);
      await page.getByText('Semua isian sudah sesuai aturan C.Hasil.').waitFor();

      // A refusal by the server shows next to the field it names (`form.valid` → IV.A).
      const clientIds: string[] = [];
      let answered = 0;
      await page.route('**/api/results', async (route) => {
        const body = route.request().postDataJSON() as { clientId: string };
        clientIds.push(body.clientId);
        answered += 1;
        if (answered === 1) {
          await route.fulfill({
            status: 422,
            json: {
              error: {
                code: 'chasil.valid_ne_sum_of_votes',
                message: 'Suara sah menurut server tidak cocok (uji).',
                field: 'form.valid',
              },
            },
          });
          return;
        }
        if (answered === 2) {
          // The answer is lost on the way back (the server did accept it).
          await route.fetch();
          await route.abort('failed');
          return;
        }
        await route.continue();
      });
      const send = page.getByRole('button', { name: 'Kirim', exact: true });
      await send.click();
      const valid = page.getByLabel('IV.A Jumlah seluruh suara sah', { exact: true });
      await page
        .locator('.field')
        .filter({ has: valid })
        .getByText('Suara sah menurut server tidak cocok (uji).')
        .waitFor();
      expect(await valid.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => valid.evaluate((el) => el === document.activeElement)).toBe(true);
      // Editing the field clears the server's message.
      await valid.fill('');
      await valid.fill('365');
      expect(await page.getByText('Suara sah menurut server tidak cocok (uji).').count()).toBe(0);

      // The lost answer: the submission waits in the device's queue, which
      // sends it again by itself, under the same client id.
      await send.click();
      const outcome = page.getByTestId('chasil-outcome');
      await outcome.filter({ hasText: 'Kiriman dari antrean sudah diterima server.' }).waitFor();
      await page.getByTestId('chasil-status').filter({ hasText: 'versi 1' }).waitFor();
      // The same figures, so the same client id all along.
      expect(clientIds).toHaveLength(3);
      expect(new Set(clientIds).size).toBe(1);
      const items = page.getByRole('list', { name: 'Riwayat versi' }).getByTestId('history-item');
      await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(1);
      expect(kpps.problems).toEqual([]);
    } finally {
      await kpps.context.close();
    }
  });

  it('the dashboard drills down from the regency to a desa and its TPS list', async () => {
    const desk = await openPage(demo.browser, demo.url);
    try {
      const page = desk.page;
      await signIn(page, 'ketua.desk', { next: '/hasil' });
      await page.getByRole('heading', { level: 1, name: 'Kabupaten Probolinggo' }).waitFor();
      await page.getByRole('table', { name: 'Jumlah per Korwil' }).waitFor();
      const kecamatan = page.getByRole('list', { name: 'Kecamatan di Kabupaten Probolinggo' });
      await expect.poll(() => kecamatan.getByTestId('region-tile').count()).toBe(24);
      // Coloured by leader, with a text label too; or by progress.
      await page
        .getByRole('list', { name: 'Keterangan warna' })
        .getByText('Paslon 01 unggul')
        .waitFor();
      const sukapura = kecamatan.getByRole('link', { name: /^Sukapura/ });
      expect(await sukapura.textContent()).toMatch(/unggul|Belum ada suara|Seri/);
      await page.getByRole('radio', { name: 'Hasil diterima' }).check();
      await page.getByRole('list', { name: 'Keterangan warna' }).getByText('Lengkap').waitFor();

      await sukapura.click();
      await page.waitForURL(/kode=35\.13\.01$/);
      await page.getByRole('heading', { level: 1, name: 'Sukapura' }).waitFor();
      // The recap of this level downloads as CSV (and XLSX) with Indonesian headers.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'CSV', exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^rekap-hasil-\d+-35\.13\.01\.csv$/);
      const stream = await download.createReadStream();
      let csv = '';
      for await (const chunk of stream) csv += String(chunk);
      expect(csv).toContain('Tingkat;Kode;Wilayah;Jumlah TPS;TPS hasil diterima');
      expect(csv).toContain('Kecamatan;35.13.01;Sukapura;');
      await page
        .getByRole('list', { name: 'Desa/kelurahan di Sukapura' })
        .getByRole('link', { name: /^Ngadisari/ })
        .click();
      await page.waitForURL(/kode=35\.13\.01\.2001$/);
      await page.getByRole('heading', { level: 1, name: 'Ngadisari' }).waitFor();
      const crumbs = page.getByRole('navigation', { name: 'Jejak wilayah' });
      await crumbs.getByRole('link', { name: 'Sukapura' }).waitFor();
      await page.getByRole('link', { name: 'Daftar TPS Ngadisari' }).click();
      await page.waitForURL(/\/wilayah\/35\.13\.01\.2001$/);
      await page.getByRole('table', { name: 'Daftar TPS Ngadisari' }).waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(desk.problems).toEqual([]);
    } finally {
      await desk.context.close();
    }
  });

  it("a Korwil member's dashboard opens at their Korwil and drills down to its kecamatan", async () => {
    const korwil = await openPage(demo.browser, demo.url);
    try {
      const page = korwil.page;
      await signIn(page, 'korwil1', { next: '/hasil' });
      await page.getByRole('heading', { level: 1, name: 'Korwil I' }).waitFor();
      const kecamatan = page.getByRole('list', { name: 'Kecamatan di Korwil I' });
      await kecamatan.getByRole('link', { name: /^Sukapura/ }).waitFor();
      // Only Korwil I's kecamatan: none of another Korwil's (Leces is in Korwil II).
      expect(await kecamatan.getByRole('link', { name: /^Leces/ }).count()).toBe(0);
      // The regency is above them in the trail but not theirs to open.
      const crumbs = page.getByRole('navigation', { name: 'Jejak wilayah' });
      await crumbs.getByText('Kabupaten Probolinggo').waitFor();
      expect(await crumbs.getByRole('link').count()).toBe(0);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'CSV', exact: true }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^rekap-hasil-\d+-korwil-\d+\.csv$/);
      await kecamatan.getByRole('link', { name: /^Sukapura/ }).click();
      await page.waitForURL(/kode=35\.13\.01$/);
      await page.getByRole('heading', { level: 1, name: 'Sukapura' }).waitFor();
      expect(korwil.problems).toEqual([]);
    } finally {
      await korwil.context.close();
    }
  });

  it('flags the same photo uploaded for two TPS', async () => {
    const kpps = await openPage(demo.browser, demo.url);
    const pps = await openPage(demo.browser, demo.url);
    try {
      await signIn(kpps.page, 'kpps.ngadisari.1', { next: '/tps/1/hasil/2' });
      await kpps.page.getByRole('heading', { level: 1, name: 'C.Hasil Pilbup' }).waitFor();
      await kpps.page
        .getByLabel('Tambah foto formulir C.Hasil yang ditandatangani')
        .setInputFiles({ name: 'chasil.png', mimeType: 'image/png', buffer: PNG });
      await kpps.page.getByText('Foto terunggah').waitFor();
      await kpps.page.getByRole('list', { name: 'Foto yang sudah diunggah' }).waitFor();

      // The PPS of the desa uploads the same picture for TPS 002.
      await signIn(pps.page, 'pps.ngadisari');
      await pps.page
        .getByRole('table', { name: 'Daftar TPS Ngadisari' })
        .getByRole('link', { name: 'TPS 002', exact: true })
        .click();
      await pps.page.waitForURL(/\/tps\/\d+$/);
      await pps.page.getByRole('link', { name: 'Isi C.Hasil Pilbup', exact: true }).click();
      await pps.page.getByRole('heading', { level: 1, name: 'C.Hasil Pilbup' }).waitFor();
      await pps.page
        .getByLabel('Tambah foto formulir C.Hasil yang ditandatangani')
        .setInputFiles({ name: 'sama.png', mimeType: 'image/png', buffer: PNG });
      await pps.page
        .getByRole('alert')
        .filter({ hasText: 'Foto yang sama juga diunggah untuk TPS lain' })
        .first()
        .waitFor();
      expect(kpps.problems).toEqual([]);
      expect(pps.problems).toEqual([]);
    } finally {
      await close(kpps, pps);
    }
  });

  it('shows provisional totals to anyone, labelled as not official', async () => {
    const visitor = await openPage(demo.browser, demo.url);
    try {
      const page = visitor.page;
      await page.goto('/masuk');
      await (
        await mainMenu(page)
      )
        .getByRole('link', { name: 'Hasil sementara', exact: true })
        .click();
      await page.waitForURL(/\/hasil-sementara$/);
      await page.getByRole('heading', { level: 1, name: 'Hasil sementara' }).waitFor();
      expect(await page.getByTestId('provisional-label').textContent()).toContain(
        'Hasil sementara, bukan hasil resmi KPU',
      );
      await expect
        .poll(() => tile(page, 'Hasil diterima').textContent(), { timeout: 10_000 })
        .toMatch(/\/1\.749/);
      const table = page.getByRole('table', { name: /Per kecamatan/ });
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(24);
      await table.getByRole('rowheader', { name: 'Sukapura' }).waitFor();
      // The Pilgub too.
      await page.getByRole('link', { name: /^Pilgub/ }).click();
      await page.waitForURL(/pemilihan=1$/);
      await page.getByRole('heading', { level: 2, name: /^Pilgub/ }).waitFor();
      expect(visitor.problems).toEqual([]);
    } finally {
      await visitor.context.close();
    }
  });
});
