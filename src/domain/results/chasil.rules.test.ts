import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHASIL_RULES,
  ballotsSum,
  chasilRule,
  checkChasil,
  disabledVotedWithinRegistered,
  disabledVotedWithinVotedTotal,
  disabledWithinRegisteredTotal,
  dptWithinMax,
  dptWithinRegistry,
  duplicateSelections,
  expectedTotals,
  isCount,
  missingSelections,
  registeredTotalSums,
  reserveBallots,
  sexSums,
  totalEqualsValidPlusInvalid,
  unknownSelections,
  usedEqualsValidPlusInvalid,
  validEqualsSumOfVotes,
  votedEqualsBallotsUsed,
  votedTotalSums,
  votedWithinRegistered,
  wholeNumbers,
  type ChasilContext,
  type ChasilIssue,
  type ChasilRuleCode,
} from './chasil.rules.ts';
import {
  SEX_COLUMNS,
  VOTER_PARTS,
  VOTER_ROWS,
  VOTER_SECTIONS,
  chasilNumbers,
  chasilValues,
  type ChasilForm,
  type SexRow,
  type VoterRows,
} from './chasil.ts';
import {
  PAIR_1,
  PAIR_2,
  PAIR_LABELS,
  REALISTIC_CTX,
  REALISTIC_FORM,
  setNumber,
  withNumbers,
} from './chasil.fixtures.ts';
import { anomaliesOf } from './anomalies.ts';

const form = REALISTIC_FORM;
const ctx = REALISTIC_CTX;
const labelled: ChasilContext = { ...ctx, selectionLabels: PAIR_LABELS };

function codes(issues: readonly ChasilIssue[]): string[] {
  return issues.map((i) => i.code);
}

describe('a realistic form (DPT 500, 412 voted, two pairs)', () => {
  it('passes every rule and raises no flag', () => {
    expect(checkChasil(form, ctx)).toEqual([]);
    expect(checkChasil(form, labelled)).toEqual([]);
    expect(anomaliesOf(form)).toEqual([]);
  });

  it('passes each rule on its own', () => {
    for (const rule of CHASIL_RULES) expect(chasilRule(rule.code)(form, ctx)).toEqual([]);
  });

  it('passes with the default limit of 600 when maxDpt is not given', () => {
    expect(checkChasil(form, { selectionIds: [PAIR_1, PAIR_2], registeredVoters: 500 })).toEqual(
      [],
    );
  });

  it('passes for a kolom kosong contest (one pair against the empty column)', () => {
    const kolomKosong = {
      ...form,
      votes: [
        { selectionId: 21, votes: 350 },
        { selectionId: 22, votes: 51 },
      ],
    };
    expect(checkChasil(kolomKosong, { ...ctx, selectionIds: [21, 22] })).toEqual([]);
  });

  it('passes for an all-zero form of a TPS with no voters', () => {
    const zero: SexRow = { male: 0, female: 0, total: 0 };
    const rows: VoterRows = { dpt: zero, dptb: zero, dpk: zero, total: zero };
    const empty: ChasilForm = {
      registered: rows,
      voted: rows,
      ballots: { received: 0, damaged: 0, unused: 0, used: 0 },
      disability: { registered: 0, voted: 0 },
      votes: [
        { selectionId: PAIR_1, votes: 0 },
        { selectionId: PAIR_2, votes: 0 },
      ],
      valid: 0,
      invalid: 0,
      total: 0,
    };
    expect(checkChasil(empty, { ...ctx, registeredVoters: 0 })).toEqual([]);
    expect(anomaliesOf(empty)).toEqual([]);
  });
});

describe('CHASIL_RULES', () => {
  it('lists each code once, with an Indonesian description, and every code has its rule', () => {
    const all = CHASIL_RULES.map((r) => r.code);
    expect(new Set(all).size).toBe(all.length);
    for (const rule of CHASIL_RULES) {
      expect(rule.code).toMatch(/^chasil\.[a-z_]+$/);
      expect(rule.description).toMatch(/^[A-Z].{10,}\.$/);
      expect(typeof chasilRule(rule.code)).toBe('function');
    }
  });

  it('holds at least the rules of the domain notes', () => {
    const required: ChasilRuleCode[] = [
      'chasil.not_whole_number',
      'chasil.sex_sum',
      'chasil.registered_total_sum',
      'chasil.voted_total_sum',
      'chasil.voted_exceeds_registered',
      'chasil.dpt_exceeds_registry',
      'chasil.dpt_above_max',
      'chasil.ballots_sum',
      'chasil.voted_ne_ballots_used',
      'chasil.used_ne_valid_plus_invalid',
      'chasil.valid_ne_sum_of_votes',
      'chasil.total_ne_valid_plus_invalid',
      'chasil.disabled_voted_exceeds_registered',
      'chasil.unknown_selection',
      'chasil.missing_selection',
      'chasil.duplicate_selection',
    ];
    expect(CHASIL_RULES.map((r) => r.code)).toEqual(expect.arrayContaining(required));
  });
});

