/**
 * Worker thread of the DP4 import: reads the file's bytes as the main thread
 * passes them on, parses CSV or XLSX and checks every row (`checkDp4Row`),
 * and sends back batches of checked rows with their rejections. The main
 * thread meanwhile writes the previous batch to the database, so parsing and
 * checking no longer wait for (or hold up) the database, whose PGlite engine
 * runs on the main thread. Protocol and flow control: `dp4-checked.ts`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DomainFailure } from '../../domain/common/result.ts';
import { checkDp4Row, type Dp4Context } from '../../domain/voters/dp4.ts';
import type { RowRejection } from '../../domain/voters/voters.schema.ts';
import type { CheckedRow, FromWorker, ToWorker, WorkerSetup } from './dp4-checked.ts';
import { copyCsvLine } from '../db/copy.ts';
import { csvRecords, xlsxRecords } from './dp4-source.ts';
import { knownNikPrefixes } from './nik-prefixes.ts';

const port = parentPort;
if (port === null) throw new Error('dp4-worker runs only as a worker thread');
const setup = (workerData as { setup: WorkerSetup }).setup;
const send = (m: FromWorker) => port.postMessage(m);

// Input: chunks arrive as messages; the reader pulls them one by one.
const chunks: Buffer[] = [];
let ended = false;
let wakeReader: (() => void) | null = null;
// Output credit: how many more batches the main thread will take now.
let credit = setup.batchesAhead;
let wakeWriter: (() => void) | null = null;

port.on('message', (m: ToWorker) => {
  if (m.kind === 'chunk') chunks.push(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.length));
  else if (m.kind === 'end') ended = true;
  else credit++;
  wakeReader?.();
  wakeWriter?.();
});

async function* input(): AsyncGenerator<Buffer> {
  for (;;) {
    const next = chunks.shift();
    if (next !== undefined) {
      send({ kind: 'consumed' });
      yield next;
      continue;
    }
    if (ended) return;
    await new Promise<void>((resolve) => {
      wakeReader = resolve;
    });
    wakeReader = null;
  }
}

async function hasCredit(): Promise<void> {
  while (credit <= 0) {
    await new Promise<void>((resolve) => {
      wakeWriter = resolve;
    });
    wakeWriter = null;
  }
  credit--;
}

async function run(): Promise<void> {
  const desa = new Set(setup.desa);
  const tps = new Map(setup.tps);
  const ctx: Dp4Context = {
    knownPrefixes: await knownNikPrefixes(),
    votingDay: setup.votingDay,
    regencyCode: setup.regencyCode,
    desaExists: (d) => desa.has(d),
    tpsExists: (d, n) => tps.has(`${d}|${String(n)}`),
  };
  const progress = { bytes: 0 };
  const records =
    setup.format === 'xlsx' ? xlsxRecords(input(), progress) : csvRecords(input(), progress);
  let rows: CheckedRow[] = [];
  let rejections: RowRejection[] = [];
  let rowsRead = 0;
  const flush = async () => {
    await hasCredit();
    send({ kind: 'batch', rows, rejections, rowsRead, bytes: progress.bytes });
    rows = [];
    rejections = [];
  };
  for await (const rec of records) {
    rowsRead++;
    if ('problem' in rec) rejections.push({ line: rec.line, ...rec.problem });
    else {
      const checked = checkDp4Row(rec.line, rec.values, ctx);
      if (!checked.ok) rejections.push(...checked.problems);
      else {
        const r = checked.row;
        const tpsId = tps.get(`${r.desaCode}|${String(r.tpsNumber)}`);
        if (tpsId === undefined) throw new Error('checked TPS vanished');
        // In the order of VOTER_COPY_COLUMNS.
        const csv = copyCsvLine([
          r.nik,
          r.nkk,
          r.name,
          r.birthPlace,
          r.birthDate,
          r.marital,
          r.sex,
          r.address,
          r.rt,
          r.rw,
          r.disability,
          r.ktpEl,
          r.remarks,
          r.desaCode,
          tpsId,
          'dp4',
          setup.importId,
          r.line,
        ]);
        rows.push({ nik: r.nik, line: r.line, tpsId, sex: r.sex, csv });
      }
    }
    // Rejections count too, so a file of bad rows streams as well.
    if (rows.length + rejections.length >= setup.batchSize) await flush();
  }
  if (rows.length + rejections.length > 0) await flush();
  send({ kind: 'done', rowsRead, bytes: progress.bytes });
}

run().catch((e: unknown) => {
  send(
    e instanceof DomainFailure
      ? { kind: 'refused', error: e.error }
      : { kind: 'crashed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) },
  );
});
