import { formatTps } from '../../domain/common/format.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { regionLevel } from '../../domain/common/region-code.ts';
import type {
  Tps,
  TpsDetail,
  TpsInput,
  TpsRetire,
  TpsUpdate,
} from '../../domain/tps/tps.schema.ts';
import { validateTps } from '../../domain/tps/tps.rules.ts';
import type { Db } from '../db/connection.ts';
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead, regionTarget } from '../auth/guard.ts';
import { inTransaction } from '../http/transaction.ts';
import { findRegion } from '../regions/regions.repository.ts';
import { getMaxVotersPerTps } from '../settings/settings.service.ts';
import {
  activeNumbers,
  findTps,
  insertTps,
  tpsOfDesa,
  updateTps,
  type TpsRow,
} from './tps.repository.ts';

export function toTps(row: TpsRow): Tps {
  return {
    id: row.id,
    desaCode: row.desaCode,
    number: row.number,
    label: formatTps(row.number),
    voters: row.voters,
    address: row.address,
    status: row.status,
    retiredReason: row.retiredReason,
  };
}

const notFound = (id: number) =>
  err(domainError('not_found', 'tps.not_found', `TPS dengan id ${String(id)} tidak ditemukan.`));

const numberTaken = (number: number) =>
  err(
    domainError(
      'conflict',
      'tps.number_taken',
      `${formatTps(number)} sudah ada di desa ini. Nomor TPS harus unik dalam satu desa.`,
      'number',
    ),
  );

export async function listTpsOfDesa(db: Db, desaCode: string): Promise<Tps[]> {
  return (await tpsOfDesa(db, desaCode)).map(toTps);
}

export async function getTps(db: Db, actor: Actor, id: number): Promise<Result<TpsDetail>> {
  const row = await findTps(db, id);
  if (row === undefined) {
    // Only callers who may read the whole regency learn that an id does not exist.
    const anywhere = canRead(actor, 'registry.read', undefined);
    return anywhere.ok ? notFound(id) : anywhere;
  }
  // The desa and its kecamatan: their names for the page, the kecamatan's
  // Korwil for the scope check (what `regionTarget` would look up again).
  const desa = await findRegion(db, row.desaCode);
  const kecamatan = desa?.parentCode == null ? undefined : await findRegion(db, desa.parentCode);
  const allowed = canRead(actor, 'registry.read', {
    regionCode: row.desaCode,
    korwilId: kecamatan?.korwilId ?? null,
    tpsId: row.id,
  });
  if (!allowed.ok) return allowed;
  return ok({
    ...toTps(row),
    desaName: desa?.name ?? null,
    kecamatanName: kecamatan?.name ?? null,
  });
}

export async function createTps(db: Db, actor: Actor, input: TpsInput): Promise<Result<Tps>> {
  const what = { action: 'tps.create', targetType: 'desa', targetId: input.desaCode };
  const target = await regionTarget(db, input.desaCode);
  const access = await authorizeWrite(db, actor, 'tps.manage', target, what);
  if (!access.ok) return access;
  return inTransaction(db, async (tx) => {
    const desa =
      regionLevel(input.desaCode) === 'desa' ? await findRegion(tx, input.desaCode) : undefined;
    if (desa === undefined) {
      return err(
        domainError(
          'invalid',
          'tps.unknown_desa',
          `Desa dengan kode ${input.desaCode} tidak ada di kabupaten ini.`,
          'desaCode',
        ),
      );
    }
    const valid = validateTps(input, await getMaxVotersPerTps(tx));
    if (!valid.ok) return valid;
    if ((await activeNumbers(tx, input.desaCode)).includes(input.number)) {
      return numberTaken(input.number);
    }
    const row = await insertTps(tx, {
      desaCode: input.desaCode,
      number: input.number,
      voters: input.voters,
      address: input.address ?? null,
    });
    const created = { action: what.action, targetType: 'tps', targetId: row.id };
    await auditWrite(tx, access.value, created, { after: toTps(row) });
    return ok(toTps(row));
  });
}

/** Authorizes a write on an existing TPS by where it lies. */
async function authorizeTpsWrite(db: Db, actor: Actor, id: number, action: string) {
  const what = { action, targetType: 'tps', targetId: id };
  const row = await findTps(db, id);
  const target = row === undefined ? undefined : await regionTarget(db, row.desaCode, row.id);
  return { what, access: await authorizeWrite(db, actor, 'tps.manage', target, what) };
}

/** The TPS if it exists and is active; a retired one is refused with `code`. */
async function activeTps(
  db: Db,
  id: number,
  code: string,
  retiredMessage: string,
): Promise<Result<TpsRow>> {
  const row = await findTps(db, id);
  if (row === undefined) return notFound(id);
  if (row.status === 'nonaktif') {
    return err(domainError('conflict', code, `${formatTps(row.number)} ${retiredMessage}`));
  }
  return ok(row);
}

export async function editTps(
  db: Db,
  actor: Actor,
  id: number,
  patch: TpsUpdate,
): Promise<Result<Tps>> {
  const { what, access } = await authorizeTpsWrite(db, actor, id, 'tps.update');
  if (!access.ok) return access;
  return inTransaction(db, async (tx) => {
    const found = await activeTps(
      tx,
      id,
      'tps.retired',
      'sudah dinonaktifkan dan tidak dapat diubah.',
    );
    if (!found.ok) return found;
    const current = found.value;
    const next = {
      number: patch.number ?? current.number,
      voters: patch.voters ?? current.voters,
    };
    const valid = validateTps(next, await getMaxVotersPerTps(tx));
    if (!valid.ok) return valid;
    if (next.number !== current.number) {
      if ((await activeNumbers(tx, current.desaCode, id)).includes(next.number)) {
        return numberTaken(next.number);
      }
    }
    // A patch that changes nothing writes nothing (no audit entry either).
    const unchanged =
      next.number === current.number &&
      next.voters === current.voters &&
      (patch.address === undefined ||
        (patch.address === '' ? null : patch.address) === current.address);
    if (unchanged) return ok(toTps(current));
    const row = await updateTps(tx, id, {
      ...next,
      ...(patch.address === undefined
        ? {}
        : { address: patch.address === '' ? null : patch.address }),
    });
    await auditWrite(tx, access.value, what, { before: toTps(current), after: toTps(row) });
    return ok(toTps(row));
  });
}

export async function retireTps(
  db: Db,
  actor: Actor,
  id: number,
  input: TpsRetire,
): Promise<Result<Tps>> {
  const { what, access } = await authorizeTpsWrite(db, actor, id, 'tps.retire');
  if (!access.ok) return access;
  return inTransaction(db, async (tx) => {
    const found = await activeTps(tx, id, 'tps.already_retired', 'sudah dinonaktifkan sebelumnya.');
    if (!found.ok) return found;
    const current = found.value;
    const row = await updateTps(tx, id, { status: 'nonaktif', retiredReason: input.reason });
    await auditWrite(tx, access.value, what, { before: toTps(current), after: toTps(row) });
    return ok(toTps(row));
  });
}
