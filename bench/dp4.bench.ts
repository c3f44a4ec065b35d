/**
 * `npm run bench -- dp4 [--rows N] [--engine pglite|postgres]`: a synthetic
 * DP4 for Kabupaten Probolinggo (default 1,000,000 rows over every demo TPS,
 * realistic NIKs, ~1 % invalid rows, ~0.5 % repeated rows) imported with all
 * checks (`importDp4`: stream-parse, row rules, duplicate NIKs, desa/TPS
 * mapping, batched inserts in one transaction, tallies, audit) into a fresh
 * demo database per engine; beside it, in the same run and on the same file,
 * a bare bulk load of the same rows into a table without checks or indexes:
 * COPY on PostgreSQL (pg-copy-streams: node-postgres has no COPY FROM STDIN
 * of its own), batched multi-row INSERT on PGlite. Then the regency-wide
 * progress query, and a floor: the stored rows loaded again by COPY, with
 * no checks, into a copy of the voter table (same keys and indexes), which
 * shows what the table itself costs beside the bare load. Each engine runs in its own child process, PGlite on a
 * data directory on disk as the app runs it, so the peak RSS printed is that
 * engine's alone (for PostgreSQL the server's memory is not included). Prints
 * rows/s and the ratio to the reference, ends with one JSON line per engine,
 * keeps results in bench/results/.
 * Not a test: it measures and prints; nothing fails on a figure.
 */
import '../src/domain/common/zod-id.ts';
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { openDatabase, type Database, type Engine } from '../src/server/db/connection.ts';
import { tps } from '../src/server/db/schema.ts';
import { initRegency } from '../src/server/setup/setup.service.ts';
import { SYSTEM_ACTOR } from '../src/server/auth/actor.ts';
import { importDp4 } from '../src/server/voters/voters.import.ts';
import { voterProgress } from '../src/server/voters/voters.lists.ts';
import { syntheticDp4 } from '../src/server/voters/dp4-synthetic.ts';
import { CsvRecordReader } from '../src/domain/voters/csv-records.ts';
import { DP4_COLUMNS } from '../src/domain/voters/dp4.ts';

const PG_SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DB = 'dp_bench_dp4';
const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}
const rows = Number(option('rows') ?? '1000000');
/** Set in the child process that measures one engine on an existing file. */
const childFile = option('file');
const engineOption = option('engine');
const engines: Engine[] =
  engineOption === 'pglite' || engineOption === 'postgres'
    ? [engineOption]
    : ['pglite', 'postgres'];
if (!Number.isInteger(rows) || rows < 1) throw new Error('--rows must be a whole number ≥ 1');

const out = (line: string) => process.stdout.write(`${line}\n`);
const fmt = (n: number, d = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

/** Peak RSS of this process while `work` runs (sampled every 50 ms). */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  const t0 = performance.now();
  try {
    const value = await work();
    return {
      value,
      ms: performance.now() - t0,
      peakMb: Math.max(peak, process.memoryUsage.rss()) / 1048576,
    };
  } finally {
    clearInterval(timer);
  }
}

const BARE_TABLE = `create table dp4_bare (${DP4_COLUMNS.map((c) => `${c} text`).join(', ')})`;

async function bareLoadPglite(client: PGlite, file: string): Promise<number> {
  await client.exec(BARE_TABLE);
  const reader = new CsvRecordReader();
  const decoder = new TextDecoder();
  let batch: string[][] = [];
  let loaded = 0;
  let header = true;
  const flush = async () => {
    if (batch.length === 0) return;
    const params: string[] = [];
    const tuples = batch.map((r) => {
      const cells = DP4_COLUMNS.map((_c, i) => {
        params.push(r[i] ?? '');
        return `$${String(params.length)}`;
      });
      return `(${cells.join(',')})`;
    });
    await client.query(`insert into dp4_bare values ${tuples.join(',')}`, params);
    loaded += batch.length;
    batch = [];
  };
  const take = async (records: { fields: string[] }[]) => {
    for (const r of records) {
      if (header) {
        header = false;
        continue;
      }
      batch.push(r.fields);
      if (batch.length >= 1000) await flush();
    }
  };
  await client.exec('begin');
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    await take(reader.push(decoder.decode(chunk as Buffer, { stream: true })));
  }
  await take(reader.end().records);
  await flush();
  await client.exec('commit');
  return loaded;
}

async function bareLoadPostgres(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(BARE_TABLE);
    const stream = client.query(
      copyFrom('copy dp4_bare from stdin with (format csv, header true)'),
    );
    await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), stream);
    return stream.rowCount;
  } finally {
    await client.end();
  }
}

