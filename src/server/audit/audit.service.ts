/**
 * The audit trail: append-only (a trigger refuses UPDATE and DELETE) and
 * hash-chained, so a row changed or removed behind the application's back is
 * found by `verifyAuditChain`.
 *
 * Each row stores `prevHash` (the previous row's `hash`, 64 zeros for the
 * first) and `hash = sha256(prevHash + canonicalJson(content))`, where the
 * content is every column except `id`, `prevHash` and `hash`. `at` is hashed
 * as an ISO 8601 instant in UTC with milliseconds; it is stored in a
 * timestamptz column and read back through `AT_ISO` (SQL), which gives the
 * same string whatever the session's TimeZone or DateStyle, on both engines.
 *
 * What the chain cannot show: rows removed from the end (compare the row
 * count or last hash with one noted earlier), or a whole tail rewritten by
 * someone with write access to the database (there is no secret key).
 */
import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, gt, gte, ilike, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { auditHead, auditLog } from '../db/schema.ts';
import { rowsOf } from '../db/rows.ts';
import {
  auditRangeEnd,
  auditRangeStart,
  type AuditPage,
  type AuditQuery,
  type AuditRow,
} from '../../domain/audit/audit.schema.ts';

export interface AuditEntry {
  actor: {
    userId: number | null;
    username: string | null;
    role: string | null;
    scope: string | null;
    address: string | null;
  };
  action: string;
  outcome: 'ok' | 'denied';
  targetType?: string;
  targetId?: string | number;
  before?: unknown;
  after?: unknown;
}

export type VerifyResult =
  { ok: true; rows: number } | { ok: false; rows: number; brokenAtId: number; reason: string };

export const GENESIS_HASH = '0'.repeat(64);

/** The hashed columns of a row. */
export interface AuditContent {
  at: string;
  actorUserId: number | null;
  actorUsername: string | null;
  role: string | null;
  scope: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  address: string | null;
}

/**
 * JSON with object keys sorted (by UTF-16 code units) at every level, no
 * whitespace. Meant for values that came out of `JSON.parse`.
 */
export function canonicalJson(value: unknown): string {
  // Loops rather than map/filter/join: every audited C.Hasil form goes
  // through here on voting night.
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'object':
      break;
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      // what JSON has no form for
      return 'null';
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const k of Object.keys(record).sort()) {
    const v = record[k];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

export function auditHash(prevHash: string, content: AuditContent): string {
  const fields: Record<keyof AuditContent, unknown> = {
    at: content.at,
    actorUserId: content.actorUserId,
    actorUsername: content.actorUsername,
    role: content.role,
    scope: content.scope,
    action: content.action,
    outcome: content.outcome,
    targetType: content.targetType,
    targetId: content.targetId,
    before: content.before,
    after: content.after,
    address: content.address,
  };
  return createHash('sha256')
    .update(prevHash + canonicalJson(fields))
    .digest('hex');
}

const MAYBE_UNSTORABLE = /[\0\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The string PostgreSQL will keep: neither text nor jsonb can hold U+0000,
 * and the drivers send lone UTF-16 surrogates as U+FFFD (jsonb refuses them
 * outright). Both become U+FFFD here, so an odd input never makes the audit
 * write fail, and what is hashed is what is stored.
 */
function storable(text: string): string {
  if (!MAYBE_UNSTORABLE.test(text)) return text;
  return text.replaceAll('\0', '\ufffd').replace(LONE_SURROGATE, '\ufffd');
}

function storableOrNull(text: string | null): string | null {
  return text === null ? null : storable(text);
}

function storableJson(value: unknown): unknown {
  if (typeof value === 'string') return storable(value);
  if (Array.isArray(value)) return value.map(storableJson);
  if (value !== null && typeof value === 'object') {
    // fromEntries defines own properties, so a "__proto__" key stays a key.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [storable(k), storableJson(v)] as const),
    );
  }
  return value;
}

/**
 * JSON.stringify writes U+0000 as `\u0000` and a lone surrogate as `\udXXX`;
 * a text with neither holds no string `storable` would change.
 */
const ESCAPED_UNSTORABLE = /\\u0000|\\ud[89a-f]/i;

/**
 * A value as jsonb will keep it: `toJSON` applied, undefined members
 * dropped, non-finite numbers as null, strings made storable.
 */
function asJson(value: unknown): unknown {
  if (value === undefined) return null;
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) return null;
  const parsed: unknown = JSON.parse(text);
  return ESCAPED_UNSTORABLE.test(text) ? storableJson(parsed) : parsed;
}

