/**
 * `npm run bench -- results [--engine pglite|postgres] [--scale N] [--clients N]`:
 * the regency's voting night. Every active TPS × both contests is submitted
 * over HTTP by concurrent keep-alive clients (a worker thread) to the real app
 * on 127.0.0.1, on a fresh demo database per engine; beside it, in the same
 * run, the same number of POSTs to `/api/bench/validate` (parse + validate
 * only: the HTTP ceiling of this server), measured before the night and
 * again after it (warm: the first pass is the server's first requests). Then: the time from the last
 * accepted submission until the regency summary counts every TPS, a 1 %
 * resend with the same client ids, and checks in the database (one current
 * version per TPS × contest, no duplicates, vote sums equal to those sent,
 * `verifyResultTotals` clean, audit chain intact, every stored form the one
 * its audit row vouches for).
 *
 * `--scale N` adds synthetic TPS (one INSERT … SELECT) so the regency has N×
 * the demo's TPS. Results go to `bench/results/<date>-results-<engine>[-xN].json`.
 * Not a test: it measures and prints; nothing fails on a figure.
 */
import '../src/domain/common/zod-id.ts';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { openDatabase, type Database, type Engine } from '../src/server/db/connection.ts';
import { rowsOf } from '../src/server/db/rows.ts';
import { initRegency } from '../src/server/setup/setup.service.ts';
import { resultsWindow } from '../src/server/results/results.service.ts';
import { verifyResultTotals } from '../src/server/results/results.summary.ts';
import { verifyResultForms } from '../src/server/results/results.form-check.ts';
import { writerStats } from '../src/server/results/results.batch.ts';
import { verifyAuditChain } from '../src/server/audit/audit.service.ts';
import { DEMO_PASSWORD } from '../src/server/setup/demo-accounts.ts';
import type { ClientSetup, NightReport, PassReport } from './results.client.ts';

const PG_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DB = 'dp_bench_results';
const REGENCY = '35.13';
const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}
const scale = Number(option('scale') ?? '1');
const clients = Number(option('clients') ?? '64');
const engineOption = option('engine');
const engines: Engine[] =
  engineOption === 'pglite' || engineOption === 'postgres'
    ? [engineOption]
    : ['pglite', 'postgres'];
if (!Number.isInteger(scale) || scale < 1) throw new Error('--scale must be a whole number ≥ 1');

const out = (line: string) => process.stdout.write(`${line}\n`);
const now = () => performance.timeOrigin + performance.now();
const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function openEngine(engine: Engine): Promise<Database | null> {
  if (engine === 'pglite') return openDatabase({});
  const admin = new pg.Client({ connectionString: PG_SERVER });
  try {
    await admin.connect();
  } catch {
    out(`postgres: not reachable at ${PG_SERVER}, skipped`);
    return null;
  }
  await admin.query(`drop database if exists ${PG_DB} with (force)`);
  await admin.query(`create database ${PG_DB}`);
  await admin.end();
  const url = new URL(PG_SERVER);
  url.pathname = `/${PG_DB}`;
  return openDatabase({ url: url.toString() });
}

/**
 * Adds synthetic desa and TPS so the regency has `scale` × its TPS, the way a
 * province has more of them: every real desa gets `factor - 1` synthetic
 * twins in its kecamatan (codes from 3000 up), each with the real desa's TPS
 * numbers and 150–600 voters. Desa keep their real size, as in a province
 * (stuffing hundreds of TPS into one desa would model no real place).
 */
async function scaleUp(database: Database, factor: number): Promise<void> {
  if (factor <= 1) return;
  const twins = sql`select d.code as src, d.parent_code as kec, g,
      d.parent_code || '.' ||
        (2999 + row_number() over (partition by d.parent_code order by d.code, g))::text as code,
      d.name || ' ' || g::text as name
    from region d cross join generate_series(1, ${factor - 1}) as g
    where d.level = 'desa'`;
  await database.db.execute(sql`
    insert into region (code, level, parent_code, name)
    select code, 'desa', kec, name from (${twins}) w`);
  await database.db.execute(sql`
    insert into tps (desa_code, number, voters, address)
    select w.code, t.number, 150 + ((t.id * 7919 + w.g * 104729) % 451), 'sintetis (bench)'
    from tps t join (${twins}) w on w.src = t.desa_code
    where t.status = 'aktif'`);
  // Only what was scaled: analyzed empty, the results tables would keep the
  // plans PostgreSQL caches for them (its foreign-key checks among them) as
  // sequential scans all night; at 7,000 TPS that cut the night to 430–780
  // accepted/s. Never analyzed, they are planned by their size on disk.
  if (database.engine === 'postgres') await database.db.execute(sql`analyze region, tps`);
}

