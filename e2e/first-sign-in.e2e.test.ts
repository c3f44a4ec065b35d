/**
 * A new account: the admin creates it and sees its one-time password once;
 * the first sign-in with that password is held on /ganti-sandi until a new
 * password is set, then goes to the person's desa. A password reset by the
 * admin ends the session: the next action leads to /masuk with "Sesi Anda
 * telah berakhir".
 */
import { describe, expect, it } from 'vitest';
import { openPage, DESKTOP } from './browser.ts';
import { useDemo } from './demo.ts';
import { fillSignIn, signIn } from './sign-in.ts';

describe('first sign-in with a one-time password', () => {
  const demo = useDemo();

  it('forces /ganti-sandi, then works; a reset ends the session', async () => {
    const admin = await openPage(demo.browser, demo.url, DESKTOP);
    const user = await openPage(demo.browser, demo.url);
    try {
      // The admin creates the account of the PPS of Ngadas.
      await signIn(admin.page, 'admin', { next: '/admin/akun' });
      const create = admin.page.getByRole('form', { name: 'Tambah akun' });
      await create.getByLabel('Nama pengguna').fill('pps.ngadas');
      await create.getByLabel('Nama lengkap').fill('Rina Wati');
      await create.getByLabel('Peran').selectOption({ label: 'PPS' });
      expect(await create.locator('.hint').allTextContents()).toContain(
        'Kode desa/kelurahan, mis. 35.13.01.2001.',
      );
      // A kecamatan code for a desa role: the server's message under "Wilayah tugas".
      await create.getByLabel('Wilayah tugas').fill('35.13.01');
      await create.getByRole('button', { name: 'Tambah akun' }).click();
      await create.locator('.field-error').filter({ hasText: 'bukan desa/kelurahan' }).waitFor();
      await create.getByLabel('Wilayah tugas').fill('35.13.01.2004');
      await create.getByRole('button', { name: 'Tambah akun' }).click();
      const otp = (await create.getByTestId('otp').textContent()) ?? '';
      expect(otp.length).toBeGreaterThanOrEqual(8);
      await create.getByRole('button', { name: 'Sudah dicatat, tutup' }).click();
      expect(await create.getByTestId('otp').count()).toBe(0);

      // First sign-in: held on /ganti-sandi, whatever page is asked for.
      await signIn(user.page, 'pps.ngadas', { password: otp });
      await user.page.waitForURL(/\/ganti-sandi\?next=/);
      await user.page.getByText('Anda masuk dengan kata sandi sementara.').waitFor();
      await user.page.goto('/wilayah/35.13.01.2004');
      await user.page.waitForURL(/\/ganti-sandi\?next=%2Fwilayah%2F35\.13\.01\.2004$/);

      await user.page.getByLabel('Kata sandi sementara').fill(otp);
      await user.page.getByLabel('Kata sandi baru', { exact: true }).fill('pendek');
      await user.page.getByLabel('Ulangi kata sandi baru').fill('pendek');
      await user.page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
      await user.page.getByText('Kata sandi baru minimal 10 karakter.').waitFor();

      const mine = 'gunung bromo pagi cerah';
      await user.page.getByLabel('Kata sandi baru', { exact: true }).fill(mine);
      await user.page.getByLabel('Ulangi kata sandi baru').fill(mine);
      await user.page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
      await user.page.waitForURL(/\/wilayah\/35\.13\.01\.2004$/);
      await user.page.getByRole('heading', { level: 1, name: 'Ngadas' }).waitFor();

      // The admin sees the account active, then resets its password.
      await admin.page.reload();
      const accounts = admin.page.getByRole('table', { name: 'Daftar akun' });
      const row = accounts
        .locator('tbody tr')
        .filter({ has: admin.page.getByRole('rowheader', { name: 'pps.ngadas', exact: true }) });
      await expect.poll(() => row.locator('.badge').textContent()).toBe('Aktif');
      await row.getByRole('button', { name: 'Reset sandi pps.ngadas' }).click();
      const dialog = admin.page.getByRole('dialog', { name: 'Reset sandi pps.ngadas' });
      await dialog.getByRole('button', { name: 'Reset sandi' }).click();
      const second = (await dialog.getByTestId('otp').textContent()) ?? '';
      expect(second.length).toBeGreaterThanOrEqual(8);
      expect(second).not.toBe(otp);
      await dialog.getByRole('button', { name: 'Sudah dicatat, tutup' }).click();
      await expect.poll(() => row.locator('.badge').textContent()).toBe('Harus ganti sandi');

      // The PPS's next action finds the session ended.
      await user.page.getByLabel('Jumlah pemilih').fill('200');
      await user.page.getByRole('button', { name: 'Tambah TPS' }).click();
      await user.page.waitForURL(/\/masuk\?next=%2Fwilayah%2F35\.13\.01\.2004$/);
      await user.page.getByText('Sesi Anda telah berakhir').waitFor();
      await fillSignIn(user.page, 'pps.ngadas', second);
      await user.page.waitForURL(/\/ganti-sandi\?next=%2Fwilayah%2F35\.13\.01\.2004$/);

      expect(admin.problems).toEqual([]);
      expect(user.problems).toEqual([]);
    } finally {
      await admin.context.close();
      await user.context.close();
    }
  });
});
