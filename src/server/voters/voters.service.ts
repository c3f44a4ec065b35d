/**
 * Voter data after import: the TPS list for the Pantarlih, coklit records
 * (inside the coklit window only, by the Pantarlih of that TPS only), new
 * voters, lineage, audited unmasking, and the coklit window itself.
 */
import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead, regionTarget } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction, uniqueViolation } from '../http/transaction.ts';
import { findRegion } from '../regions/regions.repository.ts';
import { readSetting, writeSetting } from '../settings/settings.repository.ts';
import { findStageByKind } from '../stages/stages.service.ts';
import { findTps, tpsOfDesa } from '../tps/tps.repository.ts';
import { todayWib } from '../../domain/common/dates.ts';
import { formatTanggal, formatTps } from '../../domain/common/format.ts';
import { domainError, err, ok, type DomainError, type Result } from '../../domain/common/result.ts';
import { parseStoredChanges } from '../../domain/voters/stored-changes.ts';
import {
  applyCoklit,
  checkNewVoter,
  NEW_VOTER_REASON,
  TMS_LABEL,
  type CoklitEntry,
  type TmsCode,
  type VoterState,
} from '../../domain/voters/coklit.ts';
import type { VoterData } from '../../domain/voters/dp4.ts';
import { maskNik } from '../../domain/voters/nik.ts';
import { tallyDelta, type TallySubject } from '../../domain/voters/tally.ts';
import type {
  CoklitAccepted,
  CoklitBody,
  CoklitWindow,
  Lineage,
  NewVoterBody,
  TpsVoterList,
  VoterView,
} from '../../domain/voters/voters.schema.ts';
import { householdOfEvent, householdView, visitHousehold } from './households.ts';
import { knownNikPrefixes } from './nik-prefixes.ts';
import { votingDayOf } from './voters.import.ts';
import {
  addTallies,
  householdsOfTps,
  eventsOf,
  findEventByClientId,
  findImport,
  findVoter,
  findVoterByNik,
  insertEvent,
  insertVoter,
  listsOfVoter,
  updateVoter,
  votersOfTps,
  type EventRow,
  type VoterRow,
} from './voters.repository.ts';

export const COKLIT_REOPEN_SETTING = 'coklit_window_reopened';
const Reopened = z.object({
  at: z.string(),
  by: z.string().nullable(),
  reason: z.string(),
  until: z.string(),
});

const invalid = (
  code: string,
  message: string,
  field?: string,
): { ok: false; error: DomainError } => err(domainError('invalid', code, message, field));
const notFound = (message: string) => err(domainError('not_found', 'voter.not_found', message));

export function toView(v: VoterRow, unmasked = false): VoterView {
  return {
    id: v.id,
    nik: unmasked ? v.nik : maskNik(v.nik),
    nkk: unmasked ? v.nkk : maskNik(v.nkk),
    name: v.name,
    birthPlace: v.birthPlace,
    birthDate: v.birthDate,
    marital: v.marital,
    sex: v.sex,
    address: v.address,
    rt: v.rt,
    rw: v.rw,
    disability: v.disability,
    ktpEl: v.ktpEl,
    remarks: v.remarks,
    desaCode: v.desaCode,
    tpsId: v.tpsId,
    source: v.source,
    coklitStatus: v.coklitStatus,
    tmsCode: v.tmsCode,
    coklitAt: v.coklitAt,
  };
}

function dataOf(v: VoterRow): VoterData {
  return {
    nkk: v.nkk,
    nik: v.nik,
    name: v.name,
    birthPlace: v.birthPlace,
    birthDate: v.birthDate,
    marital: v.marital,
    sex: v.sex,
    address: v.address,
    rt: v.rt,
    rw: v.rw,
    disability: v.disability,
    ktpEl: v.ktpEl,
    remarks: v.remarks,
  };
}

const subjectOf = (v: {
  source: 'dp4' | 'baru';
  coklitStatus: 'MS' | 'U' | 'TMS' | null;
  tmsCode: number | null;
  sex: 'L' | 'P';
}): TallySubject => ({ source: v.source, status: v.coklitStatus, tmsCode: v.tmsCode, sex: v.sex });