interface EngineRun {
  bench: 'results';
  engine: Engine;
  scale: number;
  clients: number;
  date: string;
  tps: number;
  contests: number;
  submissions: number;
  setupMs: number;
  reference: PassReport & { perS: number };
  /** The same reference pass after the night, warm. */
  referenceAfter: PassReport & { perS: number };
  night: Omit<NightReport, 'votesSent'> & { perS: number; accepted: number };
  writer: ReturnType<typeof writerStats>;
  resend: PassReport;
  finalAfterMs: number;
  checks: Record<string, number | boolean | string>;
  lost: number;
  duplicated: number;
}

async function runEngine(engine: Engine): Promise<EngineRun | null> {
  const t0 = now();
  const database = await openEngine(engine);
  if (database === null) return null;
  const init = await initRegency(database.db, {
    regencyCode: REGENCY,
    demo: true,
    activity: false,
  });
  if (!init.ok) throw new Error(init.error.message);
  await scaleUp(database, scale);
  const window = await resultsWindow(database.db);
  if (!window.open) throw new Error(`results window closed: ${window.message}`);
  const db = database.db;
  const tpsRows = rowsOf<{ id: number; voters: number }>(
    await db.execute(sql`select id, voters from tps where status = 'aktif' order by id`),
  );
  const contestRows = rowsOf<{ id: number }>(
    await db.execute(sql`select id from contest order by id`),
  );
  const pairRows = rowsOf<{ id: number; contest_id: number }>(
    await db.execute(sql`select id, contest_id from candidate_pair order by id`),
  );
  const pairs: Record<number, number[]> = {};
  for (const p of pairRows) (pairs[p.contest_id] ??= []).push(p.id);
  // TPS finish counting in no particular order (a seeded shuffle); each sends its contests one after the other.
  let seed = 1127;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const order = tpsRows.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [order[i], order[k]] = [order[k] as (typeof order)[number], order[i] as (typeof order)[number]];
  }
  const jobs = new Int32Array(tpsRows.length * contestRows.length * 3);
  let j = 0;
  for (const t of order) {
    for (const c of contestRows) {
      jobs[j++] = t.id;
      jobs[j++] = c.id;
      jobs[j++] = t.voters;
    }
  }
  const submissions = jobs.length / 3;

  const app = await buildApp({
    database,
    dataDir: await mkdtemp(join(tmpdir(), 'dp-bench-')),
    benchReference: true,
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${await signIn.text()}`);
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const setupMs = now() - t0;
  out(
    `${engine}: ${fmt(tpsRows.length)} TPS × ${String(contestRows.length)} contests = ${fmt(submissions)} submissions, ${String(clients)} clients (setup ${fmt(setupMs / 1000, 1)} s)`,
  );

  // The worker loads TypeScript through tsx's loader, registered in the worker itself.
  const clientUrl = new URL('./results.client.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(clientUrl)}); });`;
  const worker = new Worker(boot, {
    eval: true,
    workerData: {
      base,
      cookie,
      csrfToken,
      clients,
      seed: 20241127,
      jobs,
      pairs,
    } satisfies ClientSetup,
  });
  const replies: unknown[] = [];
  const waiters: ((v: unknown) => void)[] = [];
  worker.on('message', (m: unknown) => {
    const w = waiters.shift();
    if (w === undefined) replies.push(m);
    else w(m);
  });
  worker.on('error', (e) => {
    throw e;
  });
  const reply = <T>(): Promise<T> =>
    new Promise<T>((resolve) => {
      const m = replies.shift();
      if (m !== undefined) resolve(m as T);
      else waiters.push(resolve as (v: unknown) => void);
    });
  await reply();

  worker.postMessage({ cmd: 'reference' });
  const reference = await reply<PassReport>();
  const refPerS = (reference.requests / reference.elapsedMs) * 1000;
  out(
    `${engine}: reference POST /api/bench/validate  ${fmt(refPerS)}/s  p50 ${fmt(reference.p50Ms, 1)} ms  p99 ${fmt(reference.p99Ms, 1)} ms  statuses ${JSON.stringify(reference.statuses)}`,
  );

  worker.postMessage({ cmd: 'night' });
  const nightReport = await reply<NightReport>();
  // Then poll the regency summary of every contest every 20 ms until it counts every TPS.
  const finalAt = new Map<number, number>();
  while (finalAt.size < contestRows.length && now() - nightReport.last201At < 30_000) {
    for (const c of contestRows) {
      if (finalAt.has(c.id)) continue;
      const res = await fetch(`${base}/api/results/summary?contestId=${String(c.id)}`, {
        headers: { cookie },
      });
      const body = (await res.json()) as { region: { reported: number } };
      if (body.region.reported === tpsRows.length) finalAt.set(c.id, now());
    }
    if (finalAt.size < contestRows.length) await new Promise((r) => setTimeout(r, 20));
  }
  const accepted = nightReport.statuses['201'] ?? 0;
  const nightPerS = (accepted / nightReport.elapsedMs) * 1000;
  const finalAfterMs =
    finalAt.size === contestRows.length
      ? Math.max(0, Math.max(...finalAt.values()) - nightReport.last201At)
      : Number.POSITIVE_INFINITY;
  out(
    `${engine}: POST /api/results  accepted ${fmt(accepted)} in ${fmt(nightReport.elapsedMs / 1000, 1)} s = ${fmt(nightPerS)}/s (${fmt((nightPerS / refPerS) * 100, 1)} % of the ceiling)  p50 ${fmt(nightReport.p50Ms, 1)} ms  p99 ${fmt(nightReport.p99Ms, 1)} ms  max ${fmt(nightReport.maxMs, 1)} ms  statuses ${JSON.stringify(nightReport.statuses)}`,
  );
  for (const e of nightReport.firstErrors) out(`${engine}:   ${e}`);
  const writer = writerStats(db);
  out(
    `${engine}: writer: ${fmt(writer.batches)} batches of ${fmt(writer.submissions / Math.max(1, writer.batches), 1)} on average; judged again under the audit head's lock ${String(writer.relocked)}, sent one by one ${String(writer.alone)}`,
  );
  out(
    `${engine}: dashboard totals final ${fmt(finalAfterMs, 0)} ms after the last accepted submission`,
  );

  worker.postMessage({ cmd: 'resend', fraction: 0.01 });
  const resend = await reply<PassReport>();
  out(
    `${engine}: resend 1 % with the same clientId: ${fmt(resend.requests)} requests, statuses ${JSON.stringify(resend.statuses)}`,
  );
  // The reference again, now that the server's code is warm and every
  // connection open: the first pass runs cold, which flatters the ratio.
  worker.postMessage({ cmd: 'reference' });
  const referenceAfter = await reply<PassReport>();
  const refAfterPerS = (referenceAfter.requests / referenceAfter.elapsedMs) * 1000;
  out(
    `${engine}: reference again, warm  ${fmt(refAfterPerS)}/s  p50 ${fmt(referenceAfter.p50Ms, 1)} ms  p99 ${fmt(referenceAfter.p99Ms, 1)} ms (the night at ${fmt((nightPerS / refAfterPerS) * 100, 1)} % of it)`,
  );
  await worker.terminate();

  // Checks in the database.
  const [counts] = rowsOf<{
    submissions: string | number;
    distinct_pairs: string | number;
    distinct_clients: string | number;
    current: string | number;
    not_v1: string | number;
  }>(
    await db.execute(sql`
      select (select count(*) from result_submission) as submissions,
             (select count(*) from (select distinct tps_id, contest_id from result_submission) d) as distinct_pairs,
             (select count(distinct client_id) from result_submission) as distinct_clients,
             (select count(*) from result_current) as current,
             (select count(*) from result_current where version <> 1) as not_v1`),
  );
  const votesStored = rowsOf<{ selection_id: number; votes: string | number }>(
    await db.execute(sql`
      select v."selectionId" as selection_id, sum(v.votes) as votes
      from result_current c join result_submission s on s.id = c.submission_id
      cross join jsonb_to_recordset(s.form -> 'votes') as v ("selectionId" int, votes int)
      group by v."selectionId"`),
  );
  const [auditCount] = rowsOf<{ n: string | number }>(
    await db.execute(sql`select count(*) as n from audit_log where action = 'result.submit'`),
  );
  const storedVotes = new Map(votesStored.map((r) => [r.selection_id, Number(r.votes)]));
  let votesDiff = 0;
  for (const [sel, sent] of Object.entries(nightReport.votesSent)) {
    votesDiff += Math.abs((storedVotes.get(Number(sel)) ?? 0) - sent);
  }
  const stored = Number(counts?.submissions);
  const totalsDiffs = await verifyResultTotals(
    db,
    contestRows.map((c) => c.id),
  );
  const chain = await verifyAuditChain(db);
  const forms = await verifyResultForms(db);
  const checks = {
    submissions_stored: stored,
    one_current_per_tps_contest:
      Number(counts?.current) === submissions && Number(counts?.distinct_pairs) === submissions,
    all_version_1: Number(counts?.not_v1) === 0,
    distinct_client_ids: Number(counts?.distinct_clients),
    votes_equal_sent: votesDiff === 0,
    votes_abs_difference: votesDiff,
    verify_result_totals_differences: totalsDiffs.length,
    audit_rows_result_submit: Number(auditCount?.n),
    audit_chain: chain.ok ? `ok (${String(chain.rows)} rows)` : chain.reason,
    forms_checked_against_audit: forms.versions,
    forms_not_vouched_for: forms.forms.length,
  };
  const lost = Math.max(0, submissions - stored);
  const duplicated = Math.max(0, stored - submissions);
  out(
    `${engine}: checks ${JSON.stringify(checks)}  lost ${String(lost)}  duplicated ${String(duplicated)}`,
  );

  await app.close();
  await database.close();
  return {
    bench: 'results',
    engine,
    scale,
    clients,
    date: new Date().toISOString(),
    tps: tpsRows.length,
    contests: contestRows.length,
    submissions,
    setupMs,
    reference: { ...reference, perS: refPerS },
    referenceAfter: { ...referenceAfter, perS: refAfterPerS },
    night: {
      requests: nightReport.requests,
      elapsedMs: nightReport.elapsedMs,
      statuses: nightReport.statuses,
      p50Ms: nightReport.p50Ms,
      p99Ms: nightReport.p99Ms,
      maxMs: nightReport.maxMs,
      last201At: nightReport.last201At,
      firstErrors: nightReport.firstErrors,
      clientIds: nightReport.clientIds,
      perS: nightPerS,
      accepted,
    },
    writer,
    resend,
    finalAfterMs,
    checks,
    lost,
    duplicated,
  };
}

const runs: EngineRun[] = [];
for (const engine of engines) {
  const run = await runEngine(engine);
  if (run === null) continue;
  runs.push(run);
  await mkdir(RESULTS_DIR, { recursive: true });
  const stamp = run.date.replace(/[:]/g, '').replace(/\..*$/, '');
  const file = join(
    RESULTS_DIR,
    `${stamp}-results-${engine}${scale > 1 ? `-x${String(scale)}` : ''}.json`,
  );
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  out(`${engine}: written ${file}`);
}
for (const run of runs) {
  out(
    JSON.stringify({
      bench: 'results',
      engine: run.engine,
      scale: run.scale,
      accepted_per_s: Math.round(run.night.perS),
      p99_ms: Math.round(run.night.p99Ms * 10) / 10,
      ceiling_per_s: Math.round(run.reference.perS),
      ceiling_warm_per_s: Math.round(run.referenceAfter.perS),
      final_after_ms: Math.round(run.finalAfterMs),
      lost: run.lost,
      duplicated: run.duplicated,
    }),
  );
}
