/**
 * News and the public portal (issue 8), in the browser:
 * - a writer (operator KPU) drafts an item with a photo and a quoted person
 *   and submits it; a reviewer (sekretaris desk) first returns it with a
 *   note, then publishes it; the public home shows it with the calendar, its
 *   page has share links and Open Graph tags, the RSS feed is well-formed
 *   XML and carries it;
 * - axe-core finds no serious or critical violation on the public pages.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SyntaxValidator } from 'fast-xml-validator';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn, userMenu, mainMenu } from './sign-in.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
const TITLE = 'Simulasi Pemungutan Suara di Kraksaan';
const SLUG = 'simulasi-pemungutan-suara-di-kraksaan';
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP forbids inline scripts.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: unknown[] }> } }
    ).axe;
    return (await axe.run(document)).violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact ?? ''}): ${v.help} → ${JSON.stringify(v.nodes.map((n) => n.target))}`,
    );
}

describe('news and the public portal', () => {
  const demo = useDemo();

  it('writer drafts → reviewer returns, then publishes → the public sees it on the home, its page and the feed', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    try {
      // The writer.
      await signIn(page, 'operator.kpu');
      await (await mainMenu(page)).getByRole('link', { name: 'Redaksi' }).click();
      await page.getByRole('heading', { level: 1, name: 'Redaksi berita' }).waitFor();
      await page.getByRole('link', { name: 'Tulis berita baru' }).click();
      // A title too short: the server's message under the field.
      await page.getByLabel('Judul', { exact: true }).fill('Uji');
      await page.getByLabel('Tempat', { exact: true }).fill('Kraksaan');
      await page
        .getByLabel('Isi berita', { exact: true })
        .fill(
          'Simulasi diikuti warga dengan tertib.\n\nPetugas KPPS berlatih menghitung suara.<script>alert(1)</script>',
        );
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      await page.getByText('Judul minimal 5 huruf').waitFor();
      await page.getByLabel('Judul', { exact: true }).fill(TITLE);
      await page.getByRole('button', { name: 'Tambah narasumber' }).click();
      await page.getByLabel('Nama', { exact: true }).fill('Aliwafa');
      await page.getByLabel('Jabatan', { exact: true }).fill('Ketua KPU Kabupaten Probolinggo');
      await page.getByLabel('Kutipan', { exact: true }).fill('Ayo datang ke TPS');
      await page.getByRole('button', { name: 'Simpan draf' }).click();
      await page.waitForURL(/\/redaksi\/\d+$/);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      const preview = page.getByTestId('news-preview');
      await preview.getByText('Petugas KPPS berlatih menghitung suara.').waitFor();
      expect(await preview.locator('script').count()).toBe(0);
      // A wrong photo first (no caption), removed again.
      await page
        .getByLabel(/Tambah foto/)
        .setInputFiles({ name: 'salah.png', mimeType: 'image/png', buffer: PNG });
      await page.getByRole('button', { name: 'Hapus foto 1' }).click();
      await page.getByRole('list', { name: 'Foto berita' }).waitFor({ state: 'detached' });
      await page.getByLabel('Keterangan foto').fill('Simulasi di TPS 001');
      await page
        .getByLabel(/Tambah foto/)
        .setInputFiles({ name: 'simulasi.png', mimeType: 'image/png', buffer: PNG });
      await preview.getByRole('img', { name: 'Simulasi di TPS 001' }).waitFor();
      await page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).click();
      await page.getByText('Berita diajukan untuk ditinjau.').waitFor();
      expect(await page.getByRole('button', { name: 'Terbitkan' }).count()).toBe(0);
      const itemPath = new URL(page.url()).pathname;
      // Not public yet.
      expect((await page.request.get(`/api/public/news/${SLUG}`)).status()).toBe(404);
      await userMenu(page, 'Keluar');
      await page.waitForURL(/\/masuk$/);

      // The reviewer: returns it with a note, the writer's fix is skipped here; then publishes.
      await signIn(page, 'sekretaris.desk');
      await page.goto('/redaksi?status=diajukan');
      await page.getByRole('link', { name: TITLE }).click();
      await page.waitForURL(itemPath);
      await page.getByRole('button', { name: 'Kembalikan ke draf' }).click();
      await page.getByRole('alert').filter({ hasText: 'Tuliskan catatan peninjau' }).waitFor();
      await page.getByLabel(/Catatan peninjau/).fill('Sebutkan jumlah peserta.');
      await page.getByRole('button', { name: 'Kembalikan ke draf' }).click();
      await page.getByText('Berita dikembalikan ke draf dengan catatan.').waitFor();
      await page.getByText('Catatan: Sebutkan jumlah peserta.').waitFor();
      // The reviewer may also write: the draft is submitted again and published.
      await page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).click();
      await page.getByText('Berita diajukan untuk ditinjau.').waitFor();
      await page.getByRole('button', { name: 'Terbitkan' }).click();
      await page.getByText('Berita diterbitkan dan tampil di halaman publik.').waitFor();
      await userMenu(page, 'Keluar');
      await page.waitForURL(/\/masuk$/);

      // The public: the home shows the news and where the calendar stands.
      await page.goto('/');
      await page
        .getByRole('heading', { level: 1, name: 'Pilkada Kabupaten Probolinggo' })
        .waitFor();
      const latest = page.getByRole('region', { name: 'Berita terbaru' });
      await latest.getByRole('link', { name: TITLE }).waitFor();
      const calendar = page.getByRole('region', { name: 'Jadwal tahapan' });
      await calendar.getByText(/Hari ini \(WIB\):/).waitFor();
      expect(await calendar.getByTestId('portal-stage').count()).toBeGreaterThan(0);
      await page.getByRole('region', { name: 'Cek DPT' }).getByLabel('NIK').waitFor();
      await page
        .getByRole('region', { name: 'Lapor masalah' })
        .getByRole('link', { name: 'formulir lapor masalah' })
        .waitFor();

      await latest.getByRole('link', { name: TITLE }).click();
      await page.waitForURL(`/berita/${SLUG}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByRole('img', { name: 'Simulasi di TPS 001' }).waitFor();
      await page.getByText('“Ayo datang ke TPS”').waitFor();
      const share = page.getByRole('region', { name: 'Bagikan' });
      const pageUrl = encodeURIComponent(`${demo.url}/berita/${SLUG}`);
      expect(await share.getByRole('link', { name: /WhatsApp/ }).getAttribute('href')).toBe(
        `https://wa.me/?text=${encodeURIComponent(`${TITLE} ${demo.url}/berita/${SLUG}`)}`,
      );
      expect(await share.getByRole('link', { name: /Facebook/ }).getAttribute('href')).toBe(
        `https://www.facebook.com/sharer/sharer.php?u=${pageUrl}`,
      );
      expect(await share.getByRole('link', { name: /ke X/ }).getAttribute('href')).toBe(
        `https://x.com/intent/tweet?text=${encodeURIComponent(TITLE)}&url=${pageUrl}`,
      );
      // What a social site reads without running the app.
      const html = await (await page.request.get(`/berita/${SLUG}`)).text();
      expect(html).toContain(`<meta property="og:title" content="${TITLE}" />`);
      // Links come from the configured public address (PUBLIC_BASE_URL, by
      // default http://localhost:3000), never from the request's Host header.
      expect(html).toMatch(
        /<meta property="og:image" content="http:\/\/localhost:3000\/api\/public\/news\/simulasi-pemungutan-suara-di-kraksaan\/photos\/[0-9a-f]{64}" \/>/,
      );
      // Loaded afresh, the app still runs on the page with the tags in its head.
      await page.goto(`/berita/${SLUG}`);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      expect(await page.locator('head meta[property="og:title"]').getAttribute('content')).toBe(
        TITLE,
      );

      // The feed, linked from the page's head, is well-formed XML with the item.
      const feedHref = await page
        .locator('head link[rel="alternate"][type="application/rss+xml"]')
        .getAttribute('href');
      const feed = await (await page.request.get(feedHref ?? '')).text();
      expect(SyntaxValidator.validate(feed)).toBe(true);
      expect(feed).toContain(`<title><![CDATA[${TITLE}]]></title>`);
      expect(feed).not.toContain('Pemungutan Suara Pilkada Serentak 27 November 2024'); // still diajukan
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('public pages have no serious or critical accessibility violation (axe-core)', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url);
    try {
      const pages: [string, string | RegExp][] = [
        ['/', 'Pilkada Kabupaten Probolinggo'],
        ['/berita', 'Berita'],
        ['/berita/kode-etik-penyelenggara', 'Kode Etik Penyelenggara.'],
        ['/cek-dpt', 'Cek DPT'],
        ['/hasil-sementara', 'Hasil sementara'],
        ['/lapor', /Lapor/],
        ['/tanggapan-dps', 'Tanggapan masyarakat atas DPS'],
        ['/tahapan', 'Tahapan Pilkada'],
      ];
      const found: string[] = [];
      for (const [path, heading] of pages) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
        // Let the page's own data arrive (no spinner left).
        await page.waitForFunction(() => document.querySelector('.loading') === null);
        for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
      }
      expect(found).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
