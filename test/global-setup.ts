/**
 * Decides once per run whether the PostgreSQL half of the integration tests
 * runs. Outside CI an unreachable server skips it with one line; under CI
 * (`CI=true`) it is an error. Then makes the PGlite databases the tests
 * start from (`src/server/db/pglite-templates.ts`), removed after the run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildPgliteTemplates } from '../src/server/db/pglite-templates.ts';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const templates = await mkdtemp(join(tmpdir(), 'dp-pglite-templates-'));
  project.provide('pgliteTemplates', await buildPgliteTemplates(templates));
  const removeTemplates = () => rm(templates, { recursive: true, force: true });
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? DEFAULT_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    await client.end();
    project.provide('postgresUrl', url);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (process.env.CI === 'true') {
      throw new Error(`CI=true but PostgreSQL at ${url} is unreachable (${reason})`);
    }
    process.stdout.write(
      `\n[tests] PostgreSQL not reachable at ${url} (${reason}): the PostgreSQL half of the integration tests is SKIPPED. Set TEST_DATABASE_URL (or DATABASE_URL) or start a local server to run it.\n\n`,
    );
    project.provide('postgresUrl', '');
  }
  return removeTemplates;
}
