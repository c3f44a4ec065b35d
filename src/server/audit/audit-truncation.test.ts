/**
 * Cutting rows off the end of the audit trail is detected: against the head
 * row, and — when the head was changed too — against a checkpoint kept
 * elsewhere (the server log, the daily report).
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/connection.ts';
import { createDemoDatabase, testEngines } from '../db/test-databases.ts';
import { rowsOf } from '../db/rows.ts';
import {
  appendAudit,
  auditCheckpoint,
  formatCheckpoint,
  parseCheckpoint,
  verifyAuditChain,
} from './audit.service.ts';
import { formatVerifyResult } from '../../cli/audit.command.ts';

async function addRows(database: Database, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await database.db.transaction((tx) =>
      appendAudit(tx, {
        actor: { userId: null, username: 'uji', role: null, scope: null, address: null },
        action: 'test.row',
        outcome: 'ok',
        targetType: 'test',
        targetId: String(i),
      }),
    );
  }
}

async function deleteLast(database: Database, n: number): Promise<void> {
  await database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
  await database.db.execute(
    sql`delete from audit_log where id in (select id from audit_log order by id desc limit ${n})`,
  );
  await database.db.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
}

describe.each(testEngines())('audit verify sees a cut end (%s)', (engine) => {
  let database: Database;
  beforeEach(async () => {
    database = await createDemoDatabase(engine);
    await addRows(database, 6);
  });
  afterEach(() => database.close());

  it('an intact trail passes, with and without its checkpoint', async () => {
    const c = await auditCheckpoint(database.db);
    expect(c.rows).toBeGreaterThanOrEqual(6);
    expect(parseCheckpoint(formatCheckpoint(c))).toEqual(c);
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: c.rows });
    expect((await verifyAuditChain(database.db, 2, c)).ok).toBe(true);
    // Rows appended after a checkpoint are fine.
    await addRows(database, 2);
    expect((await verifyAuditChain(database.db, 3, c)).ok).toBe(true);
  });

  it('deleting the last 3 rows fails against the head, saying what is missing', async () => {
    const before = await auditCheckpoint(database.db);
    await deleteLast(database, 3);
    const result = await verifyAuditChain(database.db);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('Ujung jejak audit hilang');
    expect(result.reason).toContain(before.hash.slice(0, 12));
    expect(result.rows).toBe(before.rows - 3);
    expect(formatVerifyResult(result)).toContain('RUSAK');
  });

  it('with the head row changed too, the checkpoint still proves the cut', async () => {
    const checkpoint = await auditCheckpoint(database.db);
    await deleteLast(database, 3);
    // The intruder also points the head at the new last row.
    const [last] = rowsOf<{ hash: string }>(
      await database.db.execute(sql`select hash from audit_log order by id desc limit 1`),
    );
    await database.db.execute(
      sql`update audit_head set last_hash = ${last?.hash ?? ''} where id = 1`,
    );
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    const result = await verifyAuditChain(database.db, 1000, checkpoint);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toContain('dipotong');
    expect(result.reason).toContain('3 baris terakhir hilang');
  });

  it('the last rows replaced by new ones (same count) do not match the checkpoint', async () => {
    const checkpoint = await auditCheckpoint(database.db);
    await deleteLast(database, 2);
    const [last] = rowsOf<{ hash: string }>(
      await database.db.execute(sql`select hash from audit_log order by id desc limit 1`),
    );
    await database.db.execute(
      sql`update audit_head set last_hash = ${last?.hash ?? ''} where id = 1`,
    );
    await addRows(database, 2);
    const result = await verifyAuditChain(database.db, 1000, checkpoint);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('tidak sama dengan titik periksa');
  });
});
