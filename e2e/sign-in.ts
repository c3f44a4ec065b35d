/**
 * Signing in for the browser journeys: through the real sign-in page, as one
 * of the demo accounts (all share the published demo password).
 */
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/server/setup/demo-accounts.ts';

export { DEMO_PASSWORD };

/**
 * Opens /masuk (with `?next=` when given), signs in, and waits until the app
 * has taken the user on to their page.
 */
export async function signIn(
  page: Page,
  username: string,
  options: { password?: string; next?: string } = {},
): Promise<void> {
  await page.goto(
    options.next === undefined ? '/masuk' : `/masuk?next=${encodeURIComponent(options.next)}`,
  );
  await fillSignIn(page, username, options.password ?? DEMO_PASSWORD);
  await page.waitForURL((url) => url.pathname !== '/masuk');
}

/** Fills and sends the sign-in form already on screen. */
export async function fillSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Nama pengguna', { exact: true }).fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
}

/** Opens the user menu in the header and clicks one of its buttons. */
export async function userMenu(page: Page, button: string): Promise<void> {
  await page.locator('.user-menu summary').click();
  await page
    .getByRole('group', { name: 'Akun Anda' })
    .getByRole('button', { name: button, exact: true })
    .click();
}

/**
 * The main menu, unfolded first on a phone (where it hides behind the
 * "Menu" button), so its links can be read and clicked at any width.
 */
export async function mainMenu(page: Page): Promise<Locator> {
  const nav = page.locator('nav#menu-utama');
  await nav.waitFor({ state: 'attached' });
  const toggle = page.locator('button.menu-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
  }
  return page.getByRole('navigation', { name: 'Menu utama' });
}
