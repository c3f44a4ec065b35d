/**
 * Judging a submission against what the database holds (its context): scope,
 * the TPS, a resend of a client id, the window, the contest at that TPS, and
 * every arithmetic rule of the form. No I/O: the context is read by the
 * caller, for one submission (`submitContext`) or for a batch
 * (`batchContext`), and both paths judge alike.
 */
import type { Actor } from '../auth/actor.ts';
import { canRead, deniedEntry } from '../auth/guard.ts';
import type { AuditEntry } from '../audit/audit.service.ts';
import { domainError, type DomainError } from '../../domain/common/result.ts';
import { isWithin } from '../../domain/common/region-code.ts';
import { checkChasil } from '../../domain/results/chasil.rules.ts';
import { selectionLabelsOf, type ChasilForm } from '../../domain/results/chasil.ts';
import type { Flag, SubmissionAccepted } from '../../domain/results/results.schema.ts';
import { DEFAULT_MAX_VOTERS_PER_TPS } from '../../domain/tps/tps.rules.ts';
import type { Access } from '../auth/guard.ts';
import type { SubmitContext } from './results.repository.ts';
import { windowOf } from './results.window.ts';

export interface SubmissionInput {
  readonly clientId: string;
  readonly tpsId: number;
  readonly contestId: number;
  readonly form: ChasilForm;
  readonly reason?: string | undefined;
}

/** A submission that passed every check, ready to be written. */
export interface PendingWrite {
  readonly access: Access;
  readonly clientId: string;
  readonly tpsId: number;
  readonly desaCode: string;
  readonly contestId: number;
  readonly form: ChasilForm;
  readonly reason: string | undefined;
  /** "Paslon 01"… by selection id, for the anomaly messages. */
  readonly selectionLabels: Readonly<Record<number, string>>;
}

export type Judged =
  /** Refused; `denied` is the audit row of a refusal by scope (written with the batch). */
  | { readonly kind: 'refused'; readonly error: DomainError; readonly denied?: AuditEntry }
  /** A resend of an accepted client id with the same figures: the same answer again. */
  | { readonly kind: 'duplicate'; readonly answer: SubmissionAccepted }
  | { readonly kind: 'write'; readonly item: PendingWrite };

const refused = (code: string, message: string, field?: string): Judged => ({
  kind: 'refused',
  error: domainError('invalid', code, message, field),
});

/** Same figures, whatever the order of object keys. */
export function sameFigures(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return v;
}

/** `max_voters_per_tps` as `getMaxVotersPerTps` reads it. */
function maxVotersOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
    ? value
    : DEFAULT_MAX_VOTERS_PER_TPS;
}

export function judgeSubmission(
  actor: Actor,
  input: SubmissionInput,
  ctx: SubmitContext,
  now: Date,
): Judged {
  const tpsRow = ctx.tps;
  const what = { action: 'result.submit', targetType: 'tps', targetId: input.tpsId };
  const target =
    tpsRow === null
      ? undefined
      : { regionCode: tpsRow.desaCode, korwilId: tpsRow.korwilId, tpsId: tpsRow.id };
  const decision = canRead(actor, 'result.submit', target);
  if (!decision.ok) {
    return {
      kind: 'refused',
      error: decision.error,
      denied: deniedEntry(actor, what, decision.error),
    };
  }
  if (tpsRow === null || tpsRow.status !== 'aktif') {
    return refused(
      'result.unknown_tps',
      `TPS dengan id ${String(input.tpsId)} tidak ada atau sudah nonaktif.`,
      'tpsId',
    );
  }
  const previous = ctx.previous;
  if (previous !== null) {
    if (
      previous.tpsId === input.tpsId &&
      previous.contestId === input.contestId &&
      sameFigures(previous.form, input.form)
    ) {
      return {
        kind: 'duplicate',
        answer: {
          duplicate: true,
          tpsId: previous.tpsId,
          contestId: previous.contestId,
          version: previous.version,
          status: previous.currentStatus ?? 'submitted',
          anomalies: previous.anomalies as Flag[],
        },
      };
    }
    return {
      kind: 'refused',
      error: domainError(
        'conflict',
        'result.client_id_reused',
        'Kiriman dengan nomor yang sama sudah diterima dengan angka yang berbeda. Kirim sebagai koreksi baru.',
        'clientId',
      ),
    };
  }
  const window = windowOf(ctx.votingDay, ctx.openedEarly, now);
  if (!window.open) {
    return {
      kind: 'refused',
      error: domainError('conflict', 'result.window_closed', window.message),
    };
  }
  const contest = ctx.contest;
  if (contest === null || !isWithin(tpsRow.desaCode, contest.regionCode)) {
    return refused(
      'result.contest_not_at_tps',
      'Pemilihan ini tidak diselenggarakan di TPS tersebut.',
      'contestId',
    );
  }
  const selectionLabels = selectionLabelsOf(ctx.ballotNumbers);
  const issues = checkChasil(input.form, {
    selectionIds: ctx.selectionIds,
    selectionLabels,
    registeredVoters: tpsRow.voters,
    maxDpt: maxVotersOf(ctx.maxVoters),
  });
  const first = issues[0];
  if (first !== undefined) return refused(first.code, first.message, `form.${first.field}`);
  return {
    kind: 'write',
    item: {
      access: { actor, grant: decision.value },
      clientId: input.clientId,
      tpsId: tpsRow.id,
      desaCode: tpsRow.desaCode,
      contestId: contest.id,
      form: input.form,
      reason: input.reason,
      selectionLabels,
    },
  };
}
