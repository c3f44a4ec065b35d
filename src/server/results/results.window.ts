/**
 * The results window: results are accepted from voting day (the first
 * `pemungutan_suara` stage), or earlier once an admin opened a rehearsal
 * (stored in a setting). Pure: the caller reads the stage and the setting.
 */
import { todayWib } from '../../domain/common/dates.ts';
import { formatTanggal } from '../../domain/common/format.ts';
import type { ResultsWindow } from '../../domain/results/results.schema.ts';

/** The setting that records an early opening (rehearsal). */
export const WINDOW_SETTING = 'results_window_opened_early';

export interface OpenedEarly {
  at: string;
  by: string | null;
  reason: string;
}

function isOpenedEarly(v: unknown): v is OpenedEarly {
  return typeof v === 'object' && v !== null && 'at' in v && 'reason' in v;
}

/** The day in WIB, computed once a minute (WIB has no daylight saving: days start on a minute). */
let wibDay = { minute: Number.NaN, day: '' };
function todayWibCached(now: Date): string {
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== wibDay.minute) wibDay = { minute, day: todayWib(now) };
  return wibDay.day;
}

export function windowOf(votingDay: string | null, early: unknown, now: Date): ResultsWindow {
  const openedEarly = isOpenedEarly(early) ? early : null;
  if (openedEarly !== null) {
    return {
      open: true,
      votingDay,
      openedEarly,
      message: `Penerimaan hasil dibuka lebih awal untuk gladi: ${openedEarly.reason}`,
    };
  }
  if (votingDay === null) {
    return {
      open: false,
      votingDay,
      openedEarly: null,
      message: 'Tahapan pemungutan suara belum ada di jadwal; hasil belum dapat diterima.',
    };
  }
  const open = todayWibCached(now) >= votingDay;
  return {
    open,
    votingDay,
    openedEarly: null,
    message: open
      ? `Penerimaan hasil dibuka sejak ${formatTanggal(votingDay)}.`
      : `Hasil baru dapat dikirim mulai hari pemungutan suara, ${formatTanggal(votingDay)}.`,
  };
}
