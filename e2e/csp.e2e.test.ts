/**
 * The strict Content Security Policy (issue 20, item 17) leaves the app
 * working: the public home, a signed-in page and the admin's API page load
 * with no CSP violation (Chromium reports each on the console) and no error.
 */
import { describe, expect, it } from 'vitest';
import { DESKTOP, openPage } from './browser.ts';
import { useDemo } from './demo.ts';
import { signIn } from './sign-in.ts';

describe('strict CSP', () => {
  const demo = useDemo();

  it('home, a signed-in page and the API page load without a CSP violation', async () => {
    const { page, context, problems } = await openPage(demo.browser, demo.url, DESKTOP);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) violations.push(m.text());
    });
    try {
      const home = await page.goto('/');
      expect(home?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      await page
        .getByRole('heading', { level: 1, name: 'Pilkada Kabupaten Probolinggo' })
        .waitFor();
      await signIn(page, 'admin', { next: '/dasbor' });
      await page.waitForURL(/\/dasbor$/);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.goto('/api/docs');
      await page.locator('.swagger-ui').first().waitFor();
      await page.getByText('Desk Pilkada API').first().waitFor();
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
