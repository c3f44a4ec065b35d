/**
 * Bimtek: events of an ad hoc body's training, in waves split by kecamatan
 * (e.g. the PPS of Korwil I's kecamatan), with sessions, materials,
 * attendance per participant per day (by list or by participant code),
 * pre-/post-test scores, recaps per wave and per kecamatan, and who is not
 * yet trained. Participants are the body's roster members in a wave's
 * kecamatan at the time of reading.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import {
  checkAttendance,
  checkRange,
  checkWaveDates,
  daysOf,
  parseParticipantCode,
  participantCode,
  recapOf,
  trainingStatus,
  type BimtekProblem,
  type TrainingStatus,
} from '../../domain/people/bimtek.rules.ts';
import type {
  AttendanceBody,
  AttendanceCodeBody,
  BimtekEvent,
  BimtekEventBody,
  BimtekSessionBody,
  BimtekWaveBody,
  ScoresBody,
  UntrainedPerson,
  WaveDetail,
} from '../../domain/people/people.schema.ts';
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead, type WriteDescription } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction, uniqueViolation } from '../http/transaction.ts';
import {
  attendanceOf,
  findEvent,
  findMaterial,
  findWave,
  insertEvent,
  insertMaterial,
  insertSession,
  insertWave,
  listEvents,
  markAbsent,
  markPresent,
  materialsOf,
  scoresOf,
  sessionsOf,
  upsertScores,
  waveKecamatan,
  wavesOf,
  type EventRow,
  type MaterialRow,
  type WaveRow,
} from './bimtek.repository.ts';
import { loadRegistry, type Registry } from './registry.ts';
import { listMembers, type MemberRow } from './rosters.repository.ts';

const invalid = (p: BimtekProblem) => err(domainError('invalid', p.code, p.message, p.field));
const eventNotFound = (id: number) =>
  err(
    domainError(
      'not_found',
      'bimtek.event_not_found',
      `Bimtek dengan id ${String(id)} tidak ditemukan.`,
    ),
  );
const waveNotFound = (id: number) =>
  err(
    domainError(
      'not_found',
      'bimtek.wave_not_found',
      `Gelombang dengan id ${String(id)} tidak ditemukan.`,
    ),
  );

interface Participant {
  readonly member: MemberRow;
  readonly wave: WaveRow;
  readonly presentDays: string[];
  readonly status: TrainingStatus;
  readonly preTest: number | null;
  readonly postTest: number | null;
}

interface EventState {
  readonly event: EventRow;
  readonly waves: WaveRow[];
  readonly kecamatanByWave: Map<number, string[]>;
  readonly members: MemberRow[];
  readonly participants: Participant[];
}

/** Everything an event's pages show, computed in one pass. */
async function eventState(db: Db, event: EventRow): Promise<EventState> {
  const waves = await wavesOf(db, event.id);
  const links = await waveKecamatan(db, event.id);
  const kecamatanByWave = new Map<number, string[]>();
  const waveByKecamatan = new Map<string, WaveRow>();
  const waveById = new Map(waves.map((w) => [w.id, w]));
  for (const l of links) {
    kecamatanByWave.set(l.waveId, [...(kecamatanByWave.get(l.waveId) ?? []), l.kecamatanCode]);
    const w = waveById.get(l.waveId);
    if (w !== undefined) waveByKecamatan.set(l.kecamatanCode, w);
  }
  const members = await listMembers(db, { body: event.body });
  const waveIds = waves.map((w) => w.id);
  const present = new Map<string, Set<string>>();
  for (const a of await attendanceOf(db, waveIds)) {
    const key = `${String(a.waveId)}|${String(a.memberId)}`;
    present.set(key, (present.get(key) ?? new Set()).add(a.day));
  }
  const scores = new Map(
    (await scoresOf(db, waveIds)).map((s) => [`${String(s.waveId)}|${String(s.memberId)}`, s]),
  );
  const daysByWave = new Map(waves.map((w) => [w.id, daysOf(w)]));
  const participants: Participant[] = [];
  for (const member of members) {
    const wave = waveByKecamatan.get(member.kecamatanCode);
    if (wave === undefined) continue;
    const key = `${String(wave.id)}|${String(member.id)}`;
    const days = present.get(key) ?? new Set<string>();
    const score = scores.get(key);
    participants.push({
      member,
      wave,
      presentDays: [...days].sort(),
      status: trainingStatus(daysByWave.get(wave.id) ?? [], days),
      preTest: score?.preTest ?? null,
      postTest: score?.postTest ?? null,
    });
  }
  return { event, waves, kecamatanByWave, members, participants };
}

