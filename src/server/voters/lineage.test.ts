/**
 * The history page of every demo voter answers (issue 20 item 15: the demo
 * stored `changes` as an object and the lineage gave 500), and a record in
 * the legacy shape is still read.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voter, voterEvent } from '../db/schema.ts';
import { testEngines } from '../db/test-databases.ts';
import { createTestApp, type TestApp } from '../testing/app-harness.ts';
import type { Lineage } from '../../domain/voters/voters.schema.ts';

describe.each(testEngines())('voter lineage of the demo on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: true, activity: true, as: 'admin' });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('answers 200 for the lineage of every demo voter, U records listing their changes', async () => {
    const ids = await t.database.db.select({ id: voter.id }).from(voter).orderBy(voter.id);
    expect(ids.length).toBeGreaterThan(500);
    const failures: string[] = [];
    let withChanges = 0;
    for (const { id } of ids) {
      const res = await t.inject(`/api/voters/${String(id)}/lineage`);
      if (res.statusCode !== 200) {
        failures.push(`${String(id)}: ${String(res.statusCode)}`);
        continue;
      }
      const l = res.json<Lineage>();
      for (const e of l.entries) {
        if (e.kind === 'U') {
          expect(e.changes.length).toBeGreaterThan(0);
          withChanges += 1;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(withChanges).toBeGreaterThan(0);
  }, 120_000);

  it('stores demo U records like coklit does, and the voter holds the new value', async () => {
    const [u] = await t.database.db
      .select({ voterId: voterEvent.voterId, changes: voterEvent.changes })
      .from(voterEvent)
      .where(eq(voterEvent.kind, 'U'))
      .limit(1);
    expect(u).toBeDefined();
    const changes = u?.changes as { field: string; old: string; new: string }[];
    expect(Array.isArray(changes)).toBe(true);
    expect(changes[0]?.field).toBe('address');
    const [v] = await t.database.db
      .select({ address: voter.address })
      .from(voter)
      .where(eq(voter.id, u?.voterId ?? 0));
    expect(v?.address).toBe(changes[0]?.new);
  });

  it('reads records stored in the legacy object shape, and unknown shapes without failing', async () => {
    const [v] = await t.database.db
      .select({ id: voter.id, tpsId: voter.tpsId })
      .from(voter)
      .limit(1);
    if (v === undefined) throw new Error('no demo voter');
    await t.database.db.insert(voterEvent).values([
      {
        voterId: v.id,
        kind: 'U',
        changes: { address: { from: 'Dusun Krajan', to: 'Dusun Krajan Baru' } },
        reason: 'Pindah alamat dalam desa',
        tpsId: v.tpsId,
        byUsername: 'pantarlih (lama)',
        at: '2024-07-01T01:00:00.000Z',
      },
      {
        voterId: v.id,
        kind: 'MS',
        changes: 'rusak',
        tpsId: v.tpsId,
        byUsername: 'pantarlih (lama)',
        at: '2024-07-02T01:00:00.000Z',
      },
    ]);
    const res = await t.inject(`/api/voters/${String(v.id)}/lineage`);
    expect(res.statusCode).toBe(200);
    const l = res.json<Lineage>();
    const legacy = l.entries.find((e) => e.by === 'pantarlih (lama)' && e.kind === 'U');
    expect(legacy?.changes).toEqual([
      { field: 'Alamat', old: 'Dusun Krajan', new: 'Dusun Krajan Baru' },
    ]);
    const odd = l.entries.find((e) => e.by === 'pantarlih (lama)' && e.kind === 'MS');
    expect(odd?.changes).toEqual([
      { field: 'Perubahan (format tidak dikenal)', old: null, new: '"rusak"' },
    ]);
  });
});
