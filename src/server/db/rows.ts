/**
 * The rows of a raw `db.execute(sql…)` result. Both drivers (PGlite and
 * node-postgres) answer `{ rows: [...] }`; the caller states the row shape.
 */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  if (typeof result === 'object' && result !== null && 'rows' in result) {
    const { rows } = result;
    if (Array.isArray(rows)) return rows as T[];
  }
  throw new Error('unexpected result shape from the database driver');
}
