import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { Command } from 'commander';
import fc from 'fast-check';
import Fastify from 'fastify';
import fastifySwagger from '@fastify/swagger';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { asc, count, eq, sql } from 'drizzle-orm';
import { createTestDatabase, testEngines } from '../db/test-databases.ts';
import { openDatabase, type Database, type Db } from '../db/connection.ts';
import { auditLog } from '../db/schema.ts';
import { rowsOf } from '../db/rows.ts';
import {
  AuditPage,
  AuditQuery,
  auditRangeEnd,
  auditRangeStart,
  isAuditMoment,
} from '../../domain/audit/audit.schema.ts';
import { formatVerifyResult, registerAuditCommand } from '../../cli/audit.command.ts';
import {
  GENESIS_HASH,
  appendAudit,
  auditCasCtes,
  auditHash,
  chainAudit,
  canonicalJson,
  listAudit,
  verifyAuditChain,
  type AuditEntry,
} from './audit.service.ts';

const T0 = Date.parse('2024-11-27T00:00:00.000Z');

function entry(i: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actor: {
      userId: i % 3 === 0 ? null : 100 + (i % 3),
      username: i % 3 === 0 ? null : `operator_${String(i % 3)}`,
      role: i % 3 === 0 ? null : 'operator_kpu',
      scope: i % 3 === 0 ? null : 'regency:35.13',
      address: i % 2 === 0 ? '10.0.0.7' : null,
    },
    action: i % 4 === 0 ? 'auth.sign_in' : 'tps.update',
    outcome: i % 5 === 0 ? 'denied' : 'ok',
    targetType: 'tps',
    targetId: i,
    before: { voters: i, address: `Jl. Mawar ${String(i)}` },
    after: { voters: i + 1, address: `Jl. Mawar ${String(i)}`, nested: { b: [1, 2], a: null } },
    ...overrides,
  };
}

/** Appends `n` entries, each in its own transaction, one second apart from T0 (+ i ms). */
async function appendMany(db: Db, n: number, from = 0): Promise<void> {
  for (let i = from; i < from + n; i++) {
    await db.transaction((tx) => appendAudit(tx, entry(i), new Date(T0 + i * 1_000 + i)));
  }
}

async function disableTrigger(db: Db): Promise<void> {
  await db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
}

async function rowCount(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(auditLog))[0]?.n ?? -1;
}

async function backendCount(db: Db): Promise<number> {
  const result = (await db.execute<{ n: number }>(
    sql`select count(*)::int as n from pg_stat_activity where datname = current_database()`,
  )) as { rows: { n: number }[] };
  return result.rows[0]?.n ?? 0;
}

/**
 * A second pool on the same PostgreSQL test database; `close` waits until its
 * connections are gone, so dropping the database afterwards kills none.
 */
