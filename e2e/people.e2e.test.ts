/**
 * People: the KPU operator imports the 990 PPS of the demo from a CSV (made
 * here from the demo's desa list) after a file with a fourth member per desa
 * is refused by line; creates a Bimtek with three waves split by Korwil;
 * records attendance for wave I by ticking names and by a participant's
 * code; the recap shows who attended and the list of who is still untrained.
 * The desk's organisation page shows the demo desk with its lampiran SK.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn, mainMenu } from './sign-in.ts';
import { loadRegency } from '../src/server/setup/area-data.ts';

const HEADER = 'badan,jabatan,wilayah,tps,nama,nik,telepon,tanggal_sumpah';

/** Three PPS per desa of the demo regency, with unique names and valid NIKs. */
async function ppsCsv(): Promise<{ csv: string; rows: string[]; firstDesa: string }> {
  const area = await loadRegency('35.13');
  if (area === null) throw new Error('no area data for 35.13');
  const desa = [...area.desa].sort((a, b) => a.code.localeCompare(b.code));
  let serial = 0;
  const rows = desa.flatMap((d) =>
    [0, 1, 2].map((seat) => {
      serial += 1;
      const kec = d.code.slice(0, 8).replace(/\./g, '');
      const nik = `${kec}${String(1 + (serial % 28)).padStart(2, '0')}0790${String(serial).padStart(4, '0')}`;
      return `PPS,${seat === 0 ? 'ketua' : 'anggota'},${d.code},,PPS ${d.name} ${String(seat + 1)},${nik},,2024-05-20`;
    }),
  );
  return { csv: [HEADER, ...rows].join('\n'), rows, firstDesa: desa[0]?.code ?? '' };
}

async function go(page: Page, label: string): Promise<void> {
  await (await mainMenu(page)).getByRole('link', { name: label, exact: true }).click();
}

