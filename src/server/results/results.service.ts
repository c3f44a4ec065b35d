/**
 * TPS results (C.Hasil-KWK): submission with idempotent client ids,
 * versioned corrections with reasons, verification by the PPK, running
 * totals per desa kept in the same transaction, and the results window.
 */
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead, regionTarget } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../http/transaction.ts';
import type { LiveHub } from '../live/live-hub.ts';
import { listContests } from '../contests/contests.service.ts';
import { findTps } from '../tps/tps.repository.ts';
import { findRegion } from '../regions/regions.repository.ts';
import { findStageByKind } from '../stages/stages.service.ts';
import { readSetting, writeSetting } from '../settings/settings.repository.ts';
import { domainError, err, ok, type DomainError, type Result } from '../../domain/common/result.ts';
import { isWithin } from '../../domain/common/region-code.ts';
import { formatTps } from '../../domain/common/format.ts';
import type {
  Flag,
  ResultsWindow,
  ResultStatus,
  ResultVersion,
  StatusChangeBody,
  SubmissionAccepted,
  TpsContestResult,
  TpsResults,
} from '../../domain/results/results.schema.ts';
import {
  applyDesaDelta,
  findCurrent,
  findSubmission,
  historyOf,
  photosOf,
  sameHashElsewhere,
  upsertCurrent,
  type SubmissionRow,
} from './results.repository.ts';
import { submitQueued } from './results.batch.ts';
import { emptyDesaDelta } from './results.rollup.ts';
import type { SubmissionInput } from './results.judge.ts';
import { WINDOW_SETTING, windowOf, type OpenedEarly } from './results.window.ts';

export type { SubmissionInput } from './results.judge.ts';

/** Results are accepted from voting day (stage `pemungutan_suara`), or earlier when an admin opened a rehearsal. */
export async function resultsWindow(db: Db, now: Date = new Date()): Promise<ResultsWindow> {
  const voting = await findStageByKind(db, 'pemungutan_suara');
  return windowOf(voting?.startsOn ?? null, await readSetting(db, WINDOW_SETTING), now);
}

export async function openWindowEarly(
  db: Db,
  actor: Actor,
  reason: string,
  now: Date = new Date(),
): Promise<Result<ResultsWindow>> {
  const what = { action: 'result.window_open_early', targetType: 'results_window' };
  const access = await authorizeWrite(db, actor, 'result.window', undefined, what);
  if (!access.ok) return access;
  const done = await inTransaction(db, async (tx) => {
    const value: OpenedEarly = { at: now.toISOString(), by: actor.username, reason };
    await writeSetting(tx, WINDOW_SETTING, value);
    await auditWrite(tx, access.value, what, { after: value });
    return ok(null);
  });
  return done.ok ? ok(await resultsWindow(db, now)) : done;
}

const invalid = (
  code: string,
  message: string,
  field?: string,
): { ok: false; error: DomainError } => err(domainError('invalid', code, message, field));

function accepted(
  row: SubmissionRow,
  status: ResultStatus,
  duplicate: boolean,
): SubmissionAccepted {
  return {
    duplicate,
    tpsId: row.tpsId,
    contestId: row.contestId,
    version: row.version,
    status,
    anomalies: row.anomalies as Flag[],
  };
}

/**
 * Accepts a C.Hasil: checks scope, window, the contest's selections and every
 * arithmetic rule; a resend of an accepted client id answers the same result;
 * the same id with other figures is refused.
 *
 * The hot path of voting night: after the session, nothing is read per
 * request. Submissions arriving together are judged and written as one
 * batch (`results.batch.ts`, two statements whatever the batch size), each
 * with its audit row; a new version is then announced on the live hub.
 */
export async function submitResult(
  db: Db,
  hub: LiveHub,
  actor: Actor,
  input: SubmissionInput,
  now: Date = new Date(),
): Promise<Result<SubmissionAccepted>> {
  const result = await submitQueued(db, actor, input, now);
  if (!result.ok) return result;
  const { accepted, desaCode } = result.value;
  if (desaCode !== null) {
    hub.publish({
      type: 'result',
      contestId: accepted.contestId,
      tpsId: accepted.tpsId,
      desaCode,
      version: accepted.version,
      status: 'submitted',
    });
  }
  return ok(accepted);
}

