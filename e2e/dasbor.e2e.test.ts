/**
 * The Bupati's dashboard: the Bupati signs in, opens "Dasbor", sees every
 * tile filled from the demo (with its charts and what is at risk), follows
 * an overdue problem to its page, comes back, and downloads today's report
 * as a PDF whose text says what the dashboard says; the report is then
 * listed with its number on the reports page.
 */
import { describe, expect, it } from 'vitest';
import { todayWib } from '../src/domain/common/dates.ts';
import { formatTanggal } from '../src/domain/common/format.ts';
import { pdfText } from '../src/server/testing/pdf-text.ts';
import { DESKTOP, openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn, mainMenu } from './sign-in.ts';

describe('Bupati: dashboard and daily report', () => {
  const demo = useDemo();

  it('shows every tile filled, drills down, and downloads today’s PDF', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      await signIn(page, 'bupati');
      await (await mainMenu(page)).getByRole('link', { name: 'Dasbor', exact: true }).click();
      await page.waitForURL(/\/dasbor$/);
      await page.getByRole('heading', { level: 1, name: 'Dasbor Bupati' }).waitFor();

      const tile = (id: string) => page.getByTestId(`tile-${id}`);
      await tile('tahapan')
        .getByText(/tahapan telah selesai/)
        .waitFor();
      expect(await tile('coklit').textContent()).toMatch(/dari [\d.]+ pemilih DP4 telah dicoklit/);
      expect(await tile('coklit').getByTestId('chart-coklit').locator('svg rect').count()).toBe(10);
      expect(await tile('badan-adhoc').textContent()).toContain('PPK: 120/120 kursi terisi');
      expect(await tile('bimtek').textContent()).toMatch(
        /Bimtek Tata Kerja PPK Pilkada 2024: \d+ dari 120 anggota hadir penuh/,
      );
      expect(await tile('masalah').textContent()).toContain('12 masalah masih terbuka');
      expect(
        await tile('masalah')
          .getByRole('row', { name: /Korwil III/ })
          .count(),
      ).toBe(1);
      await tile('masalah').getByTestId('chart-masalah').waitFor();
      expect(await tile('hasil').textContent()).toMatch(/74 dari 1\.749 TPS hasilnya diterima/);
      expect(await tile('hasil').locator('[data-testid^="chart-hasil-"]').count()).toBe(2);
      // No tile says it has nothing to show.
      const all = (await page.locator('.dash-tile').allTextContents()).join(' ');
      for (const empty of [
        'Jadwal tahapan belum diisi',
        'Belum ada data pemilih',
        'Belum ada anggota badan adhoc',
        'Belum ada Bimtek',
        'Belum ada laporan masalah',
        'Belum ada C.Hasil',
      ])
        expect(all).not.toContain(empty);
      const risks = page.getByTestId('risks');
      expect(await risks.textContent()).toContain('masalah darurat masih terbuka');

      // Drill down: the most overdue problem opens its page; each tile title leads to its page.
      const overdue = tile('masalah').getByTestId('overdue').getByRole('link').first();
      const title = (await overdue.textContent()) ?? '';
      const id = /^#(\d+)/.exec(title)?.[1] ?? '';
      expect(id).not.toBe('');
      await overdue.click();
      await page.waitForURL(new RegExp(`/masalah/${id}$`));
      await page.getByRole('heading', { level: 1, name: new RegExp(`^#${id} `) }).waitFor();
      await page.goBack();
      await tile('hasil').getByRole('link', { name: 'Hasil penghitungan suara' }).click();
      await page.waitForURL(/\/hasil/);
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Dasbor Bupati' }).waitFor();

      // Today's report as a PDF.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Unduh laporan harian (PDF)' }).click(),
      ]);
      const today = todayWib();
      expect(download.suggestedFilename()).toBe(`laporan-harian-${today}-001.pdf`);
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream())
        chunks.push(Buffer.from(chunk as Uint8Array));
      const pdf = Buffer.concat(chunks);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = await pdfText(pdf);
      expect(text).toContain('LAPORAN HARIAN DESK PILKADA');
      expect(text).toContain(`Tanggal ${formatTanggal(today)}`);
      expect(text).toContain('12 masalah masih terbuka');
      expect(text).toContain('Kemajuan coklit per kecamatan');
      expect(text).toContain('Ketua Desk Pilkada');

      // The reports page lists it with its number.
      await page.getByRole('link', { name: 'Semua laporan' }).click();
      await page.waitForURL(/\/laporan$/);
      const list = page.getByTestId('report-list');
      await list.getByRole('rowheader', { name: /^001\/LH-DP\// }).waitFor();
      // A new edition on demand gets the next number and joins the list.
      await page.getByRole('button', { name: 'Buat laporan' }).click();
      await page.getByText(/^Laporan 002\/LH-DP\/[IVX]+\/\d{4} dibuat\.$/).waitFor();
      await list.getByRole('rowheader', { name: /^002\/LH-DP\// }).waitFor();
      expect(await list.locator('tbody tr').count()).toBe(2);
      // The Bupati may not change the schedule.
      expect(await page.getByRole('heading', { name: 'Jadwal laporan otomatis' }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