describe('chasil.not_whole_number', () => {
  it('names the field and the number written, in Indonesian', () => {
    expect(wholeNumbers(setNumber(form, 'registered.dpt.male', -3))).toEqual([
      {
        code: 'chasil.not_whole_number',
        field: 'registered.dpt.male',
        message: 'Pemilih terdaftar DPT laki-laki harus bilangan bulat 0 atau lebih (tertulis -3).',
      },
    ]);
  });

  it.each([
    [2.5, 'Surat suara terpakai harus bilangan bulat 0 atau lebih (tertulis 2,5).'],
    [Number.NaN, 'Surat suara terpakai harus bilangan bulat 0 atau lebih (isian bukan angka).'],
    [
      Number.POSITIVE_INFINITY,
      'Surat suara terpakai harus bilangan bulat 0 atau lebih (isian bukan angka).',
    ],
    [
      1e16,
      'Surat suara terpakai harus bilangan bulat 0 atau lebih (tertulis 10.000.000.000.000.000, terlalu besar).',
    ],
    [-1, 'Surat suara terpakai harus bilangan bulat 0 atau lebih (tertulis -1).'],
  ])('refuses %s', (value, message) => {
    expect(wholeNumbers(setNumber(form, 'ballots.used', value))).toEqual([
      { code: 'chasil.not_whole_number', field: 'ballots.used', message },
    ]);
  });

  it('accepts 0 and -0', () => {
    expect(wholeNumbers(setNumber(form, 'ballots.damaged', 0))).toEqual([]);
    expect(wholeNumbers(setNumber(form, 'disability.voted', -0))).toEqual([]);
  });

  it('lists the same values as chasilNumbers, in the same order', () => {
    const odd = setNumber(setNumber(form, 'ballots.damaged', Number.NaN), 'valid', -3);
    for (const f of [form, odd]) {
      expect(chasilValues(f)).toEqual(chasilNumbers(f).map((x) => x.value));
    }
  });

  it('checks every number of the form, each on its own field', () => {
    for (const { field } of chasilNumbers(form)) {
      expect(wholeNumbers(setNumber(form, field, 0.5))).toEqual([
        expect.objectContaining({ code: 'chasil.not_whole_number', field }),
      ]);
    }
  });

  it('names a selection by its label when given', () => {
    expect(wholeNumbers(setNumber(form, `votes.${String(PAIR_2)}`, 1.5), labelled)).toEqual([
      {
        code: 'chasil.not_whole_number',
        field: 'votes.12',
        message: 'Suara Paslon 02 harus bilangan bulat 0 atau lebih (tertulis 1,5).',
      },
    ]);
  });

  it('reports a non-number once, not again by each sum it belongs to', () => {
    expect(checkChasil(setNumber(form, 'ballots.used', 411.5), ctx)).toEqual([
      expect.objectContaining({ code: 'chasil.not_whole_number', field: 'ballots.used' }),
    ]);
    expect(checkChasil(setNumber(form, 'voted.dpt.male', Number.NaN), ctx)).toEqual([
      expect.objectContaining({ code: 'chasil.not_whole_number', field: 'voted.dpt.male' }),
    ]);
  });
});

