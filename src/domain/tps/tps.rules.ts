import { domainError, err, ok, type Result } from '../common/result.ts';
import { formatAngka } from '../common/format.ts';

/** Pilkada 2024 allowed at most 600 voters per TPS (configurable per election). */
export const DEFAULT_MAX_VOTERS_PER_TPS = 600;
export const MAX_TPS_NUMBER = 999;

export interface TpsFigures {
  readonly number: number;
  readonly voters: number;
}

/** Checks a TPS's own figures; uniqueness of the number is checked against storage. */
export function validateTps(
  tps: TpsFigures,
  maxVoters: number = DEFAULT_MAX_VOTERS_PER_TPS,
): Result<TpsFigures> {
  if (!Number.isInteger(tps.number) || tps.number < 1 || tps.number > MAX_TPS_NUMBER) {
    return err(
      domainError(
        'invalid',
        'tps.invalid_number',
        `Nomor TPS harus bilangan bulat 1 sampai ${String(MAX_TPS_NUMBER)}.`,
        'number',
      ),
    );
  }
  if (!Number.isInteger(tps.voters) || tps.voters < 0) {
    return err(
      domainError(
        'invalid',
        'tps.invalid_voters',
        'Jumlah pemilih harus bilangan bulat 0 atau lebih.',
        'voters',
      ),
    );
  }
  if (tps.voters > maxVoters) {
    return err(
      domainError(
        'invalid',
        'tps.voters_above_max',
        `Jumlah pemilih ${formatAngka(tps.voters)} melebihi batas ${formatAngka(maxVoters)} pemilih per TPS.`,
        'voters',
      ),
    );
  }
  return ok(tps);
}

/** The lowest number not yet used by an active TPS in the desa. */
export function nextTpsNumber(usedNumbers: readonly number[]): number {
  const used = new Set(usedNumbers);
  let n = 1;
  while (used.has(n)) n += 1;
  return n;
}
