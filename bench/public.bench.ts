/**
 * `npm run bench -- public [--engine pglite|postgres] [--streams N] [--connections N] [--clients N]`:
 * the public on election night (issue 28). Per engine, on a fresh demo
 * database: the results bench's voting night (every active TPS × both
 * contests, from 64 clients) while a crowd requests the public results as
 * fast as it can (wrk, 2 threads, 64 connections) and holds 2,000 open live
 * streams (a worker thread). Beside it, in the same run, the reference: nginx
 * (Debian's, started here on a loopback port with a temporary config, one
 * worker) serving a static file of the same bytes. Prints public req/s and
 * p99 (alone, then during the night), the reference's, the submissions'
 * accepted/s and p99 during the crowd, how far behind the desk's live totals
 * the public figure ran at worst, whether every stream ended on the last
 * snapshot, and peak RSS; ends with one JSON line per engine. Results go to
 * `bench/results/<date>-public-<engine>.json`. Not a test: it measures.
 */
import '../src/domain/common/zod-id.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
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
import { DEMO_PASSWORD } from '../src/server/setup/demo-accounts.ts';
import type { ClientSetup, NightReport } from './results.client.ts';
import type { StreamReport, StreamSetup } from './public.client.ts';

const PG_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DB = 'dp_bench_public';
const REGENCY = '35.13';
const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');
const WRK = process.env.WRK ?? '/usr/bin/wrk';
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}
const streamCount = Number(option('streams') ?? '2000');
const connections = Number(option('connections') ?? '64');
const clients = Number(option('clients') ?? '64');
const aloneSeconds = Number(option('seconds') ?? '10');
const engineOption = option('engine');
const engines: Engine[] =
  engineOption === 'pglite' || engineOption === 'postgres'
    ? [engineOption]
    : ['pglite', 'postgres'];

const out = (line: string) => process.stdout.write(`${line}\n`);
const now = () => performance.timeOrigin + performance.now();
const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

interface WrkReport {
  perS: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: string;
}

const toMs = (v: string, unit: string) =>
  Number(v) * (unit === 'us' ? 0.001 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 1);

function parseWrk(text: string): WrkReport {
  const lat = (p: string) => {
    const m = new RegExp(`^\\s*${p}%\\s+([0-9.]+)(us|ms|s|m)\\s*$`, 'm').exec(text);
    return m === null ? Number.NaN : toMs(m[1] ?? '', m[2] ?? 'ms');
  };
  return {
    perS: Number(/Requests\/sec:\s+([0-9.]+)/.exec(text)?.[1] ?? 'NaN'),
    p50Ms: lat('50'),
    p99Ms: lat('99'),
    requests: Number(/([0-9]+) requests in/.exec(text)?.[1] ?? 'NaN'),
    non2xx: Number(/Non-2xx or 3xx responses:\s+([0-9]+)/.exec(text)?.[1] ?? '0'),
    errors: /Socket errors:.*$/m.exec(text)?.[0] ?? '',
  };
}

