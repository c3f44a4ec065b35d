import { describe, expect, it } from 'vitest';
import { dataMarkLabel, isOutdated, reportKindOf } from './report.ts';

describe('reportKindOf', () => {
  it.each([
    ['harian', 'harian'],
    ['daily', 'harian'],
    ['mingguan', 'mingguan'],
    ['weekly', 'mingguan'],
  ] as const)('%s → %s', (param, kind) => {
    expect(reportKindOf(param)).toBe(kind);
  });
});

describe('dataMarkLabel', () => {
  const at = '8 Desember 2026 pukul 09.13 WIB';
  it('says when and from which data, with the last entry and a short hash', () => {
    expect(dataMarkLabel({ entries: 1234, lastId: 5678, hash: 'ab'.repeat(32) }, at)).toBe(
      'Dibuat 8 Desember 2026 pukul 09.13 WIB dari data per saat itu: 1.234 catatan data, terakhir catatan audit #5678 (sidik abababababab).',
    );
  });
  it('says plainly when there were no data yet', () => {
    expect(dataMarkLabel({ entries: 0, lastId: 0, hash: '' }, at)).toBe(
      'Dibuat 8 Desember 2026 pukul 09.13 WIB dari data per saat itu: belum ada catatan data.',
    );
  });
});

describe('isOutdated', () => {
  const mark = { entries: 10, lastId: 42, hash: 'aa' };
  it('is current only for the same last entry and hash', () => {
    expect(isOutdated(mark, { ...mark })).toBe(false);
    expect(isOutdated(mark, { ...mark, entries: 11, lastId: 43 })).toBe(true);
    // The same id with another hash: the trail was rewritten since.
    expect(isOutdated(mark, { ...mark, hash: 'bb' })).toBe(true);
  });
  it('treats a report without a recorded mark as outdated', () => {
    expect(isOutdated(null, mark)).toBe(true);
  });
});