/**
 * `at` as `YYYY-MM-DDTHH:MM:SS.mmmZ`, computed by the database so the
 * drivers' timestamptz text (session zone, DateStyle) never matters.
 * Microseconds are read too: a value with sub-millisecond digits (never
 * written by `appendAudit`) keeps them and so fails its hash.
 */
const AT_ISO = sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

function isoFromDatabase(text: string): string {
  return `${text.endsWith('000') ? text.slice(0, -3) : text}Z`;
}

/**
 * Locks the chain's head for this transaction and returns the last hash.
 *
 * The lock is the row lock of `update audit_head … returning`: a second
 * appender waits for the first to commit, then reads the head the first
 * wrote. That needs READ COMMITTED (PostgreSQL's default); under a snapshot
 * isolation the update would fail instead, so it is refused up front.
 * Usable as a CTE (`lockAuditHeadCte`) so a caller can take the lock in a
 * statement it has to send anyway.
 */
export const lockAuditHeadCte = sql`audit_head_lock as (
  update audit_head set last_hash = last_hash where id = 1
  returning last_hash, current_setting('transaction_isolation') as isolation)`;

/** What `lockAuditHeadCte` returned, checked. */
export function auditHeadOf(lastHash: unknown, isolation: unknown): string {
  if (isolation !== 'read committed') {
    throw new Error(
      `the audit trail needs a READ COMMITTED transaction (got ${String(isolation)}); the hash chain would fork`,
    );
  }
  if (typeof lastHash !== 'string') throw new Error('audit_head has no row (migration 0003)');
  return lastHash;
}

/** Locks the audit chain's head until the transaction ends, and reads its last hash. */
export async function lockAuditHead(tx: Db): Promise<string> {
  const rows = rowsOf<{ last_hash: unknown; isolation: unknown }>(
    await tx.execute(
      sql`with ${lockAuditHeadCte} select last_hash, isolation from audit_head_lock`,
    ),
  );
  return auditHeadOf(rows[0]?.last_hash, rows[0]?.isolation);
}

/** Audit rows chained after `prevHash`, ready for `auditInsertCte`. */
export interface ChainedAudit {
  readonly rows: readonly (AuditContent & { prevHash: string; hash: string })[];
  readonly lastHash: string;
}

/** Each entry as the row it will be, each linked to the one before it. */
export function chainAudit(
  prevHash: string,
  entries: readonly AuditEntry[],
  now: Date = new Date(),
): ChainedAudit {
  const at = now.toISOString();
  if (!/^\d{4}-/.test(at)) throw new RangeError(`audit time out of range: ${at}`);
  let lastHash = prevHash;
  const rows = entries.map((entry) => {
    const content: AuditContent = {
      at,
      actorUserId: entry.actor.userId,
      actorUsername: storableOrNull(entry.actor.username),
      role: storableOrNull(entry.actor.role),
      scope: storableOrNull(entry.actor.scope),
      action: storable(entry.action),
      outcome: entry.outcome,
      targetType: storableOrNull(entry.targetType ?? null),
      targetId: entry.targetId === undefined ? null : storable(String(entry.targetId)),
      before: asJson(entry.before),
      after: asJson(entry.after),
      address: storableOrNull(entry.actor.address),
    };
    const hash = auditHash(lastHash, content);
    const row = { ...content, prevHash: lastHash, hash };
    lastHash = hash;
    return row;
  });
  return { rows, lastHash };
}

function auditRowsCte(chained: ChainedAudit, guard: SQL): SQL {
  const rows = chained.rows.map((r, ord) => ({ ord, ...r }));
  return sql`audit_rows as (
    insert into audit_log (at, actor_user_id, actor_username, role, scope, action, outcome,
      target_type, target_id, before, after, address, prev_hash, hash)
    select r.at::timestamptz, r."actorUserId", r."actorUsername", r.role, r.scope, r.action,
      r.outcome, r."targetType", r."targetId", r.before, r.after, r.address, r."prevHash", r.hash
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r (ord int, at text,
      "actorUserId" int, "actorUsername" text, role text, scope text, action text, outcome text,
      "targetType" text, "targetId" text, before jsonb, after jsonb, address text,
      "prevHash" text, hash text)
    ${guard}
    order by r.ord
    returning id
  )`;
}

