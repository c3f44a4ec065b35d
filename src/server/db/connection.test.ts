import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DataDirInUse, openDatabase } from './connection.ts';
import { rowsOf } from './rows.ts';
import { createTestDatabase, testEngines } from './test-databases.ts';

describe('PGlite data directory', () => {
  it('is held by one process at a time, and released on close', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dp-lock-'));
    // Another live process (pid 1) holds it: refused with a clear message.
    await writeFile(join(dir, 'pglite.pid'), '1');
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirInUse);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(
      /sedang dipakai proses lain \(pid 1\)/,
    );
    // A stale lock (no such process) is taken over.
    await writeFile(join(dir, 'pglite.pid'), '999999999');
    const database = await openDatabase({ dataDir: dir });
    expect(await readFile(join(dir, 'pglite.pid'), 'utf8')).toBe(String(process.pid));
    await database.close();
    expect(existsSync(join(dir, 'pglite.pid'))).toBe(false);
  });
});

describe.each(testEngines().filter((e) => e === 'postgres'))('%s connections', (engine) => {
  it('run without JIT (compiling short statements cost more than running them)', async () => {
    const database = await createTestDatabase(engine);
    try {
      const rows = rowsOf<{ jit: string }>(await database.db.execute(sql`show jit`));
      expect(rows[0]?.jit).toBe('off');
    } finally {
      await database.close();
    }
  });

  it('keep two connections open from the start, so a first burst does not wait for them', async () => {
    const database = await createTestDatabase(engine);
    try {
      const pool = (
        database.db as unknown as { $client: { totalCount: number; idleCount: number } }
      ).$client;
      expect(pool.totalCount).toBeGreaterThanOrEqual(2);
      expect(pool.idleCount).toBe(pool.totalCount);
    } finally {
      await database.close();
    }
  });
});