describe('people: rosters, Bimtek in waves, desk organisation', () => {
  const demo = useDemo();

  it('imports the 990 PPS, runs a three-wave Bimtek and shows who is untrained', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      const { csv, rows, firstDesa } = await ppsCsv();
      expect(rows).toHaveLength(990);
      await signIn(page, 'operator.kpu');
      await go(page, 'Badan adhoc');
      await page.waitForURL(/\/badan-adhoc$/);
      const counts = page.getByRole('region', { name: 'Kelengkapan' });
      await counts.getByText('0/990', { exact: true }).waitFor();

      // A fourth PPS in a desa: refused with its line, nothing stored.
      const file = page.getByLabel('Berkas CSV');
      const extra = `PPS,anggota,${firstDesa},,Orang Keempat,3513011205880991,,`;
      await file.setInputFiles({
        name: 'pps-salah.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(`${csv}\n${extra}\n`),
      });
      await page.getByText('991 baris data dibaca.').waitFor();
      await page.getByRole('button', { name: 'Impor', exact: true }).click();
      const report = page.getByRole('alert').filter({ hasText: 'tidak ada yang disimpan' });
      await report.waitFor();
      await report.getByRole('cell', { name: '992', exact: true }).waitFor();
      await report.getByText(/hanya punya 3 kursi/).waitFor();
      await counts.getByText('0/990', { exact: true }).waitFor();

      await file.setInputFiles({ name: 'pps.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByText('990 baris data dibaca.').waitFor();
      await page.getByRole('button', { name: 'Periksa', exact: true }).click();
      await page.getByText('Berkas benar: 990 baris siap diimpor.').waitFor();
      await page.getByRole('button', { name: 'Impor', exact: true }).click();
      await page.getByText('990 orang tersimpan.').waitFor({ timeout: 60_000 });
      await counts.getByText('990/990', { exact: true }).waitFor();

      // A Bimtek with three waves, one per Korwil.
      await go(page, 'Bimtek');
      await page.waitForURL(/\/bimtek$/);
      const create = page.getByRole('form', { name: 'Bimtek baru' });
      await create.getByLabel('Nama kegiatan').fill('Bimtek PPS Pemungutan Suara');
      await create.getByLabel('Peserta').selectOption({ label: 'PPS' });
      await create.getByLabel('Mulai').fill('2024-10-01');
      await create.getByLabel('Selesai').fill('2024-10-03');
      await create.getByLabel('Tempat').fill('Aula KPU Kabupaten Probolinggo');
      await create.getByRole('button', { name: 'Buat Bimtek' }).click();
      await page.getByRole('link', { name: 'Bimtek PPS Pemungutan Suara' }).click();
      await page.getByRole('heading', { name: 'Bimtek PPS Pemungutan Suara', level: 1 }).waitFor();

      const addWave = page.getByRole('form', { name: 'Tambah gelombang' });
      // A wave outside the event's dates is refused.
      await addWave.getByLabel('Tanggal mulai gelombang').fill('2024-10-04');
      await addWave.getByLabel('Tanggal selesai gelombang').fill('2024-10-04');
      await addWave.getByRole('checkbox', { name: /Korwil I \(/ }).check();
      await addWave.getByRole('button', { name: 'Tambah gelombang' }).click();
      await addWave.getByText(/harus di dalam tanggal kegiatan/).waitFor();
      const waves = page.getByRole('region', { name: 'Gelombang', exact: true });
      for (const [i, [name, day]] of [
        ['Gelombang I', '2024-10-01'],
        ['Gelombang II', '2024-10-02'],
        ['Gelombang III', '2024-10-03'],
      ].entries()) {
        await addWave.getByLabel('Nama gelombang').fill(name ?? '');
        await addWave.getByLabel('Tanggal mulai gelombang').fill(day ?? '');
        await addWave.getByLabel('Tanggal selesai gelombang').fill(day ?? '');
        const korwil = ['Korwil I', 'Korwil II', 'Korwil III'][i] ?? '';
        const box = addWave.getByRole('checkbox', { name: new RegExp(`${korwil} \\(`) });
        if (!(await box.isChecked())) await box.check();
        await addWave.getByRole('button', { name: 'Tambah gelombang' }).click();
        await waves.getByRole('link', { name: name ?? '', exact: true }).waitFor();
      }
      const invited = async (wave: string) =>
        Number(
          (
            await waves
              .getByRole('row')
              .filter({ has: page.getByRole('link', { name: wave, exact: true }) })
              .getByRole('cell')
              .nth(2)
              .textContent()
          )?.replace(/\./g, ''),
        );
      const sum =
        (await invited('Gelombang I')) +
        (await invited('Gelombang II')) +
        (await invited('Gelombang III'));
      expect(sum).toBe(990);

      // Attendance for wave I: three ticked by list, one by their code.
      await waves.getByRole('link', { name: 'Gelombang I', exact: true }).click();
      await page.getByRole('heading', { name: 'Daftar hadir Gelombang I' }).waitFor();
      const boxes = page.getByRole('checkbox', { name: /^Hadir: / });
      const names: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const box = boxes.nth(i);
        names.push(
          ((await box.getAttribute('aria-label')) ?? '').replace(/^Hadir: /, '').split(',')[0] ??
            '',
        );
        await box.check();
      }
      await page.getByRole('button', { name: 'Simpan kehadiran (3)' }).click();
      await page.getByText('3 kehadiran baru dicatat untuk 1 Oktober 2024.').waitFor();
      // The list reloads after saving; until it has, the three still show a
      // checkbox, and the row picked below could be one of them.
      await expect.poll(async () => page.getByRole('cell', { name: '✓ hadir' }).count()).toBe(3);
      const row = page
        .getByRole('row')
        .filter({ has: page.getByRole('checkbox', { name: /^Hadir: / }) })
        .first();
      const code = ((await row.locator('td.code').textContent()) ?? '').trim();
      names.push(
        ((await row.getByRole('checkbox').getAttribute('aria-label')) ?? '')
          .replace(/^Hadir: /, '')
          .split(',')[0] ?? '',
      );
      await page.getByLabel('Kode peserta').fill(code);
      await page.getByRole('button', { name: 'Catat dari kode' }).click();
      await page.getByText(`Kode ${code} dicatat hadir.`).waitFor();

      // Printable participant cards carry the code as a QR code.
      await page.getByRole('button', { name: 'Tampilkan kartu QR peserta' }).click();
      const card = page.getByRole('img', { name: `Kode QR ${code}` });
      await card.waitFor();
      expect(await card.locator('svg').count()).toBe(1);

      // Pre- and post-test of the first participant.
      await page.getByLabel(`Pre-test: ${names[0] ?? ''}`).fill('55');
      await page.getByLabel(`Post-test: ${names[0] ?? ''}`).fill('90');
      await page.getByRole('button', { name: 'Simpan nilai (1)' }).click();
      await page.getByText('Nilai 1 peserta disimpan.').waitFor();

      // The recap: four trained in wave I, 986 untrained, the four not among them.
      await page.getByRole('link', { name: '← Kembali ke Bimtek' }).click();
      const waveRow = waves
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: 'Gelombang I', exact: true }) });
      await expect
        .poll(async () => (await waveRow.getByRole('cell').nth(3).textContent())?.trim())
        .toBe('4');
      const untrained = page.getByRole('region', { name: 'Belum terlatih' });
      await untrained.getByText('986 orang').waitFor();
      for (const n of names) {
        expect(n).not.toBe('');
        await expect
          .poll(() => untrained.getByRole('cell', { name: n, exact: true }).count())
          .toBe(0);
      }
      await untrained.getByRole('cell', { name: 'Tidak diundang' }).waitFor({ state: 'detached' });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('shows a Korwil the rosters of its own kecamatan', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${String(r.status())} ${r.url()}`);
    });
    try {
      await signIn(page, 'korwil1');
      await go(page, 'Badan adhoc');
      const table = page.getByRole('table', { name: 'Per kecamatan (terisi/kursi)' });
      await table.getByRole('row').nth(1).waitFor();
      const korwil = await table.locator('tbody td:nth-child(2)').allInnerTexts();
      expect(korwil.length).toBeGreaterThan(0);
      expect(korwil.length).toBeLessThan(24);
      expect(new Set(korwil)).toEqual(new Set(['Korwil I']));
      // The regency's recap is not theirs to download.
      expect(await page.getByRole('link', { name: /Unduh kelengkapan/ }).count()).toBe(0);
      // Its kecamatan's members open from there.
      // (the first option is "Pilih kecamatan")
      const first = await page.getByLabel('Kecamatan').locator('option').nth(1).innerText();
      await page.getByLabel('Kecamatan').selectOption({ label: first });
      await page.getByLabel('Badan').selectOption('ppk');
      await page.getByText('5 orang PPK', { exact: true }).waitFor();
      expect(refused).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the demo desk organisation and its lampiran SK to the Ketua Desk', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      await signIn(page, 'ketua.desk');
      await go(page, 'Desk');
      await page.getByRole('heading', { name: 'Susunan Desk Pilkada', level: 1 }).waitFor();
      await page.getByText('Semua jabatan terisi; setiap kecamatan mempunyai pembina.').waitFor();
      const lampiran = page.getByRole('region', { name: /SUSUNAN KEANGGOTAAN DESK PILKADA/ });
      await lampiran.getByText('Sekretaris Daerah Kabupaten Probolinggo').waitFor();
      await lampiran.getByText('Pembina Kecamatan Sukapura', { exact: true }).waitFor();
      expect(await lampiran.getByRole('row').count()).toBe(1 + 2 + 3 + 24);

      // Removing Sukapura's pembina (after the confirmation) shows the gap.
      page.once('dialog', (d) => void d.accept());
      await page
        .getByRole('button', { name: /^Hapus .*Pembina kecamatan, Kecamatan Sukapura\)$/ })
        .click();
      await page.getByText('Kecamatan Sukapura belum mempunyai pembina.').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lets the KPPS tick the ASN who voted at their TPS; the Bupati sees the recap', async () => {
    const kpps = await openPage(demo.browser, demo.url);
    try {
      await signIn(kpps.page, 'kpps.ngadisari.1');
      await go(kpps.page, 'ASN di TPS');
      await kpps.page.getByRole('heading', { name: 'ASN yang terdaftar di TPS ini' }).waitFor();
      // The heading shows before the list has loaded; wait for the list itself.
      const boxes = kpps.page.getByRole('checkbox');
      await boxes.first().waitFor();
      expect(await boxes.count()).toBe(10);
      await boxes.first().click();
      await expect.poll(() => boxes.first().isChecked()).toBe(true);
      expect(kpps.problems).toEqual([]);
    } finally {
      await kpps.context.close();
    }
    const bupati = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      await signIn(bupati.page, 'bupati');
      await go(bupati.page, 'ASN');
      const sukapura = bupati.page.getByRole('row').filter({
        has: bupati.page.getByRole('rowheader', { name: 'Sukapura', exact: true }),
      });
      await expect
        .poll(async () => (await sukapura.getByRole('cell').nth(1).textContent())?.trim())
        .toBe('1');
      expect(bupati.problems).toEqual([]);
    } finally {
      await bupati.context.close();
    }
  });
});