/**
 * Two CTEs (`audit_rows`, `audit_head_moved`) that insert the chained rows, in
 * order (rows of one statement take their serial ids in the order given), and
 * move the head to the last of them. The caller must hold the head's lock.
 */
export function auditInsertCte(chained: ChainedAudit): SQL {
  return sql`${auditRowsCte(chained, sql``)}, audit_head_moved as (
    update audit_head set last_hash = ${chained.lastHash} where id = 1 returning id
  )`;
}

/**
 * Appending without holding the head's lock beforehand: `head` (a CTE
 * `audit_head_moved`, to come first in the statement) moves the head from
 * `prevHash` to the chain's last hash only if it is still `prevHash`
 * (compare-and-set; it waits for a transaction holding the head and then
 * looks again); `rows` (`audit_rows`) inserts the chained rows only if it
 * did. Every other write of the statement must be guarded by
 * `exists (select 1 from audit_head_moved)` as well: if the head moved, the
 * statement writes nothing and the caller judges again.
 */
export function auditCasCtes(prevHash: string, chained: ChainedAudit): { head: SQL; rows: SQL } {
  return {
    head: sql`audit_head_moved as (
      update audit_head set last_hash = ${chained.lastHash}
      where id = 1 and last_hash = ${prevHash} returning id
    )`,
    rows: auditRowsCte(chained, sql`where exists (select 1 from audit_head_moved)`),
  };
}

/**
 * Records one entry, inside the caller's transaction (so it commits or rolls
 * back with the action it records).
 */
export async function appendAudit(
  tx: Db,
  entry: AuditEntry,
  now: Date = new Date(),
): Promise<void> {
  await appendAuditBatch(tx, [entry], now);
}

/**
 * Records several entries, in order, inside the caller's transaction: lock
 * and read the head in one statement, write the rows and the new head in a
 * second. Each row links to the one before it exactly as if `appendAudit`
 * had been called for each in turn.
 */
export async function appendAuditBatch(
  tx: Db,
  entries: readonly AuditEntry[],
  now: Date = new Date(),
): Promise<void> {
  if (entries.length === 0) return;
  const chained = chainAudit(await lockAuditHead(tx), entries, now);
  await tx.execute(sql`with ${auditInsertCte(chained)} select count(*) from audit_rows`);
}

const ROW_COLUMNS = {
  id: auditLog.id,
  at: AT_ISO,
  actorUserId: auditLog.actorUserId,
  actorUsername: auditLog.actorUsername,
  role: auditLog.role,
  scope: auditLog.scope,
  action: auditLog.action,
  outcome: auditLog.outcome,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  before: auditLog.before,
  after: auditLog.after,
  address: auditLog.address,
  prevHash: auditLog.prevHash,
  hash: auditLog.hash,
};

type StoredRow = Omit<AuditRow, 'before' | 'after'> & { before: unknown; after: unknown };

function toRow(r: StoredRow): AuditRow {
  return { ...r, at: isoFromDatabase(r.at) };
}

export const VERIFY_PAGE_SIZE = 5_000;

/**
 * A checkpoint of the trail: how many rows it has and the hash of the last
 * one. Written where an operator keeps it (a line in the server log every
 * hour, the footer of each daily report), it lets `audit verify --checkpoint`
 * prove that rows were cut off the end even if the head row was changed too.
 */
export interface AuditCheckpoint {
  readonly rows: number;
  readonly hash: string;
}

export async function auditCheckpoint(db: Db): Promise<AuditCheckpoint> {
  const [counted] = rowsOf<{ n: string }>(
    await db.execute(sql`select count(*)::text as n from audit_log`),
  );
  const [last] = await db
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1);
  return { rows: Number(counted?.n ?? 0), hash: last?.hash ?? GENESIS_HASH };
}

/** `1234:ab12…` (rows and hash), as printed and as `audit verify --checkpoint` reads it. */
export function formatCheckpoint(c: AuditCheckpoint): string {
  return `${String(c.rows)}:${c.hash}`;
}

export function parseCheckpoint(text: string): AuditCheckpoint | null {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return m === null ? null : { rows: Number(m[1]), hash: m[2] ?? '' };
}

const short = (hash: string) => `${hash.slice(0, 12)}…`;

