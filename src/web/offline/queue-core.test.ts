import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterAnswer,
  backoffMs,
  classify,
  countOf,
  FIRST_BACKOFF_MS,
  isDue,
  MAX_BACKOFF_MS,
  newItem,
  QUEUE_KINDS,
  QUEUE_STATES,
  resume,
  retryNow,
  startSend,
  type QueueItemState,
  type SendAnswer,
} from './queue-core.ts';

const NOW = 1_732_672_800_000; // 27 November 2024 09:00 WIB
const base = newItem({ clientId: 'c-0001', kind: 'chasil', userId: 7 }, NOW);
const err = (code: string) => ({ ok: false as const, error: { code, message: 'pesan' } });

const itemArb: fc.Arbitrary<QueueItemState> = fc.record({
  clientId: fc.uuid(),
  kind: fc.constantFrom(...QUEUE_KINDS),
  userId: fc.integer({ min: 1, max: 5 }),
  state: fc.constantFrom(...QUEUE_STATES),
  attempts: fc.nat(40),
  notBefore: fc.integer({ min: NOW - 1e6, max: NOW + 1e6 }),
  lastError: fc.constant(null),
  createdAt: fc.constant(NOW),
});
const answerArb: fc.Arbitrary<SendAnswer> = fc.oneof(
  fc.constant({ kind: 'accepted' as const }),
  fc
    .constantFrom('refused', 'signed_out', 'retry')
    .map((kind) => ({ kind, error: { code: 'x', message: 'y' } })),
);

describe('classify: what a server answer means for a queued item', () => {
  it('2xx (new or already accepted) → accepted', () => {
    expect(classify(201, { ok: true })).toEqual({ kind: 'accepted' });
    expect(classify(200, { ok: true })).toEqual({ kind: 'accepted' });
  });
  it('401 or an auth code → signed out (wait for sign-in)', () => {
    expect(classify(401, err('auth.session_expired')).kind).toBe('signed_out');
    expect(classify(401, err('anything')).kind).toBe('signed_out');
    expect(classify(403, err('auth.password_change_required')).kind).toBe('signed_out');
    expect(classify(403, err('auth.csrf_invalid')).kind).toBe('signed_out');
  });
  it('no answer, timeout, 408, 429, 5xx → retry', () => {
    for (const s of [0, 408, 429, 500, 502, 503, 504]) {
      expect(classify(s, err('network.unavailable')).kind).toBe('retry');
    }
  });
  it('every other 4xx → refused, with the server’s message and field', () => {
    for (const s of [400, 403, 404, 409, 413, 415, 422]) {
      const a = classify(s, {
        ok: false,
        error: { code: 'result.window_closed', message: 'Tutup', field: 'form' },
      });
      expect(a).toEqual({
        kind: 'refused',
        error: { code: 'result.window_closed', message: 'Tutup', field: 'form' },
      });
    }
  });
  it('is total: any status and result gives exactly one verdict', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 599 }), fc.string(), (status, code) => {
        const a = classify(status, err(code));
        expect(['refused', 'signed_out', 'retry']).toContain(a.kind);
        if (status >= 500) expect(a.kind === 'retry' || a.kind === 'signed_out').toBe(true);
      }),
    );
  });
});

