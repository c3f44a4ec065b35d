/**
 * Writing accepted submissions, grouped: on voting night many arrive at once,
 * and every audited write queues for the audit chain's lock, held until its
 * transaction commits. So submissions that passed their checks wait here
 * briefly and are written together, one transaction per batch and two
 * statements: the first locks the audit chain's head and reads the current
 * versions; the second writes every version, vote, current pointer and desa
 * total, and their audit rows (in order, one per submission, chained as if
 * appended one by one) with the new head. Round trips, not rows, are what a
 * busy server pays for, so a batch costs four (begin, read, write, commit)
 * whatever its size.
 *
 * Each submission's change and its audit row still commit together. A batch
 * never holds two submissions for one TPS × contest or one client id (the
 * later waits for the next batch), so within a batch they are independent.
 * If a batch fails as a whole (a concurrent writer elsewhere, a deadlock), its
 * submissions are written again one by one, each in its own transaction, and
 * get exactly the answer they would have had alone.
 */
import { chainAudit, type AuditEntry } from '../audit/audit.service.ts';
import { auditActor, auditWrite, type Access } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction, uniqueViolation } from '../http/transaction.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { anomaliesOf } from '../../domain/results/anomalies.ts';
import type { ChasilForm } from '../../domain/results/chasil.ts';
import type { Flag } from '../../domain/results/results.schema.ts';
import {
  currentForSubmit,
  currentsForBatch,
  writeSubmission,
  writeSubmissions,
  type BatchWrite,
  type CurrentForSubmit,
} from './results.repository.ts';
import { contributionOf, delta } from './results.rollup.ts';

/** A submission that passed every check outside the transaction. */
export interface PendingWrite {
  readonly access: Access;
  readonly clientId: string;
  readonly tpsId: number;
  readonly desaCode: string;
  readonly contestId: number;
  readonly form: ChasilForm;
  readonly reason: string | undefined;
}

export interface Written {
  readonly version: number;
  readonly anomalies: Flag[];
}

/** Batches are capped so one transaction stays short. */
const MAX_BATCH = 128;
/** Batches in flight at once per database (one commits while the next is read and written). */
const MAX_IN_FLIGHT = 2;

const correctionReasonRequired = () =>
  err(
    domainError(
      'invalid',
      'result.correction_reason_required',
      'Hasil TPS ini sudah pernah dikirim. Koreksi wajib disertai alasan (minimal 5 huruf).',
      'reason',
    ),
  );

const concurrentSubmission = () =>
  err(
    domainError(
      'conflict',
      'result.concurrent_submission',
      'Ada kiriman lain untuk TPS ini pada saat yang sama. Silakan kirim ulang.',
    ),
  );

/** What a submission writes, given the current version and the desa's other turnouts. */
function plan(
  item: PendingWrite,
  current: CurrentForSubmit | null,
  desaTurnouts: readonly number[],
): Result<{
  write: BatchWrite;
  delta: Map<string, number>;
  audit: {
    what: { action: string; targetType: string; targetId: number };
    change: { before?: unknown; after: unknown };
  };
}> {
  const reason = item.reason?.trim() ?? '';
  if (current !== null && reason.length < 5) return correctionReasonRequired();
  const wasVerified = current?.wasVerified === true || current?.status === 'verified';
  const flags = anomaliesOf(item.form, { desaTurnouts, correctedAfterVerification: wasVerified });
  const version = (current?.version ?? 0) + 1;
  const actor = item.access.actor;
  const values = {
    clientId: item.clientId,
    tpsId: item.tpsId,
    contestId: item.contestId,
    version,
    form: item.form,
    registered: item.form.registered.total.total,
    voted: item.form.voted.total.total,
    valid: item.form.valid,
    invalid: item.form.invalid,
    reason: current === null ? null : reason,
    anomalies: flags,
    submittedBy: actor.userId,
    submittedByName: actor.fullName ?? actor.username,
  };
  const oldContribution =
    current === null
      ? null
      : contributionOf({ ...current, verified: current.status === 'verified' });
  const newContribution = contributionOf({ ...values, verified: false, votes: item.form.votes });
  return ok({
    write: { values, votes: item.form.votes, wasVerified },
    delta: delta(oldContribution, newContribution),
    audit: {
      what: {
        action: current === null ? 'result.submit' : 'result.correct',
        targetType: 'tps',
        targetId: item.tpsId,
      },
      change: {
        before: current === null ? undefined : { version: current.version, form: current.form },
        after: { contestId: item.contestId, version, form: item.form, reason: values.reason },
      },
    },
  });
}

/** One submission in its own transaction. */
export async function writeOne(db: Db, item: PendingWrite): Promise<Result<Written>> {
  return inTransaction(db, async (tx) => {
    const { current, desaTurnouts } = await currentForSubmit(
      tx,
      item.tpsId,
      item.contestId,
      item.desaCode,
    );
    const planned = plan(item, current, desaTurnouts);
    if (!planned.ok) return planned;
    const { write, audit } = planned.value;
    await writeSubmission(
      tx,
      write.values,
      write.votes,
      write.wasVerified,
      item.desaCode,
      planned.value.delta,
    );
    await auditWrite(tx, item.access, audit.what, audit.change);
    return ok({ version: write.values.version, anomalies: write.values.anomalies as Flag[] });
  }).catch((e: unknown) => {
    // Two submissions for one TPS at the same instant: the later is asked to resend.
    if (uniqueViolation(e) !== null) return concurrentSubmission();
    throw e;
  });
}