function waveView(state: EventState, wave: WaveRow, reg: Registry) {
  return {
    id: wave.id,
    name: wave.name,
    startsOn: wave.startsOn,
    endsOn: wave.endsOn,
    venue: wave.venue,
    kecamatan: (state.kecamatanByWave.get(wave.id) ?? []).map((code) => ({
      code,
      name: reg.name(code),
    })),
    recap: recapOf(state.participants.filter((p) => p.wave.id === wave.id)),
  };
}

// ---------------------------------------------------------------- reads

export async function listBimtek(db: Db, actor: Actor) {
  const allowed = canRead(actor, 'bimtek.read');
  if (!allowed.ok) return allowed;
  return ok(await listEvents(db));
}

export async function getBimtek(db: Db, actor: Actor, id: number): Promise<Result<BimtekEvent>> {
  const allowed = canRead(actor, 'bimtek.read');
  if (!allowed.ok) return allowed;
  const event = await findEvent(db, id);
  if (event === undefined) return eventNotFound(id);
  const reg = await loadRegistry(db);
  const state = await eventState(db, event);
  const invited = new Set(state.participants.map((p) => p.member.id));
  return ok({
    id: event.id,
    name: event.name,
    body: event.body,
    startsOn: event.startsOn,
    endsOn: event.endsOn,
    venue: event.venue,
    organiser: event.organiser,
    waves: state.waves.map((w) => waveView(state, w, reg)),
    sessions: (await sessionsOf(db, id)).map((s) => ({
      id: s.id,
      waveId: s.waveId,
      topic: s.topic,
      speaker: s.speaker,
      speakerOrganisation: s.speakerOrganisation,
      external: s.external,
    })),
    materials: (await materialsOf(db, id)).map(materialView),
    recap: {
      ...recapOf(state.participants),
      members: state.members.length,
      uninvited: state.members.filter((m) => !invited.has(m.id)).length,
    },
    byKecamatan: reg.kecamatan.map((k) => ({
      code: k.code,
      name: k.name,
      members: state.members.filter((m) => m.kecamatanCode === k.code).length,
      ...recapOf(state.participants.filter((p) => p.member.kecamatanCode === k.code)),
    })),
  });
}

const materialView = (m: MaterialRow) => ({
  id: m.id,
  fileName: m.fileName,
  mediaType: m.mediaType,
  bytes: m.bytes,
  sha256: m.sha256,
});

export async function getWave(db: Db, actor: Actor, waveId: number): Promise<Result<WaveDetail>> {
  const allowed = canRead(actor, 'bimtek.read');
  if (!allowed.ok) return allowed;
  const wave = await findWave(db, waveId);
  if (wave === undefined) return waveNotFound(waveId);
  const event = await findEvent(db, wave.eventId);
  if (event === undefined) return eventNotFound(wave.eventId);
  const reg = await loadRegistry(db);
  const state = await eventState(db, event);
  return ok({
    eventId: event.id,
    wave: waveView(state, wave, reg),
    days: daysOf(wave),
    participants: state.participants
      .filter((p) => p.wave.id === wave.id)
      .map((p) => ({
        memberId: p.member.id,
        name: p.member.name,
        position: p.member.position,
        regionName: reg.name(p.member.regionCode),
        kecamatanName: reg.name(p.member.kecamatanCode),
        code: participantCode(p.member.id, p.member.codeToken),
        presentDays: p.presentDays,
        status: p.status,
        preTest: p.preTest,
        postTest: p.postTest,
      })),
  });
}

