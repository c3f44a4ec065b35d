import { daysBetween, isIsoDate } from '../common/dates.ts';
import { formatTanggal } from '../common/format.ts';
import { domainError, err, ok, type DomainError, type Result } from '../common/result.ts';

/** Stage kinds other features look up (coklit window, voting day, ...). */
export const STAGE_KINDS = [
  'dp4',
  'pembentukan_badan_adhoc',
  'pemutakhiran_data_pemilih',
  'coklit',
  'dps',
  'dpt',
  'pendaftaran_paslon',
  'penetapan_paslon',
  'pengundian_nomor_urut',
  'kampanye',
  'masa_tenang',
  'pemungutan_suara',
  'rekapitulasi',
  'lainnya',
] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export interface StageDates {
  readonly startsOn: string;
  readonly endsOn: string;
}

/**
 * A stage's dates must be real calendar dates and must not end before they
 * start (seed 004's "24 Juli hingga 24 Juni 2024" is refused here).
 */
export function validateStageDates(dates: StageDates): Result<StageDates> {
  if (!isIsoDate(dates.startsOn)) {
    return err(
      domainError(
        'invalid',
        'stage.invalid_date',
        'Tanggal mulai bukan tanggal yang sah.',
        'startsOn',
      ),
    );
  }
  if (!isIsoDate(dates.endsOn)) {
    return err(
      domainError(
        'invalid',
        'stage.invalid_date',
        'Tanggal selesai bukan tanggal yang sah.',
        'endsOn',
      ),
    );
  }
  if (daysBetween(dates.startsOn, dates.endsOn) < 0) {
    return err(endBeforeStart(dates));
  }
  return ok(dates);
}

function endBeforeStart(dates: StageDates): DomainError {
  return domainError(
    'invalid',
    'stage.end_before_start',
    `Tanggal selesai (${formatTanggal(dates.endsOn)}) tidak boleh sebelum tanggal mulai (${formatTanggal(dates.startsOn)}).`,
    'endsOn',
  );
}

export type StagePhase = 'selesai' | 'berlangsung' | 'akan_datang';

/** Where `today` stands relative to a stage (dates inclusive). */
export function stagePhase(stage: StageDates, today: string): StagePhase {
  if (today < stage.startsOn) return 'akan_datang';
  if (today > stage.endsOn) return 'selesai';
  return 'berlangsung';
}

/** True when `today` lies inside the stage's window (both ends inclusive). */
export function isWithinWindow(stage: StageDates, today: string): boolean {
  return stagePhase(stage, today) === 'berlangsung';
}
