/**
 * Works where the signal doesn't: the KPPS of Ngadisari TPS 001 signs in on a
 * phone, loses the network, enters the Pilbup C.Hasil and a problem report,
 * closes the page and opens a new one still offline — both wait in the queue
 * ("2 menunggu dikirim"); back online both arrive exactly once, and a forced
 * resend of the same items (an answer lost on the way) records nothing twice.
 * Then: the session ends while items wait offline; the queue keeps them, asks
 * to sign in again and resumes; a report the server refuses is shown with the
 * server's reason and discarded after confirming.
 */
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { ProblemItemData, TpsResultsData } from '../src/web/api.ts';
import { DESKTOP, openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { DEMO_PASSWORD, fillSignIn, signIn } from './sign-in.ts';
import { FIGURES as SECTIONS_I_TO_III } from './chasil-figures.ts';

/** The whole Pilbup form of TPS 001, votes and tallies included: every rule holds. */
const FIGURES: Record<string, string> = {
  ...SECTIONS_I_TO_III,
  'Suara paslon nomor urut 1': '200',
  'Suara paslon nomor urut 2': '165',
  'IV.A Jumlah seluruh suara sah': '365',
  'IV.B Jumlah suara tidak sah': '10',
  'IV.C Jumlah seluruh suara sah dan tidak sah': '375',
};

const REPORT = 'Kotak suara TPS 001 basah terkena hujan';
const SECOND = 'Tinta sidik jari TPS 001 habis';
const BAD_TIME = 'Laporan dengan waktu kejadian keliru';

async function fillChasil(page: Page): Promise<void> {
  for (const [label, value] of Object.entries(FIGURES)) {
    const input = label.startsWith('Suara paslon')
      ? page.getByLabel(new RegExp(`^${label}:`))
      : page.getByLabel(label, { exact: true });
    await input.fill(value);
  }
}

async function report(page: Page, description: string, occurredAt?: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Lapor masalah' }).waitFor();
  await page.getByLabel('Kategori', { exact: true }).selectOption({ label: 'Logistik' });
  await page.getByLabel('Uraian masalah', { exact: true }).fill(description);
  if (occurredAt !== undefined) {
    await page.getByLabel('Waktu kejadian (WIB)', { exact: true }).fill(occurredAt);
  }
  await page.getByRole('button', { name: 'Kirim laporan', exact: true }).click();
  await page.getByTestId('problem-queued').waitFor();
}

function pending(page: Page): Locator {
  return page.getByTestId('queue-pending');
}

/** The TPS's Pilbup versions and the reports with this text, read by the desk. */
async function stored(desk: BrowserContext, description: string) {
  const results = (await (await desk.request.get('/api/results/tps/1')).json()) as TpsResultsData;
  const pilbup = results.contests.find((c) => c.contestId === 2);
  const problems = (await (await desk.request.get('/api/problems')).json()) as ProblemItemData[];
  return {
    versions: pilbup?.history.length ?? -1,
    reports: problems.filter((p) => p.description === description).length,
  };
}

/** The queued items as stored in IndexedDB (to put them back: a resend after a lost answer). */
function readQueue(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('desk-pilkada-antrean');
        open.onerror = () => reject(new Error('IndexedDB'));
        open.onsuccess = () => {
          const all = open.result.transaction('items').objectStore('items').getAll();
          all.onsuccess = () => resolve(all.result as unknown[]);
        };
      }),
  );
}

function writeQueue(page: Page, items: unknown[]): Promise<void> {
  return page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('desk-pilkada-antrean');
        open.onerror = () => reject(new Error('IndexedDB'));
        open.onsuccess = () => {
          const tx = open.result.transaction('items', 'readwrite');
          for (const row of rows) tx.objectStore('items').put(row);
          tx.oncomplete = () => resolve();
        };
      }),
    items,
  );
}

