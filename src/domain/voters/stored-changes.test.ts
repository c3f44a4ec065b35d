import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStoredChanges } from './stored-changes.ts';

describe('parseStoredChanges', () => {
  it('reads the list shape as stored by coklit', () => {
    expect(
      parseStoredChanges([
        { field: 'address', old: 'Dusun Krajan', new: 'Dusun Baru' },
        { field: 'tpsId', old: 11, new: 12 },
      ]),
    ).toEqual({
      changes: [
        { field: 'address', old: 'Dusun Krajan', new: 'Dusun Baru' },
        { field: 'tpsId', old: 11, new: 12 },
      ],
      unreadable: null,
    });
  });

  it('reads an empty list, an empty legacy object, and null as no change', () => {
    for (const raw of [[], {}, null, undefined]) {
      expect(parseStoredChanges(raw)).toEqual({ changes: [], unreadable: null });
    }
  });

  it('reads the legacy demo object { field: { from, to } }', () => {
    expect(
      parseStoredChanges({ address: { from: 'Dusun Krajan', to: 'Dusun Krajan Baru' } }),
    ).toEqual({
      changes: [{ field: 'address', old: 'Dusun Krajan', new: 'Dusun Krajan Baru' }],
      unreadable: null,
    });
  });

  it('reads legacy { field: { old, new } } and { field: value }', () => {
    expect(parseStoredChanges({ rt: { old: '1', new: '2' }, name: 'Siti' }).changes).toEqual([
      { field: 'rt', old: '1', new: '2' },
      { field: 'name', old: null, new: 'Siti' },
    ]);
  });

  it('keeps anything else as unreadable text instead of failing', () => {
    expect(parseStoredChanges('oops')).toEqual({ changes: [], unreadable: '"oops"' });
    expect(parseStoredChanges([{ nope: 1 }])).toEqual({
      changes: [],
      unreadable: '[{"nope":1}]',
    });
    expect(parseStoredChanges({ a: { b: { c: 1 } } }).unreadable).toBe('{"a":{"b":{"c":1}}}');
  });

  it('never throws, whatever JSON is stored (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const r = parseStoredChanges(raw);
        expect(Array.isArray(r.changes)).toBe(true);
        for (const c of r.changes) expect(typeof c.field).toBe('string');
      }),
    );
  });
});