describe('chasil.sex_sum', () => {
  it('names the row total and both numbers', () => {
    expect(sexSums(setNumber(form, 'registered.dpt.total', 502))).toEqual([
      {
        code: 'chasil.sex_sum',
        field: 'registered.dpt.total',
        message:
          'Jumlah pemilih terdaftar DPT (502) harus sama dengan laki-laki + perempuan (500).',
      },
    ]);
  });

  it.each(VOTER_SECTIONS.flatMap((s) => VOTER_ROWS.map((r) => [s, r] as const)))(
    'checks %s.%s',
    (section, row) => {
      const bumped = setNumber(form, `${section}.${row}.female`, form[section][row].female + 1);
      expect(sexSums(bumped)).toEqual([
        expect.objectContaining({ code: 'chasil.sex_sum', field: `${section}.${row}.total` }),
      ]);
    },
  );

  it('words the total row of I.B', () => {
    expect(sexSums(setNumber(form, 'voted.total.male', 200))[0]?.message).toBe(
      'Jumlah pengguna hak pilih (412) harus sama dengan laki-laki + perempuan (411).',
    );
  });
});

describe('chasil.registered_total_sum and chasil.voted_total_sum', () => {
  it('names the I.A total cell and the sum of its parts', () => {
    expect(registeredTotalSums(setNumber(form, 'registered.total.female', 258))).toEqual([
      {
        code: 'chasil.registered_total_sum',
        field: 'registered.total.female',
        message:
          'Jumlah pemilih terdaftar perempuan (258) harus sama dengan DPT + DPTb + DPK (257).',
      },
    ]);
  });

  it('names the I.B total cell and the sum of its parts', () => {
    expect(votedTotalSums(setNumber(form, 'voted.total.total', 413))).toEqual([
      {
        code: 'chasil.voted_total_sum',
        field: 'voted.total.total',
        message: 'Jumlah pengguna hak pilih (413) harus sama dengan DPT + DPTb + DPK (412).',
      },
    ]);
  });

  it.each(VOTER_PARTS.flatMap((p) => SEX_COLUMNS.map((c) => [p, c] as const)))(
    'adds up %s in column %s',
    (part, col) => {
      const r = setNumber(form, `registered.${part}.${col}`, form.registered[part][col] + 1);
      expect(registeredTotalSums(r)).toEqual([
        expect.objectContaining({ field: `registered.total.${col}` }),
      ]);
      const v = setNumber(form, `voted.${part}.${col}`, form.voted[part][col] + 1);
      expect(votedTotalSums(v)).toEqual([expect.objectContaining({ field: `voted.total.${col}` })]);
    },
  );
});

describe('chasil.voted_exceeds_registered', () => {
  it('names the I.B cell and both numbers', () => {
    expect(votedWithinRegistered(setNumber(form, 'voted.dpk.male', 3))).toEqual([
      {
        code: 'chasil.voted_exceeds_registered',
        field: 'voted.dpk.male',
        message:
          'Pengguna hak pilih DPK laki-laki (3) melebihi pemilih terdaftar DPK laki-laki (2).',
      },
    ]);
  });

  it('accepts equal numbers (every DPK voter voted)', () => {
    expect(form.voted.dpk).toEqual(form.registered.dpk);
    expect(votedWithinRegistered(form)).toEqual([]);
  });

  it.each(VOTER_ROWS.flatMap((r) => SEX_COLUMNS.map((c) => [r, c] as const)))(
    'compares %s / %s',
    (row, col) => {
      const over = setNumber(form, `voted.${row}.${col}`, form.registered[row][col] + 1);
      expect(votedWithinRegistered(over)).toEqual([
        expect.objectContaining({ field: `voted.${row}.${col}` }),
      ]);
    },
  );

  it('words the total cell', () => {
    const over = withNumbers(form, { 'voted.total.total': 511 });
    expect(votedWithinRegistered(over)[0]?.message).toBe(
      'Jumlah pengguna hak pilih (511) melebihi jumlah pemilih terdaftar (510).',
    );
  });
});

describe('chasil.dpt_exceeds_registry', () => {
  it('refuses a form DPT above the TPS registry', () => {
    expect(dptWithinRegistry(form, { ...ctx, registeredVoters: 480 })).toEqual([
      {
        code: 'chasil.dpt_exceeds_registry',
        field: 'registered.dpt.total',
        message: 'Jumlah pemilih terdaftar DPT (500) melebihi DPT TPS ini dalam daftar TPS (480).',
      },
    ]);
  });
  it('accepts equal or fewer', () => {
    expect(dptWithinRegistry(form, ctx)).toEqual([]);
    expect(dptWithinRegistry(form, { ...ctx, registeredVoters: 520 })).toEqual([]);
  });
});

