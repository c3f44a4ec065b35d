import { domainError, err, ok, type Result } from '../common/result.ts';

export const CONTEST_KINDS = ['gubernur', 'bupati', 'walikota'] as const;
export type ContestKind = (typeof CONTEST_KINDS)[number];

export const CONTEST_KIND_LABEL: Record<ContestKind, string> = {
  gubernur: 'Pemilihan Gubernur dan Wakil Gubernur',
  bupati: 'Pemilihan Bupati dan Wakil Bupati',
  walikota: 'Pemilihan Wali Kota dan Wakil Wali Kota',
};

export const KOLOM_KOSONG_LABEL = 'Kolom Kosong';

export interface BallotEntry {
  readonly ballotNumber: number | null;
  readonly isKolomKosong: boolean;
}

/** A ballot number must be a positive integer not used by another pair of the contest. */
export function validateBallotNumber(
  ballotNumber: number,
  taken: readonly number[],
): Result<number> {
  if (!Number.isInteger(ballotNumber) || ballotNumber < 1 || ballotNumber > 99) {
    return err(
      domainError(
        'invalid',
        'pair.invalid_ballot_number',
        'Nomor urut harus bilangan bulat 1 sampai 99.',
        'ballotNumber',
      ),
    );
  }
  if (taken.includes(ballotNumber)) {
    return err(
      domainError(
        'conflict',
        'pair.ballot_number_taken',
        `Nomor urut ${String(ballotNumber)} sudah dipakai pasangan calon lain dalam pemilihan ini.`,
        'ballotNumber',
      ),
    );
  }
  return ok(ballotNumber);
}

/**
 * A contest with exactly one candidate pair is contested against the empty
 * column (kolom kosong), which is then a selection on the ballot.
 * Tells whether the stored selections need a kolom kosong added or removed.
 */
export function kolomKosongChange(entries: readonly BallotEntry[]): 'add' | 'remove' | 'none' {
  const pairs = entries.filter((e) => !e.isKolomKosong).length;
  const hasKolomKosong = entries.some((e) => e.isKolomKosong);
  if (pairs === 1 && !hasKolomKosong) return 'add';
  if (pairs !== 1 && hasKolomKosong) return 'remove';
  return 'none';
}
