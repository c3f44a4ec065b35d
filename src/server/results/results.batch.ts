/**
 * Submitting C.Hasil forms, grouped: on voting night many arrive at once, and
 * every round trip to the database costs the busy server more than the rows
 * do. So submissions wait here briefly and are judged and written together,
 * in two statements and no transaction: the first reads everything the
 * batch needs (each submission's TPS, its Korwil, an earlier submission with
 * its client id, the window, the contest and its selections, the current
 * versions, the desa's reported turnouts and the audit head); the second
 * writes every version, vote, current pointer and desa total, and the audit
 * rows (in order, one per submission, refusals by scope included, chained as
 * if appended one by one), all of it only if the audit head is still the one
 * the rows were chained after (compare-and-set, `auditCasCtes`).
 *
 * Every change to results is audited, so an unmoved head means nothing the
 * batch was judged on has changed since it was read (other than the other
 * batch in flight of this server, which never shares a TPS × contest or a
 * client id with it). Two batches are in flight: while one is written, the
 * next reads and is judged; it chains after the head the first will leave,
 * and its write is sent once the first's is done (sent together, the later
 * statement could take the head's lock first and find the head unmoved). A
 * second batch waits up to `GATHER_MS` for `GATHER_MIN` submissions, so
 * batches do not shrink to one or two. If the head moved (another audited
 * change, here or on another server), nothing was written and the batch is
 * judged again in a transaction that locks the head. If a batch fails as a whole (a concurrent
 * writer on another server took a TPS or client id first; the unique indexes
 * decide), its submissions are submitted again one by one, each read and
 * written on its own, and get exactly the answer they would have had alone.
 */
import { appendAudit, chainAudit, lockAuditHead, type AuditEntry } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor, auditWrite } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction, uniqueViolation } from '../http/transaction.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { ANOMALY_THRESHOLDS, anomaliesOf } from '../../domain/results/anomalies.ts';
import type { Flag, SubmissionAccepted } from '../../domain/results/results.schema.ts';
import {
  judgeSubmission,
  sameFigures,
  type PendingWrite,
  type SubmissionInput,
} from './results.judge.ts';
import { submissionAuditAfter } from './results.form-hash.ts';
import { WINDOW_SETTING } from './results.window.ts';
import {
  batchContext,
  currentForSubmit,
  findByClientId,
  findCurrent,
  submitContext,
  runSubmissionsWrite,
  submissionsWrite,
  writeSubmission,
  type BatchContext,
  type BatchWrite,
  type CurrentForSubmit,
} from './results.repository.ts';
import {
  addToDesaDelta,
  contributionOf,
  delta,
  emptyDesaDelta,
  isEmptyDesaDelta,
  otherTurnouts,
  recordTurnout,
  type DesaTotalDelta,
} from './results.rollup.ts';

export interface Written {
  readonly version: number;
  readonly anomalies: Flag[];
}

/** Batches are capped so one transaction stays short. */
const MAX_BATCH = 128;
/**
 * Batches in flight at once per database. Two: while one is written, the next
 * reads its context and is judged. No two batches in flight share a TPS ×
 * contest or a client id (see `take`), so neither reads what the other writes.
 */