describe('chasil.dpt_above_max', () => {
  it('uses the configured limit', () => {
    expect(dptWithinMax(form, { ...ctx, maxDpt: 450 })).toEqual([
      {
        code: 'chasil.dpt_above_max',
        field: 'registered.dpt.total',
        message: 'Jumlah pemilih terdaftar DPT (500) melebihi batas 450 pemilih per TPS.',
      },
    ]);
    expect(dptWithinMax(form, { ...ctx, maxDpt: 500 })).toEqual([]);
  });
  it('defaults to 600', () => {
    const big = withNumbers(form, { 'registered.dpt.total': 601 });
    const noMax = { selectionIds: ctx.selectionIds, registeredVoters: 700 };
    expect(dptWithinMax(big, noMax)).toEqual([
      expect.objectContaining({
        message: 'Jumlah pemilih terdaftar DPT (601) melebihi batas 600 pemilih per TPS.',
      }),
    ]);
    expect(dptWithinMax(withNumbers(form, { 'registered.dpt.total': 600 }), noMax)).toEqual([]);
  });
});

describe('chasil.ballots_sum', () => {
  it('names the received ballots and the sum of the others', () => {
    expect(ballotsSum(setNumber(form, 'ballots.received', 515))).toEqual([
      {
        code: 'chasil.ballots_sum',
        field: 'ballots.received',
        message:
          'Surat suara diterima (515) harus sama dengan rusak/keliru coblos + tidak terpakai + terpakai (513).',
      },
    ]);
  });
  it.each(['ballots.damaged', 'ballots.unused', 'ballots.used'])('counts %s', (field) => {
    expect(ballotsSum(setNumber(form, field, 50))).toHaveLength(1);
  });
});

describe('chasil.voted_ne_ballots_used', () => {
  it('names the voters who voted and the ballots used', () => {
    expect(votedEqualsBallotsUsed(setNumber(form, 'ballots.used', 410))).toEqual([
      {
        code: 'chasil.voted_ne_ballots_used',
        field: 'voted.total.total',
        message: 'Jumlah pengguna hak pilih (412) harus sama dengan surat suara terpakai (410).',
      },
    ]);
  });
});

describe('chasil.used_ne_valid_plus_invalid', () => {
  it('names the ballots used and valid + invalid', () => {
    const f = withNumbers(form, { 'ballots.used': 312, valid: 300, invalid: 10 });
    expect(usedEqualsValidPlusInvalid(f)).toEqual([
      {
        code: 'chasil.used_ne_valid_plus_invalid',
        field: 'ballots.used',
        message: 'Surat suara terpakai (312) harus sama dengan suara sah + tidak sah (310).',
      },
    ]);
  });
});

describe('chasil.valid_ne_sum_of_votes', () => {
  it('names the valid votes and the sum of the selections', () => {
    expect(validEqualsSumOfVotes(setNumber(form, 'valid', 402))).toEqual([
      {
        code: 'chasil.valid_ne_sum_of_votes',
        field: 'valid',
        message: 'Suara sah (402) harus sama dengan jumlah suara semua pilihan (401).',
      },
    ]);
  });
  it('catches a misread digit (Sirekap read 58 as 948)', () => {
    const f = withNumbers(form, { 'votes.11': 58, 'votes.12': 343 });
    expect(checkChasil(f, ctx)).toEqual([]);
    const misread = setNumber(f, 'votes.11', 948);
    expect(checkChasil(misread, ctx)).toEqual([
      expect.objectContaining({
        code: 'chasil.valid_ne_sum_of_votes',
        message: 'Suara sah (401) harus sama dengan jumlah suara semua pilihan (1.291).',
      }),
    ]);
  });
});

describe('chasil.total_ne_valid_plus_invalid', () => {
  it('names IV.C and valid + invalid', () => {
    expect(totalEqualsValidPlusInvalid(setNumber(form, 'total', 413))).toEqual([
      {
        code: 'chasil.total_ne_valid_plus_invalid',
        field: 'total',
        message:
          'Jumlah suara sah dan tidak sah (413) harus sama dengan suara sah + tidak sah (412).',
      },
    ]);
  });
});

