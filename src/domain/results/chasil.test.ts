import { describe, expect, it } from 'vitest';
import {
  chasilNumbers,
  pairShortLabel,
  selectionLabelsOf,
  selectionName,
  voteField,
  voterCellLabel,
} from './chasil.ts';
import { PAIR_LABELS, REALISTIC_FORM } from './chasil.fixtures.ts';

describe('voterCellLabel', () => {
  it.each([
    ['registered', 'dpt', 'male', 'Pemilih terdaftar DPT laki-laki'],
    ['registered', 'dptb', 'female', 'Pemilih terdaftar DPTb perempuan'],
    ['registered', 'dpk', 'total', 'Jumlah pemilih terdaftar DPK'],
    ['registered', 'total', 'male', 'Jumlah pemilih terdaftar laki-laki'],
    ['registered', 'total', 'total', 'Jumlah pemilih terdaftar'],
    ['voted', 'dpt', 'female', 'Pengguna hak pilih DPT perempuan'],
    ['voted', 'total', 'total', 'Jumlah pengguna hak pilih'],
  ] as const)('%s.%s.%s → %s', (section, row, col, label) => {
    expect(voterCellLabel(section, row, col)).toBe(label);
  });
});

describe('chasilNumbers', () => {
  it('lists every number of the form in printed order, with its field and name', () => {
    const numbers = chasilNumbers(REALISTIC_FORM, PAIR_LABELS);
    // I.A and I.B: 2 × 4 rows × 3 columns; II: 4; III: 2; IV: 2 selections + A, B, C
    expect(numbers).toHaveLength(24 + 4 + 2 + 2 + 3);
    expect(numbers[0]).toEqual({
      field: 'registered.dpt.male',
      label: 'Pemilih terdaftar DPT laki-laki',
      value: 248,
    });
    expect(numbers.map((x) => x.field).slice(23)).toEqual([
      'voted.total.total',
      'ballots.received',
      'ballots.damaged',
      'ballots.unused',
      'ballots.used',
      'disability.registered',
      'disability.voted',
      'votes.11',
      'votes.12',
      'valid',
      'invalid',
      'total',
    ]);
    expect(numbers.find((x) => x.field === 'votes.12')).toEqual({
      field: 'votes.12',
      label: 'Suara Paslon 02',
      value: 221,
    });
    expect(new Set(numbers.map((x) => x.field)).size).toBe(numbers.length);
  });
});

describe('selection names', () => {
  it('uses the label when known, the id otherwise', () => {
    expect(selectionName(11, PAIR_LABELS)).toBe('Paslon 01');
    expect(selectionName(99, PAIR_LABELS)).toBe('pilihan tak dikenal (kode 99)');
    expect(selectionName(99)).toBe('pilihan tak dikenal (kode 99)');
    expect(pairShortLabel(1)).toBe('Paslon 01');
    expect(pairShortLabel(12)).toBe('Paslon 12');
    expect(pairShortLabel(null)).toBe('Kolom Kosong');
    expect(selectionLabelsOf({ '4': 1, '5': 2, '6': null })).toEqual({
      4: 'Paslon 01',
      5: 'Paslon 02',
      6: 'Kolom Kosong',
    });
    expect(selectionLabelsOf(null)).toEqual({});
    expect(voteField(12)).toBe('votes.12');
  });
});
