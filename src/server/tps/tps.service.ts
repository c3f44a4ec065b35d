import { formatTps } from '../../domain/common/format.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { regionLevel } from '../../domain/common/region-code.ts';
import type { Tps, TpsInput, TpsRetire, TpsUpdate } from '../../domain/tps/tps.schema.ts';
import { validateTps } from '../../domain/tps/tps.rules.ts';
import type { Db } from '../db/connection.ts';
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

export async function getTps(db: Db, id: number): Promise<Result<Tps>> {
  const row = await findTps(db, id);
  return row === undefined ? notFound(id) : ok(toTps(row));
}

export async function createTps(db: Db, input: TpsInput): Promise<Result<Tps>> {
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
    return ok(toTps(row));
  });
}

export async function editTps(db: Db, id: number, patch: TpsUpdate): Promise<Result<Tps>> {
  return inTransaction(db, async (tx) => {
    const current = await findTps(tx, id);
    if (current === undefined) return notFound(id);
    if (current.status === 'nonaktif') {
      return err(
        domainError(
          'conflict',
          'tps.retired',
          `${formatTps(current.number)} sudah dinonaktifkan dan tidak dapat diubah.`,
        ),
      );
    }
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
    const row = await updateTps(tx, id, {
      ...next,
      ...(patch.address === undefined
        ? {}
        : { address: patch.address === '' ? null : patch.address }),
    });
    return ok(toTps(row));
  });
}

export async function retireTps(db: Db, id: number, input: TpsRetire): Promise<Result<Tps>> {
  return inTransaction(db, async (tx) => {
    const current = await findTps(tx, id);
    if (current === undefined) return notFound(id);
    if (current.status === 'nonaktif') {
      return err(
        domainError(
          'conflict',
          'tps.already_retired',
          `${formatTps(current.number)} sudah dinonaktifkan sebelumnya.`,
        ),
      );
    }
    const row = await updateTps(tx, id, { status: 'nonaktif', retiredReason: input.reason });
    return ok(toTps(row));
  });
}
