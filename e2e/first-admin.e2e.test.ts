/**
 * A regency from zero, as its operator would start it (issue 21, first
 * administrator): `desk-pilkada init --regency 35.09` prints the admin's
 * one-time password once; `serve` starts; that password signs in and is held
 * on /ganti-sandi until the admin chooses their own.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, DESKTOP } from './browser.ts';
import { signIn } from './sign-in.ts';

const ENV = { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: '', HOST: '127.0.0.1', PORT: '0' };

describe('the first admin of a new regency', () => {
  let dir = '';
  let oneTime = '';
  let server: ChildProcess | undefined;
  let url = '';
  let browser: Browser | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dp-first-admin-'));
    const env = { ...ENV, DATA_DIR: dir };
    const printed = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['bin/desk-pilkada.mjs', 'init', '--regency', '35.09'],
        { env, timeout: 120_000 },
        (error, stdout, stderr) => (error === null ? resolve(stdout) : reject(new Error(stderr))),
      );
    });
    oneTime = /Sandi sekali pakai: (\S+)/.exec(printed)?.[1] ?? '';
    if (oneTime === '') throw new Error(`no one-time password printed:\n${printed}`);
    const started = spawn(process.execPath, ['bin/desk-pilkada.mjs', 'serve'], { env });
    server = started;
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      started.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /berjalan di (http:\/\/\S+)/.exec(out);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      started.once('exit', (code) => reject(new Error(`serve exited ${String(code)}: ${out}`)));
    });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (server !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('signs in with the printed one-time password and must change it first', async () => {
    if (browser === undefined) throw new Error('no browser');
    const { page, context } = await openPage(browser, url, DESKTOP);
    try {
      await signIn(page, 'admin', { password: oneTime });
      await page.waitForURL(/\/ganti-sandi/);
      await page.getByText('Anda masuk dengan kata sandi sementara.').waitFor();
      await page.getByLabel('Kata sandi sementara').fill(oneTime);
      const mine = 'jember kota tembakau 2024';
      await page.getByLabel('Kata sandi baru', { exact: true }).fill(mine);
      await page.getByLabel('Ulangi kata sandi baru').fill(mine);
      await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/ganti-sandi'));
      // The new password now signs in without the detour; the one-time one no longer does.
      await context.clearCookies();
      await signIn(page, 'admin', { password: mine });
      if (new URL(page.url()).pathname.startsWith('/ganti-sandi')) {
        throw new Error('still forced to change after the change');
      }
      await context.clearCookies();
      await page.goto('/masuk');
      await page.getByLabel('Nama pengguna', { exact: true }).fill('admin');
      await page.getByLabel('Kata sandi', { exact: true }).fill(oneTime);
      await page.getByRole('button', { name: 'Masuk', exact: true }).click();
      await page.getByRole('alert').waitFor();
    } finally {
      await context.close();
    }
  });
});
