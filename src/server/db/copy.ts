/**
 * COPY … FROM of CSV text inside the caller's transaction, on both engines.
 *
 * Drizzle has no COPY, so this reaches the connection its transaction runs
 * on: a node-postgres client (COPY FROM STDIN through pg-copy-streams) or a
 * PGlite transaction (COPY FROM '/dev/blob'). That connection is a private
 * field of Drizzle's session; the shape is checked at run time and the
 * import tests on both engines go through here, so a Drizzle upgrade that
 * moves it fails loudly, never silently.
 *
 * Why COPY: it writes rows in bulk, while `insert … on conflict` inserts
 * each row speculatively. Into the keyed voter table, COPY took PGlite 32 µs
 * a row against about 60 for the insert (`npm run bench -- dp4`, floor line).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Transaction as PgliteTransaction } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from './connection.ts';

function connectionOf(db: Db): pg.Client | PgliteTransaction {
  // Drizzle keeps the transaction's connection in `session.client` (private).
  const client: unknown = (db as unknown as { session?: { client?: unknown } }).session?.client;
  if (client instanceof pg.Client) return client;
  if (
    typeof client === 'object' &&
    client !== null &&
    'query' in client &&
    'rollback' in client &&
    !(client instanceof pg.Pool)
  ) {
    return client as PgliteTransaction;
  }
  throw new Error('copyCsv runs inside a transaction (no connection of its own found)');
}

/** Loads `csv` (no header, empty unquoted = NULL) into `table (columns)`. */
export async function copyCsv(
  db: Db,
  table: string,
  columns: readonly string[],
  csv: string,
): Promise<void> {
  if (csv === '') return;
  const target = `${table} (${columns.join(', ')})`;
  const connection = connectionOf(db);
  if (connection instanceof pg.Client) {
    await pipeline(
      Readable.from([csv]),
      connection.query(copyFrom(`copy ${target} from stdin with (format csv)`)),
    );
    return;
  }
  await connection.query(`copy ${target} from '/dev/blob' with (format csv)`, [], {
    blob: new Blob([csv]),
  });
}

/** One CSV line for `copyCsv`: null is an empty cell (NULL), everything else quoted. */
export function copyCsvLine(values: readonly (string | number | null)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) line += ',';
    if (v === null || v === undefined) continue;
    line += typeof v === 'number' ? String(v) : `"${v.replaceAll('"', '""')}"`;
  }
  return `${line}\n`;
}
