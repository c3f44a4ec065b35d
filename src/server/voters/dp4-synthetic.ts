/**
 * Synthetic DP4 files (CSV lines) for tests, the demo journey and the
 * benchmark: realistic NIKs for the kecamatan of each TPS, a share of
 * invalid rows (each with one known defect) and of repeated NIKs.
 */
import { seededRandom } from '../setup/demo-data.ts';
import { DP4_COLUMNS } from '../../domain/voters/dp4.ts';
import { composeNik, type Sex } from '../../domain/voters/nik.ts';

export interface SyntheticOptions {
  readonly tps: readonly { desaCode: string; number: number }[];
  readonly rows: number;
  readonly seed?: number;
  /** Share of rows with one defect (default 0.01). */
  readonly invalidRate?: number;
  /** Share of rows repeating an earlier NIK (default 0.005). */
  readonly duplicateRate?: number;
}

const FIRST = [
  'Siti',
  'Ahmad',
  'Nur',
  'Muhammad',
  'Sri',
  'Abdul',
  'Dewi',
  'Hasan',
  'Lilis',
  'Joko',
  'Rina',
  'Slamet',
  'Fatimah',
  'Budi',
  'Yuli',
  'Sutrisno',
];
const LAST = [
  'Aminah',
  'Hidayat',
  'Rahayu',
  'Santoso',
  'Wahyuni',
  'Fauzi',
  'Lestari',
  'Prasetyo',
  'Maimunah',
  'Sholeh',
  'Handayani',
  'Mustofa',
];
const PLACES = ['Probolinggo', 'Sukapura', 'Lumajang', 'Pasuruan', 'Malang', 'Jember'];
const DEFECTS = ['nik_date', 'sex', 'tps', 'name', 'under_age', 'nkk'] as const;

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function* syntheticDp4(options: SyntheticOptions): Generator<string> {
  const random = seededRandom(options.seed ?? 2024);
  const invalidRate = options.invalidRate ?? 0.01;
  const duplicateRate = options.duplicateRate ?? 0.005;
  const serials = new Map<string, number>();
  const recent: string[] = [];
  yield `${DP4_COLUMNS.join(',')}\n`;
  let household = '';
  let householdLeft = 0;
  for (let i = 0; i < options.rows; i++) {
    const t = options.tps[Math.floor(random() * options.tps.length)] ?? options.tps[0];
    if (t === undefined) return;
    const prefix = t.desaCode.slice(0, 8).replaceAll('.', '');
    const sex: Sex = random() < 0.5 ? 'L' : 'P';
    const y = 1940 + Math.floor(random() * 66);
    const m = 1 + Math.floor(random() * 12);
    const d = 1 + Math.floor(random() * 28);
    let birth = `${String(y)}-${pad(m, 2)}-${pad(d, 2)}`;
    const key = `${prefix}${birth}${sex}`;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    let nik = composeNik(prefix, birth, sex, serial);
    if (householdLeft <= 0) {
      householdLeft = 1 + Math.floor(random() * 5);
      household = `${prefix}${pad(1 + Math.floor(random() * 28), 2)}${pad(1 + Math.floor(random() * 12), 2)}${pad(10 + Math.floor(random() * 14), 2)}${pad(1 + Math.floor(random() * 9999), 4)}`;
    }
    householdLeft--;
    let nkk = household;
    let name = `${FIRST[Math.floor(random() * FIRST.length)] ?? 'Siti'} ${LAST[Math.floor(random() * LAST.length)] ?? 'Aminah'}`;
    let sexText: string = sex;
    let tpsText = pad(t.number, 3);
    let marital = y < 2000 ? (random() < 0.8 ? 'S' : 'P') : 'B';
    const r = random();
    if (r < duplicateRate && recent.length > 0) {
      // The same person listed twice (same row).
      yield recent[Math.floor(random() * recent.length)] ?? '';
      continue;
    }
    if (r < duplicateRate + invalidRate) {
      const defect = DEFECTS[Math.floor(random() * DEFECTS.length)];
      if (defect === 'nik_date') nik = `${nik.slice(0, 6)}35${nik.slice(8)}`;
      else if (defect === 'sex') sexText = sex === 'L' ? 'P' : 'L';
      else if (defect === 'tps') tpsText = '999';
      else if (defect === 'name') name = '';
      else if (defect === 'nkk') nkk = nkk.slice(0, 15);
      else {
        birth = '2010-05-05';
        marital = 'B';
        nik = composeNik(prefix, birth, sex, 9000 + (i % 999));
      }
    }
    const rt = 1 + Math.floor(random() * 12);
    const rw = 1 + Math.floor(random() * 6);
    const line = `${nkk},${nik},${name},${PLACES[Math.floor(random() * PLACES.length)] ?? 'Probolinggo'},${birth},${marital},${sexText},Dusun ${LAST[rw % LAST.length] ?? 'Krajan'},${pad(rt, 3)},${pad(rw, 3)},${random() < 0.02 ? '1' : ''},${random() < 0.97 ? 'S' : 'B'},,${t.desaCode},${tpsText}\n`;
    if (recent.length < 1000) recent.push(line);
    else recent[i % 1000] = line;
    yield line;
  }
}
