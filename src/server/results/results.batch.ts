/**
 * Submitting C.Hasil forms, grouped: on voting night many arrive at once, and
 * every round trip to the database costs the busy server more than the rows
 * do. So submissions wait here briefly and are judged and written together,
 * one transaction per batch and three statements: the first reads everything
 * the batch needs (each submission's TPS, its Korwil, an earlier submission
 * with its client id, the window, the contest and its selections, the
 * current versions and the desa's reported turnouts); the second locks the
 * audit chain's head; the third writes every version, vote, current pointer
 * and desa total, and the audit rows (in order, one per submission, refusals
 * by scope included, chained as if appended one by one) with the new head.
 * A batch costs five round trips (begin, read, lock, write, commit) whatever
 * its size, and two batches overlap: one reads while the other writes.
 *
 * Each submission's change and its audit row still commit together. A batch
 * never holds two submissions for one TPS × contest or one client id (the
 * later waits for the next batch), so within a batch they are independent.
 * If a batch fails as a whole (a concurrent writer on another server, a
 * deadlock), its submissions are submitted again one by one, each read and
 * written on its own, and get exactly the answer they would have had alone.
 */
import { appendAudit, chainAudit, lockAuditHead, type AuditEntry } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor, auditWrite } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction, uniqueViolation } from '../http/transaction.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { anomaliesOf } from '../../domain/results/anomalies.ts';
import type { Flag, SubmissionAccepted } from '../../domain/results/results.schema.ts';
import {
  judgeSubmission,
  sameFigures,
  type PendingWrite,
  type SubmissionInput,
} from './results.judge.ts';
import { WINDOW_SETTING } from './results.window.ts';
import {
  batchContext,
  currentForSubmit,
  findByClientId,
  findCurrent,
  submitContext,
  writeSubmission,
  writeSubmissions,
  type BatchWrite,
  type CurrentForSubmit,
} from './results.repository.ts';
import { contributionOf, delta } from './results.rollup.ts';

export interface Written {
  readonly version: number;
  readonly anomalies: Flag[];
}

/** Batches are capped so one transaction stays short. */
const MAX_BATCH = 128;
/**
 * Batches in flight at once per database. Two: while one holds the audit
 * head's lock for its write and commit, the next reads its context and is
 * judged. No two batches in flight share a TPS × contest or a client id (see
 * `take`), so neither reads what the other writes.
 */
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

/** What a submission's sender is told, and the desa to announce a new version for. */
export interface Submitted {
  readonly accepted: SubmissionAccepted;
  /** The desa of a newly written version (null for a resend answered again). */
  readonly desaCode: string | null;
}

interface Incoming {
  readonly actor: Actor;
  readonly input: SubmissionInput;
  readonly now: Date;
}

const written = (item: PendingWrite, w: Written): Submitted => ({
  accepted: {
    duplicate: false,
    tpsId: item.tpsId,
    contestId: item.contestId,
    version: w.version,
    status: 'submitted',
    anomalies: w.anomalies,
  },
  desaCode: item.desaCode,
});

/**
 * One submission on its own: read its context, judge it, write it in its own
 * transaction (a refusal by scope is audited in its own).
 */
export async function submitAlone(
  db: Db,
  { actor, input, now }: Incoming,
): Promise<Result<Submitted>> {
  const ctx = await submitContext(db, input.tpsId, input.contestId, input.clientId, WINDOW_SETTING);
  const judged = judgeSubmission(actor, input, ctx, now);
  if (judged.kind === 'refused') {
    const denied = judged.denied;
    if (denied !== undefined) {
      await db.transaction(async (tx) => {
        await appendAudit(tx, denied);
      });
    }
    return err(judged.error);
  }
  if (judged.kind === 'duplicate') return ok({ accepted: judged.answer, desaCode: null });
  const result = await writeOne(db, judged.item);
  if (result.ok) return ok(written(judged.item, result.value));
  // A resend that raced its own first attempt (an offline queue resending
  // while the first request was still being written) is a duplicate, not
  // a correction without a reason.
  const raced = await findByClientId(db, input.clientId);
  if (
    raced !== undefined &&
    raced.tpsId === input.tpsId &&
    raced.contestId === input.contestId &&
    sameFigures(raced.form, input.form)
  ) {
    const current = await findCurrent(db, raced.tpsId, raced.contestId);
    return ok({
      accepted: {
        duplicate: true,
        tpsId: raced.tpsId,
        contestId: raced.contestId,
        version: raced.version,
        status: current?.status ?? 'submitted',
        anomalies: raced.anomalies as Flag[],
      },
      desaCode: null,
    });
  }
  return result;
}