/**
 * Walks the whole trail in id order, a page at a time (memory stays flat),
 * recomputing each hash and checking each link to the row before; then
 * checks the end: the head row's hash must be one of the rows (deleting the
 * last rows leaves the head pointing at nothing), and, when a checkpoint is
 * given, its row must still be there with its hash.
 */
export async function verifyAuditChain(
  db: Db,
  pageSize: number = VERIFY_PAGE_SIZE,
  checkpoint?: AuditCheckpoint,
): Promise<VerifyResult> {
  // Read before the walk: rows appended meanwhile come after it and chain on.
  const [headRow] = await db.select({ lastHash: auditHead.lastHash }).from(auditHead);
  const head = headRow?.lastHash ?? GENESIS_HASH;
  let headSeen = head === GENESIS_HASH;
  let rows = 0;
  let prevHash = GENESIS_HASH;
  let lastId: number | null = null;
  for (;;) {
    const page: StoredRow[] = await db
      .select(ROW_COLUMNS)
      .from(auditLog)
      .where(lastId === null ? undefined : gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(pageSize);
    for (const stored of page) {
      const row = toRow(stored);
      rows += 1;
      if (auditHash(row.prevHash, row) !== row.hash) {
        return {
          ok: false,
          rows,
          brokenAtId: row.id,
          reason: `Baris ${String(row.id)} diubah: hash tidak cocok`,
        };
      }
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          rows,
          brokenAtId: row.id,
          reason: `Rantai putus sebelum baris ${String(row.id)}: ada baris yang dihapus atau disisipkan, atau baris sebelumnya diubah`,
        };
      }
      if (checkpoint !== undefined && rows === checkpoint.rows && row.hash !== checkpoint.hash) {
        return {
          ok: false,
          rows,
          brokenAtId: row.id,
          reason: `Baris ke-${String(rows)} (id ${String(row.id)}) tidak sama dengan titik periksa (hash ${short(checkpoint.hash)}): jejak diganti sejak titik periksa dicatat`,
        };
      }
      if (row.hash === head) headSeen = true;
      prevHash = row.hash;
      lastId = row.id;
    }
    if (page.length < pageSize) break;
  }
  const end = lastId === null ? 'jejak kosong' : `baris terakhir id ${String(lastId)}`;
  if (checkpoint !== undefined && rows < checkpoint.rows) {
    return {
      ok: false,
      rows,
      brokenAtId: (lastId ?? 0) + 1,
      reason: `Ujung jejak audit dipotong: titik periksa mencatat ${String(checkpoint.rows)} baris (hash ${short(checkpoint.hash)}), kini hanya ${String(rows)} baris (${end}); ${String(checkpoint.rows - rows)} baris terakhir hilang`,
    };
  }
  if (!headSeen) {
    return {
      ok: false,
      rows,
      brokenAtId: (lastId ?? 0) + 1,
      reason: `Ujung jejak audit hilang: kepala rantai mencatat hash ${short(head)}, tetapi tidak ada baris dengan hash itu (${String(rows)} baris, ${end}); baris sesudahnya telah dihapus, atau kepala rantai diubah`,
    };
  }
  return { ok: true, rows };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filterCondition(filter: AuditQuery): SQL | undefined {
  return and(
    filter.action === undefined ? undefined : eq(auditLog.action, filter.action),
    filter.actor === undefined
      ? undefined
      : ilike(auditLog.actorUsername, `%${escapeLike(filter.actor)}%`),
    filter.outcome === undefined ? undefined : eq(auditLog.outcome, filter.outcome),
    filter.targetType === undefined ? undefined : eq(auditLog.targetType, filter.targetType),
    filter.targetId === undefined ? undefined : eq(auditLog.targetId, filter.targetId),
    filter.from === undefined ? undefined : gte(auditLog.at, auditRangeStart(filter.from)),
    filter.to === undefined ? undefined : lt(auditLog.at, auditRangeEnd(filter.to)),
  );
}

/** One page of the trail, newest first, with the number of matching rows. */
export async function listAudit(db: Db, filter: AuditQuery): Promise<AuditPage> {
  const where = filterCondition(filter);
  const stored: StoredRow[] = await db
    .select(ROW_COLUMNS)
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [counted] = await db.select({ total: count() }).from(auditLog).where(where);
  return {
    rows: stored.map(toRow),
    total: counted?.total ?? 0,
    limit: filter.limit,
    offset: filter.offset,
  };
}
