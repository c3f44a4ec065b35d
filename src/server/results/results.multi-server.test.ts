/**
 * Two servers on one PostgreSQL database (a deployment behind a load
 * balancer): their batches race for the same TPS and the same client ids.
 * Whatever interleaving happens, each client id is stored once, versions
 * stay 1, 2, 3… per TPS × contest, the running totals equal the leaves, and
 * the audit chain stays one line. A batch that loses a race is rolled back
 * and its submissions are judged again one by one (`submitAlone`).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { LiveHub, type ResultEvent } from '../live/live-hub.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { openDatabase, type Database } from '../db/connection.ts';
import { rowsOf } from '../db/rows.ts';
import { createDemoDatabase, testEngines } from '../db/test-databases.ts';
import type { ZodApp } from '../http/reply.ts';
import { injectAs, signIn, type Inject } from '../testing/app-harness.ts';
import { consistentForm } from './form-fixture.ts';
import { verifyResultTotals } from './results.summary.ts';
import type { Contest } from '../../domain/contests/contest.schema.ts';

const SUKAPURA = '35.13.01';

describe.skipIf(!testEngines().includes('postgres'))('two servers on one database', () => {
  let first: Database;
  let second: Database;
  let apps: ZodApp[];
  let a: Inject;
  let b: Inject;
  let contest: Contest;
  let tpsIds: number[];
  const hubs = [new LiveHub(), new LiveHub()] as const;

  beforeAll(async () => {
    first = await createDemoDatabase('postgres');
    second = await openDatabase({ url: first.url ?? '' });
    const servers: [Database, LiveHub][] = [
      [first, hubs[0]],
      [second, hubs[1]],
    ];
    apps = await Promise.all(
      servers.map(async ([database, hub]) =>
        buildApp({ database, hub, dataDir: await mkdtemp(join(tmpdir(), 'dp-multi-')) }),
      ),
    );
    [a, b] = (await Promise.all(
      apps.map(async (app) => injectAs(app, await signIn(app, 'admin'))),
    )) as [Inject, Inject];
    contest = (await apps[0]?.inject('/api/contests'))?.json<Contest[]>()[1] as Contest;
    tpsIds = rowsOf<{ id: number }>(
      await first.db.execute(
        sql`select id from tps where desa_code like ${`${SUKAPURA}.%`} and status = 'aktif' order by id limit 24`,
      ),
    ).map((r) => r.id);
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await second.close();
    await first.close();
  });

  it('keeps every client id once, versions contiguous, totals equal to the leaves and one audit chain', async () => {
    const post = (via: Inject, tpsId: number, clientId: string, valid: number, reason?: string) =>
      via({
        method: 'POST',
        url: '/api/results',
        payload: {
          clientId,
          tpsId,
          contestId: contest.id,
          form: consistentForm({
            dpt: 300,
            votes: contest.pairs.map((p, i) => ({
              selectionId: p.id,
              votes: i === 0 ? valid - 40 : i === 1 ? 40 : 0,
            })),
            invalid: 3,
          }),
          ...(reason === undefined ? {} : { reason }),
        },
      });
    // Each TPS: the same client id sent through both servers at once, and a
    // correction with its own id through the other server at the same time.
    const sent = await Promise.all(
      tpsIds.flatMap((tpsId) => {
        const id = randomUUID();
        return [
          post(a, tpsId, id, 200),
          post(b, tpsId, id, 200),
          post(b, tpsId, randomUUID(), 210, 'Koreksi dari server kedua'),
        ];
      }),
    );
    const statuses = sent.map((r) => r.statusCode);
    // 201 a new version; 200 the same id answered again; 409 asked to resend
    // (two writers for one TPS at the same instant); 422 when the correction
    // landed first, so the plain first send became a correction without a
    // reason. Nothing else.
    for (const r of sent) {
      expect([200, 201, 409, 422], r.body).toContain(r.statusCode);
    }
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(tpsIds.length);
    const stored = rowsOf<{
      tps_id: number;
      versions: number[];
      clients: number;
      distinct_clients: number;
    }>(
      await first.db.execute(sql`
        select tps_id, array_agg(version order by version) as versions,
          count(*)::int as clients, count(distinct client_id)::int as distinct_clients
        from result_submission where contest_id = ${contest.id} group by tps_id`),
    );
    expect(stored).toHaveLength(tpsIds.length);
    for (const row of stored) {
      expect(row.clients).toBe(row.distinct_clients);
      expect(row.versions).toEqual(row.versions.map((_, i) => i + 1));
    }
    const created = statuses.filter((s) => s === 201).length;
    expect(stored.reduce((n, r) => n + r.versions.length, 0)).toBe(created);
    expect(await verifyResultTotals(first.db, [contest.id])).toEqual([]);
    expect(await verifyAuditChain(first.db)).toMatchObject({ ok: true });
  });

  it('relays live events: a result accepted on one server reaches the other server’s listeners within a second', async () => {
    const seen: ResultEvent[] = [];
    const stop = hubs[1].subscribe((e) => seen.push(e));
    try {
      const tpsId = tpsIds[0] ?? 0;
      const res = await a({
        method: 'POST',
        url: '/api/results',
        payload: {
          clientId: randomUUID(),
          tpsId,
          contestId: contest.id,
          reason: 'Koreksi untuk uji siaran langsung',
          form: consistentForm({
            dpt: 300,
            votes: contest.pairs.map((p, i) => ({ selectionId: p.id, votes: i === 0 ? 150 : 30 })),
            invalid: 3,
          }),
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const version = res.json<{ version: number }>().version;
      const sentAt = Date.now();
      await expect
        .poll(() => seen.find((e) => e.tpsId === tpsId && e.version === version), {
          timeout: 1_000,
          interval: 10,
        })
        .toMatchObject({ type: 'result', contestId: contest.id, status: 'submitted' });
      expect(Date.now() - sentAt).toBeLessThan(1_000);
    } finally {
      stop();
    }
  });
});