describe('disability (III)', () => {
  it('chasil.disabled_voted_exceeds_registered', () => {
    expect(disabledVotedWithinRegistered(setNumber(form, 'disability.voted', 8))).toEqual([
      {
        code: 'chasil.disabled_voted_exceeds_registered',
        field: 'disability.voted',
        message: 'Pemilih disabilitas yang memilih (8) melebihi pemilih disabilitas terdaftar (7).',
      },
    ]);
    expect(disabledVotedWithinRegistered(setNumber(form, 'disability.voted', 7))).toEqual([]);
  });

  it('chasil.disabled_exceeds_registered_total', () => {
    expect(disabledWithinRegisteredTotal(setNumber(form, 'disability.registered', 511))).toEqual([
      {
        code: 'chasil.disabled_exceeds_registered_total',
        field: 'disability.registered',
        message: 'Pemilih disabilitas terdaftar (511) melebihi jumlah pemilih terdaftar (510).',
      },
    ]);
    expect(disabledWithinRegisteredTotal(setNumber(form, 'disability.registered', 510))).toEqual(
      [],
    );
  });

  it('chasil.disabled_voted_exceeds_voted_total', () => {
    const f = withNumbers(form, { 'disability.registered': 420, 'disability.voted': 413 });
    expect(disabledVotedWithinVotedTotal(f)).toEqual([
      {
        code: 'chasil.disabled_voted_exceeds_voted_total',
        field: 'disability.voted',
        message: 'Pemilih disabilitas yang memilih (413) melebihi jumlah pengguna hak pilih (412).',
      },
    ]);
    expect(disabledVotedWithinVotedTotal(setNumber(f, 'disability.voted', 412))).toEqual([]);
  });
});

describe('the selections of the contest', () => {
  it('chasil.unknown_selection names the vote entry', () => {
    const f = { ...form, votes: [...form.votes, { selectionId: 99, votes: 0 }] };
    expect(unknownSelections(f, ctx)).toEqual([
      {
        code: 'chasil.unknown_selection',
        field: 'votes.99',
        message: 'Pilihan tak dikenal (kode 99) bukan pilihan dalam pemilihan ini.',
      },
    ]);
    expect(checkChasil(f, ctx)).toEqual(unknownSelections(f, ctx));
  });

  it('chasil.missing_selection names the missing selection, by label when known', () => {
    const f = { ...form, votes: form.votes.filter((v) => v.selectionId !== PAIR_2) };
    expect(missingSelections(f, labelled)).toEqual([
      {
        code: 'chasil.missing_selection',
        field: 'votes.12',
        message: 'Suara Paslon 02 belum diisi (isi 0 bila tidak ada suara).',
      },
    ]);
    expect(missingSelections(f, ctx)[0]?.message).toBe(
      'Suara pilihan tak dikenal (kode 12) belum diisi (isi 0 bila tidak ada suara).',
    );
    expect(codes(checkChasil(f, ctx))).toEqual([
      'chasil.valid_ne_sum_of_votes',
      'chasil.missing_selection',
    ]);
  });

  it('chasil.duplicate_selection names each repeated selection once', () => {
    const f = {
      ...form,
      votes: [...form.votes, { selectionId: PAIR_1, votes: 0 }, { selectionId: PAIR_1, votes: 0 }],
    };
    expect(duplicateSelections(f, labelled)).toEqual([
      {
        code: 'chasil.duplicate_selection',
        field: 'votes.11',
        message: 'Suara Paslon 01 diisi 3 kali; cukup satu kali.',
      },
    ]);
  });

  it('accepts the selections in any order', () => {
    const f = { ...form, votes: [...form.votes].reverse() };
    expect(checkChasil(f, ctx)).toEqual([]);
  });

  it('refuses an empty votes list for a contest with selections', () => {
    const f = { ...form, votes: [] };
    expect(codes(missingSelections(f, ctx))).toEqual([
      'chasil.missing_selection',
      'chasil.missing_selection',
    ]);
  });
});

describe('checkChasil reports every violation, in table order', () => {
  it('lists independent mistakes together', () => {
    const f = {
      ...withNumbers(form, {
        'registered.dpt.male': 284, // 248 with swapped digits
        'ballots.received': 531, // 513 with swapped digits
        total: 421, // 412 with swapped digits
      }),
      votes: [...form.votes, { selectionId: 77, votes: 0 }],
    };
    expect(checkChasil(f, ctx).map((i) => [i.code, i.field])).toEqual([
      ['chasil.sex_sum', 'registered.dpt.total'],
      ['chasil.registered_total_sum', 'registered.total.male'],
      ['chasil.ballots_sum', 'ballots.received'],
      ['chasil.total_ne_valid_plus_invalid', 'total'],
      ['chasil.unknown_selection', 'votes.77'],
    ]);
  });

  it('lists a recount case: voters, ballots used and valid + invalid all differ', () => {
    const f = withNumbers(form, { 'ballots.used': 414, 'ballots.unused': 97 });
    expect(checkChasil(f, ctx)).toEqual([
      {
        code: 'chasil.voted_ne_ballots_used',
        field: 'voted.total.total',
        message: 'Jumlah pengguna hak pilih (412) harus sama dengan surat suara terpakai (414).',
      },
      {
        code: 'chasil.used_ne_valid_plus_invalid',
        field: 'ballots.used',
        message: 'Surat suara terpakai (414) harus sama dengan suara sah + tidak sah (412).',
      },
    ]);
  });
});

