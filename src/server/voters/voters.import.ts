/**
 * DP4 import: stream-parse, check every row, insert valid rows in batches
 * inside ONE transaction (all valid rows or nothing), report rejected rows
 * with line, field and reason. A dry run runs the very same pipeline and
 * rolls the transaction back, keeping only its report.
 */
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { findStageByKind } from '../stages/stages.service.ts';
import { getRegencySetting } from '../settings/settings.service.ts';
import {
  domainError,
  DomainFailure,
  err,
  ok,
  type DomainError,
  type Result,
} from '../../domain/common/result.ts';
import { tallyKeys } from '../../domain/voters/tally.ts';
import type { ImportSummary, RowRejection } from '../../domain/voters/voters.schema.ts';
import { checkedDp4, type CheckedRow } from './dp4-checked.ts';
import { sniffFormat, type Dp4Format } from './dp4-source.ts';
import {
  addTallies,
  finishImport,
  importTargets,
  copyVoters,
  insertImport,
  insertRejections,
  originsOfNiks,
  rejectionsOf,
  type ImportRow,
} from './voters.repository.ts';

export interface ImportOptions {
  readonly fileName: string;
  readonly dryRun: boolean;
  /** Called after each batch: rows read so far and bytes consumed. */
  readonly onProgress?: (p: { rows: number; bytes: number }) => void;
  readonly batchSize?: number;
  readonly now?: () => Date;
}

/** Rejections kept in the report; further ones are counted only. */
export const REJECTION_CAP = 100_000;
const REPORT_PREVIEW = 50;

/** Voting day from the stage calendar (the eligibility reference). */
export async function votingDayOf(db: Db): Promise<string | null> {
  return (await findStageByKind(db, 'pemungutan_suara'))?.startsOn ?? null;
}

/** Splits off the first chunk (to sniff the format) and gives the whole stream back. */
async function peek(
  input: AsyncIterable<Buffer>,
): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const it = input[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < 8 && !done) {
    const n = await it.next();
    if (n.done === true) done = true;
    else {
      const b = Buffer.isBuffer(n.value) ? n.value : Buffer.from(n.value);
      chunks.push(b);
      size += b.length;
    }
  }
  const head = Buffer.concat(chunks);
  return {
    head,
    all: (async function* () {
      if (head.length > 0) yield head;
      if (done) return;
      for (let n = await it.next(); n.done !== true; n = await it.next()) {
        yield Buffer.isBuffer(n.value) ? n.value : Buffer.from(n.value);
      }
    })(),
  };
}

/** Reads what is left of an upload so the client gets its answer; a broken stream is ignored. */
async function drain(input: AsyncIterable<Buffer>): Promise<void> {
  try {
    const it = input[Symbol.asyncIterator]();
    while ((await it.next()).done !== true) {
      // discard
    }
  } catch {
    // nothing left to read
  }
}

class DryRunDone extends Error {
  constructor(readonly counts: Counts) {
    super('dry run rolled back');
  }
}

interface Counts {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rejections: RowRejection[];
}

function summaryOf(row: ImportRow, preview: RowRejection[]): ImportSummary {
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format,
    dryRun: row.dryRun,
    rowsRead: row.rowsRead,
    rowsAccepted: row.rowsAccepted,
    rowsRejected: row.rowsRejected,
    byUsername: row.byUsername,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    rejections: preview,
  };
}

export async function importSummary(db: Db, row: ImportRow): Promise<ImportSummary> {
  return summaryOf(row, await rejectionsOf(db, row.id, REPORT_PREVIEW));
}

