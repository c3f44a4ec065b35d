import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseCoding, etagMatches } from './http-cache.ts';

describe('If-None-Match', () => {
  const tag = '"abc123"';
  it('matches the tag, its weak form, a list holding it, and *', () => {
    for (const h of [tag, `W/${tag}`, `"x", ${tag}`, ` ${tag} `, '*', ['"x"', tag]]) {
      expect(etagMatches(h, tag)).toBe(true);
    }
  });
  it('does not match missing, other, unquoted, half-quoted or absurdly long values', () => {
    for (const h of [
      undefined,
      '',
      '"abc"',
      'abc123',
      '"abc123',
      'W/',
      `${'"x",'.repeat(1000)}${tag}`,
    ]) {
      expect(etagMatches(h, tag)).toBe(false);
    }
  });
  it('never throws on any input (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (h) => {
        const r = etagMatches(h, tag);
        expect(typeof r).toBe('boolean');
        if (!h.includes(tag) && h.trim() !== '*') expect(r).toBe(false);
      }),
    );
  });
});

describe('Accept-Encoding', () => {
  it('prefers br, then gzip, honours q=0 and *', () => {
    expect(chooseCoding('gzip, deflate, br')).toBe('br');
    expect(chooseCoding('gzip')).toBe('gzip');
    expect(chooseCoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseCoding('*')).toBe('br');
    expect(chooseCoding('*, br;q=0')).toBe('gzip');
    expect(chooseCoding('identity')).toBe('identity');
    expect(chooseCoding(undefined)).toBe('identity');
    expect(chooseCoding('br;q=abc')).toBe('identity');
    expect(chooseCoding('gzip;q=2')).toBe('identity');
  });
});