const MAX_IN_FLIGHT = 2;
/** A second batch starts with at least this many queued, or after `GATHER_MS`. */
const GATHER_MIN = 16;
const GATHER_MS = 2;

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
  const flags = anomaliesOf(item.form, {
    desaTurnouts,
    correctedAfterVerification: wasVerified,
    selectionLabels: item.selectionLabels,
  });
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
    write: { values, wasVerified },
    delta: delta(oldContribution, newContribution),
    audit: {
      what: {
        action: current === null ? 'result.submit' : 'result.correct',
        targetType: 'tps',
        targetId: item.tpsId,
      },
      // The form itself is stored once, in its version's row; the chain holds its hash.
      change: {
        before: current === null ? undefined : { version: current.version },
        after: submissionAuditAfter(item.contestId, version, item.form, values.reason),
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
    const desaDelta = emptyDesaDelta(item.contestId, item.desaCode);
    addToDesaDelta(desaDelta, planned.value.delta);
    recordTurnout(desaDelta, item.tpsId, write.values);
    await writeSubmission(tx, write.values, write.wasVerified, desaDelta);
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

/** A batch judged: the answers in order, and what to write. */
interface JudgedBatch {
  readonly answers: Result<Submitted>[];
  readonly writes: BatchWrite[];
  readonly audits: AuditEntry[];
  /** One per contest × desa, the batch's deltas summed. */
  readonly totals: DesaTotalDelta[];
}

/** Judges every submission of a batch against the context read for it. */
function judgeBatch(items: readonly Incoming[], context: BatchContext): JudgedBatch {
  const { contexts, current, desa } = context;
  const answers: Result<Submitted>[] = [];
  const writes: BatchWrite[] = [];
  const audits: AuditEntry[] = [];
  const totals = new Map<string, DesaTotalDelta>();
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
      desa.get(`${String(item.contestId)}:${item.desaCode}`) ?? new Map<number, [number, number]>();
    const turnouts = otherTurnouts(reported, item.tpsId, ANOMALY_THRESHOLDS.desaSample);
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
    const desaKey = `${String(item.contestId)}:${item.desaCode}`;
    const desaDelta = totals.get(desaKey) ?? emptyDesaDelta(item.contestId, item.desaCode);
    totals.set(desaKey, desaDelta);
    addToDesaDelta(desaDelta, planned.value.delta);
    recordTurnout(desaDelta, item.tpsId, write.values);
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
  return {
    answers,
    writes,
    audits,
    totals: [...totals.values()].filter((t) => !isEmptyDesaDelta(t)),
  };
}

/** What a batch wrote: the answers, and the audit chain's new last hash (null if nothing was appended). */
interface BatchDone {
  readonly answers: Result<Submitted>[];
  readonly lastHash: string | null;
}

const keysOf = (items: readonly Incoming[]) =>
  items.map((i) => ({
    tpsId: i.input.tpsId,
    contestId: i.input.contestId,
    clientId: i.input.clientId,
  }));

/**
 * Where a batch of this server chains its audit rows, and when it writes.
 * Asked once the batch is judged, not when it starts, so a batch started
 * while another was still reading chains after that one.
 */
interface AuditChainer {
  /** The head the batches sent so far will leave; null when unknown (read it). */
  last(): string | null;
  /**
   * Runs `write` (chained up to `lastHash`) once the batch sent before it has
   * been written: sent at once, the later statement could take the head's
   * lock first, find the head unmoved and be refused.
   */
  inTurn<T>(lastHash: string, write: () => Promise<T>): Promise<T>;
}

/**
 * A batch in two round trips and no transaction: read its context, judge it,
 * chain its audit rows after the head the batches already sent will leave
 * (or the head just read), and write everything in one statement that moves
 * the head only if it is still that one. The next batch can read and be
 * judged while this one is written, and chains after it. Null when the head
 * had moved (another audited change came in between, here or on another
 * server): nothing was written, and the batch must be judged again.
 */
async function writeBatchChained(
  db: Db,
  items: readonly Incoming[],
  chainer: AuditChainer,
): Promise<BatchDone | null> {
  const context = await batchContext(db, keysOf(items), WINDOW_SETTING);
  const judged = judgeBatch(items, context);
  if (judged.writes.length === 0 && judged.audits.length === 0) {
    return { answers: judged.answers, lastHash: null };
  }
  const from = chainer.last() ?? context.auditHead;
  const chained = chainAudit(from, judged.audits);
  const write = submissionsWrite(judged.writes, judged.totals, chained, { casFrom: from });
  const done = await chainer.inTurn(chained.lastHash, () => runSubmissionsWrite(db, write));
  if (!done.headMoved) return null;
  if (done.written !== judged.writes.length) {
    throw new Error('batch wrote fewer submissions than planned');
  }
  return { answers: judged.answers, lastHash: chained.lastHash };
}

/** A batch in one transaction that holds the audit head's lock from before the write to the commit. */
async function writeBatchLocked(db: Db, items: readonly Incoming[]): Promise<BatchDone> {
  return db.transaction(async (tx) => {
    const judged = judgeBatch(items, await batchContext(tx, keysOf(items), WINDOW_SETTING));
    if (judged.writes.length === 0 && judged.audits.length === 0) {
      return { answers: judged.answers, lastHash: null };
    }
    const chained = chainAudit(await lockAuditHead(tx), judged.audits);
    const done = await runSubmissionsWrite(
      tx,
      submissionsWrite(judged.writes, judged.totals, chained),
    );
    if (done.written !== judged.writes.length) {
      throw new Error('batch wrote fewer submissions than planned');
    }
    return { answers: judged.answers, lastHash: chained.lastHash };
  });
}

interface Queued {
  readonly incoming: Incoming;
  readonly resolve: (r: Result<Submitted>) => void;
  readonly reject: (e: unknown) => void;
}

/** What a database's writer has done since the process started (for the benchmark and tests). */
export interface WriterStats {
  /** Batches sent, and the submissions in them. */
  batches: number;
  submissions: number;
  /** Batches whose chained write found the head moved and were judged again under its lock. */
  relocked: number;
  /** Batches that failed as a whole, their submissions then sent one by one. */
  alone: number;
}

/** The queue of one database. */
class SubmissionWriter {
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  readonly stats: WriterStats = { batches: 0, submissions: 0, relocked: 0, alone: 0 };
  /**
   * The audit head the batches of this server will leave: the next batch
   * chains after it (null: read it from the database).
   */
  private predicted: string | null = null;
  private gatherTimer: ReturnType<typeof setTimeout> | null = null;
  private pumpSoon = false;
  /** The last batch write sent; the next waits for it (`AuditChainer.inTurn`). */
  private writing: Promise<unknown> = Promise.resolve();
  /** Chained batch writes sent so far. */
  private sent = 0;
  /** TPS × contest pairs and client ids of the batches in flight. */
  private readonly busyPairs = new Set<string>();
  private readonly busyClients = new Set<string>();

  constructor(private readonly db: Db) {}

  submit(incoming: Incoming): Promise<Result<Submitted>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ incoming, resolve, reject });
      // Not at once: first every request already read in this turn of the
      // event loop is queued too. On PGlite, which holds the event loop while
      // it runs a statement, requests are read in bunches between statements;
      // taken one by one, every batch was a batch of one.
      if (this.pumpSoon) return;
      this.pumpSoon = true;
      setImmediate(() => {
        this.pumpSoon = false;
        this.pump();
      });
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      // With another batch in flight, a few submissions wait a moment for
      // more: the senders that batch answers send their next ones within a
      // round trip, and a batch of one costs the same two statements as a
      // batch of fifty. With none in flight, what is queued goes at once.
      if (this.inFlight > 0 && this.queue.length < GATHER_MIN) {
        this.gatherSoon();
        return;
      }
      const batch = this.take();
      // Everything queued waits for a batch in flight (same TPS × contest or client id).
      if (batch.length === 0) return;
      this.startBatch(batch);
    }
  }

  /** After `GATHER_MS`, takes what is queued however few. */
  private gatherSoon(): void {
    if (this.gatherTimer !== null) return;
    this.gatherTimer = setTimeout(() => {
      this.gatherTimer = null;
      if (this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
      const batch = this.take();
      if (batch.length > 0) this.startBatch(batch);
    }, GATHER_MS);
  }

  private startBatch(batch: readonly Queued[]): void {
    this.inFlight += 1;
    this.stats.batches += 1;
    this.stats.submissions += batch.length;
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
    const items = batch.map((q) => q.incoming);
    try {
      let done = await writeBatchChained(this.db, items, {
        last: () => this.predicted,
        inTurn: (lastHash, write) => {
          this.predicted = lastHash;
          this.sent += 1;
          const mine = this.writing.then(write, write);
          this.writing = mine.catch(() => undefined);
          return mine;
        },
      });
      if (done === null) {
        // Another audited change moved the head: judge again, holding it.
        // Batches chained after this one fail the same way and come here too.
        this.predicted = null;
        this.stats.relocked += 1;
        const sentBefore = this.sent;
        done = await writeBatchLocked(this.db, items);
        // Unless a batch was sent meanwhile, the next one chains after this.
        if (done.lastHash !== null && this.sent === sentBefore) this.predicted = done.lastHash;
      }
      const answers = done.answers;
      batch.forEach((q, i) => {
        q.resolve(answers[i] ?? concurrentSubmission());
      });
      return;
    } catch {
      // Nothing of the batch was written (one statement, or a transaction
      // rolled back): each is submitted again on its own below.
      this.predicted = null;
      this.stats.alone += 1;
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

/** The counts of `db`'s writer (zeros before its first submission). */
export function writerStats(db: Db): Readonly<WriterStats> {
  return { ...(writers.get(db)?.stats ?? { batches: 0, submissions: 0, relocked: 0, alone: 0 }) };
}

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
