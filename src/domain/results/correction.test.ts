import { describe, expect, it } from 'vitest';
import { consistentForm } from '../../server/results/form-fixture.ts';
import { correctionReasonState, sameFigures } from './correction.ts';
import type { ChasilForm } from './chasil.ts';

const sent = consistentForm({
  dpt: 300,
  votes: [
    { selectionId: 11, votes: 120 },
    { selectionId: 12, votes: 100 },
  ],
  invalid: 5,
});
/** A copy with one pair's votes moved to the other (still consistent). */
const corrected: ChasilForm = {
  ...sent,
  votes: [
    { selectionId: 11, votes: 121 },
    { selectionId: 12, votes: 99 },
  ],
};

describe('sameFigures', () => {
  it('is true for a copy, whatever the order of the votes', () => {
    expect(sameFigures(sent, structuredClone(sent))).toBe(true);
    expect(sameFigures(sent, { ...sent, votes: [...sent.votes].reverse() })).toBe(true);
  });
  it('is false when one number differs, a pair is missing, or a number is unreadable', () => {
    expect(sameFigures(sent, corrected)).toBe(false);
    expect(sameFigures(sent, { ...sent, invalid: sent.invalid + 1 })).toBe(false);
    expect(sameFigures(sent, { ...sent, votes: sent.votes.slice(0, 1) })).toBe(false);
    expect(sameFigures(sent, { ...sent, valid: Number.NaN })).toBe(false);
    expect(
      sameFigures(sent, {
        ...sent,
        ballots: { ...sent.ballots, damaged: sent.ballots.damaged + 1 },
      }),
    ).toBe(false);
  });
});

describe('correctionReasonState', () => {
  it('asks nothing of a first entry', () => {
    expect(correctionReasonState(undefined, sent, '')).toBeNull();
  });

  it('is no error right after sending: the prefilled form is unchanged (issue 20 item 9)', () => {
    expect(correctionReasonState(sent, structuredClone(sent), '')).toBe('unchanged');
    expect(correctionReasonState(sent, sent, '   ')).toBe('unchanged');
  });

  it('requires a reason of at least 5 letters once the figures change', () => {
    expect(correctionReasonState(sent, corrected, '')).toBe('reason_missing');
    expect(correctionReasonState(sent, corrected, 'typo')).toBe('reason_missing');
    expect(correctionReasonState(sent, corrected, '  ab  ')).toBe('reason_missing');
    expect(correctionReasonState(sent, corrected, 'Salah salin paslon 01')).toBeNull();
  });

  it('lets the same figures be sent again with a reason, not with a too-short one', () => {
    expect(correctionReasonState(sent, sent, 'Angka sudah sesuai foto')).toBeNull();
    expect(correctionReasonState(sent, sent, 'ok')).toBe('reason_missing');
  });
});
