/**
 * The Kabupaten Probolinggo 2024 demo: Korwil of seed 000, candidate pairs and
 * the PKPU 2/2024 stage calendar from domain.md, and a deterministic spread of
 * TPS over the desa. Pure: no I/O.
 */
import type { StageKind } from '../../domain/stages/stage.rules.ts';
import type { ContestKind } from '../../domain/contests/contest.rules.ts';

export const DEMO_REGENCY = '35.13';
export const DEMO_TPS_TOTAL = 1749;
export const DEMO_VOTERS_TOTAL = 872_218;

export const DEMO_KORWIL: readonly { name: string; chair: string; kecamatan: readonly string[] }[] =
  [
    {
      name: 'Korwil I',
      chair: 'Asisten Administrasi Pemerintahan dan Kesra',
      kecamatan: [
        'Sukapura',
        'Lumbang',
        'Tongas',
        'Sumberasih',
        'Wonomerto',
        'Bantaran',
        'Kuripan',
        'Sumber',
      ],
    },
    {
      name: 'Korwil II',
      chair: 'Asisten Administrasi Umum',
      kecamatan: [
        'Dringu',
        'Gending',
        'Pajarakan',
        'Krejengan',
        'Maron',
        'Banyuanyar',
        'Tegalsiwalan',
        'Leces',
      ],
    },
    {
      name: 'Korwil III',
      chair: 'Asisten Administrasi Perekonomian dan Pembangunan',
      kecamatan: [
        'Kraksaan',
        'Paiton',
        'Kotaanyar',
        'Pakuniran',
        'Gading',
        'Besuk',
        'Krucil',
        'Tiris',
      ],
    },
  ];

/** Spellings in seed 000 that differ from the Kemendagri names in idn-area-data. */
export const KECAMATAN_ALIASES: Readonly<Record<string, string>> = { Pajarakan: 'Pejarakan' };

export const DEMO_CONTESTS: readonly {
  kind: ContestKind;
  name: string;
  regionCode: string;
  votingDay: string;
  pairs: readonly { ballotNumber: number; headName: string; deputyName: string }[];
}[] = [
  {
    kind: 'gubernur',
    name: 'Pemilihan Gubernur dan Wakil Gubernur Jawa Timur 2024',
    regionCode: '35',
    votingDay: '2024-11-27',
    pairs: [
      { ballotNumber: 1, headName: 'Luluk Nur Hamidah', deputyName: 'Lukmanul Khakim' },
      {
        ballotNumber: 2,
        headName: 'Khofifah Indar Parawansa',
        deputyName: 'Emil Elestianto Dardak',
      },
      {
        ballotNumber: 3,
        headName: 'Tri Rismaharini',
        deputyName: 'Zahrul Azhar Asumta (Gus Hans)',
      },
    ],
  },
  {
    kind: 'bupati',
    name: 'Pemilihan Bupati dan Wakil Bupati Probolinggo 2024',
    regionCode: '35.13',
    votingDay: '2024-11-27',
    pairs: [
      { ballotNumber: 1, headName: 'Zulmi Noor Hasani', deputyName: 'Abd. Rasit' },
      {
        ballotNumber: 2,
        headName: 'Mohammad Haris Damanhuri Romly (Gus Haris)',
        deputyName: 'Fahmi Abdul Haq Zaini (Ra Fahmi)',
      },
    ],
  },
];

