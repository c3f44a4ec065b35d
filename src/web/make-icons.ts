/**
 * Renders the app icon (public/icons/icon.svg) to the PNG sizes the web app
 * manifest lists, with Debian's Chromium: `npx tsx src/web/make-icons.ts`.
 * The PNGs are committed; run this again only when the SVG changes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const dir = fileURLToPath(new URL('./public/icons/', import.meta.url));
const svg = await readFile(`${dir}icon.svg`, 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  for (const [size, name, padding] of [
    [192, 'icon-192.png', 0],
    [512, 'icon-512.png', 0],
    // Maskable: the platform may crop to a circle, so keep the drawing in the safe 80 %.
    [512, 'icon-maskable-512.png', 0.1],
    [180, 'apple-touch-icon.png', 0],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const inset = Math.round(size * padding);
    await page.setContent(
      `<body style="margin:0;background:#8b1a1a"><div style="padding:${String(inset)}px">` +
        `<img style="display:block;width:${String(size - 2 * inset)}px" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></div></body>`,
    );
    await writeFile(`${dir}${name}`, await page.screenshot({ omitBackground: false }));
    await page.close();
  }
} finally {
  await browser.close();
}
