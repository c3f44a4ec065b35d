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

describe.each(testEngines())('%s sessions', (engine) => {
  it('plan every statement for its values, never from a cached plan of an emptier table', async () => {
    const database = await createTestDatabase(engine);
    try {
      const rows = rowsOf<{ plan_cache_mode: string }>(
        await database.db.execute(sql`show plan_cache_mode`),
      );
      expect(rows[0]?.plan_cache_mode).toBe('force_custom_plan');
      // A statement run while its table was empty (and analyzed so, as
      // maintenance would), then again once it is not: planned again, it
      // finds the row by the key's index.
      await database.db.execute(sql`create table plan_probe (id serial primary key, x int)`);
      await database.db.execute(sql`analyze plan_probe`);
      await database.db.execute(sql`prepare plan_probe_by_id (int) as
        select x from plan_probe where id = $1`);
      for (let i = 0; i < 8; i++) await database.db.execute(sql`execute plan_probe_by_id (1)`);
      await database.db.execute(
        sql`insert into plan_probe (x) select g from generate_series(1, 20000) g`,
      );
      const plan = rowsOf<{ 'QUERY PLAN': string }>(
        await database.db.execute(sql`explain execute plan_probe_by_id (5)`),
      )
        .map((r) => r['QUERY PLAN'])
        .join('\n');
      expect(plan).toMatch(/Index/);
      expect(plan).not.toMatch(/Seq Scan/);
    } finally {
      await database.close();
    }
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
