/**
 * `desk-pilkada init --regency CODE` as a person runs it, on both engines:
 * the first admin's one-time password is printed once; a second init is
 * refused with exit 1; `--admin-password-file` takes the first line and
 * refuses a short one before anything is written.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newPostgresDatabase, testEngines } from '../server/db/test-databases.ts';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/desk-pilkada.mjs', ...args],
      { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr });
      },
    );
  });
}

describe.each(testEngines())('desk-pilkada init --regency on %s', (engine) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  async function freshEnv(): Promise<Record<string, string>> {
    const dir = await mkdtemp(join(tmpdir(), 'dp-init-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    if (engine === 'pglite') return { DATA_DIR: dir, DATABASE_URL: '' };
    const pg = await newPostgresDatabase();
    cleanups.push(() => pg.drop());
    return { DATA_DIR: dir, DATABASE_URL: pg.url };
  }

  it('prints the first admin one-time password once; a second init is refused', async () => {
    const env = await freshEnv();
    const first = await cli(['init', '--regency', '35.09'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Inisialisasi Kabupaten Jember (35.09) selesai');
    expect(first.stdout).toMatch(
      /pengguna "admin"\nSandi sekali pakai: ([a-z2-9]{4}-){3}[a-z2-9]{4}\n/,
    );
    expect(first.stdout).toContain('wajib diganti saat masuk pertama kali');
    const second = await cli(['init', '--regency', '35.09'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('Galat: Akun admin sudah ada');
    expect(second.stdout).not.toContain('Sandi sekali pakai');
  }, 240_000);

  it('takes the password from a file, refusing a short one before writing anything', async () => {
    const env = await freshEnv();
    const file = join(env.DATA_DIR ?? '', 'sandi.txt');
    await writeFile(file, 'pendek\n');
    const short = await cli(['init', '--regency', '35.78', '--admin-password-file', file], env);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('terlalu pendek: minimal 10 karakter');
    expect(short.stdout).toBe('');
    await writeFile(file, 'sandi-admin-kuat-2024\nbaris kedua diabaikan\n');
    const good = await cli(['init', '--regency', '35.78', '--admin-password-file', file], env);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain('Akun admin pertama dibuat');
    expect(good.stdout).not.toContain('sandi-admin-kuat-2024');
    expect(good.stdout).not.toContain('Sandi sekali pakai');
  }, 240_000);
});