describe('offline field app: queued C.Hasil and problem reports', () => {
  const demo = useDemo();

  it('KPPS works offline; everything arrives once when the signal returns', async () => {
    const desk = await openPage(demo.browser, demo.url, DESKTOP);
    const kpps = await openPage(demo.browser, demo.url);
    try {
      await signIn(desk.page, 'ketua.desk');
      let page = kpps.page;
      await signIn(page, 'kpps.ngadisari.1');
      await page.waitForURL(/\/tps\/1$/);
      // The app shell and the officer's data are on the device.
      await page
        .locator('html[data-offline-ready]')
        .waitFor({ state: 'attached', timeout: 30_000 });
      const manifest = await page.evaluate(async () => {
        const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
        return link === null ? null : ((await (await fetch(link.href)).json()) as unknown);
      });
      expect(manifest).toMatchObject({ short_name: 'Desk Pilkada', lang: 'id' });

      // No signal. The page is loaded afresh from the device.
      await kpps.context.setOffline(true);
      await page.goto('/tps/1/hasil/2');
      await page.getByRole('heading', { level: 1, name: 'C.Hasil Pilbup' }).waitFor();
      await fillChasil(page);
      await page.getByText('Semua isian sudah sesuai aturan C.Hasil.').waitFor();
      await page.getByRole('button', { name: 'Kirim', exact: true }).click();
      await page
        .getByTestId('chasil-outcome')
        .filter({ hasText: 'Disimpan di perangkat' })
        .waitFor();
      await pending(page).filter({ hasText: '1 menunggu dikirim' }).waitFor();
      await page.goto('/masalah/lapor');
      await report(page, REPORT);
      await pending(page).filter({ hasText: '2 menunggu dikirim' }).waitFor();

      // The page is closed; a new one (same phone, still offline) still has both.
      await page.close();
      page = await kpps.context.newPage();
      await page.goto('/tps/1');
      await pending(page).filter({ hasText: '2 menunggu dikirim' }).waitFor();
      await page.getByText('Tanpa sinyal').waitFor();
      const queued = await readQueue(page);
      expect(queued).toHaveLength(2);
      expect(await stored(desk.context, REPORT)).toEqual({ versions: 0, reports: 0 });

      // Signal again: both are delivered by themselves, once.
      await kpps.context.setOffline(false);
      await pending(page).waitFor({ state: 'detached', timeout: 30_000 });
      expect(await stored(desk.context, REPORT)).toEqual({ versions: 1, reports: 1 });

      // The answers were "lost": the same two items (same client ids) are put
      // back and sent again when the page opens. They leave the queue only on
      // a 2xx answer, so the server saw them, and recorded nothing new.
      await writeQueue(page, queued);
      await page.reload();
      await expect.poll(() => readQueue(page), { timeout: 30_000 }).toHaveLength(0);
      expect(await stored(desk.context, REPORT)).toEqual({ versions: 1, reports: 1 });

      // Offline again, two more reports (one with a time the server refuses) ...
      await kpps.context.setOffline(true);
      await page.goto('/masalah/lapor');
      await report(page, SECOND);
      await page.getByRole('button', { name: 'Lapor masalah lain' }).click();
      await report(page, BAD_TIME, '2099-01-01T10:00');
      await pending(page).filter({ hasText: '2 menunggu dikirim' }).waitFor();
      // ... while the session ends (signed out everywhere from another device).
      const other = await openPage(demo.browser, demo.url);
      await signIn(other.page, 'kpps.ngadisari.1');
      const me = (await (await other.page.request.get('/api/auth/me')).json()) as {
        csrfToken: string;
      };
      const ended = await other.page.request.post('/api/auth/sign-out-everywhere', {
        headers: { 'x-csrf-token': me.csrfToken },
      });
      expect(ended.status()).toBe(204);
      await other.context.close();

      // Back online: the queue finds the session ended, keeps both, asks to sign in.
      await kpps.context.setOffline(false);
      await page.waitForURL(/\/masuk/);
      await page.getByRole('link', { name: 'Masuk lagi untuk mengirim' }).waitFor();
      await pending(page).filter({ hasText: '2 menunggu dikirim' }).waitFor();
      expect(await stored(desk.context, SECOND)).toMatchObject({ reports: 0 });
      await fillSignIn(page, 'kpps.ngadisari.1', DEMO_PASSWORD);

      // Signed in again (new session, new CSRF token): sending resumes. The good
      // report arrives; the other is refused and shown with the server's reason.
      await expect
        .poll(() => stored(desk.context, SECOND), { timeout: 30_000 })
        .toMatchObject({
          reports: 1,
        });
      await page.getByText('1 perlu diperbaiki').waitFor({ timeout: 30_000 });
      await page.getByRole('link', { name: 'Lihat antrean' }).click();
      const item = page.getByTestId('queue-item');
      await item.getByText('Waktu kejadian tidak boleh di masa depan.').waitFor();
      // "Perbaiki" opens the form on the queued report, with the server's reason.
      await item.getByRole('link', { name: 'Perbaiki' }).click();
      await page.getByRole('alert').filter({ hasText: 'ditolak server' }).waitFor();
      expect(await page.getByLabel('Uraian masalah', { exact: true }).inputValue()).toBe(BAD_TIME);
      expect(await page.getByLabel('Waktu kejadian (WIB)', { exact: true }).inputValue()).toBe(
        '2099-01-01T10:00',
      );
      // The officer decides to drop it instead.
      await page.goto('/antrean');
      await item.getByRole('button', { name: 'Buang' }).click();
      const dialog = page.getByRole('dialog', { name: 'Buang isian ini?' });
      await dialog.getByText('tidak akan dikirim').waitFor();
      await dialog.getByRole('button', { name: 'Buang', exact: true }).click();
      await page.getByTestId('queue-empty').waitFor();
      expect(await stored(desk.context, BAD_TIME)).toMatchObject({ reports: 0 });
      expect(await stored(desk.context, SECOND)).toMatchObject({ reports: 1 });

      // Signing out empties the officer's data kept for offline use.
      await page.locator('.user-menu summary').click();
      await page.getByRole('button', { name: 'Keluar', exact: true }).click();
      await page.waitForURL(/\/masuk/);
      expect(await page.evaluate(() => caches.has('desk-api'))).toBe(false);
      expect(kpps.problems).toEqual([]);
    } finally {
      await Promise.all([desk.context.close(), kpps.context.close()]);
    }
  });
});
