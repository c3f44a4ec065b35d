/**
 * The DP4 file parsed and checked in a worker thread (`dp4-worker.ts`),
 * delivered as batches of checked rows with their rejections. Repeated
 * NIKs are the writer's to find (against the batch and the stored voters,
 * this import's earlier batches included), so nothing here grows with the
 * file.
 *
 * Flow control keeps memory flat whatever the file size: at most
 * `CHUNKS_AHEAD` chunks of input wait in the worker, and the worker runs at
 * most `batchesAhead` batches ahead of the database writes. A file-level
 * refusal in the worker (wrong columns, encoding, formula cell…) is thrown
 * here as the same `DomainFailure`; the rest of the input is always read to
 * its end, so an upload's client gets its answer.
 */
import { Worker } from 'node:worker_threads';
import { DomainFailure, type DomainError } from '../../domain/common/result.ts';
import type { RowRejection } from '../../domain/voters/voters.schema.ts';
import type { Dp4Format } from './dp4-source.ts';

/** A valid row: what the writer needs, and its COPY line. */
export interface CheckedRow {
  readonly nik: string;
  readonly line: number;
  readonly tpsId: number;
  readonly sex: 'L' | 'P';
  /** The voter row as a line for `copyCsv` into `VOTER_COPY_COLUMNS`. */
  readonly csv: string;
}

/** The voter columns a DP4 row fills, in the order of `CheckedRow.csv`. */
export const VOTER_COPY_COLUMNS = [
  'nik',
  'nkk',
  'name',
  'birth_place',
  'birth_date',
  'marital',
  'sex',
  'address',
  'rt',
  'rw',
  'disability',
  'ktp_el',
  'remarks',
  'desa_code',
  'tps_id',
  'source',
  'import_id',
  'import_line',
] as const;

/** What the worker needs to check rows: all plain data (it crosses threads). */
export interface WorkerSetup {
  readonly format: Dp4Format;
  readonly votingDay: string;
  readonly regencyCode: string;
  readonly desa: readonly string[];
  /** `desaCode|number` → TPS id, active TPS only. */
  readonly tps: readonly (readonly [string, number])[];
  readonly batchSize: number;
  readonly batchesAhead: number;
  /** The import the rows belong to (`voter.import_id`). */
  readonly importId: number;
}

export interface CheckedBatch {
  readonly rows: CheckedRow[];
  readonly rejections: RowRejection[];
  /** Records read so far (valid or not) and bytes consumed. */
  readonly rowsRead: number;
  readonly bytes: number;
}

export type ToWorker =
  | { readonly kind: 'chunk'; readonly data: Uint8Array }
  | { readonly kind: 'end' }
  | { readonly kind: 'more' };

export type FromWorker =
  | { readonly kind: 'consumed' }
  | ({ readonly kind: 'batch' } & CheckedBatch)
  | { readonly kind: 'done'; readonly rowsRead: number; readonly bytes: number }
  | { readonly kind: 'refused'; readonly error: DomainError }
  | { readonly kind: 'crashed'; readonly message: string };

const CHUNKS_AHEAD = 4;
const BOOTSTRAP = new URL('../../../bin/ts-worker.mjs', import.meta.url);
const WORKER_MODULE = new URL('./dp4-worker.ts', import.meta.url).href;

type Settled = Exclude<FromWorker, { kind: 'consumed' }>;

export async function* checkedDp4(
  input: AsyncIterable<Buffer>,
  setup: WorkerSetup,
): AsyncGenerator<CheckedBatch, { rowsRead: number; bytes: number }> {
  const worker = new Worker(BOOTSTRAP, { workerData: { module: WORKER_MODULE, setup } });
  const inbox: Settled[] = [];
  // Set by waiters, called by event handlers (an object, so narrowing stays honest).
  const wake: { reader: (() => void) | null; pump: (() => void) | null } = {
    reader: null,
    pump: null,
  };
  let inFlight = 0;
  const st: { stopped: boolean; inputError: Error | null } = { stopped: false, inputError: null };
  const isStopped = () => st.stopped;

  const deliver = (m: Settled) => {
    inbox.push(m);
    wake.reader?.();
  };
  worker.on('message', (m: FromWorker) => {
    if (m.kind === 'consumed') {
      inFlight--;
      wake.pump?.();
    } else deliver(m);
  });
  worker.on('error', (e) => deliver({ kind: 'crashed', message: e.stack ?? e.message }));
  worker.on('exit', (code) => {
    if (!st.stopped) deliver({ kind: 'crashed', message: `DP4 worker exited (${String(code)})` });
  });
  const post = (m: ToWorker, transfer?: ArrayBuffer[]) => {
    if (!st.stopped) worker.postMessage(m, transfer);
  };

  // Feeds the input to the worker; once stopped it reads the rest and drops it.
  const pump = (async () => {
    try {
      for await (const chunk of input) {
        if (st.stopped) continue;
        const copy = new Uint8Array(chunk); // its own buffer, so it can be transferred
        inFlight++;
        post({ kind: 'chunk', data: copy }, [copy.buffer]);
        while (inFlight >= CHUNKS_AHEAD && !isStopped()) {
          await new Promise<void>((resolve) => {
            wake.pump = resolve;
          });
          wake.pump = null;
        }
      }
      post({ kind: 'end' });
    } catch (e) {
      // The upload broke off: tell the reader; the worker's parse is moot.
      st.inputError = e instanceof Error ? e : new Error('DP4 upload broke off', { cause: e });
      wake.reader?.();
    }
  })();

  try {
    for (;;) {
      const m = inbox.shift();
      if (m === undefined) {
        if (st.inputError !== null) throw st.inputError;
        await new Promise<void>((resolve) => {
          wake.reader = resolve;
        });
        wake.reader = null;
        continue;
      }
      switch (m.kind) {
        case 'batch':
          yield m;
          post({ kind: 'more' });
          break;
        case 'done':
          return { rowsRead: m.rowsRead, bytes: m.bytes };
        case 'refused':
          throw new DomainFailure(m.error);
        case 'crashed':
          throw new Error(m.message);
      }
    }
  } finally {
    st.stopped = true;
    wake.pump?.();
    await worker.terminate();
    await pump;
  }
}
