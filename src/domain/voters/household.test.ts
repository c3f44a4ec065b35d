import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatSticker,
  nextStickerSequence,
  parseSticker,
  photoReuseMessage,
  reusedPhotos,
} from './household.ts';

describe('sticker numbers', () => {
  it('are desa code / TPS number / sequence, zero-padded', () => {
    expect(formatSticker('35.13.01.2001', 1, 1)).toBe('35.13.01.2001/001/0001');
    expect(formatSticker('35.13.01.2001', 12, 345)).toBe('35.13.01.2001/012/0345');
    expect(formatSticker('35.13.24.1005', 123, 10000)).toBe('35.13.24.1005/123/10000');
  });

  it('parse back to their parts; anything else is not a sticker', () => {
    expect(parseSticker(' 35.13.01.2001/001/0007 ')).toEqual({
      desaCode: '35.13.01.2001',
      tpsNumber: 1,
      sequence: 7,
    });
    for (const bad of [
      'STK-0001',
      '35.13.01.2001/1/0001',
      '35.13.01.2001/001/01',
      '35.13.01/001/0001',
      '35.13.01.2001/000/0001',
      '35.13.01.2001/001/0000',
      '',
    ]) {
      expect(parseSticker(bad)).toBeNull();
    }
  });

  it('round-trip for every desa, TPS and sequence', () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.integer({ min: 11, max: 99 }),
          fc.integer({ min: 1, max: 99 }),
          fc.integer({ min: 1, max: 99 }),
          fc.integer({ min: 1000, max: 2999 }),
        ),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 99_999 }),
        ([p, r, k, d], tpsNumber, sequence) => {
          const desaCode =
            [p, r, k].map((x) => String(x).padStart(2, '0')).join('.') + `.${String(d)}`;
          const sticker = formatSticker(desaCode, tpsNumber, sequence);
          expect(parseSticker(sticker)).toEqual({ desaCode, tpsNumber, sequence });
        },
      ),
    );
  });

  it('sort in visit order within a TPS up to 9999 households', () => {
    const stickers = [1, 2, 9, 10, 99, 100, 9999].map((n) => formatSticker('35.13.01.2001', 1, n));
    expect([...stickers].sort()).toEqual(stickers);
  });

  it('follow the highest number issued at the TPS', () => {
    expect(nextStickerSequence(null)).toBe(1);
    expect(nextStickerSequence(41)).toBe(42);
  });
});

describe('reused house photos', () => {
  it('flags a photo used for two different households, not one sent twice for the same', () => {
    const a = '35.13.01.2001/001/0001';
    const b = '35.13.01.2001/001/0002';
    const flags = reusedPhotos([
      { sha256: 'x', sticker: a },
      { sha256: 'x', sticker: a },
      { sha256: 'y', sticker: b },
      { sha256: 'z', sticker: b },
      { sha256: 'z', sticker: a },
    ]);
    expect(flags).toEqual([{ sha256: 'z', stickers: [a, b] }]);
    expect(photoReuseMessage(flags[0] ?? { sha256: '', stickers: [] })).toBe(
      `Foto rumah yang sama dipakai untuk 2 rumah tangga berbeda: ${a}, ${b}.`,
    );
    expect(reusedPhotos([])).toEqual([]);
  });
});
