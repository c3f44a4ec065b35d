/**
 * The batch context read is a named prepared statement on PostgreSQL, so
 * PostgreSQL may keep one generic plan for it, made early in the night while
 * the results tables were empty. That plan must still find every row by
 * index: a scan of a whole table that grows all night (TPS, versions,
 * current pointers) would cost more with every submission.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Database } from '../db/connection.ts';
import { renderQuery } from '../db/prepared.ts';
import { createDemoDatabase, testEngines } from '../db/test-databases.ts';
import { rowsOf } from '../db/rows.ts';
import { tps } from '../db/schema.ts';
import { batchContextQuery } from './results.repository.ts';
import { WINDOW_SETTING } from './results.window.ts';

/** Tables that grow with the regency or the night: never scanned whole. */
const GROWING = [
  'tps',
  'result_current',
  'result_submission',
  'result_desa_total',
  'audit_log',
  'region',
];

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function scans(node: PlanNode): string[] {
  const own =
    node['Node Type'] === 'Seq Scan' && node['Relation Name'] !== undefined
      ? [node['Relation Name']]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(scans)];
}

/** A parameter written as an SQL literal, for EXECUTE's arguments. */
function literal(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return pg.escapeLiteral(String(value));
}

describe.each(testEngines())('batch context read on %s', (engine) => {
  let database: Database;

  beforeAll(async () => {
    // The demo's registry (1,749 TPS) without any result: the start of the night.
    database = await createDemoDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  it('finds every row by index in a generic plan made while the results tables are empty', async () => {
    const ids = await database.db.select({ id: tps.id }).from(tps).limit(3);
    const keys = ids.map((t, i) => ({
      tpsId: t.id,
      contestId: 1 + (i % 2),
      clientId: `c${String(i)}`,
    }));
    const { text, values } = renderQuery(batchContextQuery(keys, WINDOW_SETTING));
    const plan = await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
      await tx.execute(sql.raw(`prepare dp_plan_test as ${text}`));
      try {
        const rows = rowsOf<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(
          await tx.execute(
            sql.raw(
              `explain (format json) execute dp_plan_test(${values.map(literal).join(', ')})`,
            ),
          ),
        );
        const cell = rows[0]?.['QUERY PLAN'];
        return (typeof cell === 'string' ? JSON.parse(cell) : cell) as [{ Plan: PlanNode }];
      } finally {
        await tx.execute(sql.raw('deallocate dp_plan_test'));
      }
    });
    const scanned = scans(plan[0].Plan);
    expect(scanned.filter((t) => GROWING.includes(t))).toEqual([]);
  });
});
