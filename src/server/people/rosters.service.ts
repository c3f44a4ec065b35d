/**
 * Rosters of the ad hoc bodies (PPK, PPS, KPPS, Pantarlih): one member at a
 * time or a CSV file (all or nothing, errors by line), completeness per
 * level, and an account for a member in one step. Seats and the one ketua
 * per unit are checked under a lock in the writing transaction, so two
 * imports at once cannot overfill a unit.
 */
import { randomInt } from 'node:crypto';
import type { Target } from '../../domain/auth/authorize.ts';
import { isWithin, regionLevel } from '../../domain/common/region-code.ts';
import { formatTps } from '../../domain/common/format.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { checkNik, maskNik } from '../../domain/people/identity.ts';
import type {
  CsvImportBody,
  CsvImportResult,
  LineErrorBody,
  RosterAccountCreated,
  RosterCompleteness,
  RosterMember,
  RosterMemberBody,
} from '../../domain/people/people.schema.ts';
import { parseAdhocRoster, type RosterMemberRow } from '../../domain/people/roster-csv.ts';
import {
  BODIES,
  BODY_LABEL,
  BODY_UNIT,
  checkUnitRoom,
  completeness,
  seatsFor,
  type Body,
} from '../../domain/people/seats.ts';
import { createAccount } from '../accounts/accounts.service.ts';
import type { Actor } from '../auth/actor.ts';
import {
  auditWrite,
  authorizeWrite,
  canRead,
  regionTarget,
  type WriteDescription,
} from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction, uniqueViolation } from '../http/transaction.ts';
import { loadRegistry, type Registry } from './registry.ts';
import {
  deleteMember,
  insertMembers,
  linkMemberUser,
  listMembers,
  lockRosters,
  takenNiks,
  unitCounts,
  type MemberRow,
  type NewMember,
} from './rosters.repository.ts';

const TOKEN_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const codeToken = (): string =>
  Array.from({ length: 6 }, () => TOKEN_ALPHABET.charAt(randomInt(TOKEN_ALPHABET.length))).join('');

export function memberView(m: MemberRow, reg: Registry): RosterMember {
  const t = m.tpsId === null ? undefined : reg.tpsById.get(m.tpsId);
  return {
    id: m.id,
    body: m.body,
    position: m.position,
    regionCode: m.regionCode,
    regionName: reg.name(m.regionCode),
    kecamatanCode: m.kecamatanCode,
    kecamatanName: reg.name(m.kecamatanCode),
    tpsId: m.tpsId,
    tpsNumber: t?.number ?? null,
    name: m.name,
    nikMasked: maskNik(m.nik),
    phone: m.phone,
    swornInOn: m.swornInOn,
    username: m.username,
  };
}

/** Where a read lies: the given region, else the whole regency. */
async function readTarget(db: Db, reg: Registry, code: string | undefined): Promise<Target> {
  return regionTarget(db, code ?? reg.regency?.code ?? '');
}

export async function listRoster(
  db: Db,
  actor: Actor,
  query: { body: Body; code?: string | undefined },
): Promise<Result<RosterMember[]>> {
  const reg = await loadRegistry(db);
  const allowed = canRead(actor, 'roster.read', await readTarget(db, reg, query.code));
  if (!allowed.ok) return allowed;
  const rows = await listMembers(db, {
    body: query.body,
    ...(query.code === undefined ? {} : { code: query.code }),
  });
  return ok(rows.map((m) => memberView(m, reg)));
}

// ---------------------------------------------------------------- completeness

/** The kecamatan whose rosters `actor` may read. */
function readableKecamatan(actor: Actor, reg: Registry): Set<string> {
  return new Set(
    reg.kecamatan
      .filter((k) => canRead(actor, 'roster.read', { regionCode: k.code, korwilId: k.korwilId }).ok)
      .map((k) => k.code),
  );
}

