/**
 * Coklit households and their sticker numbers. A household is one family
 * card (NKK) on the list of one TPS; the first coklit record of a household
 * at that TPS is its visit, and the server then issues the next sticker
 * number of the TPS, which the Pantarlih writes on the physical sticker:
 *
 *   35.13.01.2001/001/0007   desa code / TPS number (3 digits) / sequence (4 digits)
 *
 * Readable aloud, unique across the regency (the desa code and the TPS
 * number say where the house is), and sequential within a TPS in the order
 * the visits were recorded. A TPS has at most a few hundred households; a
 * sequence past 9999 simply grows a digit.
 */

export const STICKER_PATTERN = /^(\d{2}\.\d{2}\.\d{2}\.\d{4})\/(\d{3,})\/(\d{4,})$/;

/** The sticker number of the `sequence`-th household visited at TPS `tpsNumber` of `desaCode`. */
export function formatSticker(desaCode: string, tpsNumber: number, sequence: number): string {
  return `${desaCode}/${String(tpsNumber).padStart(3, '0')}/${String(sequence).padStart(4, '0')}`;
}

export interface StickerParts {
  readonly desaCode: string;
  readonly tpsNumber: number;
  readonly sequence: number;
}

/** The parts of a sticker number, or null when it is not one this system issues. */
export function parseSticker(sticker: string): StickerParts | null {
  const m = STICKER_PATTERN.exec(sticker.trim());
  if (m === null) return null;
  const tpsNumber = Number(m[2]);
  const sequence = Number(m[3]);
  if (tpsNumber < 1 || sequence < 1) return null;
  return { desaCode: m[1] ?? '', tpsNumber, sequence };
}

/** The next sequence of a TPS given the highest one issued there (null: none yet). */
export function nextStickerSequence(highest: number | null): number {
  return (highest ?? 0) + 1;
}

/** Pairs of households (by sticker) that were given the same photo, as one flag each. */
export interface PhotoReuse {
  readonly sha256: string;
  readonly stickers: readonly string[];
}

/**
 * Groups photo uses by content hash and keeps the hashes used for two or
 * more different households (the same picture for two houses means at least
 * one was not photographed on a visit).
 */
export function reusedPhotos(uses: readonly { sha256: string; sticker: string }[]): PhotoReuse[] {
  const byHash = new Map<string, Set<string>>();
  for (const u of uses) {
    const set = byHash.get(u.sha256) ?? new Set<string>();
    set.add(u.sticker);
    byHash.set(u.sha256, set);
  }
  return [...byHash.entries()]
    .filter(([, s]) => s.size > 1)
    .map(([sha256, s]) => ({ sha256, stickers: [...s].sort() }))
    .sort((a, b) => (a.stickers[0] ?? '').localeCompare(b.stickers[0] ?? ''));
}

/** The flag message of one reused photo. */
export function photoReuseMessage(reuse: PhotoReuse): string {
  return `Foto rumah yang sama dipakai untuk ${String(reuse.stickers.length)} rumah tangga berbeda: ${reuse.stickers.join(', ')}.`;
}