/** Members of the body not trained yet: absent, partly present, or in no wave. */
export async function untrained(
  db: Db,
  actor: Actor,
  eventId: number,
): Promise<Result<UntrainedPerson[]>> {
  const allowed = canRead(actor, 'bimtek.read');
  if (!allowed.ok) return allowed;
  const event = await findEvent(db, eventId);
  if (event === undefined) return eventNotFound(eventId);
  const reg = await loadRegistry(db);
  const state = await eventState(db, event);
  const byMember = new Map(state.participants.map((p) => [p.member.id, p]));
  return ok(
    state.members.flatMap((m) => {
      const p = byMember.get(m.id);
      if (p?.status === 'lengkap') return [];
      return [
        {
          memberId: m.id,
          name: m.name,
          regionName: reg.name(m.regionCode),
          kecamatanName: reg.name(m.kecamatanCode),
          waveName: p?.wave.name ?? null,
          status: p?.status ?? 'belum',
        },
      ];
    }),
  );
}

export async function materialFile(
  db: Db,
  actor: Actor,
  dataDir: string,
  id: number,
): Promise<Result<{ row: MaterialRow; content: Buffer }>> {
  const allowed = canRead(actor, 'bimtek.read');
  if (!allowed.ok) return allowed;
  const row = await findMaterial(db, id);
  if (row === undefined)
    return err(
      domainError(
        'not_found',
        'bimtek.material_not_found',
        `Materi dengan id ${String(id)} tidak ditemukan.`,
      ),
    );
  return ok({ row, content: await readFile(materialPath(dataDir, row.sha256)) });
}

// ---------------------------------------------------------------- writes

export async function createBimtek(db: Db, actor: Actor, body: BimtekEventBody) {
  const what: WriteDescription = { action: 'bimtek.create', targetType: 'bimtek_event' };
  const access = await authorizeWrite(db, actor, 'bimtek.manage', undefined, what);
  if (!access.ok) return access;
  const range = checkRange(body, 'kegiatan');
  if (!range.ok) return invalid(range.error);
  return inTransaction(db, async (tx) => {
    const row = await insertEvent(tx, { ...body, organiser: body.organiser ?? 'KPU Kabupaten' });
    await auditWrite(tx, access.value, { ...what, targetId: row.id }, { after: row });
    return ok({ ...row, waves: 0 });
  });
}

export async function addWave(db: Db, actor: Actor, eventId: number, body: BimtekWaveBody) {
  const what: WriteDescription = {
    action: 'bimtek.wave_add',
    targetType: 'bimtek_event',
    targetId: eventId,
  };
  const access = await authorizeWrite(db, actor, 'bimtek.manage', undefined, what);
  if (!access.ok) return access;
  const event = await findEvent(db, eventId);
  if (event === undefined) return eventNotFound(eventId);
  const dates = checkWaveDates(event, body);
  if (!dates.ok) return invalid(dates.error);
  const reg = await loadRegistry(db);
  const codes = new Set<string>();
  for (const id of body.korwilIds ?? []) {
    if (!reg.korwilById.has(id))
      return err(
        domainError(
          'invalid',
          'bimtek.unknown_korwil',
          `Korwil dengan id ${String(id)} tidak ada.`,
          'korwilIds',
        ),
      );
    for (const k of reg.kecamatan) if (k.korwilId === id) codes.add(k.code);
  }
  for (const code of body.kecamatanCodes ?? []) {
    if (reg.byCode.get(code)?.level !== 'kecamatan')
      return err(
        domainError(
          'invalid',
          'bimtek.unknown_kecamatan',
          `Kecamatan ${code} tidak ada.`,
          'kecamatanCodes',
        ),
      );
    codes.add(code);
  }
  if (codes.size === 0)
    return err(
      domainError(
        'invalid',
        'bimtek.no_participants',
        'Pilih Korwil atau kecamatan peserta gelombang ini.',
        'kecamatanCodes',
      ),
    );
  const taken = (await waveKecamatan(db, eventId)).filter((l) => codes.has(l.kecamatanCode));
  if (taken.length > 0)
    return err(
      domainError(
        'conflict',
        'bimtek.kecamatan_in_other_wave',
        `Kecamatan ${taken.map((t) => reg.name(t.kecamatanCode)).join(', ')} sudah masuk gelombang lain.`,
        'kecamatanCodes',
      ),
    );
  const sorted = [...codes].sort();
  try {
    return await inTransaction(db, async (tx) => {
      const row = await insertWave(
        tx,
        {
          eventId,
          name: body.name,
          startsOn: body.startsOn,
          endsOn: body.endsOn,
          venue: body.venue ?? null,
        },
        sorted,
      );
      await auditWrite(
        tx,
        access.value,
        { ...what, targetId: eventId },
        { after: { ...row, kecamatan: sorted } },
      );
      return ok({ id: row.id });
    });
  } catch (e) {
    if (uniqueViolation(e) !== null)
      return err(
        domainError(
          'conflict',
          'bimtek.kecamatan_in_other_wave',
          'Sebagian kecamatan baru saja dimasukkan ke gelombang lain.',
        ),
      );
    throw e;
  }
}

