/**
 * Test databases on both engines. Each call gives a fresh, migrated database:
 * PGlite in memory, or a new database on the PostgreSQL server (dropped on
 * close). Which engines run is decided once by `test/global-setup.ts`.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type Engine } from './connection.ts';
import { initRegency } from '../setup/setup.service.ts';
import { openPgliteCopy, type PgliteTemplatePaths } from './pglite-templates.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL server URL for tests, or '' when none is reachable (outside CI). */
    postgresUrl: string;
    /** The PGlite databases tests start from, as dumps (`pglite-templates.ts`). */
    pgliteTemplates: PgliteTemplatePaths;
  }
}

/** The engines this run tests against: PGlite always, PostgreSQL when reachable. */
export function testEngines(): Engine[] {
  return inject('postgresUrl') === '' ? ['pglite'] : ['pglite', 'postgres'];
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A new empty database on the test PostgreSQL server (no migrations), and
 * how to drop it once every connection to it is closed.
 */
export async function newPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('postgresUrl');
  const name = `dp_test_${String(process.pid)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: withDatabaseName(serverUrl, name),
    async drop() {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      // pool.end() can resolve before its backends have gone; forcing the drop
      // then kills them mid-goodbye (57P01 surfaces as an unhandled error).
      for (let i = 0; i < 50; i++) {
        const r = await dropper.query<{ n: string }>(
          'select count(*) as n from pg_stat_activity where datname = $1',
          [name],
        );
        if (r.rows[0]?.n === '0') break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export async function createTestDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') return openPgliteCopy(inject('pgliteTemplates').migrated);
  const created = await newPostgresDatabase();
  const database = await openDatabase({ url: created.url });
  return {
    ...database,
    async close() {
      await database.close();
      await created.drop();
    },
  };
}

/**
 * A fresh database holding the Probolinggo demo; without the dashboard's
 * sample activity (voters, problems, results) unless `activity` is set.
 */
export async function createDemoDatabase(
  engine: Engine,
  options: { activity?: boolean } = {},
): Promise<Database> {
  if (engine === 'pglite' && process.env.VITEST === undefined) {
    // Outside a test run (the benchmarks) there are no templates: load the demo.
    const database = await openDatabase({ pglite: await PGlite.create() });
    const result = await initRegency(database.db, {
      regencyCode: '35.13',
      demo: true,
      activity: options.activity ?? false,
    });
    if (!result.ok) throw new Error(`demo init failed: ${result.error.message}`);
    return database;
  }
  if (engine === 'pglite') {
    const templates = inject('pgliteTemplates');
    return openPgliteCopy(options.activity === true ? templates['demo+activity'] : templates.demo);
  }
  const database = await createTestDatabase(engine);
  const result = await initRegency(database.db, {
    regencyCode: '35.13',
    demo: true,
    activity: options.activity ?? false,
  });
  if (!result.ok) throw new Error(`demo init failed: ${result.error.message}`);
  return database;
}