export async function rosterCompleteness(
  db: Db,
  actor: Actor,
  code: string | undefined,
  options: { ownKecamatan?: boolean } = {},
): Promise<Result<RosterCompleteness>> {
  const reg = await loadRegistry(db);
  const allowed = canRead(actor, 'roster.read', await readTarget(db, reg, code));
  // With `ownKecamatan` and no code, one who may not read the whole regency
  // but some of its kecamatan (a Korwil) gets those.
  const mine =
    !allowed.ok && code === undefined && options.ownKecamatan === true
      ? readableKecamatan(actor, reg)
      : new Set<string>();
  if (!allowed.ok && mine.size === 0) return allowed;
  const within = (c: string) =>
    code === undefined
      ? allowed.ok || mine.has(reg.kecamatanOf(c))
      : isWithin(c, code) || isWithin(code, c);
  const counts = await unitCounts(db);
  const held = new Map(counts.map((c) => [`${c.body}|${c.regionCode}|${String(c.tpsId)}`, c]));
  const unitsOf = (body: Body) => {
    const out: { kecamatanCode: string; seats: number; members: number; ketua: number }[] = [];
    const push = (regionCode: string, tpsId: number | null, seats: number) => {
      const h = held.get(`${body}|${regionCode}|${String(tpsId)}`);
      out.push({
        kecamatanCode: reg.kecamatanOf(regionCode),
        seats,
        members: h?.members ?? 0,
        ketua: h?.ketua ?? 0,
      });
    };
    if (BODY_UNIT[body] === 'kecamatan') {
      for (const k of reg.kecamatan)
        if (within(k.code)) push(k.code, null, seatsFor(body, reg.seats));
    } else if (BODY_UNIT[body] === 'desa') {
      for (const d of reg.desa) if (within(d.code)) push(d.code, null, seatsFor(body, reg.seats));
    } else {
      for (const t of reg.activeTps)
        if (within(t.desaCode)) push(t.desaCode, t.id, seatsFor(body, reg.seats, t.voters));
    }
    return out;
  };
  const units = new Map(BODIES.map((b) => [b, unitsOf(b)]));
  const fill = (body: Body, kecamatanCode: string) => {
    const c = completeness(
      body,
      (units.get(body) ?? []).filter((u) => u.kecamatanCode === kecamatanCode),
    );
    return { filled: c.filled, seats: c.seats };
  };
  return ok({
    bodies: BODIES.map((body) => ({
      body,
      label: BODY_LABEL[body],
      ...completeness(body, units.get(body) ?? []),
    })),
    kecamatan: reg.kecamatan
      .filter((k) => within(k.code))
      .map((k) => ({
        code: k.code,
        name: k.name,
        korwilName: reg.korwilName(k.code),
        ppk: fill('ppk', k.code),
        pps: fill('pps', k.code),
        kpps: fill('kpps', k.code),
        pantarlih: fill('pantarlih', k.code),
      })),
  });
}

// ---------------------------------------------------------------- planning

function unitName(reg: Registry, row: RosterMemberRow): string {
  const place = reg.name(row.regionCode);
  return row.tpsNumber === null ? place : `${formatTps(row.tpsNumber)} ${place}`;
}

/**
 * Checks rows against the registry, the NIKs already listed and the seats;
 * inside the writing transaction, after `lockRosters`.
 */
async function planMembers(
  tx: Db,
  reg: Registry,
  rows: readonly RosterMemberRow[],
): Promise<{ errors: LineErrorBody[]; members: NewMember[] }> {
  const errors: LineErrorBody[] = [];
  const fail = (line: number, field: string | null, code: string, message: string) =>
    errors.push({ line, field, code: `roster.${code}`, message });
  const regency = reg.regency;
  const members: NewMember[] = [];
  const held = new Map(
    (await unitCounts(tx)).map((c) => [`${c.body}|${c.regionCode}|${String(c.tpsId)}`, { ...c }]),
  );
  const niksByBody = new Map<Body, string[]>();
  for (const r of rows) niksByBody.set(r.body, [...(niksByBody.get(r.body) ?? []), r.nik]);
  const taken = new Map<Body, Set<string>>();
  for (const [body, niks] of niksByBody) taken.set(body, await takenNiks(tx, body, niks));

  for (const row of rows) {
    const region = reg.byCode.get(row.regionCode);
    const want = BODY_UNIT[row.body] === 'kecamatan' ? 'kecamatan' : 'desa';
    if (regency === null) {
      fail(row.line, 'wilayah', 'not_initialised', 'Kabupaten/kota belum disiapkan.');
      continue;
    }
    if (region?.level !== want || !isWithin(row.regionCode, regency.code)) {
      fail(
        row.line,
        'wilayah',
        'unknown_region',
        `${want === 'kecamatan' ? 'Kecamatan' : 'Desa/kelurahan'} dengan kode ${row.regionCode} tidak ada di ${regency.name}.`,
      );
      continue;
    }
    let tpsId: number | null = null;
    let voters = 0;
    if (row.tpsNumber !== null) {
      const t = reg.tpsByKey.get(`${row.regionCode}/${String(row.tpsNumber)}`);
      if (t === undefined) {
        fail(
          row.line,
          'tps',
          'unknown_tps',
          `${formatTps(row.tpsNumber)} tidak ada (atau nonaktif) di ${region.name}.`,
        );
        continue;
      }
      tpsId = t.id;
      voters = t.voters;
    }
    if (taken.get(row.body)?.has(row.nik) === true) {
      fail(
        row.line,
        'nik',
        'nik_taken',
        `NIK ${maskNik(row.nik)} sudah terdaftar sebagai ${BODY_LABEL[row.body]}.`,
      );
      continue;
    }
    const key = `${row.body}|${row.regionCode}|${String(tpsId)}`;
    const unit = held.get(key) ?? {
      body: row.body,
      regionCode: row.regionCode,
      tpsId,
      members: 0,
      ketua: 0,
    };
    const adding = { members: 1, ketua: row.position === 'ketua' ? 1 : 0 };
    const room = checkUnitRoom(
      row.body,
      unitName(reg, row),
      seatsFor(row.body, reg.seats, voters),
      unit,
      adding,
    );
    if (!room.ok) {
      fail(
        row.line,
        room.error.code === 'seats_full' ? null : 'jabatan',
        room.error.code,
        room.error.message,
      );
      continue;
    }
    held.set(key, { ...unit, members: unit.members + 1, ketua: unit.ketua + adding.ketua });
    members.push({
      body: row.body,
      position: row.position,
      regionCode: row.regionCode,
      kecamatanCode: reg.kecamatanOf(row.regionCode),
      tpsId,
      name: row.name,
      nik: row.nik,
      phone: row.phone,
      swornInOn: row.swornInOn,
      codeToken: codeToken(),
    });
  }
  return { errors, members };
}