export async function addSession(db: Db, actor: Actor, eventId: number, body: BimtekSessionBody) {
  const what: WriteDescription = {
    action: 'bimtek.session_add',
    targetType: 'bimtek_event',
    targetId: eventId,
  };
  const access = await authorizeWrite(db, actor, 'bimtek.manage', undefined, what);
  if (!access.ok) return access;
  const event = await findEvent(db, eventId);
  if (event === undefined) return eventNotFound(eventId);
  if (body.waveId !== undefined && (await findWave(db, body.waveId))?.eventId !== eventId)
    return err(
      domainError(
        'invalid',
        'bimtek.wave_not_in_event',
        'Gelombang itu bukan bagian dari Bimtek ini.',
        'waveId',
      ),
    );
  return inTransaction(db, async (tx) => {
    const row = await insertSession(tx, {
      eventId,
      waveId: body.waveId ?? null,
      topic: body.topic,
      speaker: body.speaker,
      speakerOrganisation: body.speakerOrganisation,
      external: body.external ?? false,
    });
    await auditWrite(tx, access.value, what, { after: row });
    return ok({ id: row.id });
  });
}

export const MATERIAL_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/msword': 'doc',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const materialPath = (dataDir: string, sha256: string) => join(dataDir, 'bimtek', sha256);

/** Stores a file under the data directory by its sha-256 and lists it for the event. */
export async function uploadMaterial(
  db: Db,
  actor: Actor,
  dataDir: string,
  eventId: number,
  upload: { fileName: string; mediaType: string; content: Buffer },
) {
  const what: WriteDescription = {
    action: 'bimtek.material_add',
    targetType: 'bimtek_event',
    targetId: eventId,
  };
  const access = await authorizeWrite(db, actor, 'bimtek.manage', undefined, what);
  if (!access.ok) return access;
  if ((await findEvent(db, eventId)) === undefined) return eventNotFound(eventId);
  if (upload.content.length === 0)
    return err(domainError('invalid', 'bimtek.material_empty', 'Berkas materi kosong.'));
  const sha256 = createHash('sha256').update(upload.content).digest('hex');
  await mkdir(join(dataDir, 'bimtek'), { recursive: true });
  await writeFile(materialPath(dataDir, sha256), upload.content);
  return inTransaction(db, async (tx) => {
    const { row, created } = await insertMaterial(tx, {
      eventId,
      fileName: upload.fileName,
      mediaType: upload.mediaType,
      bytes: upload.content.length,
      sha256,
    });
    if (created) await auditWrite(tx, access.value, what, { after: materialView(row) });
    return ok(materialView(row));
  });
}

async function waveAndInvited(db: Db, waveId: number) {
  const wave = await findWave(db, waveId);
  if (wave === undefined) return waveNotFound(waveId);
  const event = await findEvent(db, wave.eventId);
  if (event === undefined) return eventNotFound(wave.eventId);
  const state = await eventState(db, event);
  const participants = state.participants.filter((p) => p.wave.id === waveId);
  return ok({ wave, state, participants, invited: new Set(participants.map((p) => p.member.id)) });
}

