/**
 * The desk's set-up pages: the Ketua Desk forms a Korwil and moves a
 * kecamatan into it; the KPU operator adds a contest and its pairs (a single
 * pair is contested against "Kolom Kosong"; a ballot number in use is refused
 * under its field).
 */
import { describe, expect, it } from 'vitest';
import { openPage, DESKTOP } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn, mainMenu } from './sign-in.ts';

describe('korwil and pemilihan pages', () => {
  const demo = useDemo();

  it('forms a Korwil, renames it, and moves a kecamatan into it', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url);
    try {
      await signIn(page, 'ketua.desk');
      await (await mainMenu(page)).getByRole('link', { name: 'Korwil', exact: true }).click();
      await page.waitForURL(/\/korwil$/);
      await page.getByRole('heading', { name: 'Korwil III', exact: true }).waitFor();

      // A name already in use is refused under "Nama Korwil".
      const create = page.getByRole('form', { name: 'Bentuk Korwil baru' });
      await create.getByLabel('Nama Korwil').fill('Korwil I');
      await create.getByRole('button', { name: 'Bentuk Korwil' }).click();
      await create.locator('.field-error').filter({ hasText: 'sudah dipakai' }).waitFor();

      await create.getByLabel('Nama Korwil').fill('Korwil IV');
      await create.getByLabel('Ketua (opsional)').fill('Kepala Bakesbangpol');
      await create.getByRole('button', { name: 'Bentuk Korwil' }).click();
      await page.getByRole('heading', { name: 'Korwil IV', exact: true }).waitFor();

      await page.getByRole('button', { name: 'Ubah Korwil IV' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ubah Korwil IV' });
      await dialog.getByLabel('Ketua').fill('Sekretaris Daerah');
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Sekretaris Daerah').waitFor();

      const move = page.getByRole('form', { name: 'Pindahkan kecamatan ke Korwil lain' });
      await move.getByLabel('Kecamatan').selectOption({ label: 'Sukapura' });
      await move.getByLabel('Korwil tujuan').selectOption({ label: 'Korwil IV' });
      await move.getByRole('button', { name: 'Pindahkan' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Kecamatan Sukapura dipindahkan ke Korwil IV.' })
        .waitFor();
      const korwilIV = page.getByRole('region', { name: 'Korwil IV' });
      await korwilIV.getByRole('link', { name: 'Sukapura' }).waitFor();

      // The home page now shows four Korwil, Korwil I without Sukapura.
      await (await mainMenu(page)).getByRole('link', { name: 'Beranda' }).click();
      await expect.poll(() => page.getByTestId('korwil-card').count()).toBe(4);
      const korwilI = page.getByRole('region', { name: 'Korwil I', exact: true });
      expect(await korwilI.getByRole('link', { name: 'Sukapura' }).count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('adds a contest and its pairs; a single pair faces Kolom Kosong', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      await signIn(page, 'operator.kpu', { next: '/pemilihan' });
      const addContest = page.getByRole('form', { name: 'Tambah pemilihan' });
      await addContest.waitFor();
      await addContest.getByLabel('Jenis pemilihan').selectOption('bupati');
      await addContest.getByLabel('Nama pemilihan').fill('Pilbup Probolinggo 2029 (uji e2e)');
      await addContest.getByLabel('Tanggal pemungutan suara').fill('2029-11-28');
      await addContest.getByRole('button', { name: 'Tambah pemilihan' }).click();

      const card = page.getByRole('region', { name: 'Pilbup Probolinggo 2029 (uji e2e)' });
      await card.getByText('Belum ada pasangan calon.').waitFor();

      await card.getByText('Tambah pasangan calon').click();
      expect(await card.getByLabel('Nomor urut', { exact: true }).inputValue()).toBe('1');
      await card.getByLabel('Nama calon kepala daerah').fill('Calon Satu');
      await card.getByLabel('Nama calon wakil').fill('Wakil Satu');
      await card.getByRole('button', { name: 'Tambah pasangan' }).click();
      const pairs = card.getByRole('list', { name: /pasangan calon/i });
      await pairs.getByText('Calon Satu – Wakil Satu').waitFor();
      await pairs.getByText('Kolom Kosong').waitFor();

      // Ballot number 1 is taken.
      await card.getByLabel('Nomor urut', { exact: true }).fill('1');
      await card.getByLabel('Nama calon kepala daerah').fill('Calon Dua');
      await card.getByLabel('Nama calon wakil').fill('Wakil Dua');
      await card.getByRole('button', { name: 'Tambah pasangan' }).click();
      await card
        .locator('.field-error')
        .filter({ hasText: 'Nomor urut 1 sudah dipakai' })
        .waitFor();

      await card.getByLabel('Nomor urut', { exact: true }).fill('2');
      await card.getByRole('button', { name: 'Tambah pasangan' }).click();
      await pairs.getByText('Calon Dua – Wakil Dua').waitFor();
      await expect.poll(() => pairs.getByText('Kolom Kosong').count()).toBe(0);

      // Removing a pair brings Kolom Kosong back.
      await card.getByRole('button', { name: 'Hapus pasangan nomor urut 2' }).click();
      const dialog = page.getByRole('dialog', { name: 'Hapus pasangan calon?' });
      await dialog.getByRole('button', { name: 'Hapus' }).click();
      await dialog.waitFor({ state: 'detached' });
      await pairs.getByText('Kolom Kosong').waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