async function openSecondPool(db: Db): Promise<Database> {
  const baseline = await backendCount(db);
  const name = (
    (await db.execute<{ name: string }>(sql`select current_database() as name`)) as {
      rows: { name: string }[];
    }
  ).rows[0]?.name;
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name ?? ''}`;
  const second = await openDatabase({ url: url.toString() });
  return {
    ...second,
    async close() {
      await second.close();
      for (let waited = 0; (await backendCount(db)) > baseline && waited < 10_000; waited += 20) {
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

describe('canonical JSON', () => {
  it('sorts keys at every level, keeps array order and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('é"\n')).toBe(JSON.stringify('é"\n'));
  });

  it('writes what the plain map/filter/sort form wrote, for any value without holes', () => {
    // The form it replaced (kept here as the reference): hashes already stored depend on it.
    const reference = (value: unknown): string => {
      if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
      if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
      if (value === null || typeof value !== 'object') return 'null';
      if (Array.isArray(value)) return `[${value.map((v: unknown) => reference(v)).join(',')}]`;
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${reference(record[k])}`);
      return `{${members.join(',')}}`;
    };
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: false }), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('stores strings with U+0000 or a lone surrogate as U+FFFD, and leaves look-alike text alone', () => {
    const entry = (after: unknown) => ({
      actor: { userId: 1, username: 'a', role: null, scope: null, address: null },
      action: 'test.odd',
      outcome: 'ok' as const,
      after,
    });
    const [odd, lookAlike] = chainAudit(GENESIS_HASH, [
      entry({ 'k\u0000': ['a\u0000b', 'c\ud800d', 'e\udc00', '\ud83d\ude00'] }),
      entry({ text: 'literally \\u0000 and \\ud800', n: 1 }),
    ]).rows;
    expect(odd?.after).toEqual({ 'k\ufffd': ['a\ufffdb', 'c\ufffdd', 'e\ufffd', '\ud83d\ude00'] });
    expect(lookAlike?.after).toEqual({ text: 'literally \\u0000 and \\ud800', n: 1 });
  });

  it('chains: the hash depends on the previous hash and on every content field', () => {
    const content = {
      at: '2024-11-27T00:00:00.000Z',
      actorUserId: 1,
      actorUsername: 'admin',
      role: 'admin',
      scope: 'regency:35.13',
      action: 'tps.create',
      outcome: 'ok',
      targetType: 'tps',
      targetId: '7',
      before: null,
      after: { voters: 300 },
      address: '127.0.0.1',
    };
    const h = auditHash(GENESIS_HASH, content);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash('1'.repeat(64), content)).not.toBe(h);
    for (const key of Object.keys(content) as (keyof typeof content)[]) {
      expect(auditHash(GENESIS_HASH, { ...content, [key]: 'x' }), key).not.toBe(h);
    }
  });
});

