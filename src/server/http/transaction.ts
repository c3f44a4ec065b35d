import type { Db } from '../db/connection.ts';
import { DomainFailure, err, type DomainError, type Result } from '../../domain/common/result.ts';

/**
 * Runs `work` in one transaction. An expected failure (a `Result` with
 * `ok: false`) rolls everything back and is returned as a value; a bug
 * (thrown error) rolls back and propagates.
 */
export async function inTransaction<T>(
  db: Db,
  work: (tx: Db) => Promise<Result<T>>,
): Promise<Result<T>> {
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx);
      if (!result.ok) throw new DomainFailure(result.error);
      return result;
    });
  } catch (e) {
    if (e instanceof DomainFailure) return err<DomainError>(e.error);
    throw e;
  }
}

/** PostgreSQL unique-violation (23505) from either driver, with its constraint name. */
export function uniqueViolation(e: unknown): string | null {
  const cause: unknown = e instanceof Error && 'cause' in e ? e.cause : e;
  for (const candidate of [e, cause]) {
    if (typeof candidate === 'object' && candidate !== null && 'code' in candidate) {
      const c = candidate as { code?: unknown; constraint?: unknown };
      if (c.code === '23505') return typeof c.constraint === 'string' ? c.constraint : '';
    }
  }
  return null;
}