describe('transitions of a queued item', () => {
  it('a new item is waiting and due at once', () => {
    expect(base).toMatchObject({ state: 'waiting', attempts: 0, lastError: null });
    expect(isDue(base, 7, NOW)).toBe(true);
  });
  it('accepted → leaves the queue', () => {
    expect(afterAnswer(startSend(base), { kind: 'accepted' }, NOW)).toBeNull();
  });
  it('refused → needs attention with the message; never sent automatically', () => {
    const error = { code: 'chasil.sum', message: 'Jumlah tidak cocok', field: 'valid' };
    const next = afterAnswer(startSend(base), { kind: 'refused', error }, NOW);
    expect(next).toMatchObject({ state: 'attention', lastError: error });
    expect(next !== null && isDue(next, 7, NOW + 1e9, true)).toBe(false);
  });
  it('retry → waiting with exponential back-off; forced sends ignore it', () => {
    const error = { code: 'network.unavailable', message: 'Offline' };
    let item: QueueItemState = base;
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const next = afterAnswer(startSend(item), { kind: 'retry', error }, NOW);
      if (next === null) throw new Error('retry must keep the item');
      waits.push(next.notBefore - NOW);
      item = next;
    }
    expect(waits).toEqual([2_000, 4_000, 8_000, 16_000]);
    expect(item).toMatchObject({ state: 'waiting', attempts: 4, lastError: error });
    expect(isDue(item, 7, NOW)).toBe(false);
    expect(isDue(item, 7, NOW, true)).toBe(true);
    expect(isDue(item, 7, NOW + 16_000)).toBe(true);
  });
  it('signed out → paused until the same account signs in again', () => {
    const error = { code: 'auth.session_expired', message: 'Sesi berakhir' };
    const paused = afterAnswer(startSend(base), { kind: 'signed_out', error }, NOW);
    if (paused === null) throw new Error('kept');
    expect(paused.state).toBe('paused');
    expect(paused.attempts).toBe(0);
    expect(isDue(paused, 7, NOW, true)).toBe(false);
    expect(resume(paused, 8, NOW)).toBe(paused); // another account: untouched
    const back = resume(paused, 7, NOW + 5);
    expect(back).toMatchObject({ state: 'waiting', notBefore: NOW + 5, lastError: null });
    expect(isDue(back, 7, NOW + 5)).toBe(true);
  });
  it('an item left "sending" by a closed page is sent again', () => {
    expect(isDue(startSend(base), 7, NOW)).toBe(true);
  });
  it('retryNow sends a refused item again; other states are untouched', () => {
    const refused = { ...base, state: 'attention' as const, attempts: 3 };
    expect(retryNow(refused, NOW)).toMatchObject({ state: 'waiting', attempts: 0 });
    expect(retryNow(base, NOW)).toBe(base);
  });
  it('never sends one account’s item for another', () => {
    fc.assert(
      fc.property(itemArb, fc.integer({ min: 1, max: 5 }), fc.boolean(), (item, user, force) => {
        if (item.userId !== user) expect(isDue(item, user, NOW + 1e9, force)).toBe(false);
      }),
    );
  });
  it('no answer loses an item except acceptance, and the client id never changes', () => {
    fc.assert(
      fc.property(itemArb, answerArb, (item, answer) => {
        const next = afterAnswer(startSend(item), answer, NOW);
        if (answer.kind === 'accepted') expect(next).toBeNull();
        else {
          expect(next?.clientId).toBe(item.clientId);
          expect(next?.userId).toBe(item.userId);
          expect(next?.lastError).toEqual(answer.error);
        }
      }),
    );
  });
});

describe('back-off and counts', () => {
  it('grows from 2 s and is capped at 5 minutes', () => {
    expect(backoffMs(0)).toBe(0);
    expect(backoffMs(1)).toBe(FIRST_BACKOFF_MS);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (n) => {
        expect(backoffMs(n)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
        expect(backoffMs(n + 1)).toBeGreaterThanOrEqual(backoffMs(n));
      }),
    );
  });
  it('counts only the signed-in account’s items', () => {
    const items: QueueItemState[] = [
      base,
      { ...base, clientId: 'b', state: 'paused' },
      { ...base, clientId: 'c', state: 'attention' },
      { ...base, clientId: 'd', userId: 9 },
    ];
    expect(countOf(items, 7)).toEqual({ pending: 2, attention: 1, paused: 1 });
    expect(countOf(items, 9)).toEqual({ pending: 1, attention: 0, paused: 0 });
    expect(countOf(items, null)).toEqual({ pending: 0, attention: 0, paused: 0 });
  });
});