const raced = () =>
  err(
    domainError(
      'conflict',
      'roster.changed',
      'Daftar baru saja diubah oleh orang lain. Muat ulang lalu coba lagi.',
    ),
  );

/** Imports a roster file: every row or none. */
export async function importRoster(
  db: Db,
  actor: Actor,
  body: CsvImportBody,
): Promise<Result<CsvImportResult>> {
  const what: WriteDescription = { action: 'roster.import', targetType: 'adhoc_member' };
  const access = await authorizeWrite(db, actor, 'roster.manage', undefined, what);
  if (!access.ok) return access;
  const parsed = parseAdhocRoster(body.csv);
  const reg = await loadRegistry(db);
  const dryRun = body.dryRun ?? false;
  try {
    return await inTransaction(db, async (tx) => {
      await lockRosters(tx);
      const plan = await planMembers(tx, reg, parsed.members);
      const errors = [...parsed.errors, ...plan.errors].sort((a, b) => a.line - b.line);
      if (errors.length > 0 || dryRun) {
        return ok({ dryRun, rows: parsed.rows, created: 0, errors });
      }
      const ids = await insertMembers(tx, plan.members);
      const byBody = new Map<string, number>();
      for (const m of plan.members) byBody.set(m.body, (byBody.get(m.body) ?? 0) + 1);
      await auditWrite(tx, access.value, what, {
        after: {
          created: ids.length,
          byBody: Object.fromEntries(byBody),
          members: plan.members.map((m, i) => ({
            id: ids[i],
            body: m.body,
            position: m.position,
            regionCode: m.regionCode,
            tpsId: m.tpsId,
            name: m.name,
            nik: maskNik(m.nik),
          })),
        },
      });
      return ok({ dryRun: false, rows: parsed.rows, created: ids.length, errors: [] });
    });
  } catch (e) {
    if (uniqueViolation(e) !== null) return raced();
    throw e;
  }
}

