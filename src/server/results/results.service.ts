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
import { DEFAULT_MAX_VOTERS_PER_TPS } from '../../domain/tps/tps.rules.ts';
import { domainError, err, ok, type DomainError, type Result } from '../../domain/common/result.ts';
import { isWithin } from '../../domain/common/region-code.ts';
import { todayWib } from '../../domain/common/dates.ts';
import { formatTanggal, formatTps } from '../../domain/common/format.ts';
import { checkChasil } from '../../domain/results/chasil.rules.ts';
import type { ChasilForm } from '../../domain/results/chasil.ts';
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
  findByClientId,
  findCurrent,
  findSubmission,
  historyOf,
  photosOf,
  sameHashElsewhere,
  upsertCurrent,
  submitContext,
  type SubmissionRow,
} from './results.repository.ts';
import { writeSubmissionQueued } from './results.batch.ts';

export interface SubmissionInput {
  readonly clientId: string;
  readonly tpsId: number;
  readonly contestId: number;
  readonly form: ChasilForm;
  readonly reason?: string | undefined;
}

const WINDOW_SETTING = 'results_window_opened_early';

interface OpenedEarly {
  at: string;
  by: string | null;
  reason: string;
}

function isOpenedEarly(v: unknown): v is OpenedEarly {
  return typeof v === 'object' && v !== null && 'at' in v && 'reason' in v;
}

/** The day in WIB, computed once a minute (WIB has no daylight saving: days start on a minute). */
let wibDay = { minute: Number.NaN, day: '' };
function todayWibCached(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== wibDay.minute) wibDay = { minute, day: todayWib(now) };
  return wibDay.day;
}

/** Results are accepted from voting day (stage `pemungutan_suara`), or earlier when an admin opened a rehearsal. */
export async function resultsWindow(db: Db, now: Date = new Date()): Promise<ResultsWindow> {
  const voting = await findStageByKind(db, 'pemungutan_suara');
  return windowOf(voting?.startsOn ?? null, await readSetting(db, WINDOW_SETTING), now);
}

function windowOf(votingDay: string | null, early: unknown, now: Date): ResultsWindow {
  const openedEarly = isOpenedEarly(early) ? early : null;
  if (openedEarly !== null) {
    return {
      open: true,
      votingDay,
      openedEarly,
      message: `Penerimaan hasil dibuka lebih awal untuk gladi: ${openedEarly.reason}`,
    };
  }
  if (votingDay === null) {
    return {
      open: false,
      votingDay,
      openedEarly: null,
      message: 'Tahapan pemungutan suara belum ada di jadwal; hasil belum dapat diterima.',
    };
  }
  const open = todayWibCached(now) >= votingDay;
  return {
    open,
    votingDay,
    openedEarly: null,
    message: open
      ? `Penerimaan hasil dibuka sejak ${formatTanggal(votingDay)}.`
      : `Hasil baru dapat dikirim mulai hari pemungutan suara, ${formatTanggal(votingDay)}.`,
  };
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

function sameFigures(a: unknown, b: unknown): boolean {
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
 * The hot path of voting night, in few round trips: one read gathers the TPS,
 * its Korwil, an earlier submission with this client id, the window, the
 * contest and its selections and the voter limit; the write (with its audit
 * row, in one transaction) goes through `results.batch.ts`, which groups
 * submissions arriving together.
 */
export async function submitResult(
  db: Db,
  hub: LiveHub,
  actor: Actor,
  input: SubmissionInput,
  now: Date = new Date(),
): Promise<Result<SubmissionAccepted>> {
  const ctx = await submitContext(db, input.tpsId, input.contestId, input.clientId, WINDOW_SETTING);
  const tpsRow = ctx.tps;
  const what = { action: 'result.submit', targetType: 'tps', targetId: input.tpsId };
  const target =
    tpsRow === null
      ? undefined
      : { regionCode: tpsRow.desaCode, korwilId: tpsRow.korwilId, tpsId: tpsRow.id };
  const access = await authorizeWrite(db, actor, 'result.submit', target, what);
  if (!access.ok) return access;
  if (tpsRow === null || tpsRow.status !== 'aktif') {
    return invalid(
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
      return ok({
        duplicate: true,
        tpsId: previous.tpsId,
        contestId: previous.contestId,
        version: previous.version,
        status: previous.currentStatus ?? 'submitted',
        anomalies: previous.anomalies as Flag[],
      });
    }
    return err(
      domainError(
        'conflict',
        'result.client_id_reused',
        'Kiriman dengan nomor yang sama sudah diterima dengan angka yang berbeda. Kirim sebagai koreksi baru.',
        'clientId',
      ),
    );
  }
  const window = windowOf(ctx.votingDay, ctx.openedEarly, now);
  if (!window.open) return err(domainError('conflict', 'result.window_closed', window.message));
  const contest = ctx.contest;
  if (contest === null || !isWithin(tpsRow.desaCode, contest.regionCode)) {
    return invalid(
      'result.contest_not_at_tps',
      'Pemilihan ini tidak diselenggarakan di TPS tersebut.',
      'contestId',
    );
  }
  const issues = checkChasil(input.form, {
    selectionIds: ctx.selectionIds,
    registeredVoters: tpsRow.voters,
    maxDpt: maxVotersOf(ctx.maxVoters),
  });
  const first = issues[0];
  if (first !== undefined) return invalid(first.code, first.message, `form.${first.field}`);

  const result = await writeSubmissionQueued(db, {
    access: access.value,
    clientId: input.clientId,
    tpsId: tpsRow.id,
    desaCode: tpsRow.desaCode,
    contestId: contest.id,
    form: input.form,
    reason: input.reason,
  });
  if (!result.ok) {
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
      return ok(accepted(raced, current?.status ?? 'submitted', true));
    }
    return result;
  }
  hub.publish({
    type: 'result',
    contestId: contest.id,
    tpsId: tpsRow.id,
    desaCode: tpsRow.desaCode,
    version: result.value.version,
    status: 'submitted',
  });
  return ok({
    duplicate: false,
    tpsId: tpsRow.id,
    contestId: contest.id,
    version: result.value.version,
    status: 'submitted',
    anomalies: result.value.anomalies,
  });
}

/** `max_voters_per_tps` as `getMaxVotersPerTps` reads it. */
function maxVotersOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
    ? value
    : DEFAULT_MAX_VOTERS_PER_TPS;
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
      await applyDesaDelta(
        tx,
        contestId,
        tpsRow.desaCode,
        new Map([['verified', nowCounted - wasCounted]]),
      );
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

/** A TPS's results for every contest held there, with history and photos. */
export async function tpsResults(db: Db, actor: Actor, tpsId: number): Promise<Result<TpsResults>> {
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
