/**
 * The phone layout (issue 20, item 4): every demo role signs in on a 360 px
 * screen and walks every page of its menu; no page scrolls sideways and no
 * two visible buttons or links overlap. The header with its folded menu
 * takes little of the first screen. One browser, a context per role.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, PHONE } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn } from './sign-in.ts';

const ROLES = [
  'admin',
  'bupati',
  // The desk's secretary sees what its chair sees.
  'ketua.desk',
  'korwil1',
  'pembina.sukapura',
  'operator.kpu',
  'ppk.sukapura',
  'pps.ngadisari',
  'kpps.ngadisari.1',
  'pantarlih.ngadisari.1',
  'pengawas',
] as const;

/** Pages every visitor sees alike: walked once, by the public. */
const PUBLIC = new Set([
  '/',
  '/berita',
  '/pemilihan',
  '/tahapan',
  '/hasil-sementara',
  '/cek-dpt',
  '/lapor',
]);

/** The app's own pages linked from the main menu (folded or not). */
async function menuPaths(page: Page): Promise<string[]> {
  await page.locator('nav#menu-utama').waitFor({ state: 'attached' });
  const hrefs = await page
    .locator('nav#menu-utama a')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.filter((h) => h.startsWith('/') && !h.startsWith('/api/'));
}

async function settled(page: Page): Promise<void> {
  await page
    .waitForFunction(() => document.querySelector('main .loading') === null, undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  await page.waitForTimeout(100);
}

/** What is wrong with the page's layout at this width: overflow and overlapping controls. */
function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth > width) {
      // Name the widest culprits, for the report.
      const wide = [...document.querySelectorAll<HTMLElement>('main *, header *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .filter((el) => el.closest('.table-scroll, [role="region"]') === null)
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
      faults.push(
        `scrollWidth ${String(document.documentElement.scrollWidth)} > ${String(width)} (${wide.join(', ')})`,
      );
    }
    const controls = [
      ...document.querySelectorAll<HTMLElement>('a[href], button, input[type="submit"], summary'),
    ].filter((el) => {
      if (el.closest('.visually-hidden, .skip-link') !== null) return false;
      // Inside a folded <details> (the user menu) only its summary shows.
      const folded = el.closest('details:not([open])');
      if (folded !== null && el.tagName !== 'SUMMARY') return false;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    });
    const boxes = controls.map((el) => ({
      el,
      // One box per line: a link wrapping over two lines is two boxes.
      rects: [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0),
    }));
    const name = (el: HTMLElement) =>
      `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}"`;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a === undefined || b === undefined) continue;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const hit = a.rects.some((p) =>
          b.rects.some(
            (q) =>
              Math.min(p.right, q.right) - Math.max(p.left, q.left) > 1 &&
              Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top) > 1,
          ),
        );
        if (hit) faults.push(`${name(a.el)} overlaps ${name(b.el)}`);
      }
    }
    return faults;
  });
}

describe('phone layout at 360 px, every role, every menu page', () => {
  const demo = useDemo();

  it('has no sideways scroll and no overlapping controls, and a small folded header', async () => {
    const faults: string[] = [];
    const visit = async (page: Page, who: string, path: string) => {
      await page.goto(path);
      await settled(page);
      for (const f of await layoutFaults(page)) faults.push(`${who} ${path}: ${f}`);
    };
    // The public first (the pages every role shares).
    const anon = await openPage(demo.browser, demo.url, PHONE);
    try {
      await anon.page.goto('/');
      await settled(anon.page);
      const header = await anon.page.locator('header').boundingBox();
      expect(header?.height ?? 999).toBeLessThan(PHONE.height * 0.1);
      for (const path of new Set([...PUBLIC, ...(await menuPaths(anon.page))])) {
        await visit(anon.page, 'publik', path);
      }
      await visit(anon.page, 'publik', '/masuk');
      await visit(anon.page, 'publik', '/lapor/lacak');
    } finally {
      await anon.context.close();
    }
    for (const username of ROLES) {
      const { context, page } = await openPage(demo.browser, demo.url, PHONE);
      try {
        await signIn(page, username);
        await settled(page);
        // The menu is folded: the header keeps to one short row (was 236–362 px).
        const header = await page.locator('header').boundingBox();
        expect(header?.height ?? 999, username).toBeLessThan(PHONE.height * 0.1);
        await page.locator('button.menu-toggle').click();
        for (const f of await layoutFaults(page)) faults.push(`${username} (menu terbuka): ${f}`);
        const paths = new Set([page.url().replace(demo.url, ''), ...(await menuPaths(page))]);
        for (const path of paths) {
          if (PUBLIC.has(path)) continue;
          await visit(page, username, path);
        }
      } finally {
        await context.close();
      }
    }
    expect(faults).toEqual([]);
  }, 180_000);
});