/** Coklit is accepted during the `coklit` stage, or until the day an admin reopened it to. */
export async function coklitWindow(db: Db, now: Date = new Date()): Promise<CoklitWindow> {
  const stage = await findStageByKind(db, 'coklit');
  const parsed = Reopened.safeParse(await readSetting(db, COKLIT_REOPEN_SETTING));
  const today = todayWib(now);
  const reopened = parsed.success && today <= parsed.data.until ? parsed.data : null;
  const inStage = stage !== undefined && stage.startsOn <= today && today <= stage.endsOn;
  const base = {
    startsOn: stage?.startsOn ?? null,
    endsOn: stage?.endsOn ?? null,
    reopened,
  };
  if (inStage) {
    return {
      ...base,
      open: true,
      message: `Masa coklit ${formatTanggal(stage.startsOn)} – ${formatTanggal(stage.endsOn)}.`,
    };
  }
  if (reopened !== null) {
    return {
      ...base,
      open: true,
      message: `Masa coklit dibuka kembali sampai ${formatTanggal(reopened.until)}: ${reopened.reason}`,
    };
  }
  return {
    ...base,
    open: false,
    message:
      stage === undefined
        ? 'Tahapan coklit belum ada di jadwal; hasil coklit belum dapat dicatat. Admin dapat mengisi jadwal di halaman Tahapan atau membuka masa coklit di halaman Pemilih.'
        : `Di luar masa coklit (${formatTanggal(stage.startsOn)} – ${formatTanggal(stage.endsOn)}); hasil coklit dan pemilih baru tidak dapat dicatat. Hanya admin yang dapat membuka kembali masa coklit (halaman Pemilih).`,
  };
}

export async function reopenCoklit(
  db: Db,
  actor: Actor,
  body: { reason: string; until: string },
  now: Date = new Date(),
): Promise<Result<CoklitWindow>> {
  const what = { action: 'coklit.window_reopen', targetType: 'coklit_window' };
  const access = await authorizeWrite(db, actor, 'coklit.window', undefined, what);
  if (!access.ok) return access;
  if (body.until < todayWib(now)) {
    return invalid('coklit.reopen_past', 'Tanggal akhir pembukaan kembali sudah lewat.', 'until');
  }
  const done = await inTransaction(db, async (tx) => {
    const before = await readSetting(tx, COKLIT_REOPEN_SETTING);
    const value = { at: now.toISOString(), by: actor.username, ...body };
    await writeSetting(tx, COKLIT_REOPEN_SETTING, value);
    await auditWrite(tx, access.value, what, { before: before ?? null, after: value });
    return ok(null);
  });
  return done.ok ? ok(await coklitWindow(db, now)) : done;
}

/** The voters of a TPS (NIK/NKK masked), for its Pantarlih and the desa's officers. */
export async function tpsVoterList(
  db: Db,
  actor: Actor,
  tpsId: number,
): Promise<Result<TpsVoterList>> {
  const t = await findTps(db, tpsId);
  const target = t === undefined ? undefined : await regionTarget(db, t.desaCode, t.id);
  const access = canRead(actor, 'voter.read', target);
  if (!access.ok) return access;
  if (t === undefined) return notFound(`TPS dengan id ${String(tpsId)} tidak ada.`);
  const desa = await findRegion(db, t.desaCode);
  const desaTps = (await tpsOfDesa(db, t.desaCode)).filter((x) => x.status === 'aktif');
  const rows = await votersOfTps(db, tpsId);
  const households = await householdsOfTps(db, tpsId);
  return ok({
    tps: { id: t.id, number: t.number, desaCode: t.desaCode, desaName: desa?.name ?? t.desaCode },
    desaTps: desaTps.map((x) => ({ id: x.id, number: x.number })),
    voters: rows.map((v) => toView(v)),
    households: households.map((h) => householdView(h, h.photos)),
    canRecord: canRead(actor, 'coklit.record', target).ok,
    canAddPhoto: canRead(actor, 'coklit.photo', target).ok,
  });
}

async function coklitContext(db: Db, desaCode: string) {
  const votingDay = await votingDayOf(db);
  const active = (await tpsOfDesa(db, desaCode)).filter((x) => x.status === 'aktif');
  const ids = new Set(active.map((x) => x.id));
  return {
    knownPrefixes: await knownNikPrefixes(),
    votingDay: votingDay ?? '9999-12-31',
    tpsInSameDesa: (id: number) => ids.has(id),
  };
}

