/**
 * Test support: the PGlite databases the tests start from, made once per
 * test run (`test/global-setup.ts`) and saved as dumps of their data
 * directories. Creating a PGlite database and running every migration took
 * about 4.5 s, loading the Probolinggo demo 1 s more (its sample activity
 * several more); loading a dump takes about 1.5 s. Each test still gets its
 * own database: a fresh PGlite instance loaded from the dump, on which the
 * migrator runs and finds nothing to do.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from './connection.ts';
import { initRegency } from '../setup/setup.service.ts';

export type PgliteTemplate = 'migrated' | 'demo' | 'demo+activity';

/** Where each template's dump was written. */
export type PgliteTemplatePaths = Record<PgliteTemplate, string>;

async function dumpOf(
  from: Blob | null,
  fill: (database: Database) => Promise<void>,
): Promise<Blob> {
  const client = await PGlite.create(from === null ? {} : { loadDataDir: from });
  const database = await openDatabase({ pglite: client });
  try {
    await fill(database);
    return await client.dumpDataDir('none');
  } finally {
    await database.close();
  }
}

const demo = (activity: boolean) => async (database: Database) => {
  const result = await initRegency(database.db, { regencyCode: '35.13', demo: true, activity });
  if (!result.ok) throw new Error(`demo init failed: ${result.error.message}`);
};

/** Makes the three templates and writes their dumps under `dir`. */
export async function buildPgliteTemplates(dir: string): Promise<PgliteTemplatePaths> {
  const migrated = await dumpOf(null, async () => {
    // the migrations, which openDatabase has run
  });
  const save = async (name: string, blob: Blob): Promise<string> => {
    const path = join(dir, `${name}.tar`);
    await writeFile(path, Buffer.from(await blob.arrayBuffer()));
    return path;
  };
  return {
    migrated: await save('migrated', migrated),
    demo: await save('demo', await dumpOf(migrated, demo(false))),
    'demo+activity': await save('demo-activity', await dumpOf(migrated, demo(true))),
  };
}

/** A new PGlite database holding what the template held. */
export async function openPgliteCopy(path: string): Promise<Database> {
  const blob = new Blob([await readFile(path)]);
  return openDatabase({ pglite: await PGlite.create({ loadDataDir: blob }) });
}