describe('reserveBallots (UU Pilkada art. 80: 2.5 % of DPT, rounded up)', () => {
  it.each([
    [0, 0],
    [1, 1],
    [40, 1],
    [41, 2],
    [200, 5],
    [400, 10],
    [401, 11],
    [500, 13],
    [600, 15],
  ])('DPT %i → %i', (dpt, reserve) => {
    expect(reserveBallots(dpt)).toBe(reserve);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('is NaN for %s', (dpt) => {
    expect(reserveBallots(dpt)).toBeNaN();
  });

  it('is the smallest whole number of at least 2.5 % (property)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000_000 }), (dpt) => {
        const r = reserveBallots(dpt);
        expect(Number.isInteger(r)).toBe(true);
        expect(r * 1000).toBeGreaterThanOrEqual(dpt * 25);
        expect((r - 1) * 1000).toBeLessThan(dpt * 25);
      }),
    );
  });
});

describe('expectedTotals (hints for the web form)', () => {
  it('matches the typed totals of a consistent form', () => {
    expect(expectedTotals(form)).toEqual({
      registered: { dpt: 500, dptb: 6, dpk: 4, total: { male: 253, female: 257, total: 510 } },
      voted: { dpt: 402, dptb: 6, dpk: 4, total: { male: 201, female: 211, total: 412 } },
      ballots: { received: 513, used: 412 },
      valid: 401,
      total: 412,
      reserve: 13,
    });
  });

  it('shows what a wrong total should be, without changing the form', () => {
    const f = withNumbers(form, { 'registered.dpt.male': 250, 'ballots.unused': 100, valid: 400 });
    const copy = structuredClone(f);
    const hints = expectedTotals(f);
    expect(hints.registered.dpt).toBe(502);
    expect(hints.registered.total).toEqual({ male: 255, female: 257, total: 512 });
    expect(hints.ballots).toEqual({ received: 514, used: 411 });
    expect(hints.valid).toBe(401);
    expect(hints.total).toBe(411);
    expect(f).toEqual(copy);
  });

  it('gives NaN for a hint with an empty part', () => {
    const hints = expectedTotals(setNumber(form, 'voted.dptb.female', Number.NaN));
    expect(hints.voted.dptb).toBeNaN();
    expect(hints.voted.total.female).toBeNaN();
    expect(hints.voted.total.male).toBe(201);
  });

  it('agrees with the rules: a consistent form equals its hints (property)', () => {
    fc.assert(
      fc.property(consistentCase, ({ form: f }) => {
        const h = expectedTotals(f);
        for (const s of VOTER_SECTIONS) {
          for (const p of VOTER_PARTS) expect(h[s][p]).toBe(f[s][p].total);
          expect(h[s].total).toEqual(f[s].total);
        }
        expect(h.ballots).toEqual({ received: f.ballots.received, used: f.ballots.used });
        expect([h.valid, h.total]).toEqual([f.valid, f.total]);
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// Properties

/** `total` split into `parts` whole numbers ≥ 0. */
function split(g: fc.GeneratorValue, total: number, parts: number): number[] {
  const cuts = Array.from({ length: parts - 1 }, () => g(fc.integer, { min: 0, max: total }));
  const bounds = [0, ...cuts.sort((a, b) => a - b), total];
  return bounds.slice(1).map((b, i) => b - (bounds[i] ?? 0));
}

function rowsFrom(parts: Record<(typeof VOTER_PARTS)[number], { male: number; female: number }>) {
  const row = (p: { male: number; female: number }): SexRow => ({ ...p, total: p.male + p.female });
  const dpt = row(parts.dpt);
  const dptb = row(parts.dptb);
  const dpk = row(parts.dpk);
  return {
    dpt,
    dptb,
    dpk,
    total: row({
      male: dpt.male + dptb.male + dpk.male,
      female: dpt.female + dptb.female + dpk.female,
    }),
  };
}

/** A form that satisfies every rule, built from random parts. */
const consistentCase = fc.gen().map((g) => {
  const pair = (maxEach: number) => ({
    male: g(fc.nat, { max: maxEach }),
    female: g(fc.nat, { max: maxEach }),
  });
  const registered = rowsFrom({ dpt: pair(300), dptb: pair(25), dpk: pair(25) });
  const within = (r: SexRow) => ({
    male: g(fc.nat, { max: r.male }),
    female: g(fc.nat, { max: r.female }),
  });
  const voted = rowsFrom({
    dpt: within(registered.dpt),
    dptb: within(registered.dptb),
    dpk: within(registered.dpk),
  });
  const used = voted.total.total;
  const invalid = g(fc.nat, { max: used });
  const valid = used - invalid;
  const ids = g(() =>
    fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 6 }),
  );
  const shares = split(g, valid, ids.length);
  const damaged = g(fc.nat, { max: 30 });
  const unused = g(fc.nat, { max: 200 });
  const disabledRegistered = g(fc.nat, { max: registered.total.total });
  const disabledVoted = g(fc.nat, { max: Math.min(disabledRegistered, used) });
  const f: ChasilForm = {
    registered,
    voted,
    ballots: { received: damaged + unused + used, damaged, unused, used },
    disability: { registered: disabledRegistered, voted: disabledVoted },
    votes: ids.map((selectionId, i) => ({ selectionId, votes: shares[i] ?? 0 })),
    valid,
    invalid,
    total: valid + invalid,
  };
  const shuffled = g(() =>
    fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }),
  );
  const base = {
    selectionIds: shuffled,
    registeredVoters: registered.dpt.total + g(fc.nat, { max: 50 }),
  };
  const c: ChasilContext = g(fc.boolean)
    ? { ...base, maxDpt: g(fc.integer, { min: registered.dpt.total, max: 1000 }) }
    : base;
  return { form: f, ctx: c };
});

/** The equations a field takes part in, each named by the field its issue points at. */
function equationsOf(field: string): { code: ChasilRuleCode; field: string }[] {
  const [head, row, col] = field.split('.');
  if (head === 'registered' || head === 'voted') {
    const out: { code: ChasilRuleCode; field: string }[] = [
      { code: 'chasil.sex_sum', field: `${head}.${String(row)}.total` },
      {
        code: head === 'registered' ? 'chasil.registered_total_sum' : 'chasil.voted_total_sum',
        field: `${head}.total.${String(col)}`,
      },
    ];
    if (field === 'voted.total.total') {
      out.push({ code: 'chasil.voted_ne_ballots_used', field: 'voted.total.total' });
    }
    return out;
  }
  if (head === 'votes') return [{ code: 'chasil.valid_ne_sum_of_votes', field: 'valid' }];
  const ballots = { code: 'chasil.ballots_sum', field: 'ballots.received' } as const;
  const used = { code: 'chasil.used_ne_valid_plus_invalid', field: 'ballots.used' } as const;
  const total = { code: 'chasil.total_ne_valid_plus_invalid', field: 'total' } as const;
  switch (field) {
    case 'ballots.received':
    case 'ballots.damaged':
    case 'ballots.unused':
      return [ballots];
    case 'ballots.used':
      return [ballots, { code: 'chasil.voted_ne_ballots_used', field: 'voted.total.total' }, used];
    case 'valid':
      return [{ code: 'chasil.valid_ne_sum_of_votes', field: 'valid' }, used, total];
    case 'invalid':
      return [used, total];
    case 'total':
      return [total];
    default:
      throw new Error(`no equation for ${field}`);
  }
}

describe('properties', () => {
  it('a form built to be consistent has no issue', () => {
    fc.assert(
      fc.property(consistentCase, ({ form: f, ctx: c }) => {
        expect(checkChasil(f, c)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('changing any number of a sum by ±k is caught by every sum it belongs to', () => {
    fc.assert(
      fc.property(
        consistentCase,
        fc.nat(),
        fc.integer({ min: 1, max: 10_000 }),
        fc.boolean(),
        ({ form: f, ctx: c }, pick, k, up) => {
          const fields = chasilNumbers(f).filter((x) => !x.field.startsWith('disability.'));
          const target = fields[pick % fields.length];
          if (target === undefined) throw new Error('no field');
          const value = target.value + (up ? k : -k);
          const issues = checkChasil(setNumber(f, target.field, value), c);
          const related = new Set([target.field, ...equationsOf(target.field).map((e) => e.field)]);
          expect(issues.some((i) => related.has(i.field))).toBe(true);
          if (value < 0) {
            expect(issues).toContainEqual(
              expect.objectContaining({ code: 'chasil.not_whole_number', field: target.field }),
            );
          } else {
            for (const eq of equationsOf(target.field)) {
              expect(issues).toContainEqual(expect.objectContaining(eq));
            }
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('changing a disability number (III, in no sum) is caught exactly when it breaks a bound', () => {
    fc.assert(
      fc.property(
        consistentCase,
        fc.constantFrom('disability.registered', 'disability.voted'),
        fc.integer({ min: 1, max: 1000 }),
        fc.boolean(),
        ({ form: f, ctx: c }, field, k, up) => {
          const old =
            field === 'disability.registered' ? f.disability.registered : f.disability.voted;
          const value = old + (up ? k : -k);
          const changed = setNumber(f, field, value);
          const { registered, voted } = changed.disability;
          const expected: [string, string][] = [];
          if (value < 0) {
            expected.push(['chasil.not_whole_number', field]);
          } else {
            if (voted > registered) {
              expected.push(['chasil.disabled_voted_exceeds_registered', 'disability.voted']);
            }
            if (registered > changed.registered.total.total) {
              expected.push(['chasil.disabled_exceeds_registered_total', 'disability.registered']);
            }
            if (voted > changed.voted.total.total) {
              expected.push(['chasil.disabled_voted_exceeds_voted_total', 'disability.voted']);
            }
          }
          expect(checkChasil(changed, c).map((i) => [i.code, i.field])).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  const anyNumber = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.double(),
    fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -0,
      2 ** 53,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      Number.MIN_VALUE,
      1e21,
    ),
  );
  const anyRow = fc.record({ male: anyNumber, female: anyNumber, total: anyNumber });
  const anyRows = fc.record({ dpt: anyRow, dptb: anyRow, dpk: anyRow, total: anyRow });
  const anyForm: fc.Arbitrary<ChasilForm> = fc.record({
    registered: anyRows,
    voted: anyRows,
    ballots: fc.record({
      received: anyNumber,
      damaged: anyNumber,
      unused: anyNumber,
      used: anyNumber,
    }),
    disability: fc.record({ registered: anyNumber, voted: anyNumber }),
    votes: fc.array(fc.record({ selectionId: anyNumber, votes: anyNumber }), { maxLength: 8 }),
    valid: anyNumber,
    invalid: anyNumber,
    total: anyNumber,
  });
  const anyCtx: fc.Arbitrary<ChasilContext> = fc.record(
    {
      selectionIds: fc.array(anyNumber, { maxLength: 8 }),
      registeredVoters: anyNumber,
      maxDpt: anyNumber,
      selectionLabels: fc.constant(PAIR_LABELS),
    },
    { requiredKeys: ['selectionIds', 'registeredVoters'] },
  );

  it('never throws on any numbers (NaN, negatives, fractions, huge) and names known codes', () => {
    const known = new Set<string>(CHASIL_RULES.map((r) => r.code));
    fc.assert(
      fc.property(anyForm, anyCtx, (f, c) => {
        const issues = checkChasil(f, c);
        let lastRule = -1;
        for (const i of issues) {
          expect(known.has(i.code)).toBe(true);
          const rank = CHASIL_RULES.findIndex((r) => r.code === i.code);
          expect(rank).toBeGreaterThanOrEqual(lastRule);
          lastRule = rank;
          expect(i.message).toMatch(/^[A-Z].*\.$/);
          expect(i.message).not.toContain('undefined');
        }
        // every number that is not a count is named, once
        const bad = chasilNumbers(f)
          .filter((x) => !isCount(x.value))
          .map((x) => x.field);
        expect(
          issues.filter((i) => i.code === 'chasil.not_whole_number').map((i) => i.field),
        ).toEqual(bad);
        expect(() => expectedTotals(f)).not.toThrow();
      }),
      { numRuns: 1000 },
    );
  });
});