export async function importDp4(
  db: Db,
  actor: Actor,
  input: AsyncIterable<Buffer>,
  options: ImportOptions,
): Promise<Result<ImportSummary>> {
  const now = options.now ?? (() => new Date());
  const what = { action: 'voter.import', targetType: 'voter_import' };
  const access = await authorizeWrite(db, actor, 'voter.import', undefined, what);
  if (!access.ok) {
    await drain(input);
    return access;
  }
  const regency = await getRegencySetting(db);
  const votingDay = await votingDayOf(db);
  if (regency === null || votingDay === null) {
    await drain(input);
    return err(
      domainError(
        'invalid',
        'voters.no_voting_day',
        'Kabupaten dan tahapan pemungutan suara harus ada lebih dulu (umur pemilih dihitung pada hari pemungutan suara).',
      ),
    );
  }
  const targets = await importTargets(db, regency.code);
  const batchSize = options.batchSize ?? 5000;
  const startedAt = now().toISOString();
  let format: Dp4Format = options.fileName.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';

  const run = async (tx: Db): Promise<{ importId: number; counts: Counts }> => {
    const { head, all } = await peek(input);
    format = sniffFormat(head, options.fileName);
    const progress = { bytes: 0 };
    const importId = await insertImport(tx, {
      fileName: options.fileName,
      format,
      dryRun: options.dryRun,
      byUserId: actor.userId,
      byUsername: actor.username,
      startedAt,
    });
    const batches = checkedDp4(all, {
      format,
      votingDay,
      regencyCode: regency.code,
      desa: [...targets.desa],
      tps: [...targets.tps],
      batchSize,
      batchesAhead: 2,
      importId,
    });
    const counts: Counts = { rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, rejections: [] };
    const tally = new Map<string, number>();
    const rejectedLines = new Set<number>();
    const reject = (r: RowRejection) => {
      if (!rejectedLines.has(r.line)) {
        rejectedLines.add(r.line);
        counts.rowsRejected++;
      }
      if (counts.rejections.length < REJECTION_CAP) counts.rejections.push(r);
    };
    // The batch being written: the worker reads and checks the next ones
    // meanwhile, and on PostgreSQL the server inserts while this thread waits.
    let writing: Promise<void> = Promise.resolve();
    const write = async (rows: CheckedRow[]) => {
      await writing;
      if (rows.length === 0) return;
      writing = store(rows);
      // A failed write fails the import at once; the transaction rolls back.
      writing.catch(() => undefined);
    };
    // Each batch is checked against itself and the stored voters (this
    // import's earlier batches included: same transaction), then loaded by
    // COPY. Nothing kept per row outlives its batch.
    const store = async (rows: CheckedRow[]) => {
      const stored = await originsOfNiks(
        tx,
        rows.map((r) => r.nik),
      );
      const firstInBatch = new Map<string, number>();
      let csv = '';
      for (const r of rows) {
        const o = stored.get(r.nik);
        const earlier = firstInBatch.get(r.nik) ?? (o?.importId === importId ? o.importLine : null);
        if (earlier !== null) {
          reject({
            line: r.line,
            field: 'nik',
            reason: `NIK ganda dalam berkas: sama dengan baris ${String(earlier)}.`,
          });
          continue;
        }
        if (o !== undefined) {
          reject({
            line: r.line,
            field: 'nik',
            reason:
              o.importId !== null
                ? 'NIK sudah terdaftar dari impor DP4 sebelumnya.'
                : 'NIK sudah terdaftar (pemilih baru hasil coklit).',
          });
          continue;
        }
        firstInBatch.set(r.nik, r.line);
        csv += r.csv;
        counts.rowsAccepted++;
        for (const k of tallyKeys({ source: 'dp4', status: null, tmsCode: null, sex: r.sex })) {
          const key = `${String(r.tpsId)}|${k}`;
          tally.set(key, (tally.get(key) ?? 0) + 1);
        }
      }
      await copyVoters(tx, csv);
      options.onProgress?.({ rows: counts.rowsRead, bytes: progress.bytes });
    };
    for await (const b of batches) {
      counts.rowsRead = b.rowsRead;
      progress.bytes = b.bytes;
      for (const r of b.rejections) reject(r);
      await write(b.rows);
    }
    await writing;
    options.onProgress?.({ rows: counts.rowsRead, bytes: progress.bytes });
    if (options.dryRun) throw new DryRunDone(counts);
    await addTallies(
      tx,
      [...tally].map(([k, delta]) => {
        const [tpsId, key] = k.split('|') as [string, string];
        return { tpsId: Number(tpsId), key, delta };
      }),
    );
    return { importId, counts };
  };

  const store = async (tx: Db, importId: number, counts: Counts): Promise<ImportRow> => {
    await insertRejections(
      tx,
      importId,
      counts.rejections.sort((a, b) => a.line - b.line),
    );
    const row = await finishImport(tx, importId, {
      rowsRead: counts.rowsRead,
      rowsAccepted: counts.rowsAccepted,
      rowsRejected: counts.rowsRejected,
      finishedAt: now().toISOString(),
    });
    await auditWrite(
      tx,
      access.value,
      { ...what, targetId: importId },
      {
        after: {
          fileName: options.fileName,
          dryRun: options.dryRun,
          rowsRead: counts.rowsRead,
          rowsAccepted: counts.rowsAccepted,
          rowsRejected: counts.rowsRejected,
        },
      },
    );
    return row;
  };

  try {
    const row = await db.transaction(async (tx) => {
      const { importId, counts } = await run(tx);
      return store(tx, importId, counts);
    });
    return ok(await importSummary(db, row));
  } catch (e) {
    if (e instanceof DryRunDone) {
      // The dry run's rows are gone; keep its report.
      const row = await db.transaction(async (tx) => {
        const importId = await insertImport(tx, {
          fileName: options.fileName,
          format,
          dryRun: true,
          byUserId: actor.userId,
          byUsername: actor.username,
          startedAt,
        });
        return store(tx, importId, e.counts);
      });
      return ok(await importSummary(db, row));
    }
    if (e instanceof DomainFailure) {
      await drain(input);
      return err<DomainError>(e.error);
    }
    throw e;
  }
}
