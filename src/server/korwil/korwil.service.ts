import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import type { Korwil, KorwilInput, KorwilPatch } from '../../domain/regions/region.schema.ts';
import type { Db } from '../db/connection.ts';
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

export async function listKorwil(db: Db): Promise<Korwil[]> {
  const regency = await getRegencySetting(db);
  if (regency === null) return [];
  return korwilOf(await loadTree(db), regency.code);
}

async function getKorwil(db: Db, id: number): Promise<Result<Korwil>> {
  const found = (await listKorwil(db)).find((k) => k.id === id);
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

export async function createKorwil(db: Db, input: KorwilInput): Promise<Result<Korwil>> {
  const created = await inTransaction(db, async (tx) => {
    if ((await findKorwilByName(tx, input.name)) !== undefined) return nameTaken(input.name);
    const row = await insertKorwil(tx, {
      name: input.name,
      ordinal: await nextOrdinal(tx),
      chair: input.chair ?? null,
    });
    const assigned = await assignKecamatan(tx, row.id, input.kecamatanCodes, 'kecamatanCodes');
    return assigned.ok ? ok(row.id) : assigned;
  });
  return created.ok ? getKorwil(db, created.value) : created;
}

export async function patchKorwil(db: Db, id: number, patch: KorwilPatch): Promise<Result<Korwil>> {
  const updated = await inTransaction(db, async (tx) => {
    const current = await findKorwil(tx, id);
    if (current === undefined) return notFound(id);
    if (patch.name !== undefined && patch.name !== current.name) {
      if ((await findKorwilByName(tx, patch.name)) !== undefined) return nameTaken(patch.name);
    }
    await updateKorwil(tx, id, {
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.chair === undefined ? {} : { chair: patch.chair === '' ? null : patch.chair }),
    });
    return ok(id);
  });
  return updated.ok ? getKorwil(db, id) : updated;
}

export async function moveKecamatan(
  db: Db,
  kecamatanCode: string,
  korwilId: number,
): Promise<Result<null>> {
  return inTransaction(db, async (tx) => {
    if ((await findKorwil(tx, korwilId)) === undefined) return notFound(korwilId, 'korwilId');
    return assignKecamatan(tx, korwilId, [kecamatanCode], 'code');
  });
}
