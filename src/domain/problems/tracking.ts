/**
 * What a citizen reads on the tracking page: each step of their report in
 * plain words (never who did it or the desk's internal notes), the agency
 * it was referred to and when, and the closing note. Pure.
 */
import { AGENCY_LABEL, type Agency, type Status } from './problems.ts';

/** One status change of a report, as stored. */
export interface StatusEvent {
  readonly toStatus: Status;
  readonly at: Date;
}

/** A step of the public timeline. */
export interface PublicStep {
  readonly at: string;
  readonly text: string;
}

/** The sentence a citizen reads for a report reaching `status`. */
export const PUBLIC_STEP_TEXT: Readonly<Record<Status, string>> = {
  baru: 'Laporan dikirim dan menunggu diperiksa petugas.',
  diterima: 'Laporan diterima petugas Desk Pilkada dan sedang diperiksa.',
  ditangani: 'Laporan sedang ditangani petugas.',
  diteruskan: 'Laporan diteruskan kepada instansi yang berwenang.',
  selesai: 'Laporan selesai ditangani.',
  ditolak: 'Laporan tidak dapat ditindaklanjuti.',
  digabung:
    'Laporan digabung dengan laporan lain tentang kejadian yang sama; keduanya ditangani bersama.',
};

/** The timeline: sent, then each status change, in time order. */
export function publicSteps(reportedAt: Date, events: readonly StatusEvent[]): PublicStep[] {
  const steps = [{ at: reportedAt, text: PUBLIC_STEP_TEXT.baru }];
  for (const e of events) steps.push({ at: e.at, text: PUBLIC_STEP_TEXT[e.toStatus] });
  return steps
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((s) => ({ at: s.at.toISOString(), text: s.text }));
}

/** "KPU Kabupaten", or the name given for another agency. */
export function agencyName(agency: Agency, name: string | null): string {
  if (agency === 'lainnya' && name !== null && name.trim() !== '') return name.trim();
  return AGENCY_LABEL[agency];
}

/** What an agency said about a referred report, in words. */
export const PUBLIC_REFERRAL_STATUS: Readonly<
  Record<'diproses' | 'selesai' | 'dikembalikan', string>
> = {
  diproses: 'Sedang diproses oleh instansi.',
  selesai: 'Instansi menyatakan selesai.',
  dikembalikan: 'Instansi mengembalikan laporan kepada Desk Pilkada.',
};

/**
 * The note that closes a report, for the citizen: how it was settled, or
 * why it could not be followed up. None while it is open.
 */
export function closingNote(
  status: Status,
  resolution: string | null,
  rejectionReason: string | null,
): string | null {
  const text = status === 'selesai' ? resolution : status === 'ditolak' ? rejectionReason : null;
  return text === null || text.trim() === '' ? null : text.trim();
}
