/**
 * Bimtek (technical training) of an ad hoc body: an event with waves
 * (gelombang), each on some days inside the event's dates and for the
 * members of the body in some kecamatan. Attendance is recorded per
 * participant per day; a participant is trained when present on every day
 * of their wave.
 */
import { err, ok, type Result } from '../common/result.ts';

export interface DateRange {
  readonly startsOn: string;
  readonly endsOn: string;
}

export interface BimtekProblem {
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

/** End not before start. */
export function checkRange(range: DateRange, what: string): Result<null, BimtekProblem> {
  if (range.endsOn < range.startsOn) {
    return err({
      code: 'bimtek.end_before_start',
      message: `Tanggal selesai ${what} tidak boleh sebelum tanggal mulai.`,
      field: 'endsOn',
    });
  }
  return ok(null);
}

/** A wave lies inside its event's dates. */
export function checkWaveDates(event: DateRange, wave: DateRange): Result<null, BimtekProblem> {
  const range = checkRange(wave, 'gelombang');
  if (!range.ok) return range;
  if (wave.startsOn < event.startsOn || wave.endsOn > event.endsOn) {
    return err({
      code: 'bimtek.wave_outside_event',
      message: `Gelombang (${wave.startsOn} s.d. ${wave.endsOn}) harus di dalam tanggal kegiatan (${event.startsOn} s.d. ${event.endsOn}).`,
      field: 'startsOn',
    });
  }
  return ok(null);
}

/** Every day of a range, `YYYY-MM-DD`. */
export function daysOf(range: DateRange): string[] {
  const days: string[] = [];
  const end = Date.parse(`${range.endsOn}T00:00:00Z`);
  for (let t = Date.parse(`${range.startsOn}T00:00:00Z`); t <= end; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** Attendance is for a day of the wave, and only for its invited participants. */
export function checkAttendance(
  wave: DateRange & { readonly name: string },
  day: string,
  memberIds: readonly number[],
  invited: ReadonlySet<number>,
): Result<null, BimtekProblem> {
  if (day < wave.startsOn || day > wave.endsOn) {
    return err({
      code: 'bimtek.day_outside_wave',
      message: `Tanggal ${day} di luar jadwal ${wave.name} (${wave.startsOn} s.d. ${wave.endsOn}).`,
      field: 'day',
    });
  }
  const strangers = memberIds.filter((id) => !invited.has(id));
  if (strangers.length > 0) {
    return err({
      code: 'bimtek.not_invited',
      message: `${String(strangers.length)} orang (id ${strangers.slice(0, 5).join(', ')}${strangers.length > 5 ? ', …' : ''}) bukan peserta ${wave.name}; kehadiran tidak dicatat.`,
      field: 'memberIds',
    });
  }
  return ok(null);
}

export const SCORE_MAX = 100;

export type TrainingStatus = 'lengkap' | 'sebagian' | 'belum';

/** Trained (`lengkap`) when present on every day of the wave. */
export function trainingStatus(
  waveDays: readonly string[],
  presentDays: ReadonlySet<string>,
): TrainingStatus {
  const present = waveDays.filter((d) => presentDays.has(d)).length;
  if (present === 0) return 'belum';
  return present === waveDays.length ? 'lengkap' : 'sebagian';
}

export interface RecapLine {
  readonly invited: number;
  readonly trained: number;
  readonly partial: number;
  readonly absent: number;
  /** Mean of the scores given, null when none. */
  readonly preTestMean: number | null;
  readonly postTestMean: number | null;
}

/** Sums participants' statuses and scores into one recap line. */
export function recapOf(
  participants: readonly {
    status: TrainingStatus;
    preTest: number | null;
    postTest: number | null;
  }[],
): RecapLine {
  const mean = (xs: readonly number[]) =>
    xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
  return {
    invited: participants.length,
    trained: participants.filter((p) => p.status === 'lengkap').length,
    partial: participants.filter((p) => p.status === 'sebagian').length,
    absent: participants.filter((p) => p.status === 'belum').length,
    preTestMean: mean(participants.flatMap((p) => (p.preTest === null ? [] : [p.preTest]))),
    postTestMean: mean(participants.flatMap((p) => (p.postTest === null ? [] : [p.postTest]))),
  };
}

/** A code a participant shows (as text or QR) to be scanned at the door. */
export const PARTICIPANT_CODE = /^DPB-(\d{1,10})-([A-Z0-9]{6})$/;

export function participantCode(memberId: number, token: string): string {
  return `DPB-${String(memberId)}-${token}`;
}

export function parseParticipantCode(text: string): { memberId: number; token: string } | null {
  const m = PARTICIPANT_CODE.exec(text.trim().toUpperCase());
  if (m?.[1] === undefined || m[2] === undefined) return null;
  return { memberId: Number(m[1]), token: m[2] };
}