function entryOf(body: CoklitBody): CoklitEntry {
  switch (body.kind) {
    case 'MS':
      return { kind: 'MS', reason: body.reason };
    case 'U':
      return {
        kind: 'U',
        changes: Object.fromEntries(
          Object.entries(body.changes).filter(([, v]) => v !== undefined),
        ),
        reason: body.reason,
      };
    case 'TMS':
      return {
        kind: 'TMS',
        code: body.code,
        newTpsId: body.newTpsId,
        reason: body.reason,
      };
  }
}

/** Records MS, U or TMS for one voter, with its evidence, in one transaction. */
/** A resent client id answers the first verdict again, with its household. */
async function resentAnswer(db: Db, v: VoterRow, earlier: EventRow): Promise<CoklitAccepted> {
  return {
    voter: toView(v),
    eventId: earlier.id,
    duplicate: true,
    household: await householdOfEvent(db, earlier.householdId),
    newHousehold: false,
  };
}

export async function recordCoklit(
  db: Db,
  actor: Actor,
  voterId: number,
  body: CoklitBody,
  now: Date = new Date(),
): Promise<Result<CoklitAccepted>> {
  const v = await findVoter(db, voterId);
  const what = { action: 'coklit.record', targetType: 'voter', targetId: voterId };
  const target = v === undefined ? undefined : await regionTarget(db, v.desaCode, v.tpsId);
  const access = await authorizeWrite(db, actor, 'coklit.record', target, what);
  if (!access.ok) return access;
  if (v === undefined) return notFound(`Pemilih dengan id ${String(voterId)} tidak ada.`);
  if (body.clientId !== undefined) {
    const earlier = await findEventByClientId(db, body.clientId);
    if (earlier !== undefined) {
      if (earlier.voterId !== voterId) {
        return err(
          domainError(
            'conflict',
            'coklit.client_id_reused',
            'Kode kiriman ini sudah dipakai untuk pemilih lain.',
          ),
        );
      }
      return ok(await resentAnswer(db, v, earlier));
    }
  }
  const window = await coklitWindow(db, now);
  if (!window.open) return invalid('coklit.window_closed', window.message);
  const ctx = await coklitContext(db, v.desaCode);
  return inTransaction(db, async (tx) => {
    const current = await findVoter(tx, voterId, true);
    if (current === undefined) return notFound('Pemilih tidak ada.');
    const state: VoterState = {
      data: dataOf(current),
      status: current.coklitStatus,
      tmsCode: current.tmsCode as TmsCode | null,
      tpsId: current.tpsId,
    };
    const applied = applyCoklit(state, entryOf(body), ctx);
    if (!applied.ok) return applied;
    const { next, changes } = applied.value;
    const at = now.toISOString();
    // The household visited is the family card as listed at this TPS (before any change).
    const visit = await visitHousehold(tx, actor, {
      tpsId: current.tpsId,
      nkk: current.nkk,
      at,
      latitude: body.latitude ?? null,
      longitude: body.longitude ?? null,
    });
    const updated = await updateVoter(tx, voterId, {
      ...next.data,
      tpsId: next.tpsId,
      coklitStatus: next.status,
      tmsCode: next.tmsCode,
      coklitAt: at,
    });
    const event = await insertEvent(tx, {
      voterId,
      kind: body.kind,
      tmsCode: body.kind === 'TMS' ? body.code : null,
      changes,
      reason: body.reason ?? null,
      tpsId: current.tpsId,
      householdId: visit.household.id,
      sticker: visit.household.sticker,
      latitude: body.latitude ?? null,
      longitude: body.longitude ?? null,
      clientId: body.clientId ?? null,
      byUserId: actor.userId,
      byUsername: actor.username,
      at,
    });
    await addTallies(
      tx,
      tallyDelta(
        { tpsId: current.tpsId, subject: subjectOf(current) },
        { tpsId: updated.tpsId, subject: subjectOf(updated) },
      ),
    );
    // Personal data stays in voter_event; the audit row says what happened to whom.
    await auditWrite(tx, access.value, what, {
      after: {
        eventId: event.id,
        kind: body.kind,
        tmsCode: event.tmsCode,
        fields: changes.map((c) => c.field),
        household: { id: visit.household.id, sticker: visit.household.sticker, new: visit.created },
      },
    });
    return ok({
      voter: toView(updated),
      eventId: event.id,
      duplicate: false,
      household: householdView(visit.household, visit.photos),
      newHousehold: visit.created,
    });
  });
}

