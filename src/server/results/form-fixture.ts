/**
 * A consistent C.Hasil-KWK for tests and benchmarks: every arithmetic rule
 * holds by construction.
 */
import type { ChasilForm } from '../../domain/results/chasil.ts';

function row(male: number, female: number) {
  return { male, female, total: male + female };
}

export function consistentForm(options: {
  dpt: number;
  votes: readonly { selectionId: number; votes: number }[];
  invalid: number;
  dptbVoted?: number;
}): ChasilForm {
  const valid = options.votes.reduce((a, v) => a + v.votes, 0);
  const voted = valid + options.invalid;
  const dptb = options.dptbVoted ?? 0;
  const dptVoted = voted - dptb;
  if (dptVoted < 0 || dptVoted > options.dpt) throw new Error('votes do not fit the DPT');
  const dptMale = Math.floor(options.dpt / 2);
  const votedMale = Math.min(dptMale, Math.floor(dptVoted / 2));
  const registeredDpt = row(dptMale, options.dpt - dptMale);
  const registeredDptb = row(Math.floor(dptb / 2), dptb - Math.floor(dptb / 2));
  const votedDpt = row(votedMale, dptVoted - votedMale);
  const received = options.dpt + Math.ceil(options.dpt * 0.025);
  return {
    registered: {
      dpt: registeredDpt,
      dptb: registeredDptb,
      dpk: row(0, 0),
      total: row(
        registeredDpt.male + registeredDptb.male,
        registeredDpt.female + registeredDptb.female,
      ),
    },
    voted: {
      dpt: votedDpt,
      dptb: registeredDptb,
      dpk: row(0, 0),
      total: row(votedDpt.male + registeredDptb.male, votedDpt.female + registeredDptb.female),
    },
    ballots: { received, damaged: 0, unused: received - voted, used: voted },
    disability: { registered: 2, voted: 1 },
    votes: options.votes.map((v) => ({ ...v })),
    valid,
    invalid: options.invalid,
    total: voted,
  };
}