/**
 * The floor under any import: the rows the import stored, loaded again by
 * COPY with no checks at all into a copy of the voter table with the same
 * keys and indexes. Beside the bare load it shows what the table itself
 * costs, whatever the checks.
 */
const FLOOR_SETUP = [
  'create table voter_floor (like voter including defaults including constraints including indexes)',
  'alter table voter_floor add foreign key (tps_id, desa_code) references tps (id, desa_code)',
  'alter table voter_floor add foreign key (import_id) references voter_import (id)',
];
const FLOOR_COLUMNS =
  'nik, nkk, name, birth_place, birth_date, marital, sex, address, rt, rw, disability, ktp_el, remarks, desa_code, tps_id, source, import_id, import_line';
const FLOOR_EXPORT = `copy (select ${FLOOR_COLUMNS} from voter where source = 'dp4') to`;
const FLOOR_LOAD = `copy voter_floor (${FLOOR_COLUMNS}) from`;

async function floorLoadPglite(client: PGlite): Promise<number> {
  for (const q of FLOOR_SETUP) await client.exec(q);
  const exported = await client.query(`${FLOOR_EXPORT} '/dev/blob'`);
  if (exported.blob === undefined) throw new Error('COPY TO gave no blob');
  const blob = exported.blob;
  const t0 = performance.now();
  await client.query(`${FLOOR_LOAD} '/dev/blob'`, [], { blob });
  return performance.now() - t0;
}

async function floorLoadPostgres(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const q of FLOOR_SETUP) await client.query(q);
    const chunks: Buffer[] = [];
    await pipeline(
      client.query(copyTo(`${FLOOR_EXPORT} stdout`)),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      }),
    );
    const t0 = performance.now();
    await pipeline(Readable.from(chunks), client.query(copyFrom(`${FLOOR_LOAD} stdin`)));
    return performance.now() - t0;
  } finally {
    await client.end();
  }
}

interface Opened {
  database: Database;
  url: string | null;
  pglite: PGlite | null;
}

async function openEngine(engine: Engine, dir: string): Promise<Opened | null> {
  if (engine === 'pglite') {
    const pglite = await PGlite.create(join(dir, 'pglite'));
    return { database: await openDatabase({ pglite }), url: null, pglite };
  }
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
  const u = new URL(PG_SERVER);
  u.pathname = `/${PG_DB}`;
  return { database: await openDatabase({ url: u.toString() }), url: u.toString(), pglite: null };
}

async function runEngine(engine: Engine, file: string, fileBytes: number) {
  const opened = await openEngine(engine, dirname(file));
  if (opened === null) return null;
  const { database } = opened;
  try {
    const init = await initRegency(database.db, {
      regencyCode: '35.13',
      demo: true,
      activity: false,
    });
    if (!init.ok) throw new Error(init.error.message);

    const reference = await measured(() =>
      opened.pglite !== null
        ? bareLoadPglite(opened.pglite, file)
        : bareLoadPostgres(opened.url ?? '', file),
    );
    const refPerS = reference.value / (reference.ms / 1000);
    out(
      `${engine}: reference (${engine === 'postgres' ? 'COPY' : 'multi-row INSERT'}, no checks, no indexes)  ${fmt(reference.value)} rows in ${fmt(reference.ms / 1000, 1)} s = ${fmt(refPerS)} rows/s`,
    );

    let lastShown = 0;
    const imported = await measured(() =>
      importDp4(database.db, SYSTEM_ACTOR, createReadStream(file, { highWaterMark: 256 * 1024 }), {
        fileName: 'dp4-bench.csv',
        dryRun: false,
        onProgress: (p) => {
          if (p.rows - lastShown >= 200_000) {
            lastShown = p.rows;
            out(`${engine}:   … ${fmt(p.rows)} rows (${fmt((p.bytes / fileBytes) * 100)} %)`);
          }
        },
      }),
    );
    if (!imported.value.ok) throw new Error(imported.value.error.message);
    const s = imported.value.value;
    const perS = s.rowsRead / (imported.ms / 1000);
    const ratio = imported.ms / reference.ms;
    out(
      `${engine}: import with all checks  ${fmt(s.rowsRead)} rows (${fmt(s.rowsAccepted)} stored, ${fmt(s.rowsRejected)} rejected) in ${fmt(imported.ms / 1000, 1)} s = ${fmt(perS)} rows/s  ×${fmt(ratio, 2)} the reference's time  peak RSS ${fmt(imported.peakMb)} MB`,
    );

    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      const p = await voterProgress(database.db, SYSTEM_ACTOR, '35.13');
      times.push(performance.now() - t0);
      if (!p.ok) throw new Error(p.error.message);
    }
    times.sort((a, b) => a - b);
    const progressMs = times[3] ?? 0;
    out(`${engine}: regency progress query (median of 7)  ${fmt(progressMs, 1)} ms`);

    const floorMs =
      opened.pglite !== null
        ? await floorLoadPglite(opened.pglite)
        : await floorLoadPostgres(opened.url ?? '');
    const floorPerS = s.rowsAccepted / (floorMs / 1000);
    // Per row, as the import's rows include the rejected ones.
    const floorRatio = floorPerS > 0 ? refPerS / floorPerS : 0;
    out(
      `${engine}: floor (COPY of the ${fmt(s.rowsAccepted)} stored rows into a copy of the voter table, its keys and indexes, no checks)  ${fmt(floorMs / 1000, 1)} s = ${fmt(floorPerS)} rows/s  ×${fmt(floorRatio, 2)} the reference's time per row`,
    );
    return {
      bench: 'dp4',
      engine,
      rows: s.rowsRead,
      rows_accepted: s.rowsAccepted,
      rows_rejected: s.rowsRejected,
      rows_per_s: Math.round(perS),
      reference_rows_per_s: Math.round(refPerS),
      ratio_to_reference: Math.round(ratio * 100) / 100,
      peak_rss_mb: Math.round(Math.max(imported.peakMb, reference.peakMb)),
      progress_query_ms: Math.round(progressMs * 10) / 10,
      floor_rows_per_s: Math.round(floorPerS),
      floor_ratio_to_reference: Math.round(floorRatio * 100) / 100,
    };
  } finally {
    await database.close();
    if (opened.pglite !== null && !opened.pglite.closed) await opened.pglite.close();
  }
}

