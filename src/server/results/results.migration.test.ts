/**
 * Migrations 0012–0014 on a database that already holds results: votes move
 * to the forms (`result_vote` dropped) and the desa totals become one row per
 * contest × desa, recomputed from the leaves, with the turnouts of its TPS. Both engines: results stored
 * before the upgrade read the same after it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, type Db, type Engine } from '../db/connection.ts';
import * as schema from '../db/schema.ts';
import { rowsOf } from '../db/rows.ts';
import { newPostgresDatabase, testEngines } from '../db/test-databases.ts';
import { desaTotalRows } from './results.repository.ts';
import { verifyResultTotals } from './results.summary.ts';
import { consistentForm } from './form-fixture.ts';

/** The migrations folder as it was before 0012 (journal cut there). */
async function foldersBefore0012(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dp-migrations-'));
  await cp(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as {
    entries: { idx: number }[];
  };
  journal.entries = journal.entries.filter((e) => e.idx < 12);
  await writeFile(journalPath, JSON.stringify(journal));
  return dir;
}

interface Opened {
  readonly db: Db;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

async function openBare(engine: Engine): Promise<Opened> {
  if (engine === 'pglite') {
    const client = await PGlite.create();
    const db = drizzlePglite(client, { schema, casing: 'snake_case' });
    return {
      db,
      migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
      close: () => client.close(),
    };
  }
  const created = await newPostgresDatabase();
  const pool = new pg.Pool({ connectionString: created.url, max: 2 });
  const db = drizzlePg(pool, { schema, casing: 'snake_case' });
  return {
    db,
    migrate: (folder) => migratePg(db, { migrationsFolder: folder }),
    async close() {
      await pool.end();
      await created.drop();
    },
  };
}

/** Results as the schema before 0012 stored them: votes in `result_vote`, totals per key. */
async function seedOldResults(db: Db): Promise<void> {
  await db.execute(sql`
    insert into region (code, level, parent_code, name) values
      ('35.13', 'regency', null, 'Kab. Probolinggo'),
      ('35.13.01', 'kecamatan', '35.13', 'Sukapura'),
      ('35.13.01.2001', 'desa', '35.13.01', 'Ngadisari'),
      ('35.13.01.2002', 'desa', '35.13.01', 'Wonotoro')`);
  await db.execute(sql`
    insert into tps (id, desa_code, number, voters) values
      (1, '35.13.01.2001', 1, 300), (2, '35.13.01.2001', 2, 300), (3, '35.13.01.2002', 1, 300)`);
  await db.execute(sql`
    insert into contest (id, kind, name, region_code, voting_day)
      values (1, 'bupati', 'Pilbup', '35.13', '2024-11-27')`);
  await db.execute(sql`
    insert into candidate_pair (id, contest_id, ballot_number, head_name)
      values (11, 1, 1, 'A'), (12, 1, 2, 'B')`);
  // TPS 1: version 1 then a correction (current), verified; TPS 2 and 3: one version each.
  const versions = [
    { id: 1, tps: 1, version: 1, votes: [100, 90], invalid: 4 },
    { id: 2, tps: 1, version: 2, votes: [101, 90], invalid: 3 },
    { id: 3, tps: 2, version: 1, votes: [50, 150], invalid: 0 },
    { id: 4, tps: 3, version: 1, votes: [120, 60], invalid: 9 },
  ];
  for (const v of versions) {
    const form = consistentForm({
      dpt: 300,
      votes: [
        { selectionId: 11, votes: v.votes[0] ?? 0 },
        { selectionId: 12, votes: v.votes[1] ?? 0 },
      ],
      invalid: v.invalid,
    });
    await db.execute(sql`
      insert into result_submission (id, client_id, tps_id, contest_id, version, form, registered,
        voted, valid, invalid, reason, anomalies)
      values (${v.id}, ${`c-${String(v.id)}`}, ${v.tps}, 1, ${v.version},
        ${JSON.stringify(form)}::jsonb, ${form.registered.total.total}, ${form.total},
        ${form.valid}, ${form.invalid}, ${v.version > 1 ? 'salah tulis' : null}, '[]'::jsonb)`);
    await db.execute(sql`
      insert into result_vote (submission_id, selection_id, votes)
      values (${v.id}, 11, ${v.votes[0] ?? 0}), (${v.id}, 12, ${v.votes[1] ?? 0})`);
  }
  await db.execute(sql`
    insert into result_current (tps_id, contest_id, submission_id, version, status, was_verified)
    values (1, 1, 2, 2, 'verified', true), (2, 1, 3, 1, 'submitted', false),
      (3, 1, 4, 1, 'submitted', false)`);
  // Old running totals, one row per key (deliberately one wrong: the migration recomputes).
  await db.execute(sql`
    insert into result_desa_total (contest_id, desa_code, key, value) values
      (1, '35.13.01.2001', 'reported', 2), (1, '35.13.01.2001', 'sel:11', 999)`);
}

describe.each(testEngines())('migrations 0012–0014 (%s)', (engine) => {
  let opened: Opened;
  let before: string;

  beforeAll(async () => {
    before = await foldersBefore0012();
    opened = await openBare(engine);
    await opened.migrate(before);
    await seedOldResults(opened.db);
    await opened.migrate(MIGRATIONS_FOLDER);
  });

  afterAll(async () => {
    await opened.close();
    await rm(before, { recursive: true, force: true });
  });

  it('recomputes one total row per contest × desa from the current versions', async () => {
    const rows = await desaTotalRows(opened.db, 1);
    const byDesa = new Map(rows.map((r) => [r.desaCode, r]));
    expect(byDesa.get('35.13.01.2001')).toEqual({
      desaCode: '35.13.01.2001',
      registered: 600,
      voted: 191 + 3 + 200,
      valid: 191 + 200,
      invalid: 3,
      reported: 2,
      verified: 1,
      votes: { '11': 151, '12': 240 },
      // 0014: each reported TPS's [registered, voted], for the desa pattern flag.
      turnouts: { '1': [300, 191 + 3], '2': [300, 200] },
    });
    expect(byDesa.get('35.13.01.2002')).toMatchObject({
      reported: 1,
      verified: 0,
      votes: { '11': 120, '12': 60 },
      turnouts: { '3': [300, 120 + 60 + 9] },
    });
    expect(rows).toHaveLength(2);
    expect(await verifyResultTotals(opened.db, [1])).toEqual([]);
  });

  it('keeps every version with its votes in its form, and drops result_vote', async () => {
    const [count] = rowsOf<{ n: number }>(
      await opened.db.execute(sql`select count(*)::int as n from result_submission`),
    );
    expect(count?.n).toBe(4);
    const [table] = rowsOf<{ t: string | null }>(
      await opened.db.execute(sql`select to_regclass('result_vote')::text as t`),
    );
    expect(table?.t).toBeNull();
  });
});
