/**
 * Issue 28: a citizen opens a kecamatan on the public results page and sees
 * its desa totals, on a 360 px phone, without the page scrolling sideways.
 */
import { describe, expect, it } from 'vitest';
import { openPage, PHONE } from './browser.ts';
import { useDemo } from './demo.ts';
import type { Contest } from '../src/domain/contests/contest.schema.ts';
import type { ResultsSummary } from '../src/domain/results/results.schema.ts';

describe('public results: desa totals per kecamatan', () => {
  const demo = useDemo();

  it('opens a kecamatan from the public table and lists its desa at 360 px, then goes back', async () => {
    const contests = (await (await fetch(`${demo.url}/api/contests`)).json()) as Contest[];
    const pilbup = contests.find((c) => c.pairs.length >= 2 && /bupati/i.test(c.name));
    if (pilbup === undefined) throw new Error('no Pilbup in the demo');
    const regency = (await (
      await fetch(`${demo.url}/api/public/results?contestId=${String(pilbup.id)}`)
    ).json()) as ResultsSummary;
    const kec = regency.children.find((c) => c.code === '35.13.01') ?? regency.children[0];
    if (kec === undefined) throw new Error('no kecamatan in the demo');
    const desa = (await (
      await fetch(
        `${demo.url}/api/public/results/kecamatan?contestId=${String(pilbup.id)}&code=${kec.code}`,
      )
    ).json()) as ResultsSummary;
    expect(desa.children.length).toBeGreaterThan(0);

    const { page, context } = await openPage(demo.browser, demo.url, PHONE);
    try {
      await page.goto(`/hasil-sementara?pemilihan=${String(pilbup.id)}`);
      await page.getByRole('link', { name: kec.name, exact: true }).click();
      const section = page.locator('section.public-kecamatan');
      await section.getByRole('heading', { name: `Kecamatan ${kec.name}`, exact: true }).waitFor();
      expect(page.url()).toContain(`kecamatan=${kec.code}`);
      const table = section.getByRole('region', { name: `Per desa di Kecamatan ${kec.name}` });
      for (const d of desa.children) {
        await expect
          .poll(async () => table.getByRole('rowheader', { name: d.name, exact: true }).count())
          .toBe(1);
      }
      expect(
        await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        ),
      ).toBeLessThanOrEqual(0);
      await section.getByRole('link', { name: '← Semua kecamatan' }).click();
      await section.waitFor({ state: 'detached' });
      expect(page.url()).not.toContain('kecamatan=');
    } finally {
      await context.close();
    }
  });
});