/** Runs this file again for one engine; passes its output through and returns its JSON line. */
function child(engine: Engine, file: string): Promise<object | null> {
  const args = [
    ...process.execArgv,
    fileURLToPath(import.meta.url),
    '--engine',
    engine,
    '--file',
    file,
    '--rows',
    String(rows),
  ];
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let last: object | null = null;
    let pending = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (text: string) => {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) {
        if (l.startsWith('{"bench":"dp4"')) last = JSON.parse(l) as object;
        else out(l);
      }
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code === 0) resolve(last);
      else reject(new Error(`dp4 bench for ${engine} exited with ${String(code)}`));
    });
  });
}

if (childFile !== undefined) {
  const engine = engines[0];
  if (engine === undefined || engines.length !== 1) throw new Error('--file needs one --engine');
  const r = await runEngine(engine, childFile, (await stat(childFile)).size);
  if (r !== null) out(JSON.stringify(r));
} else {
  const dir = await mkdtemp(join(tmpdir(), 'dp-bench-dp4-'));
  const file = join(dir, 'dp4.csv');
  try {
    // The TPS of the demo regency (same on both engines: the demo is deterministic).
    const scratch = await openDatabase({});
    await initRegency(scratch.db, { regencyCode: '35.13', demo: true, activity: false });
    const tpsList = await scratch.db
      .select({ desaCode: tps.desaCode, number: tps.number })
      .from(tps)
      .where(eq(tps.status, 'aktif'));
    await scratch.close();
    const t0 = performance.now();
    await pipeline(
      Readable.from(syntheticDp4({ tps: tpsList, rows, seed: 3513 })),
      createWriteStream(file),
    );
    const bytes = (await stat(file)).size;
    out(
      `dp4: ${fmt(rows)} synthetic rows over ${fmt(tpsList.length)} TPS, ${fmt(bytes / 1048576, 1)} MB (generated in ${fmt((performance.now() - t0) / 1000, 1)} s)`,
    );
    const lines: object[] = [];
    for (const engine of engines) {
      // Each engine in a fresh process: its peak RSS is its own.
      const r = await child(engine, file);
      if (r !== null) lines.push(r);
      await rm(join(dir, 'pglite'), { recursive: true, force: true });
    }
    await mkdir(RESULTS_DIR, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '').slice(0, 17);
    for (const l of lines) {
      const name = `${stamp}-dp4-${(l as { engine: string }).engine}-${String(rows)}.json`;
      await writeFile(join(RESULTS_DIR, name), `${JSON.stringify(l, null, 2)}\n`);
    }
    for (const l of lines) out(JSON.stringify(l));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
