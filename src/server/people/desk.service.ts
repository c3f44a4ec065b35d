/**
 * The desk's organisation: who holds which seat, and which seats are empty
 * (a kecamatan without a pembina). Read with `desk.read`, changed with
 * `desk.manage`; every change audited in its transaction.
 */
import type {
  DeskOrganisation,
  DeskPosition,
  DeskPositionBody,
} from '../../domain/people/people.schema.ts';
import { checkNip } from '../../domain/people/identity.ts';
import { DESK_ROLE_LABEL, deskGaps, seatPlace } from '../../domain/people/organisation.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead, type WriteDescription } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction, uniqueViolation } from '../http/transaction.ts';
import {
  deleteDeskPosition,
  findDeskPosition,
  insertDeskPositions,
  listDeskPositions,
  type DeskPositionRow,
} from './desk.repository.ts';
import { loadRegistry, type Registry } from './registry.ts';

function view(row: DeskPositionRow, reg: Registry): DeskPosition {
  return {
    id: row.id,
    role: row.role,
    roleLabel: DESK_ROLE_LABEL[row.role],
    name: row.name,
    nip: row.nip,
    office: row.office,
    phone: row.phone,
    korwilId: row.korwilId,
    korwilName: row.korwilId === null ? null : (reg.korwilById.get(row.korwilId)?.name ?? null),
    kecamatanCode: row.kecamatanCode,
    kecamatanName: row.kecamatanCode === null ? null : reg.name(row.kecamatanCode),
  };
}

export async function getDesk(db: Db, actor: Actor): Promise<Result<DeskOrganisation>> {
  const allowed = canRead(actor, 'desk.read');
  if (!allowed.ok) return allowed;
  const reg = await loadRegistry(db);
  const rows = await listDeskPositions(db);
  const order = ['ketua', 'sekretaris', 'ketua_korwil', 'pembina', 'anggota'];
  const positions = rows
    .map((r) => view(r, reg))
    .sort(
      (a, b) =>
        order.indexOf(a.role) - order.indexOf(b.role) ||
        (a.korwilId ?? 0) - (b.korwilId ?? 0) ||
        (a.kecamatanCode ?? '').localeCompare(b.kecamatanCode ?? '') ||
        a.id - b.id,
    );
  return ok({
    regencyName: reg.regency?.name ?? null,
    positions,
    korwil: reg.korwil.map((k) => ({
      id: k.id,
      name: k.name,
      kecamatan: reg.kecamatan
        .filter((c) => c.korwilId === k.id)
        .map((c) => ({ code: c.code, name: c.name })),
    })),
    gaps: deskGaps(rows, reg.korwil, reg.kecamatan),
  });
}

const seatTaken = (message: string) => err(domainError('conflict', 'desk.seat_taken', message));

export async function addDeskPosition(
  db: Db,
  actor: Actor,
  body: DeskPositionBody,
): Promise<Result<DeskPosition>> {
  const what: WriteDescription = { action: 'desk.position_add', targetType: 'desk_position' };
  const access = await authorizeWrite(db, actor, 'desk.manage', undefined, what);
  if (!access.ok) return access;
  const reg = await loadRegistry(db);
  let nip: string | null = null;
  if (body.nip !== undefined && body.nip !== '') {
    const checked = checkNip(body.nip);
    if (!checked.ok)
      return err(
        domainError('invalid', `desk.${checked.error.code}`, checked.error.message, 'nip'),
      );
    nip = checked.value;
  }
  const place = seatPlace(body.role);
  let korwilId: number | null = null;
  let kecamatanCode: string | null = null;
  if (place === 'korwil') {
    if (body.korwilId === undefined || !reg.korwilById.has(body.korwilId)) {
      return err(
        domainError('invalid', 'desk.korwil_required', 'Pilih Korwil yang diketuai.', 'korwilId'),
      );
    }
    korwilId = body.korwilId;
  } else if (place === 'kecamatan') {
    const kec = body.kecamatanCode === undefined ? undefined : reg.byCode.get(body.kecamatanCode);
    if (kec?.level !== 'kecamatan') {
      return err(
        domainError(
          'invalid',
          'desk.kecamatan_required',
          'Pilih kecamatan yang dibina.',
          'kecamatanCode',
        ),
      );
    }
    kecamatanCode = kec.code;
  } else if (body.korwilId !== undefined) {
    // A member may sit in a Korwil (the officials of each Korwil, seed 000).
    if (body.role !== 'anggota' || !reg.korwilById.has(body.korwilId)) {
      return err(
        domainError(
          'invalid',
          'desk.korwil_not_expected',
          'Hanya anggota yang dapat ditempatkan di sebuah Korwil.',
          'korwilId',
        ),
      );
    }
    korwilId = body.korwilId;
  }
  try {
    const done = await inTransaction(db, async (tx) => {
      const [row] = await insertDeskPositions(tx, [
        {
          role: body.role,
          name: body.name,
          nip,
          office: body.office,
          phone: body.phone ?? null,
          korwilId,
          kecamatanCode,
        },
      ]);
      if (row === undefined) throw new Error('insert into desk_position returned no row');
      const v = view(row, reg);
      await auditWrite(tx, access.value, { ...what, targetId: row.id }, { after: v });
      return ok(v);
    });
    return done;
  } catch (e) {
    if (uniqueViolation(e) !== null) {
      if (body.role === 'pembina')
        return seatTaken(
          `Kecamatan ${reg.name(kecamatanCode ?? '')} sudah mempunyai pembina; hapus dulu yang lama.`,
        );
      if (body.role === 'ketua_korwil')
        return seatTaken(
          `${reg.korwilById.get(korwilId ?? 0)?.name ?? 'Korwil ini'} sudah mempunyai ketua; hapus dulu yang lama.`,
        );
      return seatTaken(`${DESK_ROLE_LABEL[body.role]} desk sudah diisi; hapus dulu yang lama.`);
    }
    throw e;
  }
}

export async function removeDeskPosition(db: Db, actor: Actor, id: number): Promise<Result<null>> {
  const what: WriteDescription = {
    action: 'desk.position_remove',
    targetType: 'desk_position',
    targetId: id,
  };
  const access = await authorizeWrite(db, actor, 'desk.manage', undefined, what);
  if (!access.ok) return access;
  return inTransaction(db, async (tx) => {
    const row = await findDeskPosition(tx, id);
    if (row === undefined)
      return err(
        domainError(
          'not_found',
          'desk.position_not_found',
          `Jabatan desk dengan id ${String(id)} tidak ditemukan.`,
        ),
      );
    await deleteDeskPosition(tx, id);
    await auditWrite(tx, access.value, what, { before: row });
    return ok(null);
  });
}