/** Adds a pemilih baru found during coklit at this TPS. */
export async function addNewVoter(
  db: Db,
  actor: Actor,
  tpsId: number,
  body: NewVoterBody,
  now: Date = new Date(),
): Promise<Result<CoklitAccepted>> {
  const t = await findTps(db, tpsId);
  const what = { action: 'coklit.new_voter', targetType: 'tps', targetId: tpsId };
  const target = t === undefined ? undefined : await regionTarget(db, t.desaCode, t.id);
  const access = await authorizeWrite(db, actor, 'coklit.record', target, what);
  if (!access.ok) return access;
  if (t === undefined || t.status !== 'aktif') {
    return notFound(`TPS dengan id ${String(tpsId)} tidak ada atau nonaktif.`);
  }
  if (body.clientId !== undefined) {
    const earlier = await findEventByClientId(db, body.clientId);
    if (earlier !== undefined) {
      const v = await findVoter(db, earlier.voterId);
      if (v !== undefined) return ok(await resentAnswer(db, v, earlier));
    }
  }
  const window = await coklitWindow(db, now);
  if (!window.open) return invalid('coklit.window_closed', window.message);
  const ctx = await coklitContext(db, t.desaCode);
  const checked = checkNewVoter(body.voter, ctx);
  if (!checked.ok) return invalid('coklit.new_voter_invalid', checked.reason, checked.field);
  if ((await findVoterByNik(db, checked.data.nik)) !== undefined) {
    return err(
      domainError(
        'conflict',
        'coklit.nik_exists',
        'NIK ini sudah ada di daftar pemilih; periksa apakah orangnya terdaftar di TPS lain.',
        'nik',
      ),
    );
  }
  const at = now.toISOString();
  try {
    return await inTransaction(db, async (tx) => {
      const row = await insertVoter(tx, {
        ...checked.data,
        desaCode: t.desaCode,
        tpsId: t.id,
        source: 'baru',
        newReason: body.reason,
        coklitAt: at,
      });
      const visit = await visitHousehold(tx, actor, {
        tpsId: t.id,
        nkk: row.nkk,
        at,
        latitude: body.latitude ?? null,
        longitude: body.longitude ?? null,
      });
      const event = await insertEvent(tx, {
        voterId: row.id,
        kind: 'BARU',
        changes: [],
        reason: NEW_VOTER_REASON[body.reason],
        tpsId: t.id,
        householdId: visit.household.id,
        sticker: visit.household.sticker,
        latitude: body.latitude ?? null,
        longitude: body.longitude ?? null,
        clientId: body.clientId ?? null,
        byUserId: actor.userId,
        byUsername: actor.username,
        at,
      });
      await addTallies(tx, tallyDelta(null, { tpsId: t.id, subject: subjectOf(row) }));
      await auditWrite(tx, access.value, what, {
        after: {
          voterId: row.id,
          eventId: event.id,
          reason: body.reason,
          household: {
            id: visit.household.id,
            sticker: visit.household.sticker,
            new: visit.created,
          },
        },
      });
      return ok({
        voter: toView(row),
        eventId: event.id,
        duplicate: false,
        household: householdView(visit.household, visit.photos),
        newHousehold: visit.created,
      });
    });
  } catch (e) {
    // Only the NIK's index means "already listed" (a household index would be a bug: the TPS lock prevents it).
    const constraint = uniqueViolation(e);
    if (constraint === null || constraint.startsWith('coklit_household')) throw e;
    return err(
      domainError('conflict', 'coklit.nik_exists', 'NIK ini sudah ada di daftar pemilih.', 'nik'),
    );
  }
}

/** Full NIK and NKK of one voter: an explicit action with its audit row. */
export async function unmaskVoter(
  db: Db,
  actor: Actor,
  voterId: number,
  reason: string,
): Promise<Result<{ id: number; nik: string; nkk: string }>> {
  const v = await findVoter(db, voterId);
  const what = { action: 'voter.unmask', targetType: 'voter', targetId: voterId };
  const target = v === undefined ? undefined : await regionTarget(db, v.desaCode, v.tpsId);
  const access = await authorizeWrite(db, actor, 'voter.unmask', target, what);
  if (!access.ok) return access;
  if (v === undefined) return notFound(`Pemilih dengan id ${String(voterId)} tidak ada.`);
  return inTransaction(db, async (tx) => {
    await auditWrite(tx, access.value, what, { after: { reason, nik: maskNik(v.nik) } });
    return ok({ id: v.id, nik: v.nik, nkk: v.nkk });
  });
}

