/**
 * Voter data, end to end: the KPU operator imports a small DP4 with bad rows
 * and downloads the rejection report; the admin reopens coklit; the Pantarlih
 * of Ngadisari TPS 001, on a phone, records MS (and is given the household's
 * sticker number), photographs the house, records U, TMS-1 and a new voter; the
 * PPS sees the desa's progress and compiles the DPS, which reflects them; the
 * public lookup finds a voter with the NIK masked; a member of the public
 * comments on the DPS, the PPS sees and resolves it, the public tracks it.
 */
import { readFile } from 'node:fs/promises';
import { TEST_JPEG, TEST_PNG } from '../src/server/testing/images.ts';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn, mainMenu } from './sign-in.ts';
import { DP4_COLUMNS } from '../src/domain/voters/dp4.ts';
import { composeNik } from '../src/domain/voters/nik.ts';

const NGADISARI = '35.13.01.2001';
/** A tiny JPEG (the server checks the type and size, not the picture). */
const HOUSE_PHOTO = TEST_JPEG;

function row(name: string, serial: number, over: Partial<Record<string, string>> = {}): string {
  const birth = over.birth ?? '1988-03-12';
  const sex = (over.jenis_kelamin ?? 'L') as 'L' | 'P';
  const v: Record<string, string> = {
    nkk: '3513011203150004',
    nik: composeNik('351301', birth, sex, serial),
    nama: name,
    tempat_lahir: 'Probolinggo',
    tanggal_lahir: birth,
    status_kawin: 'S',
    jenis_kelamin: sex,
    alamat: 'Dusun Krajan',
    rt: '1',
    rw: '1',
    disabilitas: '',
    ktp_el: 'S',
    keterangan: '',
    kode_desa: NGADISARI,
    tps: '1',
    ...over,
  };
  return DP4_COLUMNS.map((c) => v[c] ?? '').join(',');
}

const DP4 = [
  DP4_COLUMNS.join(','),
  row('Agus Salim', 1),
  row('Bambang Irawan', 2),
  row('Citra Lestari', 3, { jenis_kelamin: 'P' }),
  row('Dedi Kurniawan', 4, { jenis_kelamin: 'P', nik: composeNik('351301', '1988-03-12', 'L', 4) }), // line 5: sex
  row('Eko Prasetyo', 5, { tps: '42' }), // line 6: no such TPS
  row('Agus Salim', 1), // line 7: duplicate NIK
].join('\n');

async function statusOf(page: Page, name: string): Promise<string> {
  const item = page.locator('li').filter({ has: page.getByRole('button', { name, exact: true }) });
  return (await item.locator('.badge').first().textContent()) ?? '';
}

