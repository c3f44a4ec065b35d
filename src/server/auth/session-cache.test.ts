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
});
