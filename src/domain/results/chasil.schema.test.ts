import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { ChasilFormSchema, ResultSubmissionBody, type ChasilFormBody } from './chasil.schema.ts';
import { checkChasil } from './chasil.rules.ts';
import type { ChasilForm } from './chasil.ts';
import { REALISTIC_CTX, REALISTIC_FORM, setNumber } from './chasil.fixtures.ts';

const CLIENT_ID = '0b7e2f8c-4a1d-4c3e-9f6a-2d5b8c1e7a90';

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { clientId: CLIENT_ID, tpsId: 7, contestId: 2, form: REALISTIC_FORM, ...overrides };
}

/** The failing paths of a parse, joined with dots. */
function failedPaths(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('ChasilFormSchema', () => {
  it('parses the realistic form unchanged', () => {
    expect(ChasilFormSchema.parse(REALISTIC_FORM)).toEqual(REALISTIC_FORM);
  });

  it('gives the service a value the rules accept as a ChasilForm', () => {
    expectTypeOf<ChasilFormBody>().toExtend<ChasilForm>();
    expectTypeOf<ChasilForm>().toExtend<Omit<ChasilFormBody, 'votes'>>();
  });

  it('lets negative and fractional numbers through, so the rules can name the field', () => {
    const f = setNumber(setNumber(REALISTIC_FORM, 'registered.dpt.male', -1), 'valid', 400.5);
    const parsed = ChasilFormSchema.parse(f);
    expect(
      checkChasil(parsed, REALISTIC_CTX)
        .filter((i) => i.code === 'chasil.not_whole_number')
        .map((i) => i.field),
    ).toEqual(['registered.dpt.male', 'valid']);
  });

  it.each([
    ['a numeric string', 'registered.dpt.male', '248'],
    ['null', 'ballots.used', null],
    ['NaN', 'valid', Number.NaN],
    ['Infinity', 'total', Number.POSITIVE_INFINITY],
  ])('refuses %s, on its path, in Indonesian', (_what, field, value) => {
    const f = setNumber(REALISTIC_FORM, field, value as number);
    const r = ChasilFormSchema.safeParse(f);
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0]?.path.join('.')).toBe(field);
      expect(r.error.issues[0]?.message).toBe('Harus berupa angka');
    }
  });

  it('refuses a missing section and a missing number', () => {
    const noDisability: Record<string, unknown> = { ...REALISTIC_FORM };
    delete noDisability.disability;
    expect(failedPaths(ChasilFormSchema, noDisability)).toEqual(['disability']);
    const noDpk: Record<string, unknown> = { ...REALISTIC_FORM.voted };
    delete noDpk.dpk;
    expect(failedPaths(ChasilFormSchema, { ...REALISTIC_FORM, voted: noDpk })).toEqual([
      'voted.dpk',
    ]);
  });

  it('refuses a selection id that is not a positive whole number', () => {
    for (const selectionId of [0, -3, 1.5, '11']) {
      const f = { ...REALISTIC_FORM, votes: [{ selectionId, votes: 1 }] };
      expect(failedPaths(ChasilFormSchema, f)).toEqual(['votes.0.selectionId']);
    }
  });

  it('drops unknown keys', () => {
    const parsed = ChasilFormSchema.parse({ ...REALISTIC_FORM, sirekap: 948 });
    expect(parsed).not.toHaveProperty('sirekap');
  });
});

describe('ResultSubmissionBody', () => {
  it('accepts a first submission without a reason', () => {
    expect(ResultSubmissionBody.parse(body())).toEqual(body());
  });

  it('trims a correction reason', () => {
    expect(ResultSubmissionBody.parse(body({ reason: '  salah baca angka  ' })).reason).toBe(
      'salah baca angka',
    );
  });

  it('refuses a client id that is not a UUID, in Indonesian', () => {
    const r = ResultSubmissionBody.safeParse(body({ clientId: 'kiriman-1' }));
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0]).toMatchObject({
        path: ['clientId'],
        message: 'Nomor kiriman (clientId) harus UUID',
      });
    }
  });

  it.each([
    ['tpsId', 0],
    ['tpsId', 1.5],
    ['contestId', -1],
    ['contestId', '2'],
    ['reason', 'x'.repeat(501)],
  ])('refuses %s = %j', (key, value) => {
    expect(failedPaths(ResultSubmissionBody, body({ [key]: value }))).toEqual([key]);
  });

  it('names a form problem by its full path', () => {
    const f = setNumber(REALISTIC_FORM, 'ballots.used', '412' as unknown as number);
    expect(failedPaths(ResultSubmissionBody, body({ form: f }))).toEqual(['form.ballots.used']);
  });

  it('publishes schema ids for the API docs, none ending in "Input"', () => {
    const json = z.toJSONSchema(ResultSubmissionBody) as { $defs?: Record<string, unknown> };
    const ids = Object.keys(json.$defs ?? {});
    expect(ids).toEqual(
      expect.arrayContaining(['ResultSubmissionBody', 'ChasilForm', 'ChasilSexRow', 'ChasilVote']),
    );
    for (const id of ids) expect(id).not.toMatch(/Input$/);
  });
});
