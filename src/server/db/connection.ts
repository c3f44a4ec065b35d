/**
 * Opens the database: PGlite under the data directory by default, a
 * PostgreSQL server when a URL is given. Both get the same Drizzle schema and
 * the same migrations, applied on open.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The query builder both engines share; transactions have the same type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly db: Db;
  readonly engine: Engine;
  /** The PostgreSQL URL (another server process could open the same database); none for PGlite. */
  readonly url?: string;
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../drizzle',
);

const WARM_CONNECTIONS = 2;

export interface OpenOptions {
  /** PostgreSQL URL; when absent, PGlite is used. */
  readonly url?: string | undefined;
  /** Data directory for PGlite (its files go to `<dataDir>/pglite`); absent = in memory. */
  readonly dataDir?: string | undefined;
  /** A PGlite instance to wrap (tests clone a migrated template). */
  readonly pglite?: PGlite | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url !== undefined && options.url !== '') {
    // JIT off: the app's statements are short, but on big tables the planner's
    // estimates cross jit_above_cost and compiling took ~0.7 s per statement
    // (measured at 175,000 TPS), far longer than running it.
    //
    // Two connections are kept open even when idle (`min`), and opened now: a
    // burst after a quiet spell (the first C.Hasil of voting night) does not
    // wait for new connections, which cost about 50 ms each on a busy server.
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      min: WARM_CONNECTIONS,
      options: '-c jit=off',
    });
    // Dates stay `YYYY-MM-DD` strings; never shifted through a JS Date.
    const db = drizzlePg(pool, { schema, casing: 'snake_case' });
    await migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER });
    await Promise.all(Array.from({ length: WARM_CONNECTIONS }, () => pool.query('select 1')));
    return { db, engine: 'postgres', url: options.url, close: () => pool.end() };
  }
  let client = options.pglite;
  let release: () => void = noop;
  if (client === undefined) {
    if (options.dataDir !== undefined) {
      const dir = join(options.dataDir, 'pglite');
      mkdirSync(dir, { recursive: true });
      release = lockDataDir(options.dataDir);
      client = await PGlite.create(dir);
    } else {
      client = await PGlite.create();
    }
  }
  const db = drizzlePglite(client, { schema, casing: 'snake_case' });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  const owned = client;
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await owned.close();
      release();
    },
  };
}

function noop(): void {
  // nothing to release for an in-memory database
}

export class DataDirInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Basis data di ${dataDir} sedang dipakai proses lain (pid ${String(pid)}). Hentikan server itu dahulu, atau gunakan PostgreSQL (DATABASE_URL) agar beberapa proses dapat bekerja bersamaan.`,
    );
    this.name = 'DataDirInUse';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * PGlite belongs to one process: a pid file in the data directory keeps a
 * second process (a CLI command beside a running server) from opening it.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'pglite.pid');
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
      throw new DataDirInUse(dataDir, pid);
    }
  } catch (e) {
    if (e instanceof DataDirInUse) throw e;
    // No lock file, or a stale one: take it.
  }
  writeFileSync(file, String(process.pid));
  return () => rmSync(file, { force: true });
}

/** Where the data lives: `DATA_DIR`, else `./data`. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR ?? 'data');
}
