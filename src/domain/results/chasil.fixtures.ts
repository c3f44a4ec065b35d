/**
 * Test fixtures for C.Hasil-KWK (used by the tests beside this file).
 * A realistic Pilbup Probolinggo TPS: DPT 500, 412 voters, two pairs.
 */
import type { ChasilContext } from './chasil.rules.ts';
import type { ChasilForm } from './chasil.ts';

export const PAIR_1 = 11;
export const PAIR_2 = 12;
export const PAIR_LABELS: Readonly<Record<number, string>> = {
  [PAIR_1]: 'Paslon 01',
  [PAIR_2]: 'Paslon 02',
};

export const REALISTIC_FORM: ChasilForm = {
  registered: {
    dpt: { male: 248, female: 252, total: 500 },
    dptb: { male: 3, female: 3, total: 6 },
    dpk: { male: 2, female: 2, total: 4 },
    total: { male: 253, female: 257, total: 510 },
  },
  voted: {
    dpt: { male: 196, female: 206, total: 402 },
    dptb: { male: 3, female: 3, total: 6 },
    dpk: { male: 2, female: 2, total: 4 },
    total: { male: 201, female: 211, total: 412 },
  },
  // 500 + 13 reserve (2.5 % of 500, rounded up)
  ballots: { received: 513, damaged: 2, unused: 99, used: 412 },
  disability: { registered: 7, voted: 5 },
  votes: [
    { selectionId: PAIR_1, votes: 180 },
    { selectionId: PAIR_2, votes: 221 },
  ],
  valid: 401,
  invalid: 11,
  total: 412,
};

export const REALISTIC_CTX: ChasilContext = {
  selectionIds: [PAIR_1, PAIR_2],
  registeredVoters: 500,
  maxDpt: 600,
};

type Json = Record<string, unknown>;

/** A copy of the form with one number changed, addressed by its field path (`votes.<id>` too). */
export function setNumber(form: ChasilForm, field: string, value: number): ChasilForm {
  const [head, ...rest] = field.split('.');
  if (head === 'votes') {
    const id = Number(rest[0]);
    return {
      ...form,
      votes: form.votes.map((v) => (v.selectionId === id ? { ...v, votes: value } : v)),
    };
  }
  const copy = structuredClone(form) as unknown as Json;
  const path = field.split('.');
  const last = path.pop();
  let node: Json = copy;
  for (const key of path) node = node[key] as Json;
  if (last === undefined || !(last in node)) throw new Error(`no field ${field}`);
  node[last] = value;
  return copy as unknown as ChasilForm;
}

/** A copy of the form with several numbers changed. */
export function withNumbers(
  form: ChasilForm,
  changes: Readonly<Record<string, number>>,
): ChasilForm {
  return Object.entries(changes).reduce((f, [field, value]) => setNumber(f, field, value), form);
}
