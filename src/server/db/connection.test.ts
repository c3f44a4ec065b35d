import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUse, openDatabase } from './connection.ts';

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