const FIELD_LABEL: Record<string, string> = {
  nkk: 'NKK',
  name: 'Nama',
  birthPlace: 'Tempat lahir',
  birthDate: 'Tanggal lahir',
  marital: 'Status kawin',
  sex: 'Jenis kelamin',
  address: 'Alamat',
  rt: 'RT',
  rw: 'RW',
  disability: 'Disabilitas',
  ktpEl: 'KTP-el',
  remarks: 'Keterangan',
  tpsId: 'TPS',
};

function eventLabel(e: EventRow, tpsNumber: (id: number) => string): string {
  switch (e.kind) {
    case 'MS':
      return 'Coklit: MS (memenuhi syarat, data benar)';
    case 'U':
      return 'Coklit: U (data diubah)';
    case 'TMS': {
      const code = (e.tmsCode ?? 0) as TmsCode;
      return `Coklit: TMS-${String(code)} (${TMS_LABEL[code]})`;
    }
    case 'BARU':
      return `Pemilih baru dicatat di ${tpsNumber(e.tpsId)}`;
  }
}

/** Every step of a voter from the DP4 row (or the coklit that added them) to the latest list. */
export async function voterLineage(
  db: Db,
  actor: Actor,
  voterId: number,
): Promise<Result<Lineage>> {
  const v = await findVoter(db, voterId);
  const target = v === undefined ? undefined : await regionTarget(db, v.desaCode, v.tpsId);
  const access = canRead(actor, 'voter.read', target);
  if (!access.ok) return access;
  if (v === undefined) return notFound(`Pemilih dengan id ${String(voterId)} tidak ada.`);
  const numbers = new Map(
    (await tpsOfDesa(db, v.desaCode)).map((x) => [x.id, formatTps(x.number)]),
  );
  const tpsNumber = (id: number) => numbers.get(id) ?? `#${String(id)}`;
  const entries: Lineage['entries'] = [];
  if (v.source === 'dp4' && v.importId !== null) {
    const imp = await findImport(db, v.importId);
    entries.push({
      at: imp?.startedAt ?? '',
      kind: 'DP4',
      label: `Baris ${String(v.importLine)} DP4 (berkas ${imp?.fileName ?? '?'}, impor #${String(v.importId)})`,
      by: imp?.byUsername ?? null,
      reason: null,
      changes: [],
      evidence: null,
    });
  }
  const text = (x: unknown): string | null =>
    x === null || x === undefined
      ? null
      : typeof x === 'string'
        ? x
        : typeof x === 'number'
          ? String(x)
          : JSON.stringify(x);
  const date = (x: unknown): string | null => (typeof x === 'string' ? formatTanggal(x) : text(x));
  for (const e of await eventsOf(db, voterId)) {
    // Older demo databases stored `changes` as an object: read both shapes.
    const stored = parseStoredChanges(e.changes);
    const changes = stored.changes.map((c) =>
      c.field === 'tpsId'
        ? { field: 'TPS', old: tpsNumber(Number(c.old)), new: tpsNumber(Number(c.new)) }
        : c.field === 'birthDate'
          ? { field: FIELD_LABEL[c.field] ?? c.field, old: date(c.old), new: date(c.new) }
          : { field: FIELD_LABEL[c.field] ?? c.field, old: text(c.old), new: text(c.new) },
    );
    if (stored.unreadable !== null) {
      changes.push({
        field: 'Perubahan (format tidak dikenal)',
        old: null,
        new: stored.unreadable,
      });
    }
    const evidence = [
      e.sticker === null ? null : `stiker rumah ${e.sticker}`,
      e.latitude === null || e.longitude === null
        ? null
        : `lokasi ${e.latitude.toFixed(5)}, ${e.longitude.toFixed(5)}`,
    ].filter((x) => x !== null);
    entries.push({
      at: e.at,
      kind: e.kind,
      label: eventLabel(e, tpsNumber),
      by: e.byUsername,
      reason: e.reason,
      changes,
      evidence: evidence.length === 0 ? null : evidence.join('; '),
    });
  }
  for (const l of await listsOfVoter(db, voterId)) {
    entries.push({
      at: l.compiledAt,
      kind: l.kind.toUpperCase(),
      label: `Masuk ${l.kind.toUpperCase()} versi ${String(l.version)}, ${tpsNumber(l.tpsId)}`,
      by: l.compiledBy,
      reason: null,
      changes: [],
      evidence: null,
    });
  }
  entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return ok({ voter: toView(v), entries });
}
