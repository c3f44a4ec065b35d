/**
 * The PPK's verification night (issue 20, items 1, 2 and 9): on a 360 px
 * phone the PPK Sukapura opens the worklist, sees a KPPS's new C.Hasil
 * arrive live, opens the TPS waiting longest, looks at the photo of its
 * signed form (zoom, rotate), verifies, and lands on the next TPS waiting.
 * The KPPS, right after sending, sees no false "isian belum sesuai". On a
 * desktop the photo sits beside the figures.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { mainMenu, signIn } from './sign-in.ts';
import { FIGURES } from './chasil-figures.ts';

function voteInput(page: Page, ballot: number) {
  return page.getByLabel(new RegExp(`^Suara paslon nomor urut ${String(ballot)}:`));
}

/** How far the page sticks out sideways (0 when it fits). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

async function count(page: Page, group: string): Promise<string> {
  return (
    (await page
      .getByTestId('work-counts')
      .locator('li')
      .filter({ hasText: group })
      .locator('.work-count-n')
      .textContent()) ?? ''
  );
}

describe('verification: worklist, form photos, next TPS', () => {
  const demo = useDemo();

  it('PPK on a phone: worklist (live), photo zoom and rotate, verify, next TPS', async () => {
    const ppk = await openPage(demo.browser, demo.url);
    const kpps = await openPage(demo.browser, demo.url);
    try {
      const page = ppk.page;
      await signIn(page, 'ppk.sukapura');
      // The menu (folded behind its button on a phone) offers the worklist.
      await (await mainMenu(page)).getByRole('link', { name: 'Verifikasi C.Hasil' }).click();
      await page.waitForURL((url) => url.pathname === '/verifikasi');
      await page.getByRole('heading', { level: 1, name: 'Daftar verifikasi C.Hasil' }).waitFor();
      await page.getByText('Kecamatan Sukapura', { exact: false }).first().waitFor();
      await page.getByTestId('live-state').filter({ hasText: 'Langsung' }).waitFor();
      expect(await count(page, 'Menunggu verifikasi')).toBe('5');
      expect(await count(page, 'Dikembalikan')).toBe('1');
      expect(await count(page, 'Terverifikasi')).toBe('2');
      const waiting = page.getByTestId('work-waiting').getByRole('listitem');
      expect(await waiting.count()).toBe(5);
      const oldest = (await waiting.first().getByRole('link').textContent()) ?? '';
      expect(oldest).toMatch(/^TPS \d{3} /);
      expect(await overflow(page)).toBeLessThanOrEqual(0);

      // The KPPS of Ngadisari TPS 001 sends its Pilbup C.Hasil meanwhile.
      const k = kpps.page;
      await signIn(k, 'kpps.ngadisari.1', { next: '/tps/1/hasil/2' });
      await k.getByRole('heading', { level: 1, name: 'C.Hasil Pilbup' }).waitFor();
      for (const [label, value] of Object.entries(FIGURES)) {
        await k.getByLabel(label, { exact: true }).fill(value);
      }
      await voteInput(k, 1).fill('200');
      await voteInput(k, 2).fill('165');
      await k.getByLabel('IV.A Jumlah seluruh suara sah', { exact: true }).fill('365');
      await k.getByLabel('IV.B Jumlah suara tidak sah', { exact: true }).fill('10');
      await k
        .getByLabel('IV.C Jumlah seluruh suara sah dan tidak sah', { exact: true })
        .fill('375');
      await k.getByText('Semua isian sudah sesuai aturan C.Hasil.').waitFor();
      await k.getByRole('button', { name: 'Kirim', exact: true }).click();
      await k.getByTestId('chasil-outcome').filter({ hasText: 'versi 1' }).waitFor();
      // Right after sending: the prefilled correction form shows no false error.
      await k.getByRole('heading', { name: 'Koreksi hasil (versi 1)' }).waitFor();
      const bar = k.locator('.submit-bar');
      await bar.getByText('Angka sama dengan versi 1.', { exact: false }).waitFor();
      expect(await bar.textContent()).not.toMatch(/isian belum sesuai/);
      expect(await k.locator('.summary-bad').count()).toBe(0);
      expect(await k.locator('.field-error').count()).toBe(0);
      expect(await k.getByRole('button', { name: 'Kirim koreksi', exact: true }).isDisabled()).toBe(
        true,
      );

      // The PPK's worklist shows it without a reload, last of the waiting (newest).
      await expect.poll(() => count(page, 'Menunggu verifikasi'), { timeout: 10_000 }).toBe('6');
      expect(await waiting.last().textContent()).toContain('TPS 001 Ngadisari');

      // The TPS waiting longest.
      await page.getByRole('link', { name: 'Mulai dari yang terlama menunggu' }).click();
      await page.waitForURL(/\/tps\/\d+\/hasil\/2\?dari=daftar/);
      const firstUrl = page.url();
      await page.getByRole('heading', { name: /^Angka versi 1$/ }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('C.Hasil Pilbup');
      expect(await page.locator('.overline').first().textContent()).toContain(
        oldest.replace(/^TPS \d{3} /, ''),
      );

      // Its form photo: the verify box links to it (below the figures on a
      // phone), a thumbnail, then the full-screen viewer.
      const thumbs = page.getByRole('list', { name: 'Foto yang sudah diunggah' });
      const thumb = thumbs.getByRole('button', { name: /^Buka Foto 1 C\.Hasil Pilbup/ });
      await page
        .getByRole('region', { name: 'Verifikasi PPK' })
        .getByRole('link', { name: 'foto formulir' })
        .click();
      await expect.poll(() => thumb.isVisible()).toBe(true);
      expect(
        await thumb.evaluate((el) => el.getBoundingClientRect().bottom <= window.innerHeight),
      ).toBe(true);
      await expect
        .poll(() => thumb.locator('img').evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(100);
      await thumb.click();
      const viewer = page.getByRole('dialog', { name: /Foto 1 C\.Hasil Pilbup/ });
      await viewer.waitFor();
      const image = viewer.getByTestId('photo-image');
      await expect
        .poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBe(900);
      const box = await image.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(200);
      expect(box?.width ?? 999).toBeLessThanOrEqual(360);
      await viewer.getByRole('button', { name: 'Perbesar' }).click();
      await viewer.getByRole('button', { name: 'Perbesar' }).click();
      expect(await image.getAttribute('data-zoom')).toBe('2.25');
      expect(await viewer.getByTestId('photo-zoom').textContent()).toContain('225 %');
      // Drawn larger (after the short transition).
      await expect
        .poll(async () => (await image.boundingBox())?.width ?? 0)
        .toBeGreaterThan((box?.width ?? 0) * 2);
      await viewer.getByRole('button', { name: 'Putar' }).click();
      expect(await image.getAttribute('data-turns')).toBe('1');
      expect(await viewer.getByTestId('photo-zoom').textContent()).toContain('diputar 90°');
      await viewer.getByRole('button', { name: 'Perkecil' }).click();
      expect(await image.getAttribute('data-zoom')).toBe('1.5');
      await viewer.getByRole('button', { name: 'Pas layar' }).click();
      expect(await image.getAttribute('data-zoom')).toBe('1');
      expect(await image.getAttribute('data-turns')).toBe('0');
      // Pinch with two fingers (pointer events) zooms in too.
      await image.evaluate((img) => {
        const frame = img.parentElement;
        if (frame === null) throw new Error('no frame');
        const fire = (type: string, pointerId: number, x: number) =>
          frame.dispatchEvent(
            new PointerEvent(type, {
              pointerId,
              clientX: x,
              clientY: 300,
              bubbles: true,
              pointerType: 'touch',
              isPrimary: pointerId === 1,
            }),
          );
        fire('pointerdown', 1, 150);
        fire('pointerdown', 2, 210);
        fire('pointermove', 2, 270);
        fire('pointermove', 1, 90);
        fire('pointerup', 1, 90);
        fire('pointerup', 2, 270);
      });
      await expect
        .poll(async () => Number(await image.getAttribute('data-zoom')))
        .toBeGreaterThan(2.5);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      await viewer.getByRole('button', { name: 'Tutup' }).click();
      await viewer.waitFor({ state: 'hidden' });

      // Verify: on to the next TPS waiting.
      await page.getByRole('button', { name: 'Verifikasi', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Verifikasi versi 1' });
      await dialog.getByRole('button', { name: 'Verifikasi', exact: true }).click();
      await page.waitForURL((url) => url.href !== firstUrl && url.search.includes('selesai='));
      await page
        .getByTestId('worklist-next')
        .filter({ hasText: `${oldest} sudah ditangani; ini berikutnya.` })
        .waitFor();
      await page.getByRole('heading', { name: /^Angka versi 1$/ }).waitFor();
      await page.getByTestId('chasil-status').filter({ hasText: 'Menunggu verifikasi' }).waitFor();
      // Back on the list: one fewer waiting, one more verified.
      await page.getByRole('link', { name: 'Kembali ke daftar verifikasi' }).click();
      await expect.poll(() => count(page, 'Menunggu verifikasi')).toBe('5');
      expect(await count(page, 'Terverifikasi')).toBe('3');

      expect(ppk.problems).toEqual([]);
      expect(kpps.problems).toEqual([]);
    } finally {
      await ppk.context.close();
      await kpps.context.close();
    }
  });

  it('on a desktop the photo sits beside the figures', async () => {
    const desk = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      const page = desk.page;
      await signIn(page, 'ppk.sukapura', { next: '/verifikasi' });
      await page.getByTestId('work-waiting').getByRole('link').first().click();
      const figures = page.getByRole('region', { name: /^Angka versi \d+$/ });
      await figures.waitFor();
      const beside = page.getByRole('complementary', { name: 'Foto formulir di samping angka' });
      await beside.waitFor();
      const image = beside.getByTestId('photo-image');
      await expect
        .poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBe(900);
      const f = await figures.boundingBox();
      const p = await beside.boundingBox();
      if (f === null || p === null) throw new Error('not laid out');
      // Side by side: the photo right of the figures, both on the first screen.
      expect(p.x).toBeGreaterThanOrEqual(f.x + f.width - 1);
      expect(p.y).toBeLessThan(DESKTOP.height);
      expect(f.y).toBeLessThan(DESKTOP.height);
      expect(Math.abs(p.y - f.y)).toBeLessThan(200);
      // The same stage's tools work inline.
      await beside.getByRole('button', { name: 'Putar' }).click();
      expect(await image.getAttribute('data-turns')).toBe('1');
      expect(desk.problems).toEqual([]);
    } finally {
      await desk.context.close();
    }
  });
});