export const DEMO_STAGES: readonly {
  kind: StageKind;
  name: string;
  startsOn: string;
  endsOn: string;
}[] = [
  {
    kind: 'pembentukan_badan_adhoc',
    name: 'Pembentukan PPK, PPS, dan KPPS',
    startsOn: '2024-04-17',
    endsOn: '2024-11-05',
  },
  { kind: 'dp4', name: 'Penyerahan DP4', startsOn: '2024-04-24', endsOn: '2024-05-31' },
  {
    kind: 'pemutakhiran_data_pemilih',
    name: 'Pemutakhiran dan penyusunan daftar pemilih',
    startsOn: '2024-05-31',
    endsOn: '2024-09-23',
  },
  {
    kind: 'coklit',
    name: 'Pencocokan dan penelitian (coklit)',
    startsOn: '2024-06-24',
    endsOn: '2024-07-24',
  },
  {
    kind: 'dps',
    name: 'Penyusunan dan pengumuman DPS',
    startsOn: '2024-07-25',
    endsOn: '2024-08-27',
  },
  {
    kind: 'pendaftaran_paslon',
    name: 'Pendaftaran pasangan calon',
    startsOn: '2024-08-27',
    endsOn: '2024-08-29',
  },
  { kind: 'dpt', name: 'Penetapan DPT kabupaten', startsOn: '2024-09-14', endsOn: '2024-09-21' },
  {
    kind: 'penetapan_paslon',
    name: 'Penetapan pasangan calon',
    startsOn: '2024-09-22',
    endsOn: '2024-09-22',
  },
  {
    kind: 'pengundian_nomor_urut',
    name: 'Pengundian nomor urut',
    startsOn: '2024-09-23',
    endsOn: '2024-09-23',
  },
  { kind: 'kampanye', name: 'Masa kampanye', startsOn: '2024-09-25', endsOn: '2024-11-23' },
  { kind: 'masa_tenang', name: 'Masa tenang', startsOn: '2024-11-24', endsOn: '2024-11-26' },
  {
    kind: 'pemungutan_suara',
    name: 'Pemungutan suara',
    startsOn: '2024-11-27',
    endsOn: '2024-11-27',
  },
  {
    kind: 'rekapitulasi',
    name: 'Penghitungan dan rekapitulasi suara',
    startsOn: '2024-11-27',
    endsOn: '2024-12-16',
  },
];

/** Small seeded PRNG (mulberry32) so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoTps {
  readonly desaCode: string;
  readonly number: number;
  readonly voters: number;
}

/**
 * Spreads `tpsTotal` TPS over the desa (at least one each, more for larger
 * desa) and `votersTotal` voters over the TPS, each TPS between `minVoters`
 * and `maxVoters`; the totals come out exact.
 */
export function spreadDemoTps(
  desaCodes: readonly string[],
  options: {
    tpsTotal: number;
    votersTotal: number;
    maxVoters: number;
    minVoters?: number;
    seed?: number;
  },
): DemoTps[] {
  const { tpsTotal, votersTotal, maxVoters } = options;
  const minVoters = options.minVoters ?? Math.floor(maxVoters * 0.55);
  if (desaCodes.length === 0) return [];
  if (tpsTotal < desaCodes.length) throw new Error('fewer TPS than desa');
  if (votersTotal > tpsTotal * maxVoters || votersTotal < tpsTotal * minVoters) {
    throw new Error('voter total cannot be spread within the TPS bounds');
  }
  const random = seededRandom(options.seed ?? 3513);
  // TPS per desa: one each, the rest by weight (largest remainder).
  const weights = desaCodes.map(() => 0.3 + random() ** 2 * 2);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const extra = tpsTotal - desaCodes.length;
  const shares = weights.map((w) => (w / weightSum) * extra);
  const counts = shares.map((s) => 1 + Math.floor(s));
  let left = tpsTotal - counts.reduce((a, b) => a + b, 0);
  const byRemainder = shares
    .map((s, i) => ({ i, r: s - Math.floor(s) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  // Voters per TPS: random within bounds, then nudged until the total is exact.
  const voters: number[] = [];
  for (let i = 0; i < tpsTotal; i++) {
    voters.push(minVoters + Math.floor(random() * (maxVoters - minVoters + 1)));
  }
  let diff = votersTotal - voters.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const step = diff > 0 ? 1 : -1;
    let moved = false;
    for (let i = 0; i < voters.length && diff !== 0; i++) {
      const v = voters[i] ?? 0;
      const room = step > 0 ? maxVoters - v : v - minVoters;
      if (room <= 0) continue;
      const delta = Math.min(room, Math.abs(diff), 1 + Math.floor(random() * 40));
      voters[i] = v + step * delta;
      diff -= step * delta;
      moved = true;
    }
    if (!moved) throw new Error('cannot reach the voter total');
  }
  const result: DemoTps[] = [];
  let k = 0;
  desaCodes.forEach((desaCode, d) => {
    for (let n = 1; n <= (counts[d] ?? 0); n++) {
      result.push({ desaCode, number: n, voters: voters[k] ?? 0 });
      k += 1;
    }
  });
  return result;
}