/** PPK: verify the version they looked at, or return it with a note. */
export async function changeStatus(
  db: Db,
  hub: LiveHub,
  actor: Actor,
  tpsId: number,
  contestId: number,
  body: StatusChangeBody,
  to: 'verified' | 'returned',
): Promise<Result<SubmissionAccepted>> {
  const tpsRow = await findTps(db, tpsId);
  const what = {
    action: to === 'verified' ? 'result.verify' : 'result.return',
    targetType: 'tps',
    targetId: tpsId,
  };
  const target =
    tpsRow === undefined ? undefined : await regionTarget(db, tpsRow.desaCode, tpsRow.id);
  const access = await authorizeWrite(db, actor, 'result.verify', target, what);
  if (!access.ok) return access;
  if (to === 'returned' && (body.note ?? '').length < 5) {
    return invalid(
      'result.return_note_required',
      'Pengembalian wajib disertai catatan (minimal 5 huruf).',
      'note',
    );
  }
  const result = await inTransaction(db, async (tx) => {
    const current = tpsRow === undefined ? undefined : await findCurrent(tx, tpsId, contestId);
    if (current === undefined || tpsRow === undefined) {
      return err(
        domainError(
          'not_found',
          'result.not_found',
          'Belum ada hasil untuk TPS dan pemilihan ini.',
        ),
      );
    }
    if (current.version !== body.version) {
      return err(
        domainError(
          'conflict',
          'result.version_changed',
          `Hasil sudah dikoreksi (versi ${String(current.version)}); periksa versi terbaru sebelum ${to === 'verified' ? 'memverifikasi' : 'mengembalikan'}.`,
          'version',
        ),
      );
    }
    if (current.status === to) {
      return err(
        domainError(
          'conflict',
          'result.status_unchanged',
          to === 'verified' ? 'Hasil ini sudah diverifikasi.' : 'Hasil ini sudah dikembalikan.',
        ),
      );
    }
    const wasCounted = current.status === 'verified' ? 1 : 0;
    const nowCounted = to === 'verified' ? 1 : 0;
    await upsertCurrent(tx, {
      ...current,
      status: to,
      statusNote: body.note ?? null,
      statusBy: actor.fullName ?? actor.username,
      statusAt: new Date(),
      wasVerified: current.wasVerified || to === 'verified',
    });
    if (wasCounted !== nowCounted) {
      await applyDesaDelta(tx, {
        ...emptyDesaDelta(contestId, tpsRow.desaCode),
        verified: nowCounted - wasCounted,
      });
    }
    await auditWrite(tx, access.value, what, {
      before: { status: current.status, version: current.version },
      after: { status: to, version: current.version, note: body.note ?? null },
    });
    const row = await findSubmission(tx, current.submissionId);
    if (row === undefined) throw new Error('current version without its submission');
    return ok({ row, desaCode: tpsRow.desaCode });
  });
  if (!result.ok) return result;
  hub.publish({
    type: 'result',
    contestId,
    tpsId,
    desaCode: result.value.desaCode,
    version: result.value.row.version,
    status: to,
  });
  return ok(accepted(result.value.row, to, false));
}

function toVersion(row: SubmissionRow): ResultVersion {
  return {
    id: row.id,
    clientId: row.clientId,
    version: row.version,
    form: row.form,
    reason: row.reason,
    anomalies: row.anomalies as Flag[],
    submittedByName: row.submittedByName,
    submittedAt: row.submittedAt.toISOString(),
  };
}

/**
 * May the caller read this TPS's results (its figures and form photos)? The
 * TPS's row when so; 404 for an unknown TPS only to those who may read some.
 */
export async function canReadTpsResults(
  db: Db,
  actor: Actor,
  tpsId: number,
): Promise<Result<NonNullable<Awaited<ReturnType<typeof findTps>>>>> {
  const tpsRow = await findTps(db, tpsId);
  if (tpsRow === undefined) {
    const anywhere = canRead(actor, 'result.read');
    return anywhere.ok
      ? err(
          domainError(
            'not_found',
            'tps.not_found',
            `TPS dengan id ${String(tpsId)} tidak ditemukan.`,
          ),
        )
      : anywhere;
  }
  const allowed = canRead(actor, 'result.read', await regionTarget(db, tpsRow.desaCode, tpsRow.id));
  if (!allowed.ok) return allowed;
  return ok(tpsRow);
}

/** A TPS's results for every contest held there, with history and photos. */
export async function tpsResults(db: Db, actor: Actor, tpsId: number): Promise<Result<TpsResults>> {
  const readable = await canReadTpsResults(db, actor, tpsId);
  if (!readable.ok) return readable;
  const tpsRow = readable.value;
  const desa = await findRegion(db, tpsRow.desaCode);
  const contests = (await listContests(db)).filter((c) => isWithin(tpsRow.desaCode, c.regionCode));
  const out: TpsContestResult[] = [];
  for (const c of contests) {
    const current = await findCurrent(db, tpsId, c.id);
    const history = await historyOf(db, tpsId, c.id);
    const photos = await photosOf(db, tpsId, c.id);
    out.push({
      contestId: c.id,
      contestName: c.name,
      status: current?.status ?? null,
      statusNote: current?.statusNote ?? null,
      statusBy: current?.statusBy ?? null,
      current: history[0] === undefined ? null : toVersion(history[0]),
      history: history.map(toVersion),
      photos: await Promise.all(
        photos.map(async (p) => ({
          sha256: p.sha256,
          mediaType: p.mediaType,
          bytes: p.bytes,
          uploadedBy: p.uploadedBy,
          alsoAtTps: await sameHashElsewhere(db, p.sha256, tpsId),
        })),
      ),
    });
  }
  return ok({
    tpsId,
    label: formatTps(tpsRow.number),
    desaCode: tpsRow.desaCode,
    desaName: desa?.name ?? tpsRow.desaCode,
    registeredVoters: tpsRow.voters,
    window: await resultsWindow(db),
    contests: out,
  });
}