/** Adds one member (the same checks as a file of one row). */
export async function addMember(
  db: Db,
  actor: Actor,
  body: RosterMemberBody,
): Promise<Result<RosterMember>> {
  const what: WriteDescription = { action: 'roster.add', targetType: 'adhoc_member' };
  const access = await authorizeWrite(db, actor, 'roster.manage', undefined, what);
  if (!access.ok) return access;
  const nik = checkNik(body.nik);
  if (!nik.ok)
    return err(domainError('invalid', `roster.${nik.error.code}`, nik.error.message, 'nik'));
  const level = regionLevel(body.regionCode);
  const needTps = BODY_UNIT[body.body] === 'tps';
  if (needTps !== (body.tpsNumber !== undefined)) {
    return err(
      domainError(
        'invalid',
        needTps ? 'roster.bad_tps' : 'roster.tps_not_expected',
        needTps
          ? `Nomor TPS wajib diisi untuk ${BODY_LABEL[body.body]}.`
          : `${BODY_LABEL[body.body]} tidak bertugas per TPS.`,
        'tpsNumber',
      ),
    );
  }
  if (level !== (BODY_UNIT[body.body] === 'kecamatan' ? 'kecamatan' : 'desa')) {
    return err(
      domainError(
        'invalid',
        'roster.wrong_region',
        `${BODY_LABEL[body.body]} ditempatkan di ${BODY_UNIT[body.body] === 'kecamatan' ? 'kecamatan' : 'desa/kelurahan'}.`,
        'regionCode',
      ),
    );
  }
  const reg = await loadRegistry(db);
  const row: RosterMemberRow = {
    line: 1,
    body: body.body,
    position: body.position,
    regionCode: body.regionCode,
    tpsNumber: body.tpsNumber ?? null,
    name: body.name,
    nik: nik.value,
    phone: body.phone ?? null,
    swornInOn: body.swornInOn ?? null,
  };
  try {
    const done = await inTransaction(db, async (tx) => {
      await lockRosters(tx);
      const plan = await planMembers(tx, reg, [row]);
      const problem = plan.errors[0];
      if (problem !== undefined) {
        const kind =
          problem.code === 'roster.unknown_region' || problem.code === 'roster.unknown_tps'
            ? 'invalid'
            : 'conflict';
        return err(domainError(kind, problem.code, problem.message, problem.field ?? undefined));
      }
      const [id] = await insertMembers(tx, plan.members);
      if (id === undefined) throw new Error('insert into adhoc_member returned no row');
      await auditWrite(
        tx,
        access.value,
        { ...what, targetId: id },
        {
          after: { ...row, nik: maskNik(row.nik) },
        },
      );
      return ok(id);
    });
    if (!done.ok) return done;
    const [m] = await listMembers(db, { ids: [done.value] });
    if (m === undefined) throw new Error('member vanished');
    return ok(memberView(m, reg));
  } catch (e) {
    if (uniqueViolation(e) !== null) return raced();
    throw e;
  }
}

const memberNotFound = (id: number) =>
  err(
    domainError(
      'not_found',
      'roster.member_not_found',
      `Anggota dengan id ${String(id)} tidak ditemukan.`,
    ),
  );

export async function removeMember(db: Db, actor: Actor, id: number): Promise<Result<null>> {
  const what: WriteDescription = {
    action: 'roster.remove',
    targetType: 'adhoc_member',
    targetId: id,
  };
  const access = await authorizeWrite(db, actor, 'roster.manage', undefined, what);
  if (!access.ok) return access;
  return inTransaction(db, async (tx) => {
    await lockRosters(tx);
    const [m] = await listMembers(tx, { ids: [id] });
    if (m === undefined) return memberNotFound(id);
    await deleteMember(tx, id);
    await auditWrite(tx, access.value, what, {
      before: { ...m, nik: maskNik(m.nik), codeToken: undefined },
    });
    return ok(null);
  });
}

/**
 * An account for a roster member in one step: the role of their body over
 * their unit (PPK → kecamatan, PPS → desa, KPPS/Pantarlih → TPS), with a
 * one-time password shown once. Needs `account.manage` (the accounts
 * service authorizes and audits the account; the link is audited here).
 */
export async function giveAccount(
  db: Db,
  actor: Actor,
  id: number,
  username: string,
): Promise<Result<RosterAccountCreated>> {
  const what: WriteDescription = {
    action: 'roster.link_account',
    targetType: 'adhoc_member',
    targetId: id,
  };
  const access = await authorizeWrite(db, actor, 'account.manage', undefined, what);
  if (!access.ok) return access;
  const reg = await loadRegistry(db);
  const [m] = await listMembers(db, { ids: [id] });
  if (m === undefined) return memberNotFound(id);
  if (m.userId !== null) {
    return err(
      domainError(
        'conflict',
        'roster.has_account',
        `${m.name} sudah mempunyai akun (${m.username ?? ''}).`,
      ),
    );
  }
  const t = m.tpsId === null ? undefined : reg.tpsById.get(m.tpsId);
  const scope = t === undefined ? m.regionCode : `${t.desaCode}/${String(t.number)}`;
  const created = await createAccount(db, actor, {
    username,
    fullName: m.name,
    roles: [{ role: m.body, scope }],
  });
  if (!created.ok) return created;
  const userId = created.value.account.id;
  const linked = await inTransaction(db, async (tx) => {
    await linkMemberUser(tx, id, userId);
    await auditWrite(tx, access.value, what, { after: { memberId: id, userId, username } });
    return ok(null);
  });
  if (!linked.ok) return linked;
  const [after] = await listMembers(db, { ids: [id] });
  if (after === undefined) return memberNotFound(id);
  return ok({
    member: memberView(after, reg),
    username,
    oneTimePassword: created.value.oneTimePassword,
  });
}
