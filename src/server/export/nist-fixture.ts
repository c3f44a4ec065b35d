/**
 * Results snapshots for the NIST export tests: Kabupaten Probolinggo with two
 * kecamatan, three desa and five TPS. Codes and place names are Kemendagri's;
 * candidates and figures are invented. Each call returns a fresh object.
 */
import type { NistSnapshot } from './nist.ts';

type Result = NistSnapshot['results'][number];

/** A TPS result whose valid/voted totals add up from the votes. */
function result(
  tpsId: number,
  votes: Record<number, number>,
  invalid: number,
  status: Result['status'],
): Result {
  const list = Object.entries(votes).map(([id, n]) => ({ selectionId: Number(id), votes: n }));
  const valid = list.reduce((sum, v) => sum + v.votes, 0);
  return { tpsId, votes: list, valid, invalid, voted: valid + invalid, status };
}

/** Everything but the contest: region, TPS and report metadata. */
function region(): Omit<NistSnapshot, 'contest' | 'selections' | 'results'> {
  return {
    generatedAt: '2024-11-27T21:15:30.123+07:00',
    vendor: 'Desk Pilkada',
    election: {
      name: 'Pemilihan Bupati dan Wakil Bupati Probolinggo Tahun 2024',
      date: '2024-11-27',
      type: 'general',
    },
    issuer: { name: 'Desk Pilkada Kabupaten Probolinggo', abbreviation: 'DP-PROBOLINGGO' },
    regency: { code: '35.13', name: 'Kabupaten Probolinggo' },
    province: { code: '35', name: 'Jawa Timur' },
    kecamatan: [
      { code: '35.13.14', name: 'Kraksaan' },
      { code: '35.13.01', name: 'Sukapura' },
    ],
    desa: [
      { code: '35.13.01.2001', name: 'Ngadisari', kecamatanCode: '35.13.01' },
      { code: '35.13.01.2002', name: 'Wonotoro', kecamatanCode: '35.13.01' },
      { code: '35.13.14.1003', name: 'Semampir', kecamatanCode: '35.13.14' },
    ],
    tps: [
      { id: 101, desaCode: '35.13.01.2001', number: 1, registeredVoters: 287 },
      { id: 102, desaCode: '35.13.01.2001', number: 2, registeredVoters: 264 },
      { id: 103, desaCode: '35.13.01.2002', number: 1, registeredVoters: 241 },
      { id: 104, desaCode: '35.13.14.1003', number: 1, registeredVoters: 298 },
      { id: 105, desaCode: '35.13.14.1003', number: 2, registeredVoters: 276 },
    ],
  };
}

/** Three pairs; TPS 103 (Wonotoro, so a whole desa) and 105 have not reported. */
export function threePairSnapshot(): NistSnapshot {
  return {
    ...region(),
    contest: {
      id: 3,
      name: 'Bupati dan Wakil Bupati Probolinggo',
      kind: 'bupati',
      votesAllowed: 1,
    },
    selections: [
      // Out of ballot order on purpose: the export orders by ballot number.
      {
        id: 12,
        ballotNumber: 2,
        headName: 'Dr. Budi Santoso, M.Si.',
        deputyName: 'Hj. Lilik Mardiyah',
        isKolomKosong: false,
      },
      {
        id: 11,
        ballotNumber: 1,
        headName: 'H. Ahmad Fauzi',
        deputyName: 'Siti Rahmawati, S.Pd.',
        isKolomKosong: false,
      },
      {
        id: 13,
        ballotNumber: 3,
        headName: 'Moch. Rizal Hakim',
        deputyName: 'Nur Aini',
        isKolomKosong: false,
      },
    ],
    results: [
      result(101, { 11: 96, 12: 81, 13: 47 }, 6, 'verified'),
      result(102, { 11: 70, 12: 88, 13: 39 }, 4, 'submitted'),
      result(104, { 11: 102, 12: 64, 13: 71 }, 9, 'verified'),
    ],
  };
}

/** {@link threePairSnapshot} with every TPS reported. */
export function threePairCompleteSnapshot(): NistSnapshot {
  const s = threePairSnapshot();
  s.results.push(
    result(103, { 11: 58, 12: 77, 13: 50 }, 3, 'submitted'),
    result(105, { 11: 91, 12: 59, 13: 66 }, 7, 'verified'),
  );
  return s;
}

/** One pair against the kolom kosong; TPS 102 and 105 have not reported. */
export function kolomKosongSnapshot(): NistSnapshot {
  return {
    ...region(),
    contest: {
      id: 4,
      name: 'Bupati dan Wakil Bupati Probolinggo',
      kind: 'bupati',
      votesAllowed: 1,
    },
    selections: [
      {
        id: 21,
        ballotNumber: 1,
        headName: 'H. Ahmad Fauzi',
        deputyName: 'Siti Rahmawati, S.Pd.',
        isKolomKosong: false,
      },
      {
        id: 22,
        ballotNumber: null,
        headName: 'Kolom Kosong',
        deputyName: null,
        isKolomKosong: true,
      },
    ],
    results: [
      result(101, { 21: 171, 22: 52 }, 8, 'verified'),
      result(103, { 21: 120, 22: 66 }, 5, 'submitted'),
      result(104, { 21: 149, 22: 98 }, 11, 'verified'),
    ],
  };
}
