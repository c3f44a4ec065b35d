/**
 * Statements that run many times a second on voting night, sent as named
 * prepared statements on PostgreSQL: each connection parses such a statement
 * once, where an unnamed one is parsed on every call (about 0.4 ms for the
 * C.Hasil batch write, server log with `log_min_duration_statement = 0`).
 *
 * After five calls PostgreSQL may keep one generic plan for a named
 * statement, made for the tables as they were then. So only statements whose
 * plan cannot turn bad as tables grow belong here: the batch write reads
 * nothing but its own parameter (its inserts, upserts and key checks go by
 * index whatever the plan). The batch context read was one for a while, and
 * its generic plan, made while the results tables were near empty, scanned
 * them whole: 41 ms a batch by the end of a 7,000-TPS night, against 5 ms
 * planned afresh. It is one again since each of its lookups is a lateral
 * subquery behind `offset 0` (by index in any plan), and
 * `results.plan.test.ts` fails if its generic plan on an empty night scans a
 * table that grows.
 *
 * Only on the pool: inside a transaction (whose connection Drizzle keeps to
 * itself) and on PGlite (one in-process connection, no network) the statement
 * runs as `db.execute` would run it. The statement's text names it, so only
 * fixed texts belong here (a query whose text varies with its input, such as
 * an `in (…)` list, would prepare a new statement per length); past
 * `MAX_NAMES` distinct texts the rest run unnamed.
 */
import { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Db } from './connection.ts';

const MAX_NAMES = 64;
const dialect = new PgDialect();
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMES) return known;
  const name = `dp_prepared_${String(names.size + 1)}`;
  names.set(text, name);
  return name;
}

/** A statement rendered once (text, parameters, name), ready to send. */
export interface RenderedQuery {
  readonly query: SQL;
  readonly text: string;
  readonly values: unknown[];
  readonly name: string | undefined;
}

/**
 * Renders `query` now, so whoever waits for a turn to send it (the batch
 * writes of `results.batch.ts`) has nothing left to build when it comes.
 */
export function renderQuery(query: SQL): RenderedQuery {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return { query, text, values: params, name: nameOf(text) };
}

/** Runs `query` like `db.execute`, prepared once per connection on a PostgreSQL pool. */
export async function executePrepared(db: Db, query: SQL | RenderedQuery): Promise<unknown> {
  // `$client` is Drizzle's public handle on the driver; transactions have none.
  const client: unknown = (db as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) return db.execute(query instanceof SQL ? query : query.query);
  const { text, values, name } = query instanceof SQL ? renderQuery(query) : query;
  return client.query(name === undefined ? { text, values } : { name, text, values });
}
