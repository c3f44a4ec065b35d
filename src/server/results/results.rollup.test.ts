import { describe, expect, it } from 'vitest';
import {
  emptyDesaDelta,
  isEmptyDesaDelta,
  otherTurnouts,
  recordTurnout,
  turnoutMap,
} from './results.rollup.ts';

describe('desa turnouts', () => {
  const reported = turnoutMap({ '7': [400, 300], '9': [200, 100], '12': [0, 0], '15': [500, 450] });

  it('gives the other TPS’ turnouts, skipping the TPS itself and any with no registered voters', () => {
    expect(otherTurnouts(reported, 9, 60)).toEqual([0.75, 0.9]);
    expect(otherTurnouts(reported, 99, 60)).toEqual([0.75, 0.5, 0.9]);
  });

  it('reads at most `limit` of them', () => {
    expect(otherTurnouts(reported, 99, 2)).toEqual([0.75, 0.5]);
    expect(otherTurnouts(new Map(), 1, 60)).toEqual([]);
    expect(otherTurnouts(turnoutMap(null), 1, 60)).toEqual([]);
  });

  it('records a new version’s turnout, the latest for a TPS winning', () => {
    const d = emptyDesaDelta(1, '35.13.01.2001');
    expect(isEmptyDesaDelta(d)).toBe(true);
    recordTurnout(d, 7, { registered: 400, voted: 310 });
    recordTurnout(d, 7, { registered: 400, voted: 320 });
    expect(d.turnouts).toEqual({ '7': [400, 320] });
    // Counts that cancel out still leave a turnout to write.
    expect(isEmptyDesaDelta(d)).toBe(false);
  });
});
