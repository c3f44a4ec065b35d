import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  defaultPredicates,
  fieldLabel,
  plainLocaleError,
  validationMessage,
  type ValidationIssue,
} from './validation-message.ts';

/** The first issue of a failed parse, as the HTTP edge receives it (no input). */
function issueOf(schema: z.ZodType, value: unknown): ValidationIssue {
  const parsed = schema.safeParse(value, { error: (i) => plainLocaleError(i) });
  if (parsed.success) throw new Error('expected a failure');
  const { code, path, message, ...params } = parsed.error.issues[0] as z.core.$ZodIssue & {
    input?: unknown;
  };
  delete params.input;
  return { code, path: path as (string | number)[], message, params };
}

describe('fieldLabel', () => {
  it('prefers the label of the whole path, then of its tail, ignoring indexes', () => {
    expect(fieldLabel(['asn', 'nip'])).toBe('NIP');
    expect(fieldLabel(['asn', 'name'])).toBe('Nama ASN');
    expect(fieldLabel(['name'])).toBe('Nama');
    expect(fieldLabel(['form', 'votes', 2, 'votes'])).toBe('Suara paslon');
    expect(fieldLabel(['form', 'ballots', 'used'])).toBe('Surat suara terpakai');
    expect(fieldLabel(['form', 'voted', 'dpt', 'female'])).toBe(
      'Pengguna hak pilih DPT (perempuan)',
    );
    expect(fieldLabel(['form', 'registered', 'total', 'total'])).toBe(
      'Jumlah pemilih terdaftar (jumlah)',
    );
    expect(fieldLabel(['tidakAda'])).toBeUndefined();
    expect(fieldLabel(['constructor'])).toBeUndefined();
    expect(fieldLabel(['__proto__', 'toString'])).toBeUndefined();
    expect(fieldLabel([])).toBeUndefined();
  });
});

describe('validationMessage', () => {
  const Body = z.object({
    asn: z.object({
      name: z.string().trim().min(1).max(5).optional(),
      nip: z
        .string()
        .regex(/^\d{18}$/, { message: 'NIP harus 18 angka (boleh dikosongkan bila tidak tahu)' })
        .optional(),
      violation: z.enum(['a', 'b']),
    }),
    description: z.string().trim().min(1),
    tpsId: z.number().int().positive().max(100).optional(),
    when: z.iso.datetime({ offset: true }).optional(),
    count: z.number({ message: 'Harus berupa angka' }).optional(),
  });
  const ok = { asn: { violation: 'a' }, description: 'x' };
  const message = (value: unknown) => validationMessage(issueOf(Body, value));

  it('names the field in plain Indonesian for every kind of failure', () => {
    expect(message({ ...ok, description: undefined })).toBe('Uraian wajib diisi.');
    expect(message({ ...ok, description: '  ' })).toBe('Uraian wajib diisi.');
    expect(message({ ...ok, description: 42 })).toBe('Uraian harus berupa teks.');
    expect(message({ ...ok, asn: { violation: 'a', name: 'Budi Santoso' } })).toBe(
      'Nama ASN paling banyak 5 karakter.',
    );
    expect(message({ ...ok, asn: { violation: 'z' } })).toBe(
      'Jenis pelanggaran ASN pilihannya tidak dikenal.',
    );
    expect(message({ ...ok, tpsId: 1.5 })).toBe('TPS harus berupa bilangan bulat.');
    expect(message({ ...ok, tpsId: 0 })).toBe('TPS harus lebih dari 0.');
    expect(message({ ...ok, tpsId: 1000 })).toBe('TPS paling besar 100.');
    expect(message({ ...ok, when: 'kemarin' })).toBe('Isian harus berupa tanggal dan jam.');
  });

  it('keeps a schema’s own message, naming the field when the message does not', () => {
    expect(message({ ...ok, asn: { violation: 'a', nip: '123' } })).toBe(
      'NIP harus 18 angka (boleh dikosongkan bila tidak tahu).',
    );
    expect(message({ ...ok, count: 'x' })).toBe('Isian: Harus berupa angka.');
  });

  it('never shows a raw path or an English word', () => {
    for (const value of [
      {},
      { ...ok, asn: { violation: 'a', nip: 'abc' } },
      { ...ok, asn: 'x' },
      { ...ok, tpsId: 'x' },
    ]) {
      const text = message(value);
      expect(text).not.toMatch(/asn\.|"|expected|received|Invalid|string|undefined/);
      expect(text).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('says which failures a missing input and a wrong type can be', () => {
    expect(defaultPredicates('invalid_type', { expected: 'number' })).toEqual([
      'wajib diisi',
      'harus berupa angka',
    ]);
    expect(defaultPredicates('too_big', { origin: 'string', maximum: 4000 })).toEqual([
      'paling banyak 4.000 karakter',
    ]);
    expect(defaultPredicates('unrecognized_keys', { keys: ['x', 'y'] })).toEqual([
      'memuat isian yang tidak dikenal (x, y)',
    ]);
    expect(defaultPredicates('custom', {})).toEqual(['tidak sah']);
  });
});
