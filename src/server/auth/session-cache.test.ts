import { describe, expect, it } from 'vitest';
import type { LiveSession } from './auth.repository.ts';
import { SessionCache } from './session-cache.ts';

const session = (id: number, userId: number): LiveSession => ({
  id,
  csrfToken: `csrf-${String(id)}`,
  lastSeenAt: new Date('2024-11-27T01:00:00Z'),
  expiresAt: new Date('2024-11-27T13:00:00Z'),
  user: {
    id: userId,
    username: `u${String(userId)}`,
    fullName: 'Siti Aminah',
    mustChangePassword: false,
    disabled: false,
  },
  roles: [{ role: 'kpps', scopeKind: 'tps', scopeRef: '1' }],
});

describe('session cache', () => {
  it('keeps a session for less than its time to live', () => {
    let t = 0;
    const cache = new SessionCache(1000, () => t);
    cache.set('a', session(1, 10));
    t = 999;
    expect(cache.get('a')?.id).toBe(1);
    t = 1000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets every session of a changed user, and only theirs', () => {
    const cache = new SessionCache(1000, () => 0);
    cache.set('a', session(1, 10));
    cache.set('b', session(2, 10));
    cache.set('c', session(3, 11));
    cache.forgetUsers([10]);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')?.id).toBe(3);
    cache.forgetUsers([]);
    expect(cache.size).toBe(1);
  });

  it('forgets one revoked session', () => {
    const cache = new SessionCache(1000, () => 0);
    cache.set('a', session(1, 10));
    cache.set('b', session(2, 10));
    cache.forgetSession(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.id).toBe(2);
  });

  it('stays bounded', () => {
    const cache = new SessionCache(1000, () => 0);
    for (let i = 0; i < 20_001; i++) cache.set(`t${String(i)}`, session(i, i));
    expect(cache.size).toBeLessThanOrEqual(20_000);
    expect(cache.get('t20000')?.id).toBe(20_000);
  });

  it('shares one lookup between callers that miss at the same time, and keeps its answer', async () => {
    const cache = new SessionCache(1000, () => 0);
    let lookups = 0;
    let answer: (s: LiveSession | undefined) => void = () => undefined;
    const load = () => {
      lookups += 1;
      return new Promise<LiveSession | undefined>((r) => {
        answer = r;
      });
    };
    const first = cache.resolve('a', load);
    const second = cache.resolve('a', load);
    expect(lookups).toBe(1);
    answer(session(1, 10));
    expect((await first)?.id).toBe(1);
    expect((await second)?.id).toBe(1);
    expect((await cache.resolve('a', load))?.id).toBe(1);
    expect(lookups).toBe(1);
  });

  it('does not keep a lookup that was running when a change forgot sessions', async () => {
    const cache = new SessionCache(1000, () => 0);
    let lookups = 0;
    const answers: ((s: LiveSession | undefined) => void)[] = [];
    const load = () => {
      lookups += 1;
      return new Promise<LiveSession | undefined>((r) => answers.push(r));
    };
    const before = cache.resolve('a', load);
    cache.forgetUsers([10]);
    // A caller after the change does not join the lookup that started before it.
    const after = cache.resolve('a', load);
    expect(lookups).toBe(2);
    // The newer lookup answers first; the older one, answering last, must not overwrite it.
    answers[1]?.({ ...session(1, 10), user: { ...session(1, 10).user, disabled: true } });
    expect((await after)?.user.disabled).toBe(true);
    answers[0]?.(session(1, 10));
    expect((await before)?.user.disabled).toBe(false);
    // Only the lookup that started after the change is remembered.
    expect(cache.get('a')?.user.disabled).toBe(true);
  });

  it('remembers no missing session and no failed lookup', async () => {
    const cache = new SessionCache(1000, () => 0);
    expect(await cache.resolve('a', () => Promise.resolve(undefined))).toBeUndefined();
    await expect(cache.resolve('b', () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    expect(cache.size).toBe(0);
    expect((await cache.resolve('b', () => Promise.resolve(session(2, 11))))?.id).toBe(2);
  });
});