describe('voter data: DP4 import, coklit, DPS, cek DPT', () => {
  // Without the sample activity: Ngadisari has no voters until this import,
  // and the coklit window is closed by the 2024 calendar.
  const demo = useDemo({ activity: false });

  it('imports, records coklit on a phone, compiles the DPS, finds a voter publicly and takes a public comment', async () => {
    const operator = await openPage(demo.browser, demo.url, DESKTOP);
    const pantarlih = await openPage(demo.browser, demo.url);
    const pps = await openPage(demo.browser, demo.url, DESKTOP);
    const publik = await openPage(demo.browser, demo.url);
    try {
      // The operator imports the DP4 and downloads the rejection report.
      let page = operator.page;
      await signIn(page, 'operator.kpu');
      await (
        await mainMenu(page)
      )
        .getByRole('link', { name: 'Daftar pemilih', exact: true })
        .click();
      await page.getByRole('link', { name: 'Impor DP4', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Impor DP4' }).waitFor();
      await page.getByLabel('Berkas DP4').setInputFiles({
        name: 'dp4-ngadisari.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(DP4),
      });
      await page.getByRole('button', { name: 'Impor', exact: true }).click();
      const result = page.getByTestId('import-result');
      await result.getByRole('heading', { name: 'Impor selesai' }).waitFor();
      expect(await result.textContent()).toContain('6 baris dibaca, 3 disimpan, 3 ditolak');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        result.getByRole('link', { name: /Unduh laporan/ }).click(),
      ]);
      const report = await readFile(await download.path(), 'utf8');
      const lines = report.replace('\ufeff', '').trim().split('\r\n');
      expect(lines[0]).toBe('baris;kolom;alasan');
      expect(lines.slice(1).map((l) => l.split(';').slice(0, 2).join(';'))).toEqual([
        '5;jenis_kelamin',
        '6;tps',
        '7;nik',
      ]);

      // Outside the coklit window the Pantarlih is told so, and who may open
      // it; recording is not offered (no form, no "Tambah pemilih baru").
      await signIn(pantarlih.page, 'pantarlih.ngadisari.1', { next: '/coklit/1' });
      await pantarlih.page.getByText(/Di luar masa coklit/).waitFor();
      await pantarlih.page.getByText(/Hanya admin yang dapat membuka kembali/).waitFor();
      await pantarlih.page.getByRole('button', { name: 'Agus Salim', exact: true }).click();
      await pantarlih.page.getByRole('link', { name: 'Riwayat' }).waitFor();
      expect(
        await pantarlih.page.getByRole('button', { name: 'Tambah pemilih baru' }).count(),
      ).toBe(0);
      expect(
        await pantarlih.page.getByRole('button', { name: 'Simpan', exact: true }).count(),
      ).toBe(0);
      expect(await pantarlih.page.getByLabel('MS ✓').count()).toBe(0);
      await pantarlih.context.clearCookies();

      // The admin reopens the coklit window (the demo calendar's coklit is in 2024).
      await page.context().clearCookies();
      await signIn(page, 'admin', { next: '/pemilih' });
      await page.getByText(/Masa coklit:/).click();
      await page.getByLabel('Alasan membuka kembali').fill('Coklit susulan Ngadisari');
      await page.getByLabel('Sampai tanggal').fill('2099-12-31');
      await page.getByRole('button', { name: 'Buka kembali masa coklit' }).click();
      await page.getByText(/dibuka kembali sampai 31 Desember 2099/).waitFor();

      // The Pantarlih, on a 360 px phone.
      page = pantarlih.page;
      await signIn(page, 'pantarlih.ngadisari.1');
      await (await mainMenu(page)).getByRole('link', { name: 'Coklit', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: /Coklit TPS 001 Ngadisari/ }).waitFor();
      // The heading can show before the voter list has loaded.
      await page.getByText('351301********0001').waitFor();
      expect(await page.getByText('351301********0001').count()).toBe(1);
      expect(await page.getByText(composeNik('351301', '1988-03-12', 'L', 1)).count()).toBe(0);

      // The free-text sticker field is gone: the server issues the number.
      await page.getByRole('button', { name: 'Agus Salim', exact: true }).click();
      expect(await page.getByLabel('Nomor stiker coklit').count()).toBe(0);
      await page.getByLabel('MS ✓').check();
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await expect.poll(() => statusOf(page, 'Agus Salim')).toBe('MS');
      const household = page.getByTestId('household-351301********0004');
      await household
        .getByText(
          `Stiker rumah: ${NGADISARI}/001/0001 (nomor baru — tulis pada stiker rumah ini).`,
        )
        .waitFor();
      expect(await household.getByText('belum ada foto').count()).toBe(1);
      // The house with its sticker, photographed from the phone.
      await household.getByLabel('Foto rumah').setInputFiles({
        name: 'rumah.jpg',
        mimeType: 'image/jpeg',
        buffer: HOUSE_PHOTO,
      });
      await household.getByText('Foto rumah terkirim.').waitFor();
      await household.getByText('1 foto').waitFor();
      // Without signal a second photo waits on the phone, and goes by itself when the signal returns.
      await pantarlih.context.setOffline(true);
      await household.getByLabel('Foto rumah').setInputFiles({
        name: 'rumah-2.png',
        mimeType: 'image/png',
        buffer: TEST_PNG,
      });
      await household
        .getByText('Foto rumah disimpan di perangkat dan dikirim saat ada sinyal.')
        .waitFor();
      await page.getByText('1 menunggu dikirim').waitFor();
      await pantarlih.context.setOffline(false);
      await page.getByText('1 menunggu dikirim').waitFor({ state: 'detached', timeout: 30_000 });

      await page.getByRole('button', { name: 'Bambang Irawan', exact: true }).click();
      await page.getByLabel('U (ubah data)').check();
      await page.getByLabel(/^Alamat \(sekarang/).fill('Dusun Sumberwaru');
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await expect.poll(() => statusOf(page, 'Bambang Irawan')).toBe('U');
      // The list reloaded after the record: both photos of the house are on the server.
      await household.getByText('2 foto').waitFor();
      // They can be looked at: thumbnails that open the viewer.
      await household.getByRole('button', { name: 'Lihat foto rumah' }).click();
      const thumbs = household
        .getByRole('list', { name: `Foto rumah ${NGADISARI}/001/0001` })
        .getByRole('button');
      await expect.poll(() => thumbs.count()).toBe(2);
      await thumbs.first().click();
      const viewer = page.getByRole('dialog', { name: `Foto 1 rumah ${NGADISARI}/001/0001` });
      expect(await viewer.locator('img, [role="alert"]').count()).toBe(1);
      await viewer.getByRole('button', { name: 'Tutup' }).click();
      await viewer.waitFor({ state: 'hidden' });

      await page.getByRole('button', { name: 'Citra Lestari', exact: true }).click();
      await page.getByLabel('TMS', { exact: true }).check();
      await page.getByLabel('Alasan TMS').selectOption('1');
      await page.getByRole('button', { name: 'Simpan', exact: true }).click();
      await expect.poll(() => statusOf(page, 'Citra Lestari')).toBe('TMS-1');

      await page.getByRole('button', { name: 'Tambah pemilih baru' }).click();
      const baru: Record<string, string> = {
        NIK: composeNik('351301', '2007-09-01', 'P', 77),
        NKK: '3513011203150004',
        Nama: 'Fitri Handayani',
        'Tempat lahir': 'Probolinggo',
        'Tanggal lahir': '2007-09-01',
        Alamat: 'Dusun Krajan',
        RT: '1',
        RW: '1',
      };
      const form = page
        .locator('form')
        .filter({ has: page.getByRole('button', { name: 'Simpan pemilih baru' }) });
      for (const [label, value] of Object.entries(baru)) {
        await form.getByLabel(label, { exact: true }).fill(value);
      }
      // Sex, marital status and KTP-el are choices (as in a U).
      await form.getByLabel('Jenis kelamin', { exact: true }).selectOption({ label: 'Perempuan' });
      await form.getByLabel('Status kawin', { exact: true }).selectOption({ label: 'Belum kawin' });
      await form.getByRole('button', { name: 'Simpan pemilih baru' }).click();
      // Same family card: the household's sticker number again, not a new one.
      await page
        .getByText(
          `Fitri Handayani dicatat sebagai pemilih baru. Stiker rumah: ${NGADISARI}/001/0001`,
        )
        .waitFor();
      await expect.poll(() => statusOf(page, 'Fitri Handayani')).toBe('Baru');
      expect(await page.getByTestId('coklit-summary').textContent()).toContain(
        '3 dari 3 pemilih DP4 sudah dicoklit; 1 pemilih baru; 1 rumah tangga berstiker',
      );
      // Phone-sized: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        360,
      );

      // The PPS sees the desa's progress, then compiles the DPS.
      page = pps.page;
      await signIn(page, 'pps.ngadisari');
      await (
        await mainMenu(page)
      )
        .getByRole('link', { name: 'Daftar pemilih', exact: true })
        .click();
      const counts = page.getByTestId('progress-counts');
      await counts.waitFor();
      const text = (await counts.textContent()) ?? '';
      expect(text).toContain('DP43');
      expect(text).toContain('Dicoklit (100 %)3');
      expect(text).toContain('MS1');
      expect(text).toContain('U (data diubah)1');
      expect(text).toContain('TMS1');
      expect(text).toContain('Pemilih baru1');
      expect(text).toContain('Dalam daftar3');
      expect(text).toContain('Rumah tangga berstiker1');
      expect(text).toContain('Rumah tangga berfoto1');
      // The Pantarlih's work: four records (MS, U, TMS-1, new voter).
      const officer = page.getByTestId('officer-table').getByRole('row', { name: /pantarlih/ });
      expect(await officer.getByRole('cell').allTextContents()).toEqual([
        'pantarlih.ngadisari.1',
        '4',
        expect.stringMatching(/^\d$/),
        expect.stringMatching(/^\d rumah tangga$/),
        expect.stringMatching(/^\d{1,2} \w+ 20\d\d,? \d\d[.:]\d\d WIB$/),
        expect.stringMatching(/WIB$/),
      ]);
      await page.getByRole('link', { name: /DPS, DPT, tanggapan/ }).click();
      await page.getByRole('button', { name: 'Susun DPS dari hasil coklit' }).click();
      await page
        .getByTestId('list-dps')
        .getByText(/Versi 1: 3 pemilih \(2 laki-laki, 1 perempuan\)/)
        .waitFor();
      const recap = page.getByTestId('recap-table');
      await recap.getByRole('cell', { name: 'TPS 001' }).waitFor();
      expect(await recap.locator('tbody tr').last().textContent()).toBe('Jumlah213');
      // The lineage of the changed voter is one click away from the coklit page.
      await page.goto(`/coklit/1`);
      await page.getByRole('button', { name: 'Bambang Irawan', exact: true }).click();
      await page.getByRole('link', { name: 'Riwayat' }).click();
      const lineage = page.getByTestId('lineage');
      await lineage.getByText('Coklit: U (data diubah)').waitFor();
      expect(await lineage.textContent()).toContain('Alamat: Dusun Krajan → Dusun Sumberwaru');
      expect(await lineage.textContent()).toContain(`stiker rumah ${NGADISARI}/001/0001`);
      expect(await lineage.textContent()).toContain('Masuk DPS versi 1, TPS 001');

      // The public lookup: TPS and desa, NIK masked.
      page = publik.page;
      await page.goto('/cek-dpt');
      await page.getByLabel('NIK').fill(composeNik('351301', '1988-03-12', 'L', 2));
      await page.getByLabel('Huruf awal nama').fill('Bam');
      await page.getByRole('button', { name: 'Cari' }).click();
      const answer = page.getByTestId('cek-dpt-answer');
      await answer.getByText('Anda terdaftar di DPS (DPT belum ditetapkan).').waitFor();
      const shown = (await answer.textContent()) ?? '';
      expect(shown).toContain('351301********0002');
      expect(shown).toContain('TPS 001, Desa/Kelurahan Ngadisari, Kecamatan Sukapura');
      expect(shown).not.toContain('Bambang');

      // A member of the public comments on the desa's DPS, from the cek DPT page, without signing in.
      await page.getByRole('link', { name: 'Kirim tanggapan atas DPS' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Tanggapan masyarakat atas DPS' })
        .waitFor();
      await page.getByLabel('Kecamatan').selectOption({ label: 'Sukapura' });
      await page.getByLabel('Desa/Kelurahan').selectOption({ label: 'Ngadisari' });
      await page.getByLabel('Belum terdaftar di DPS').check();
      await page
        .getByLabel('Uraian')
        .fill('Anak saya Rina, RT 1 RW 1, sudah 17 tahun tetapi belum ada di DPS.');
      await page.getByLabel('Nama Anda (boleh dikosongkan)').fill('Sulastri');
      await page.getByLabel('Nomor telepon atau surel (boleh dikosongkan)').fill('0812-1111-2222');
      await page.getByRole('button', { name: 'Kirim tanggapan' }).click();
      await page.getByRole('heading', { name: 'Terima kasih, tanggapan Anda diterima' }).waitFor();
      const trackingCode = (await page.locator('strong.code').textContent()) ?? '';
      expect(trackingCode).toMatch(/^TG-\w{4}-\w{4}$/);

      // The PPS sees it with its source and resolves it.
      page = pps.page;
      await page.goto(`/pemilih/desa/${NGADISARI}`);
      const comment = page
        .locator('li.card')
        .filter({ hasText: 'Anak saya Rina, RT 1 RW 1, sudah 17 tahun' });
      await comment.waitFor();
      expect(await comment.textContent()).toContain('Dari masyarakat (daring)');
      expect(await comment.textContent()).toContain('(dari Sulastri) · kontak 0812-1111-2222');
      page.once('dialog', (d) => void d.accept('Didaftarkan sebagai pemilih baru pada DPSHP.'));
      await comment.getByRole('button', { name: 'Terima' }).click();
      await comment.getByText('Didaftarkan sebagai pemilih baru pada DPSHP.').waitFor();

      // The public lookup shows the status and resolution only.
      page = publik.page;
      await page.getByRole('link', { name: 'Lacak status tanggapan' }).click();
      const status = page.getByTestId('tanggapan-status');
      await status.getByText('Diterima PPS').waitFor();
      const seen = (await status.textContent()) ?? '';
      expect(seen).toContain('Penyelesaian: Didaftarkan sebagai pemilih baru pada DPSHP.');
      expect(seen).not.toContain('Sulastri');
      expect(seen).not.toContain('Rina');

      for (const o of [operator, pantarlih, pps, publik]) expect(o.problems).toEqual([]);
    } finally {
      await Promise.all([operator, pantarlih, pps, publik].map((o) => o.context.close()));
    }
  });
});