/** Several submissions (distinct TPS × contest and client ids), judged and written in one transaction. */
async function writeBatch(db: Db, items: readonly Incoming[]): Promise<Result<Submitted>[]> {
  const answers: Result<Submitted>[] = [];
  await db.transaction(async (tx) => {
    const { contexts, current, desa } = await batchContext(
      tx,
      items.map((i) => ({
        tpsId: i.input.tpsId,
        contestId: i.input.contestId,
        clientId: i.input.clientId,
      })),
      WINDOW_SETTING,
    );
    const writes: BatchWrite[] = [];
    const audits: AuditEntry[] = [];
    const totals = new Map<
      string,
      { contestId: number; desaCode: string; key: string; value: number }
    >();
    items.forEach((incoming, index) => {
      const ctx = contexts[index];
      if (ctx === undefined) throw new Error('batch context lost a submission');
      const judged = judgeSubmission(incoming.actor, incoming.input, ctx, incoming.now);
      if (judged.kind === 'refused') {
        answers.push(err(judged.error));
        if (judged.denied !== undefined) audits.push(judged.denied);
        return;
      }
      if (judged.kind === 'duplicate') {
        answers.push(ok({ accepted: judged.answer, desaCode: null }));
        return;
      }
      const item = judged.item;
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
        return;
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
        ok(
          written(item, {
            version: write.values.version,
            anomalies: write.values.anomalies as Flag[],
          }),
        ),
      );
    });
    if (writes.length === 0 && audits.length === 0) return;
    // The audit head is locked only now, for the write and the commit: the
    // next batch reads and judges meanwhile.
    const auditHead = await lockAuditHead(tx);
    const count = await writeSubmissions(
      tx,
      writes,
      [...totals.values()].filter((t) => t.value !== 0),
      chainAudit(auditHead, audits),
    );
    if (count !== writes.length) throw new Error('batch wrote fewer submissions than planned');
  });
  return answers;
}

interface Queued {
  readonly incoming: Incoming;
  readonly resolve: (r: Result<Submitted>) => void;
  readonly reject: (e: unknown) => void;
}

/** The queue of one database. */
class SubmissionWriter {
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  /** TPS × contest pairs and client ids of the batches in flight. */
  private readonly busyPairs = new Set<string>();
  private readonly busyClients = new Set<string>();

  constructor(private readonly db: Db) {}

  submit(incoming: Incoming): Promise<Result<Submitted>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ incoming, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.take();
      // Everything queued waits for a batch in flight (same TPS × contest or client id).
      if (batch.length === 0) return;
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        for (const q of batch) {
          const { tpsId, contestId, clientId } = q.incoming.input;
          this.busyPairs.delete(`${String(tpsId)}:${String(contestId)}`);
          this.busyClients.delete(clientId);
        }
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  /**
   * Up to MAX_BATCH queued submissions, first come first served, skipping
   * repeats of a TPS × contest or client id within the batch and any that a
   * batch in flight holds (they wait for the next batch).
   */
  private take(): Queued[] {
    const batch: Queued[] = [];
    const rest: Queued[] = [];
    for (const q of this.queue) {
      const { tpsId, contestId, clientId } = q.incoming.input;
      const pair = `${String(tpsId)}:${String(contestId)}`;
      if (batch.length >= MAX_BATCH || this.busyPairs.has(pair) || this.busyClients.has(clientId)) {
        rest.push(q);
        continue;
      }
      this.busyPairs.add(pair);
      this.busyClients.add(clientId);
      batch.push(q);
    }
    this.queue.splice(0, this.queue.length, ...rest);
    return batch;
  }

  private async run(batch: readonly Queued[]): Promise<void> {
    try {
      const answers = await writeBatch(
        this.db,
        batch.map((q) => q.incoming),
      );
      batch.forEach((q, i) => {
        q.resolve(answers[i] ?? concurrentSubmission());
      });
      return;
    } catch {
      // Rolled back as a whole: each is submitted again on its own below.
    }
    for (const q of batch) {
      try {
        q.resolve(await submitAlone(this.db, q.incoming));
      } catch (e) {
        q.reject(e);
      }
    }
  }
}

const writers = new WeakMap<Db, SubmissionWriter>();

/** Judges and writes a submission together with others that arrive at the same time. */
export function submitQueued(
  db: Db,
  actor: Actor,
  input: SubmissionInput,
  now: Date,
): Promise<Result<Submitted>> {
  let writer = writers.get(db);
  if (writer === undefined) {
    writer = new SubmissionWriter(db);
    writers.set(db, writer);
  }
  return writer.submit({ actor, input, now });
}