/** Runs wrk; `stop` (if given) ends it early with SIGINT (wrk then reports what it measured). */
function runWrk(
  target: string,
  seconds: number,
  stop?: Promise<void>,
): { done: Promise<WrkReport>; child: ChildProcess } {
  const child = spawn(WRK, [
    '-t2',
    `-c${String(connections)}`,
    `-d${String(seconds)}s`,
    '--latency',
    target,
  ]);
  let text = '';
  child.stdout.on('data', (c: Buffer) => (text += c.toString()));
  child.stderr.on('data', (c: Buffer) => (text += c.toString()));
  void stop?.then(() => child.kill('SIGINT'));
  const done = new Promise<WrkReport>((resolve) =>
    child.on('close', () => resolve(parseWrk(text))),
  );
  return { done, child };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** nginx on a loopback port serving `body` as /results.json; stopped by the returned function. */
async function startNginx(body: Buffer): Promise<{ url: string; stop: () => void }> {
  const dir = await mkdtemp(join(tmpdir(), 'dp-nginx-'));
  await mkdir(join(dir, 'www'));
  await writeFile(join(dir, 'www', 'results.json'), body);
  const port = await freePort();
  const conf = `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  sendfile on; tcp_nopush on; keepalive_requests 1000000;
  types { application/json json; }
  server {
    listen 127.0.0.1:${String(port)};
    root ${dir}/www;
    add_header Cache-Control "public, max-age=1, stale-while-revalidate=10";
  }
}
`;
  await writeFile(join(dir, 'nginx.conf'), conf);
  const child = spawn(NGINX, ['-c', join(dir, 'nginx.conf'), '-p', dir], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${String(port)}/results.json`;
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await sleep(100);
    }
  }
  return { url, stop: () => child.kill('SIGTERM') };
}

/** A worker running a TypeScript module (tsx's loader registered in the worker itself). */
function startWorker(file: string, data: unknown) {
  const moduleUrl = new URL(file, import.meta.url).href;
  const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(moduleUrl)}); });`;
  const worker = new Worker(boot, { eval: true, workerData: data });
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
  return { worker, reply };
}

const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

async function runEngine(engine: Engine) {
  const database = await openEngine(engine);
  if (database === null) return null;
  const init = await initRegency(database.db, {
    regencyCode: REGENCY,
    demo: true,
    activity: false,
  });
  if (!init.ok) throw new Error(init.error.message);
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
    publicSite: { streams: { max: streamCount + 500 } },
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
  const contestId = contestRows[contestRows.length - 1]?.id ?? 0;
  const publicUrl = `${base}/api/public/results?contestId=${String(contestId)}`;
  const publicBody = Buffer.from(
    await (await fetch(publicUrl, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer(),
  );
  out(
    `${engine}: ${fmt(tpsRows.length)} TPS × ${String(contestRows.length)} contests = ${fmt(submissions)} submissions from ${String(clients)} clients; public answer ${fmt(publicBody.length)} bytes; wrk -t2 -c${String(connections)}`,
  );

  // Reference: nginx, the same bytes as a static file.
  const nginx = await startNginx(publicBody);
  const ref = await runWrk(nginx.url, aloneSeconds).done;
  out(
    `${engine}: reference nginx static file  ${fmt(ref.perS)}/s  p50 ${fmt(ref.p50Ms, 2)} ms  p99 ${fmt(ref.p99Ms, 2)} ms`,
  );
  nginx.stop();

  // The public answer alone (nothing else running).
  const alone = await runWrk(publicUrl, aloneSeconds).done;
  out(
    `${engine}: GET /api/public/results alone  ${fmt(alone.perS)}/s (${fmt((alone.perS / ref.perS) * 100, 1)} % of nginx)  p50 ${fmt(alone.p50Ms, 2)} ms  p99 ${fmt(alone.p99Ms, 2)} ms  non-2xx ${String(alone.non2xx)} ${alone.errors}`,
  );

  // The crowd's streams.
  const rssBeforeStreams = rssMb();
  const crowd = startWorker('./public.client.ts', {
    base,
    cookie,
    contestIds: contestRows.map((c) => c.id),
    streams: streamCount,
  } satisfies StreamSetup);
  await crowd.reply();
  crowd.worker.postMessage({ cmd: 'open' });
  const opened = await crowd.reply<{ open: number; refused: Record<string, number> }>();
  await sleep(500);
  const rssWithStreams = rssMb();
  out(
    `${engine}: ${fmt(opened.open)} streams open (refused ${JSON.stringify(opened.refused)}), server ${fmt(app.publicSite.streams.size)}; RSS ${fmt(rssBeforeStreams)} → ${fmt(rssWithStreams)} MB`,
  );

  // The night, with the crowd.
  const night = startWorker('./results.client.ts', {
    base,
    cookie,
    csrfToken,
    clients,
    seed: 20241127,
    jobs,
    pairs,
  } satisfies ClientSetup);
  await night.reply();
  let peakRss = rssMb();
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, rssMb())), 100);
  crowd.worker.postMessage({ cmd: 'watch' });
  await crowd.reply();
  let endNight: () => void = () => undefined;
  const nightOver = new Promise<void>((r) => (endNight = r));
  const during = runWrk(publicUrl, 600, nightOver);
  await sleep(1000); // the crowd at full speed before the first submission
  const t0 = now();
  night.worker.postMessage({ cmd: 'night' });
  const nightReport = await night.reply<NightReport>();
  endNight();
  const crowdReport = await during.done;
  const accepted = nightReport.statuses['201'] ?? 0;
  const nightPerS = (accepted / nightReport.elapsedMs) * 1000;
  out(
    `${engine}: during the night GET /api/public/results  ${fmt(crowdReport.perS)}/s (${fmt((crowdReport.perS / ref.perS) * 100, 1)} % of nginx)  p50 ${fmt(crowdReport.p50Ms, 2)} ms  p99 ${fmt(crowdReport.p99Ms, 2)} ms  non-2xx ${String(crowdReport.non2xx)} ${crowdReport.errors}`,
  );
  out(
    `${engine}: POST /api/results with the crowd  accepted ${fmt(accepted)} in ${fmt(nightReport.elapsedMs / 1000, 1)} s = ${fmt(nightPerS)}/s  p50 ${fmt(nightReport.p50Ms, 1)} ms  p99 ${fmt(nightReport.p99Ms, 1)} ms  max ${fmt(nightReport.maxMs, 1)} ms  statuses ${JSON.stringify(nightReport.statuses)}`,
  );
  for (const e of nightReport.firstErrors) out(`${engine}:   ${e}`);
  // Let the last snapshot reach every stream, then ask the crowd what it saw.
  await sleep(3000);
  clearInterval(rssTimer);
  peakRss = Math.max(peakRss, rssMb());
  crowd.worker.postMessage({ cmd: 'report' });
  const streamReport = await crowd.reply<StreamReport>();
  const onLast = streamReport.final.reduce((a, f) => a + f.streamsOnLast, 0);
  out(
    `${engine}: public figure behind the desk's live totals: worst ${fmt(streamReport.staleMaxMs)} ms, p99 ${fmt(streamReport.staleP99Ms)} ms (${fmt(streamReport.liveSamples)} samples over ${fmt((now() - t0) / 1000, 1)} s)`,
  );
  out(
    `${engine}: streams ${fmt(streamReport.open)}: ${fmt(onLast)} ended on the last snapshot; events per stream min ${fmt(streamReport.eventsPerStream.min)} avg ${fmt(streamReport.eventsPerStream.avg, 1)} max ${fmt(streamReport.eventsPerStream.max)}; server frames written ${fmt(app.publicSite.streams.stats.written)}, skipped (full socket) ${fmt(app.publicSite.streams.stats.skipped)}; snapshot builds ${fmt(app.publicSite.site.builds)}`,
  );
  out(
    `${engine}: peak RSS ${fmt(peakRss)} MB (process maxRSS ${fmt(process.resourceUsage().maxRSS / 1024)} MB)`,
  );
  await night.worker.terminate();
  await crowd.worker.terminate();
  await app.close();
  await database.close();
  return {
    bench: 'public' as const,
    engine,
    date: new Date().toISOString(),
    tps: tpsRows.length,
    submissions,
    publicBytes: publicBody.length,
    connections,
    clients,
    reference: ref,
    alone,
    during: crowdReport,
    night: {
      accepted,
      perS: nightPerS,
      elapsedMs: nightReport.elapsedMs,
      p50Ms: nightReport.p50Ms,
      p99Ms: nightReport.p99Ms,
      maxMs: nightReport.maxMs,
      statuses: nightReport.statuses,
    },
    streams: streamReport,
    streamsOnLast: onLast,
    serverStreamStats: app.publicSite.streams.stats,
    snapshotBuilds: app.publicSite.site.builds,
    rssMb: { beforeStreams: rssBeforeStreams, withStreams: rssWithStreams, peak: peakRss },
  };
}

const runs = [];
for (const engine of engines) {
  const run = await runEngine(engine);
  if (run === null) continue;
  runs.push(run);
  await mkdir(RESULTS_DIR, { recursive: true });
  const stamp = run.date.replace(/[:]/g, '').replace(/\..*$/, '');
  const file = join(RESULTS_DIR, `${stamp}-public-${engine}.json`);
  await writeFile(file, `${JSON.stringify(run, null, 2)}\n`);
  out(`${engine}: written ${file}`);
}
for (const run of runs) {
  out(
    JSON.stringify({
      bench: 'public',
      engine: run.engine,
      public_per_s: Math.round(run.during.perS),
      public_p99_ms: Math.round(run.during.p99Ms * 100) / 100,
      ref_per_s: Math.round(run.reference.perS),
      submit_p99_ms: Math.round(run.night.p99Ms * 10) / 10,
      stale_max_ms: Math.round(run.streams.staleMaxMs),
      streams: run.streams.open,
    }),
  );
}
