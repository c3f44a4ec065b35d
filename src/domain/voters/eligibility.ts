/**
 * Who may vote (PKPU 7/2024): aged 17 or older on voting day, or married /
 * previously married whatever the age.
 */
export type MaritalStatus = 'B' | 'S' | 'P';

export const MARITAL_LABEL: Record<MaritalStatus, string> = {
  B: 'Belum kawin',
  S: 'Kawin',
  P: 'Pernah kawin',
};

/** Whole years from `birthDate` to `day` (both `YYYY-MM-DD`); a 29 February birthday counts on 1 March. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  if (by === undefined || bm === undefined || bd === undefined) return Number.NaN;
  if (y === undefined || m === undefined || d === undefined) return Number.NaN;
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

export type Eligibility =
  | { readonly eligible: true; readonly by: 'age' | 'marriage' }
  | { readonly eligible: false; readonly age: number };

export function eligibilityOn(
  birthDate: string,
  marital: MaritalStatus,
  votingDay: string,
): Eligibility {
  const age = ageOn(birthDate, votingDay);
  if (age >= 17) return { eligible: true, by: 'age' };
  if (marital !== 'B') return { eligible: true, by: 'marriage' };
  return { eligible: false, age };
}