async function record(
  db: Db,
  actor: Actor,
  waveId: number,
  what: WriteDescription,
  day: string,
  memberIds: readonly number[],
  present: boolean,
  method: 'daftar' | 'kode',
) {
  const access = await authorizeWrite(db, actor, 'bimtek.manage', undefined, what);
  if (!access.ok) return access;
  const found = await waveAndInvited(db, waveId);
  if (!found.ok) return found;
  const { wave, invited } = found.value;
  const check = checkAttendance(wave, day, memberIds, invited);
  if (!check.ok) return invalid(check.error);
  const unique = [...new Set(memberIds)];
  const done = await inTransaction(db, async (tx) => {
    const changed = present
      ? await markPresent(tx, waveId, day, unique, method)
      : await markAbsent(tx, waveId, day, unique);
    await auditWrite(tx, access.value, what, {
      after: { day, present, method, memberIds: unique, changed },
    });
    return ok(changed);
  });
  if (!done.ok) return done;
  const after = await waveAndInvited(db, waveId);
  if (!after.ok) return after;
  return ok({ recorded: done.value, recap: recapOf(after.value.participants) });
}

export async function recordAttendance(db: Db, actor: Actor, waveId: number, body: AttendanceBody) {
  return record(
    db,
    actor,
    waveId,
    { action: 'bimtek.attendance', targetType: 'bimtek_wave', targetId: waveId },
    body.day,
    body.memberIds,
    body.present ?? true,
    'daftar',
  );
}

/** Attendance from a participant's code (typed, or read from their QR code). */
export async function recordAttendanceByCode(
  db: Db,
  actor: Actor,
  waveId: number,
  body: AttendanceCodeBody,
) {
  const what: WriteDescription = {
    action: 'bimtek.attendance',
    targetType: 'bimtek_wave',
    targetId: waveId,
  };
  const access = await authorizeWrite(db, actor, 'bimtek.manage', undefined, what);
  if (!access.ok) return access;
  const parsed = parseParticipantCode(body.code);
  if (parsed === null)
    return err(
      domainError(
        'invalid',
        'bimtek.bad_code',
        `Kode peserta "${body.code}" tidak dikenali.`,
        'code',
      ),
    );
  const [member] = await listMembers(db, { ids: [parsed.memberId] });
  if (member?.codeToken !== parsed.token)
    return err(
      domainError(
        'invalid',
        'bimtek.bad_code',
        `Kode peserta "${body.code}" tidak cocok dengan peserta mana pun.`,
        'code',
      ),
    );
  return record(db, actor, waveId, what, body.day, [member.id], true, 'kode');
}

export async function recordScores(db: Db, actor: Actor, waveId: number, body: ScoresBody) {
  const what: WriteDescription = {
    action: 'bimtek.scores',
    targetType: 'bimtek_wave',
    targetId: waveId,
  };
  const access = await authorizeWrite(db, actor, 'bimtek.manage', undefined, what);
  if (!access.ok) return access;
  const found = await waveAndInvited(db, waveId);
  if (!found.ok) return found;
  const strangers = body.scores.filter((s) => !found.value.invited.has(s.memberId));
  if (strangers.length > 0)
    return err(
      domainError(
        'invalid',
        'bimtek.not_invited',
        `${String(strangers.length)} orang bukan peserta ${found.value.wave.name}; nilai tidak disimpan.`,
        'scores',
      ),
    );
  const done = await inTransaction(db, async (tx) => {
    await upsertScores(tx, waveId, body.scores);
    await auditWrite(tx, access.value, what, { after: { scores: body.scores } });
    return ok(body.scores.length);
  });
  if (!done.ok) return done;
  const after = await waveAndInvited(db, waveId);
  if (!after.ok) return after;
  return ok({ recorded: done.value, recap: recapOf(after.value.participants) });
}
