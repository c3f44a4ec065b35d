/**
 * Small helpers for the results pages (C.Hasil entry, dashboard, public
 * page): Indonesian labels and number formats, selection colours, and the
 * client id that makes a resend of the same C.Hasil idempotent.
 */
import type { CSSProperties } from 'react';
import type { ChasilForm } from '../domain/results/chasil.ts';
import type { ContestData, ResultsSummaryData } from './api.ts';

/** Carried by every page of totals (the server's summaries say it too). */
export const PROVISIONAL_TEXT = 'Hasil sementara, bukan hasil resmi KPU';

export type ResultStatusCode = 'submitted' | 'verified' | 'returned';

export const RESULT_STATUS_LABEL: Record<ResultStatusCode, string> = {
  submitted: 'Menunggu verifikasi',
  verified: 'Terverifikasi',
  returned: 'Dikembalikan',
};

/** The status of a TPS's result for a contest, in words (`null`: nothing sent yet). */
export function statusLabel(status: ResultStatusCode | null): string {
  return status === null ? 'Belum dikirim' : RESULT_STATUS_LABEL[status];
}

const KIND_SHORT: Record<ContestData['kind'], string> = {
  gubernur: 'Pilgub',
  bupati: 'Pilbup',
  walikota: 'Pilwali',
};

/** "Pilbup", "Pilgub" (the name when the contest is not known). */
export function contestShort(contest: Pick<ContestData, 'kind'> | undefined, name = ''): string {
  return contest === undefined ? name : KIND_SHORT[contest.kind];
}

/**
 * The contest a results page opens on: the one asked for, otherwise the
 * regency's own (Pilbup / Pilwali), otherwise the first.
 */
export function defaultContest(
  contests: readonly ContestData[],
  asked: number | undefined,
): ContestData | undefined {
  return (
    contests.find((c) => c.id === asked) ??
    contests.find((c) => c.kind !== 'gubernur') ??
    contests[0]
  );
}

const PERSEN = new Intl.NumberFormat('id-ID', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

/** A share 0..1 as `62,4 %` (`–` when there is nothing to divide). */
export function formatPersen(share: number | null): string {
  return share === null || !Number.isFinite(share) ? '–' : `${PERSEN.format(share * 100)} %`;
}

/** `part / whole` as a share, `null` when the whole is 0. */
export function shareOf(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The wall-clock time in WIB (UTC+7, no daylight saving): `14.05.09`. */
export function formatJamWib(date: Date): string {
  const d = new Date(date.getTime() + 7 * 3_600_000);
  return `${pad2(d.getUTCHours())}.${pad2(d.getUTCMinutes())}.${pad2(d.getUTCSeconds())}`;
}

// ---------------------------------------------------------------------------
// Selections (candidate pairs, kolom kosong) and their colours

export type Selection = ResultsSummaryData['contest']['selections'][number];

/** One colour per selection, in ballot order; kolom kosong is grey. */
const PALETTE = ['#1f5fbf', '#c0392b', '#1e8449', '#b9770e', '#7d3c98', '#117a8b', '#a0522d'];
const KOLOM_KOSONG_COLOUR = '#6b7378';

export function selectionColour(selections: readonly Selection[], id: number): string {
  const s = selections.find((x) => x.id === id);
  if (s === undefined || s.ballotNumber === null) return KOLOM_KOSONG_COLOUR;
  const index = selections.filter((x) => x.ballotNumber !== null).indexOf(s);
  return PALETTE[index % PALETTE.length] ?? KOLOM_KOSONG_COLOUR;
}

/** "Paslon 01" or "Kolom kosong". */
export function selectionShort(s: Pick<Selection, 'ballotNumber'> | undefined): string {
  if (s === undefined) return '–';
  return s.ballotNumber === null ? 'Kolom kosong' : `Paslon ${pad2(s.ballotNumber)}`;
}

/** The inline style that hands a colour to the stylesheet (`var(--sel)`). */
export function colourStyle(colour: string): CSSProperties {
  return { '--sel': colour } as CSSProperties;
}

// ---------------------------------------------------------------------------
// Client ids: one per set of figures, kept until the server has accepted it

/** A random UUID v4 (`crypto.randomUUID` only exists on https and localhost). */
export function newClientId(): string {
  const c: Partial<Crypto> = crypto;
  if (typeof c.randomUUID === 'function' && window.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A short hash (cyrb53) of a text: keys the stored client id by the figures. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

const memoryStore = new Map<string, string>();

function store(): Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> {
  try {
    const s = window.sessionStorage;
    s.setItem('desk:probe', '1');
    s.removeItem('desk:probe');
    return s;
  } catch {
    // Storage refused (private mode, quota): keep the ids for this page's life.
    return {
      getItem: (k) => memoryStore.get(k) ?? null,
      setItem: (k, v) => void memoryStore.set(k, v),
      removeItem: (k) => void memoryStore.delete(k),
    };
  }
}

/** Where the client id of these figures for this TPS and contest is kept. */
export function clientIdKey(tpsId: number, contestId: number, form: ChasilForm): string {
  return `desk:chasil:${String(tpsId)}:${String(contestId)}:${hashText(JSON.stringify(form))}`;
}

/** The client id of an earlier, unconfirmed send of the same figures, or a new one (kept). */
export function clientIdFor(key: string): string {
  const s = store();
  const kept = s.getItem(key);
  if (kept !== null) return kept;
  const id = newClientId();
  s.setItem(key, id);
  return id;
}

/** Forgets a client id once the server has answered for it. */
export function forgetClientId(key: string): void {
  store().removeItem(key);
}

/** `?dari=daftar`: a C.Hasil page opened from the verification worklist moves on once handled. */
export const FROM_WORKLIST = 'daftar';

/** A TPS's C.Hasil page opened from the worklist (`selesai`: the TPS handled before it). */
export function fromWorklistPath(tpsId: number, contestId: number, selesai?: string): string {
  const q = new URLSearchParams({ dari: FROM_WORKLIST });
  if (selesai !== undefined) q.set('selesai', selesai);
  return `/tps/${String(tpsId)}/hasil/${String(contestId)}?${q.toString()}`;
}
