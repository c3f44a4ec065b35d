import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import type { Korwil, KorwilInput, KorwilPatch } from '../../domain/regions/region.schema.ts';
import type { Db } from '../db/connection.ts';
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead } from '../auth/guard.ts';
import { inTransaction } from '../http/transaction.ts';
import { findRegion, setKecamatanKorwil } from '../regions/regions.repository.ts';
import { korwilOf, loadTree } from '../regions/regions.service.ts';
import { getRegencySetting } from '../settings/settings.service.ts';
import {
  findKorwil,
  findKorwilByName,
  insertKorwil,
  nextOrdinal,
  updateKorwil,
} from './korwil.repository.ts';

const notFound = (id: number, field?: string) =>
  err(
    domainError(
      'not_found',
      'korwil.not_found',
      `Korwil dengan id ${String(id)} tidak ditemukan.`,
      field,
    ),
  );

const nameTaken = (name: string) =>
  err(domainError('conflict', 'korwil.name_taken', `Nama Korwil "${name}" sudah dipakai.`, 'name'));

async function allKorwil(db: Db): Promise<Korwil[]> {
  const regency = await getRegencySetting(db);
  if (regency === null) return [];
  return korwilOf(await loadTree(db), regency.code);
}

/** The Korwil the caller may read: all for the desk, its own for a Korwil member. */
export async function listKorwil(db: Db, actor: Actor): Promise<Result<Korwil[]>> {
  const regency = await getRegencySetting(db);
  const visible = (await allKorwil(db)).filter(
    (k) => canRead(actor, 'registry.read', { regionCode: regency?.code ?? '', korwilId: k.id }).ok,
  );
  if (visible.length === 0) {
    const anything = canRead(actor, 'registry.read', undefined);
    if (!anything.ok && anything.error.kind === 'unauthorized') return anything;
  }
  return ok(visible);
}

async function getKorwil(db: Db, id: number): Promise<Result<Korwil>> {
  const found = (await allKorwil(db)).find((k) => k.id === id);
  return found === undefined ? notFound(id) : ok(found);
}

/** Moves each kecamatan into the Korwil; a kecamatan always belongs to exactly one Korwil. */
async function assignKecamatan(
  db: Db,
  korwilId: number,
  codes: readonly string[],
  field: string,
): Promise<Result<null>> {
  for (const code of codes) {
    const kec = await findRegion(db, code);
    if (kec?.level !== 'kecamatan') {
      return err(
        domainError(
          'invalid',
          'korwil.unknown_kecamatan',
          `Kecamatan dengan kode ${code} tidak ada di kabupaten ini.`,
          field,
        ),
      );
    }
    await setKecamatanKorwil(db, code, korwilId);
  }
  return ok(null);
}

export async function createKorwil(
  db: Db,
  actor: Actor,
  input: KorwilInput,
): Promise<Result<Korwil>> {
  const what = { action: 'korwil.create', targetType: 'korwil' };
  const access = await authorizeWrite(db, actor, 'korwil.manage', undefined, what);
  if (!access.ok) return access;
  const created = await inTransaction(db, async (tx) => {
    if ((await findKorwilByName(tx, input.name)) !== undefined) return nameTaken(input.name);
    const row = await insertKorwil(tx, {
      name: input.name,
      ordinal: await nextOrdinal(tx),
      chair: input.chair ?? null,
    });
    const assigned = await assignKecamatan(tx, row.id, input.kecamatanCodes, 'kecamatanCodes');
    if (!assigned.ok) return assigned;
    await auditWrite(
      tx,
      access.value,
      { ...what, targetId: row.id },
      { after: { ...row, kecamatanCodes: input.kecamatanCodes } },
    );
    return ok(row.id);
  });
  return created.ok ? getKorwil(db, created.value) : created;
}

export async function patchKorwil(
  db: Db,
  actor: Actor,
  id: number,
  patch: KorwilPatch,
): Promise<Result<Korwil>> {
  const what = { action: 'korwil.update', targetType: 'korwil', targetId: id };
  const access = await authorizeWrite(db, actor, 'korwil.manage', undefined, what);
  if (!access.ok) return access;
  const updated = await inTransaction(db, async (tx) => {
    const current = await findKorwil(tx, id);
    if (current === undefined) return notFound(id);
    if (patch.name !== undefined && patch.name !== current.name) {
      if ((await findKorwilByName(tx, patch.name)) !== undefined) return nameTaken(patch.name);
    }
    const values = {
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.chair === undefined ? {} : { chair: patch.chair === '' ? null : patch.chair }),
    };
    // An empty patch changes nothing (and an UPDATE with no columns is an SQL error).
    if (Object.keys(values).length === 0) return ok(id);
    await updateKorwil(tx, id, values);
    await auditWrite(tx, access.value, what, { before: current, after: { ...current, ...values } });
    return ok(id);
  });
  return updated.ok ? getKorwil(db, id) : updated;
}

export async function moveKecamatan(
  db: Db,
  actor: Actor,
  kecamatanCode: string,
  korwilId: number,
): Promise<Result<null>> {
  const what = {
    action: 'korwil.move_kecamatan',
    targetType: 'kecamatan',
    targetId: kecamatanCode,
  };
  const access = await authorizeWrite(db, actor, 'korwil.manage', undefined, what);
  if (!access.ok) return access;
  return inTransaction(db, async (tx) => {
    if ((await findKorwil(tx, korwilId)) === undefined) return notFound(korwilId, 'korwilId');
    const before = await findRegion(tx, kecamatanCode);
    const moved = await assignKecamatan(tx, korwilId, [kecamatanCode], 'code');
    if (!moved.ok) return moved;
    await auditWrite(tx, access.value, what, {
      before: { korwilId: before?.korwilId ?? null },
      after: { korwilId },
    });
    return ok(null);
  });
}