/** Several submissions (distinct TPS × contest and client ids) in one transaction. */
async function writeBatch(db: Db, items: readonly PendingWrite[]): Promise<Result<Written>[]> {
  const answers: Result<Written>[] = [];
  await db.transaction(async (tx) => {
    const { current, desa, auditHead } = await currentsForBatch(
      tx,
      items.map((i) => ({ tpsId: i.tpsId, contestId: i.contestId, desaCode: i.desaCode })),
    );
    const writes: BatchWrite[] = [];
    const audits: AuditEntry[] = [];
    const totals = new Map<
      string,
      { contestId: number; desaCode: string; key: string; value: number }
    >();
    for (const item of items) {
      const reported =
        desa.get(`${String(item.contestId)}:${item.desaCode}`) ??
        new Map<number, [number, number]>();
      const turnouts: number[] = [];
      for (const [tpsId, [registered, voted]] of reported) {
        if (tpsId !== item.tpsId && registered > 0) turnouts.push(voted / registered);
      }
      const planned = plan(
        item,
        current.get(`${String(item.tpsId)}:${String(item.contestId)}`) ?? null,
        turnouts,
      );
      if (!planned.ok) {
        answers.push(planned);
        continue;
      }
      const { write, audit } = planned.value;
      // Later submissions of the batch see this one among the desa's turnouts, as if it had committed.
      reported.set(item.tpsId, [write.values.registered, write.values.voted]);
      desa.set(`${String(item.contestId)}:${item.desaCode}`, reported);
      writes.push(write);
      for (const [key, value] of planned.value.delta) {
        const k = `${String(item.contestId)}\u0000${item.desaCode}\u0000${key}`;
        const t = totals.get(k) ?? {
          contestId: item.contestId,
          desaCode: item.desaCode,
          key,
          value: 0,
        };
        t.value += value;
        totals.set(k, t);
      }
      audits.push({
        actor: auditActor(item.access.actor, item.access.grant),
        action: audit.what.action,
        outcome: 'ok',
        targetType: audit.what.targetType,
        targetId: audit.what.targetId,
        ...(audit.change.before === undefined ? {} : { before: audit.change.before }),
        after: audit.change.after,
      });
      answers.push(
        ok({ version: write.values.version, anomalies: write.values.anomalies as Flag[] }),
      );
    }
    if (writes.length === 0) return;
    const written = await writeSubmissions(
      tx,
      writes,
      [...totals.values()].filter((t) => t.value !== 0),
      chainAudit(auditHead, audits),
    );
    if (written !== writes.length) throw new Error('batch wrote fewer submissions than planned');
  });
  return answers;
}

interface Queued {
  readonly item: PendingWrite;
  readonly resolve: (r: Result<Written>) => void;
  readonly reject: (e: unknown) => void;
}

/** The queue of one database. */
class SubmissionWriter {
  private readonly queue: Queued[] = [];
  private inFlight = 0;

  constructor(private readonly db: Db) {}

  write(item: PendingWrite): Promise<Result<Written>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /** Up to MAX_BATCH queued submissions, first come first served, skipping repeats of a key. */
  private take(): Queued[] {
    const pairs = new Set<string>();
    const clients = new Set<string>();
    const batch: Queued[] = [];
    const rest: Queued[] = [];
    for (const q of this.queue) {
      const pair = `${String(q.item.tpsId)}:${String(q.item.contestId)}`;
      if (batch.length >= MAX_BATCH || pairs.has(pair) || clients.has(q.item.clientId)) {
        rest.push(q);
        continue;
      }
      pairs.add(pair);
      clients.add(q.item.clientId);
      batch.push(q);
    }
    this.queue.splice(0, this.queue.length, ...rest);
    return batch;
  }

  private async run(batch: readonly Queued[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const answers = await writeBatch(
          this.db,
          batch.map((q) => q.item),
        );
        batch.forEach((q, i) => {
          q.resolve(answers[i] ?? concurrentSubmission());
        });
        return;
      } catch {
        // Rolled back as a whole: each is written again on its own below.
      }
    }
    for (const q of batch) {
      try {
        q.resolve(await writeOne(this.db, q.item));
      } catch (e) {
        q.reject(e);
      }
    }
  }
}

const writers = new WeakMap<Db, SubmissionWriter>();

/** Writes an accepted submission with others that arrive at the same time. */
export function writeSubmissionQueued(db: Db, item: PendingWrite): Promise<Result<Written>> {
  let writer = writers.get(db);
  if (writer === undefined) {
    writer = new SubmissionWriter(db);
    writers.set(db, writer);
  }
  return writer.write(item);
}