describe('audit query', () => {
  it('reads a date bound as a whole day in WIB', () => {
    expect(auditRangeStart('2024-11-27')).toBe('2024-11-26T17:00:00.000Z');
    expect(auditRangeEnd('2024-11-27')).toBe('2024-11-27T17:00:00.000Z');
    expect(auditRangeStart('2024-11-27T08:00:00+07:00')).toBe('2024-11-27T01:00:00.000Z');
    expect(auditRangeEnd('2024-11-27T08:00:00Z')).toBe('2024-11-27T08:00:00.001Z');
  });

  it('accepts dates and zoned instants only', () => {
    for (const ok of ['2024-11-27', '2024-11-27T08:00Z', '2024-11-27T08:00:00.123+07:00']) {
      expect(isAuditMoment(ok), ok).toBe(true);
    }
    for (const bad of ['2024-02-30', '2024-11-27T08:00:00', '27-11-2024', 'kemarin', '']) {
      expect(isAuditMoment(bad), bad).toBe(false);
    }
  });

  it('applies defaults, coerces numbers and refuses an inverted or malformed range', () => {
    expect(AuditQuery.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(AuditQuery.parse({ limit: '10', offset: '20', outcome: 'denied' })).toEqual({
      limit: 10,
      offset: 20,
      outcome: 'denied',
    });
    const inverted = AuditQuery.safeParse({ from: '2024-11-28', to: '2024-11-27' });
    expect(inverted.success).toBe(false);
    expect(inverted.error?.issues[0]?.path).toEqual(['to']);
    expect(AuditQuery.safeParse({ from: '2024-11-27', to: '2024-11-27' }).success).toBe(true);
    const malformed = AuditQuery.safeParse({ from: 'kemarin', to: '2024-11-27' });
    expect(malformed.error?.issues.map((i) => i.path)).toEqual([['from']]);
    expect(AuditQuery.safeParse({ limit: '0' }).success).toBe(false);
    expect(AuditQuery.safeParse({ outcome: 'maybe' }).success).toBe(false);
  });
  it('serves as a querystring in the OpenAPI document, validating in Indonesian', async () => {
    const app = Fastify().withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(fastifySwagger, {
      openapi: { info: { title: 'audit', version: '0' } },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    app.get(
      '/api/audit',
      { schema: { querystring: AuditQuery, response: { 200: AuditPage } } },
      (req) => ({ rows: [], total: 0, limit: req.query.limit, offset: req.query.offset }),
    );
    await app.ready();
    const doc = app.swagger() as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.paths['/api/audit']?.get.parameters.map((p) => p.name)).toContain('from');
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['AuditRow', 'AuditPage']),
    );
    const res = await app.inject({ url: '/api/audit?from=2024-11-28&to=2024-11-27' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/Akhir rentang waktu/);
    expect((await app.inject({ url: '/api/audit?limit=7' })).json()).toEqual({
      rows: [],
      total: 0,
      limit: 7,
      offset: 0,
    });
    await app.close();
  });
});

describe('audit verify output', () => {
  it('speaks Indonesian, with thousands separators', () => {
    expect(formatVerifyResult({ ok: true, rows: 12_345 })).toBe(
      'Jejak audit utuh: 12.345 baris diperiksa.',
    );
    expect(
      formatVerifyResult({
        ok: false,
        rows: 17,
        brokenAtId: 17,
        reason: 'Baris 17 diubah: hash tidak cocok',
      }),
    ).toBe('Jejak audit RUSAK: Baris 17 diubah: hash tidak cocok (baris 17)');
  });
});

describe.each(testEngines())('audit trail on %s', (engine) => {
  let database: Database;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(async () => {
    await database.close();
  });

  it('verifies an empty trail and a chain of rows, across page boundaries', async () => {
    const { db } = database;
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 0 });
    await appendMany(db, 23);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 23 });
    for (const pageSize of [1, 5, 23, 24]) {
      expect(await verifyAuditChain(db, pageSize), String(pageSize)).toEqual({
        ok: true,
        rows: 23,
      });
    }
    const rows = await db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
  });

  it('appends by compare-and-set only after the head it was chained on', async () => {
    const { db } = database;
    await appendMany(db, 3);
    const head = async () =>
      rowsOf<{ last_hash: string }>(
        await db.execute(sql`select last_hash from audit_head where id = 1`),
      )[0]?.last_hash;
    const prev = (await head()) ?? '';
    const append = async (from: string, i: number) => {
      const ctes = auditCasCtes(from, chainAudit(from, [entry(i)], new Date(T0 + i * 1_000)));
      await db.execute(sql`with ${ctes.head}, ${ctes.rows} select 1`);
    };
    // Chained on a head that is no longer the last: nothing written, head unchanged.
    await append(GENESIS_HASH, 10);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 3 });
    expect(await head()).toBe(prev);
    // Chained on the real head: appended and linked.
    await append(prev, 11);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 4 });
    expect(await head()).not.toBe(prev);
  });

  it('hashes what it stores: jsonb and timestamptz read back the same on any session setting', async () => {
    const { db } = database;
    const awkward = {
      z: 1,
      a: [0.1, 1e21, -0, 5e-324, 2 ** 53 + 2, 0.1 + 0.2, true, null],
      'kunci dengan spasi': 'Jl. Raya Probolinggo–Lumajang № 5 😀 "kutip" \\ garis',
      nested: { b: { d: 1, c: 2 }, a: [] },
      dropped: undefined,
      when: new Date('2024-11-27T05:00:00.000Z'),
    };
    const instants = [
      '2024-11-27T00:00:00.000Z',
      '2024-11-27T16:59:59.999Z',
      '2024-12-31T23:59:59.001Z',
      '1999-01-01T12:00:00.100Z',
    ];
    for (const [i, at] of instants.entries()) {
      await db.transaction((tx) =>
        appendAudit(
          tx,
          entry(i, { before: awkward, after: i === 0 ? undefined : [awkward] }),
          new Date(at),
        ),
      );
    }
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 4 });

    const page = await listAudit(db, { limit: 10, offset: 0 });
    expect(page.rows.map((r) => r.at).reverse()).toEqual(instants);
    expect(page.rows.at(-1)?.after).toBeNull();
    expect(page.rows.at(-1)?.before).toEqual({
      ...JSON.parse(JSON.stringify(awkward)),
      when: '2024-11-27T05:00:00.000Z',
    });

    // The drivers' own text for timestamptz depends on the session; the hash does not.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local timezone = 'America/St_Johns'`);
      await tx.execute(sql`set local datestyle = 'SQL, DMY'`);
      const raw = await tx.select({ at: auditLog.at }).from(auditLog).orderBy(asc(auditLog.id));
      expect(raw[0]?.at).not.toBe(instants[0]);
      expect(await verifyAuditChain(tx)).toEqual({ ok: true, rows: 4 });
      expect((await listAudit(tx, { limit: 10, offset: 0 })).rows.map((r) => r.at)).toEqual(
        [...instants].reverse(),
      );
    });
  });

  it('stores what PostgreSQL cannot hold (U+0000, lone surrogates) as U+FFFD, still verifiable', async () => {
    const { db } = database;
    const odd = 'a\u0000b\ud800c\udc00';
    await db.transaction((tx) =>
      appendAudit(tx, {
        ...entry(1, { action: `tps.${odd}`, targetId: odd }),
        actor: { userId: 1, username: odd, role: odd, scope: odd, address: odd },
        before: { [odd]: [odd, { __proto__: odd }] },
        after: JSON.parse('{"__proto__": 1}') as unknown,
      }),
    );
    const [row] = (await listAudit(db, { limit: 1, offset: 0 })).rows;
    const clean = 'a\ufffdb\ufffdc\ufffd';
    expect(row).toMatchObject({
      action: `tps.${clean}`,
      actorUsername: clean,
      role: clean,
      scope: clean,
      address: clean,
      targetId: clean,
      before: { [clean]: [clean, {}] },
    });
    expect(Object.keys(row?.after ?? {})).toEqual(['__proto__']);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 1 });
  });

  it('verifies any JSON value in before/after (property)', async () => {
    const { db } = database;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        async (value, text) => {
          n += 1;
          await db.transaction((tx) =>
            appendAudit(tx, entry(n, { before: value, after: { [text]: value }, action: text })),
          );
        },
      ),
      { numRuns: 60 },
    );
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: n });
  });

  it('refuses UPDATE and DELETE of audit rows', async () => {
    const { db } = database;
    await appendMany(db, 3);
    await expect(
      db.update(auditLog).set({ action: 'lain' }).where(eq(auditLog.id, 2)),
    ).rejects.toThrow();
    await expect(db.delete(auditLog).where(eq(auditLog.id, 2))).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
    const messages: string[] = [];
    try {
      await db.execute(sql`update audit_log set after = null`);
    } catch (e) {
      const cause: unknown = e instanceof Error ? e.cause : undefined;
      messages.push(String(e), String(cause));
    }
    expect(messages.join(' ')).toMatch(/append-only/);
    expect(await rowCount(db)).toBe(3);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 3 });
  });

  it('finds a row whose content was altered', async () => {
    const { db } = database;
    await appendMany(db, 20);
    await disableTrigger(db);
    await db
      .update(auditLog)
      .set({ after: { voters: 999 } })
      .where(eq(auditLog.id, 17));
    expect(await verifyAuditChain(db)).toEqual({
      ok: false,
      rows: 17,
      brokenAtId: 17,
      reason: 'Baris 17 diubah: hash tidak cocok',
    });
  });

  it('finds a time moved by one microsecond', async () => {
    const { db } = database;
    await appendMany(db, 5);
    await disableTrigger(db);
    await db.execute(sql`update audit_log set at = at + interval '1 microsecond' where id = 3`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAtId: 3 });
  });

  it('finds a removed row at the next row, including the first row', async () => {
    const { db } = database;
    await appendMany(db, 20);
    await disableTrigger(db);
    await db.delete(auditLog).where(eq(auditLog.id, 10));
    const broken = await verifyAuditChain(db);
    expect(broken).toEqual({
      ok: false,
      rows: 10,
      brokenAtId: 11,
      reason:
        'Rantai putus sebelum baris 11: ada baris yang dihapus atau disisipkan, atau baris sebelumnya diubah',
    });
    expect(formatVerifyResult(broken)).toMatch(
      /^Jejak audit RUSAK: Rantai putus sebelum baris 11: .* \(baris 11\)$/,
    );
    await db.delete(auditLog).where(eq(auditLog.id, 1));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, rows: 1, brokenAtId: 2 });
  });

  it('finds a row altered with its own hash recomputed, at the successor', async () => {
    const { db } = database;
    await appendMany(db, 20);
    const target = (await listAudit(db, { limit: 1, offset: 20 - 7 })).rows[0];
    expect(target?.id).toBe(7);
    if (target === undefined) return;
    const forged = { ...target, after: { voters: 0 } };
    await disableTrigger(db);
    await db
      .update(auditLog)
      .set({ after: forged.after, hash: auditHash(forged.prevHash, forged) })
      .where(eq(auditLog.id, 7));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, rows: 8, brokenAtId: 8 });
  });

  it('finds a well-formed row forking from the middle of the chain', async () => {
    const { db } = database;
    await appendMany(db, 6);
    const row4 = (await listAudit(db, { limit: 1, offset: 6 - 4 })).rows[0];
    if (row4 === undefined) throw new Error('row 4 missing');
    // Inserting needs no trigger change: a forger writes a valid row claiming to follow row 4.
    const forged = { ...row4, action: 'tps.delete', prevHash: row4.hash };
    const { id, ...values } = { ...forged, hash: auditHash(row4.hash, forged) };
    expect(id).toBe(4);
    await db.insert(auditLog).values(values);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, rows: 7, brokenAtId: 7 });
  });

  it('leaves no row when the recorded action rolls back', async () => {
    const { db } = database;
    await appendMany(db, 2);
    await expect(
      db.transaction(async (tx) => {
        await appendAudit(tx, entry(2));
        expect(await rowCount(tx)).toBe(3);
        throw new Error('aksi gagal');
      }),
    ).rejects.toThrow('aksi gagal');
    expect(await rowCount(db)).toBe(2);
    // The next append links to the last committed row; the id gap is harmless.
    await appendMany(db, 1, 3);
    const ids = (await listAudit(db, { limit: 10, offset: 0 })).rows.map((r) => r.id);
    expect(ids).toEqual([4, 2, 1]);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 3 });
  });

  it('keeps one linear chain under concurrent appends', async () => {
    // On PostgreSQL, a pool of its own, so its connections can be seen to close
    // before the test database is dropped (pool.end() resolves before they do).
    const writers = engine === 'postgres' ? await openSecondPool(database.db) : database;
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          writers.db.transaction(async (tx) => {
            await tx.select({ n: count() }).from(auditLog);
            await appendAudit(tx, entry(i));
            // Hold the lock a moment so other transactions queue behind it.
            await new Promise((r) => setTimeout(r, i % 3));
            await appendAudit(tx, entry(i, { action: 'tps.update.second' }));
          }),
        ),
      );
    } finally {
      if (writers !== database) await writers.close();
    }
    const { db } = database;
    expect(await verifyAuditChain(db)).toEqual({ ok: true, rows: 40 });
    const rows = await db.select().from(auditLog);
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(40);
  });

  it('refuses to append under a snapshot older than the lock', async () => {
    const { db } = database;
    await expect(
      db.transaction((tx) => appendAudit(tx, entry(1)), { isolationLevel: 'repeatable read' }),
    ).rejects.toThrow(/READ COMMITTED/);
    expect(await rowCount(db)).toBe(0);
  });

  it('lists newest first with filters, total and paging', async () => {
    const { db } = database;
    // Entry i at T0 + i hours: T0 is 07:00 WIB on 27 November 2024.
    for (let i = 0; i < 30; i++) {
      await db.transaction((tx) => appendAudit(tx, entry(i), new Date(T0 + i * 3_600_000)));
    }
    await db.transaction((tx) =>
      appendAudit(
        tx,
        entry(30, {
          actor: { userId: 9, username: 'ADMIN_%x', role: 'admin', scope: null, address: null },
        }),
        new Date(T0 + 30 * 3_600_000),
      ),
    );
    const all = await listAudit(db, { limit: 5, offset: 0 });
    expect(all.total).toBe(31);
    expect(all.rows.map((r) => r.id)).toEqual([31, 30, 29, 28, 27]);
    expect(all.rows[1]).toMatchObject({
      id: 30,
      at: '2024-11-28T05:00:00.000Z',
      actorUserId: 102,
      actorUsername: 'operator_2',
      role: 'operator_kpu',
      scope: 'regency:35.13',
      action: 'tps.update',
      outcome: 'ok',
      targetType: 'tps',
      targetId: '29',
      before: { voters: 29, address: 'Jl. Mawar 29' },
      address: null,
    });
    expect((await listAudit(db, { limit: 5, offset: 30 })).rows.map((r) => r.id)).toEqual([1]);

    const denied = await listAudit(db, { outcome: 'denied', limit: 100, offset: 0 });
    expect(denied.rows.map((r) => r.id)).toEqual([31, 26, 21, 16, 11, 6, 1]);
    const signIns = await listAudit(db, { action: 'auth.sign_in', limit: 2, offset: 0 });
    expect(signIns.total).toBe(8);
    expect(signIns.rows.map((r) => r.id)).toEqual([29, 25]);
    expect((await listAudit(db, { actor: 'OPERATOR_2', limit: 100, offset: 0 })).total).toBe(10);
    expect((await listAudit(db, { actor: 'operator', limit: 100, offset: 0 })).total).toBe(20);
    // LIKE wildcards in the filter are taken literally.
    expect((await listAudit(db, { actor: '_%', limit: 100, offset: 0 })).total).toBe(1);
    expect((await listAudit(db, { actor: '%', limit: 100, offset: 0 })).total).toBe(1);
    expect(
      (await listAudit(db, { targetType: 'tps', targetId: '12', limit: 100, offset: 0 })).rows.map(
        (r) => r.id,
      ),
    ).toEqual([13]);

    // 27 November in WIB is entries 0..16 (07:00 to 23:00 WIB).
    const day = await listAudit(db, {
      from: '2024-11-27',
      to: '2024-11-27',
      limit: 100,
      offset: 0,
    });
    expect(day.total).toBe(17);
    expect(day.rows.at(0)?.at).toBe('2024-11-27T16:00:00.000Z');
    const window = await listAudit(db, {
      from: '2024-11-27T10:00:00+07:00',
      to: '2024-11-27T12:00:00+07:00',
      limit: 100,
      offset: 0,
    });
    expect(window.rows.map((r) => r.id)).toEqual([6, 5, 4]);
    expect(
      (await listAudit(db, { from: '2024-11-28', outcome: 'ok', limit: 100, offset: 0 })).total,
    ).toBe(11);
    expect(await listAudit(db, { action: 'tidak.ada', limit: 10, offset: 0 })).toEqual({
      rows: [],
      total: 0,
      limit: 10,
      offset: 0,
    });
  });

  it('runs `audit verify` through commander, exit code 1 when broken', async () => {
    const { db } = database;
    await appendMany(db, 3);
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      err.push(String(chunk));
      return true;
    });
    const run = async () => {
      const program = new Command().exitOverride();
      registerAuditCommand(program, (work) => work(database));
      await program.parseAsync(['audit', 'verify'], { from: 'user' });
    };
    try {
      await run();
      expect(out).toEqual(['Jejak audit utuh: 3 baris diperiksa.\n']);
      expect(process.exitCode ?? 0).toBe(0);
      await disableTrigger(db);
      await db.update(auditLog).set({ actorUsername: 'orang_lain' }).where(eq(auditLog.id, 2));
      await run();
      expect(err).toEqual(['Jejak audit RUSAK: Baris 2 diubah: hash tidak cocok (baris 2)\n']);
      expect(process.exitCode).toBe(1);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      process.exitCode = undefined;
    }
  });
});
