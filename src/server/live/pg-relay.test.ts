import { describe, expect, it } from 'vitest';
import { payloadsOf } from './pg-relay.ts';
import type { LiveEvent } from './live-hub.ts';

const event = (tpsId: number): LiveEvent => ({
  type: 'result',
  contestId: 2,
  tpsId,
  desaCode: '35.13.01.2001',
  version: 1,
  status: 'submitted',
});

describe('live relay payloads', () => {
  it('keeps every event, in order, each payload under NOTIFY’s 8,000-byte limit', () => {
    const events = Array.from({ length: 1_000 }, (_, i) => event(i + 1));
    const payloads = payloadsOf('origin-1', events);
    expect(payloads.length).toBeGreaterThan(1);
    for (const p of payloads) expect(Buffer.byteLength(p)).toBeLessThan(8_000);
    const back = payloads.flatMap((p) => (JSON.parse(p) as { events: LiveEvent[] }).events);
    expect(back).toEqual(events);
  });

  it('sends nothing for no events, one payload for a few', () => {
    expect(payloadsOf('o', [])).toEqual([]);
    expect(payloadsOf('o', [event(1), event(2)])).toHaveLength(1);
  });
});
