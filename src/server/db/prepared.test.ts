import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './connection.ts';
import { executePrepared } from './prepared.ts';
import { rowsOf } from './rows.ts';
import { createTestDatabase, testEngines } from './test-databases.ts';

describe.each(testEngines())('prepared statements on %s', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await database.close();
  });

  const twice = (n: number) =>
    sql`select (${JSON.stringify({ n })}::jsonb ->> 'n')::int * 2 as twice, 'ok' as word`;

  it('answers as db.execute does, call after call with new parameters', async () => {
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      const prepared = rowsOf<{ twice: number; word: string }>(
        await executePrepared(database.db, twice(n)),
      );
      const plain = rowsOf<{ twice: number; word: string }>(await database.db.execute(twice(n)));
      expect(prepared).toEqual([{ twice: 2 * n, word: 'ok' }]);
      expect(prepared).toEqual(plain);
    }
  });

  it('runs inside a transaction on the transaction, and sees its uncommitted rows', async () => {
    await database.db.execute(sql`create table if not exists prepared_probe (n int)`);
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into prepared_probe values (41)`);
        const seen = rowsOf<{ n: number }>(
          await executePrepared(tx, sql`select n + ${1}::int as n from prepared_probe`),
        );
        expect(seen).toEqual([{ n: 42 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(rowsOf(await database.db.execute(sql`select * from prepared_probe`))).toEqual([]);
  });

  it('still answers past the cap on distinct statement texts', async () => {
    const texts = Array.from({ length: 80 }, (_, i) => i);
    const answers = await Promise.all(
      texts.map(async (i) =>
        rowsOf<{ v: number }>(
          await executePrepared(database.db, sql.raw(`select ${String(i)} as v`)),
        ),
      ),
    );
    expect(answers.map((r) => r[0]?.v)).toEqual(texts);
  });

  it('reports a bad statement as the database error each time, and runs it once it is good', async () => {
    const probe = sql`select count(*)::int as n from prepared_later`;
    for (let i = 0; i < 3; i++) {
      await expect(executePrepared(database.db, probe)).rejects.toThrow(/prepared_later/);
    }
    await database.db.execute(sql`create table prepared_later (n int)`);
    expect(rowsOf(await executePrepared(database.db, probe))).toEqual([{ n: 0 }]);
    expect(rowsOf(await executePrepared(database.db, twice(9)))).toEqual([
      { twice: 18, word: 'ok' },
    ]);
  });
});
