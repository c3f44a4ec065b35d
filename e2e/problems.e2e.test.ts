/**
 * Lapor cepat, field problems ("Done when" of issue 5): a member of the
 * public reports missing ballot boxes at Ngadisari and keeps a tracking code;
 * the PPS of Ngadisari reports the same logistics problem at TPS 001 on a
 * phone and sees the public report as a possible duplicate; the desk's page,
 * open meanwhile, shows the new high-severity report by itself; the Korwil
 * (korwil1) accepts it, refers it to KPU with a reference number and merges
 * the public report into it; the desk (ketua.desk) settles it with a note;
 * the Bupati's summary counts it as settled; the public tracking code shows
 * the settled status.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, openPage, PHONE, type OpenedPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn, mainMenu } from './sign-in.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

async function fillPlaceAndProblem(
  page: Page,
  options: { severity: string; description: string; tps?: string },
): Promise<void> {
  await page.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Logistik' });
  await page
    .getByLabel('Tingkat keparahan', { exact: true })
    .selectOption({ label: options.severity });
  await page.getByLabel('Kecamatan', { exact: true }).selectOption({ label: 'Sukapura' });
  await page.getByLabel('Desa/kelurahan', { exact: true }).selectOption({ label: 'Ngadisari' });
  if (options.tps !== undefined) {
    await page
      .getByLabel('TPS (bila di TPS)', { exact: true })
      .selectOption({ label: options.tps });
  }
  await page.getByLabel('Uraian masalah', { exact: true }).fill(options.description);
}

describe('field problems: report, refer, settle, summarise, track', () => {
  const demo = useDemo();

  it('follows a logistics problem from the PPS and the public to the Bupati’s summary', async () => {
    const opened: OpenedPage[] = [];
    const open = async (viewport: { width: number; height: number } = DESKTOP) => {
      const o = await openPage(demo.browser, demo.url, viewport);
      opened.push(o);
      return o.page;
    };
    try {
      // 1. The public, without an account, on a phone.
      const citizen = await open(PHONE);
      await citizen.goto('/lapor');
      await citizen.getByRole('heading', { name: 'Lapor masalah Pilkada' }).waitFor();
      await fillPlaceAndProblem(citizen, {
        severity: 'Sedang',
        description: 'Kotak suara untuk TPS di Ngadisari belum datang',
      });
      await citizen.getByLabel('Nomor telepon (boleh dikosongkan)').fill('081234567890');
      await citizen.getByRole('button', { name: 'Kirim laporan' }).click();
      const codeText = await citizen.locator('strong.code').textContent();
      const trackingCode = (codeText ?? '').trim();
      expect(trackingCode).toMatch(/^LP-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await citizen.getByRole('link', { name: 'Lacak status laporan' }).click();
      await expect.poll(() => citizen.getByTestId('status-laporan').textContent()).toBe('Baru');
      expect(await citizen.locator('main').textContent()).not.toContain('081234567890');

      // 2. The desk's page is open before the PPS reports.
      const desk = await open();
      await signIn(desk, 'ketua.desk');
      await desk.goto('/masalah');
      await desk.getByText('Langsung: laporan baru muncul otomatis').waitFor();

      // 3. The PPS of Ngadisari, on a phone.
      const pps = await open(PHONE);
      await signIn(pps, 'pps.ngadisari');
      await (await mainMenu(pps)).getByRole('link', { name: 'Masalah', exact: true }).click();
      await pps.getByRole('link', { name: 'Lapor masalah' }).click();
      await pps.getByRole('heading', { name: 'Lapor masalah' }).waitFor();
      // Missing category: refused on the page, nothing sent.
      await pps.getByRole('button', { name: 'Kirim laporan' }).click();
      await pps.getByText('Pilih kategori masalah.').waitFor();
      await fillPlaceAndProblem(pps, {
        severity: 'Tinggi',
        description: 'Kotak suara TPS 001 belum tiba, pemungutan mulai 07.00',
        tps: 'TPS 001',
      });
      await pps
        .getByLabel('Foto (boleh dikosongkan)')
        .setInputFiles({ name: 'kotak-suara.png', mimeType: 'image/png', buffer: PNG });
      const sentAt = Date.now();
      await pps.getByRole('button', { name: 'Kirim laporan' }).click();
      await pps.getByRole('heading', { name: 'Laporan terkirim' }).waitFor();
      await pps.getByText('Foto terkirim.').waitFor();
      await pps.getByText('Ada laporan serupa').waitFor();
      const href = await pps.getByRole('link', { name: 'Lihat laporan' }).getAttribute('href');
      const id = Number(/\/masalah\/(\d+)$/.exec(href ?? '')?.[1]);
      expect(id).toBeGreaterThan(0);

      // 4. The desk sees it arrive without reloading.
      await desk.getByRole('link', { name: `Laporan #${String(id)} (Tinggi)` }).waitFor();
      expect(Date.now() - sentAt).toBeLessThan(5_000);

      // 5. The Korwil accepts it and refers it to KPU with a reference number.
      const korwil = await open();
      await signIn(korwil, 'korwil1');
      await korwil.goto('/masalah');
      await korwil.getByRole('link', { name: `#${String(id)}`, exact: true }).click();
      await korwil.getByRole('heading', { name: `#${String(id)} Logistik` }).waitFor();
      const photos = korwil.getByRole('list', { name: 'Foto masalah' }).getByRole('button');
      expect(await photos.count()).toBe(1);
      // The photo opens in the viewer (scope-checked route), full size.
      await photos.first().click();
      const viewer = korwil.getByRole('dialog', { name: /^Foto 1 laporan / });
      await expect
        .poll(() =>
          viewer
            .getByTestId('photo-image')
            .evaluate((img) => (img as HTMLImageElement).naturalWidth),
        )
        .toBeGreaterThan(0);
      await viewer.getByRole('button', { name: 'Tutup' }).click();
      await viewer.waitFor({ state: 'hidden' });
      await korwil.getByRole('button', { name: 'Terima', exact: true }).click();
      await expect.poll(() => korwil.getByTestId('status-masalah').textContent()).toBe('Diterima');
      await korwil.getByRole('radio', { name: 'Teruskan' }).check();
      // Closing is not offered before the case is handled or referred.
      expect(await korwil.getByRole('radio', { name: 'Selesaikan' }).count()).toBe(0);
      await korwil.getByLabel('Instansi tujuan').selectOption({ label: 'KPU Kabupaten' });
      await korwil.getByLabel('Nomor surat/rujukan').fill('045/PL.02-SD/3513/2024');
      await korwil.getByLabel('Catatan (boleh dikosongkan)').fill('Logistik tanggung jawab KPU');
      await korwil.getByRole('button', { name: 'Teruskan', exact: true }).click();
      await expect
        .poll(() => korwil.getByTestId('status-masalah').textContent())
        .toBe('Diteruskan');
      await korwil.getByText('nomor 045/PL.02-SD/3513/2024').first().waitFor();

      // The public report is the same case: the Korwil merges it into this one.
      await korwil.goto('/masalah');
      const publicRow = korwil.locator('tr', { hasText: 'Kotak suara untuk TPS di Ngadisari' });
      await publicRow.getByRole('link').first().click();
      await korwil.getByRole('heading', { name: 'Kemungkinan laporan ganda' }).waitFor();
      await korwil.getByRole('radio', { name: 'Gabungkan' }).check();
      await korwil.getByLabel('Gabungkan ke laporan').selectOption({ value: String(id) });
      await korwil.getByRole('button', { name: 'Gabungkan', exact: true }).click();
      await expect.poll(() => korwil.getByTestId('status-masalah').textContent()).toBe('Digabung');

      // 6. The desk settles it; a note is required.
      await desk.goto(`/masalah/${String(id)}`);
      await desk.getByRole('radio', { name: 'Selesaikan' }).check();
      await desk.getByRole('button', { name: 'Selesaikan', exact: true }).click();
      await desk.getByText('Tuliskan catatan penyelesaian.').waitFor();
      expect(await desk.getByTestId('status-masalah').textContent()).toBe('Diteruskan');
      await desk
        .getByLabel('Catatan penyelesaian (wajib)')
        .fill('KPU mengirim kotak suara pukul 06.30; pemungutan tepat waktu');
      await desk.getByRole('button', { name: 'Selesaikan', exact: true }).click();
      await expect.poll(() => desk.getByTestId('status-masalah').textContent()).toBe('Selesai');
      const history = await desk.locator('.timeline').textContent();
      expect(history).toContain('PPS Ngadisari');
      expect(history).toContain('Koordinator Korwil I');
      expect(history).toContain('Diterima → Diteruskan');
      expect(history).toContain('Diteruskan → Selesai');

      // 7. The Bupati's summary counts it as settled.
      const bupati = await open();
      await signIn(bupati, 'bupati');
      await (await mainMenu(bupati)).getByRole('link', { name: 'Masalah', exact: true }).click();
      await bupati.getByRole('link', { name: 'Ringkasan untuk Bupati' }).click();
      await expect.poll(() => bupati.getByTestId('ringkasan-selesai').textContent()).toBe('1');
      await bupati.getByText('1 masalah telah selesai ditangani').waitFor();

      // 8. The public tracking code shows the settled case.
      await citizen.goto(`/lapor/lacak?kode=${trackingCode}`);
      await expect
        .poll(() => citizen.getByTestId('status-laporan').textContent())
        .toBe('Selesai (digabung dengan laporan serupa)');

      // 9. The desk adds a category; a respond target beyond the settle target is refused.
      await desk.goto('/masalah');
      await desk.getByText('Pengaturan kategori dan batas waktu').click();
      await desk
        .getByLabel('Kode kategori baru (huruf kecil, angka, garis bawah)')
        .fill('listrik_padam');
      await desk.getByLabel('Nama kategori baru').fill('Listrik padam');
      await desk.getByLabel('Darurat: ditanggapi dalam').fill('48');
      await desk.getByRole('button', { name: 'Simpan pengaturan' }).click();
      await desk.getByText('Batas tanggapan Darurat (48 jam) melebihi').waitFor();
      await desk.getByLabel('Darurat: ditanggapi dalam').fill('2');
      await desk.getByRole('button', { name: 'Simpan pengaturan' }).click();
      await desk.getByText('Pengaturan disimpan.').waitFor();
      await citizen.goto('/lapor');
      await citizen
        .getByLabel('Kategori', { exact: true })
        .selectOption({ label: 'Listrik padam' });

      for (const o of opened) expect(o.problems).toEqual([]);
    } finally {
      for (const o of opened) await o.context.close();
    }
  }, 120_000);
});
