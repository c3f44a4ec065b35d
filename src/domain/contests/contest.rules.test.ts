import { describe, expect, it } from 'vitest';
import { kolomKosongChange, validateBallotNumber } from './contest.rules.ts';

const pair = (n: number) => ({ ballotNumber: n, isKolomKosong: false });
const kolomKosong = { ballotNumber: null, isKolomKosong: true };

describe('validateBallotNumber', () => {
  it('accepts a free number', () =>
    expect(validateBallotNumber(3, [1, 2])).toEqual({ ok: true, value: 3 }));
  it('refuses a number already used in the contest', () => {
    expect(validateBallotNumber(2, [1, 2])).toMatchObject({
      ok: false,
      error: { kind: 'conflict', code: 'pair.ballot_number_taken', field: 'ballotNumber' },
    });
  });
  it.each([0, -1, 100, 1.5])('refuses %s', (n) =>
    expect(validateBallotNumber(n, [])).toMatchObject({
      ok: false,
      error: { code: 'pair.invalid_ballot_number' },
    }),
  );
});

describe('kolomKosongChange', () => {
  it.each([
    ['no pairs', [], 'none'],
    ['a single pair', [pair(1)], 'add'],
    ['a single pair with its kolom kosong', [pair(1), kolomKosong], 'none'],
    ['two pairs', [pair(1), pair(2)], 'none'],
    ['a second pair added to a kolom kosong contest', [pair(1), kolomKosong, pair(2)], 'remove'],
    ['the only pair removed', [kolomKosong], 'remove'],
  ] as const)('%s → %s', (_label, entries, expected) => {
    expect(kolomKosongChange(entries)).toBe(expected);
  });
});
