/**
 * Demo data of the people feature (Kabupaten Probolinggo): the desk's
 * organisation as seed 000 describes it (the Sekda chairs, the Kepala
 * Bakesbangpol is secretary, three Korwil chaired by the Bupati's
 * assistants, a pembina for every kecamatan), the 120 PPK members, and the
 * three-wave Bimtek of the PPS of seed 004 (19–21 June 2024, one wave per
 * Korwil, speakers from the KPU's divisions and Polres).
 *
 * The PPS roster is left empty on purpose: importing the 990 PPS from a CSV
 * is the first step of the rosters page (and of the browser test); the
 * Bimtek's waves then show them as participants.
 *
 * People's names and NIP/NIK are invented (deterministic); offices, speakers
 * and dates are those of the seeds.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/connection.ts';
import { asn, korwil as korwilTable, region, tps } from '../db/schema.ts';
import { seededRandom } from '../setup/demo-data.ts';
import { insertDeskPositions, type NewDeskPosition } from './desk.repository.ts';
import { insertEvent, insertSession, insertWave } from './bimtek.repository.ts';
import { insertMembers, type NewMember } from './rosters.repository.ts';
import { codeToken } from './rosters.service.ts';

const GIVEN = [
  'Agus',
  'Budi',
  'Siti',
  'Dewi',
  'Hadi',
  'Nur',
  'Rina',
  'Eko',
  'Sri',
  'Joko',
  'Ahmad',
  'Yuli',
  'Heru',
  'Lilik',
  'Bambang',
  'Endah',
  'Imam',
  'Retno',
  'Slamet',
  'Wahyu',
  'Fitri',
  'Rudi',
  'Ani',
  'Moh.',
  'Dian',
  'Hasan',
  'Lutfi',
  'Zainal',
  'Umi',
  'Arif',
];
const FAMILY = [
  'Santoso',
  'Wibowo',
  'Hidayat',
  'Rahmawati',
  'Susanto',
  'Hasanah',
  'Prasetyo',
  'Kurniawan',
  'Lestari',
  'Setiawan',
  'Mulyono',
  'Fauzi',
  'Wahyuni',
  'Hariyanto',
  'Maulana',
  'Suryani',
  'Ramadhan',
  'Anwar',
  'Fadilah',
  'Syafi’i',
];

/** Perangkat daerah whose heads are pembina of the kecamatan, in kecamatan order. */
export const DEMO_PEMBINA_OFFICES = [
  'Dinas Pendidikan',
  'Dinas Kesehatan',
  'Dinas Pekerjaan Umum dan Penataan Ruang',
  'Dinas Sosial',
  'Dinas Kependudukan dan Pencatatan Sipil',
  'Dinas Pertanian',
  'Dinas Perhubungan',
  'Dinas Lingkungan Hidup',
  'Dinas Komunikasi dan Informatika',
  'Dinas Pemberdayaan Masyarakat dan Desa',
  'Dinas Koperasi dan Usaha Mikro',
  'Dinas Pariwisata',
  'Dinas Perumahan dan Kawasan Permukiman',
  'Badan Perencanaan Pembangunan Daerah',
  'Badan Pengelolaan Keuangan dan Aset Daerah',
  'Badan Pendapatan Daerah',
  'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
  'Inspektorat',
  'Satuan Polisi Pamong Praja',
  'Badan Penanggulangan Bencana Daerah',
  'Dinas Perikanan',
  'Dinas Ketahanan Pangan',
  'Dinas Tenaga Kerja',
  'Dinas Kepemudaan dan Olahraga',
];

export const DEMO_BIMTEK = {
  name: 'Bimtek dan Orientasi Tugas Badan Adhoc PPS Pilkada 2024',
  body: 'pps' as const,
  startsOn: '2024-06-19',
  endsOn: '2024-06-21',
  venue: 'Bromo Park Hotel, Kota Probolinggo',
  organiser: 'KPU Kabupaten Probolinggo',
  waves: [
    { name: 'Gelombang I', day: '2024-06-19', korwil: 'Korwil I' },
    { name: 'Gelombang II', day: '2024-06-20', korwil: 'Korwil II' },
    { name: 'Gelombang III', day: '2024-06-21', korwil: 'Korwil III' },
  ],
  sessions: [
    {
      topic: 'Kelembagaan KPU dan tahapan penyelenggaraan Pilkada 2024',
      speaker: 'Aliwafa',
      speakerOrganisation: 'Ketua KPU Kabupaten Probolinggo',
      external: false,
    },
    {
      topic: 'Hubungan kerja dan peningkatan kapasitas penyelenggara',
      speaker: 'Muhammad Arifin',
      speakerOrganisation: 'Divisi Teknis Penyelenggaraan KPU Kabupaten Probolinggo',
      external: false,
    },
    {
      topic: 'Kode etik penyelenggara',
      speaker: 'Rifqohul Ibad',
      speakerOrganisation: 'Divisi Hukum KPU Kabupaten Probolinggo',
      external: false,
    },
    {
      topic: 'Media sosial sebagai sarana sosialisasi',
      speaker: 'Bayu Rizky Pramudya Ershandi',
      speakerOrganisation: 'KPU Kabupaten Probolinggo',
      external: false,
    },
    {
      topic: 'Keamanan dan ketertiban penyelenggaraan Pilkada',
      speaker: 'Narasumber Polres Probolinggo',
      speakerOrganisation: 'Polres Probolinggo',
      external: true,
    },
  ],
} as const;

/** A deterministic demo person: name, NIP (18 digits) and NIK (16 digits) that pass the checks. */
export function demoPeople(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const two = (n: number) => String(n).padStart(2, '0');
  let serial = 0;
  return (kecamatanCode: string) => {
    serial += 1;
    const woman = random() < 0.45;
    const year = 1966 + Math.floor(random() * 30);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const name = `${pick(GIVEN)} ${pick(FAMILY)}`;
    const nip = `${String(year)}${two(month)}${two(day)}${String(year + 24)}${two(1 + Math.floor(random() * 12))}${woman ? '2' : '1'}${String(serial % 1000 || 1).padStart(3, '0')}`;
    const region = kecamatanCode.replace(/\./g, '');
    const nik = `${region}${two(day + (woman ? 40 : 0))}${two(month)}${two(year % 100)}${String(serial).padStart(4, '0')}`;
    return {
      name,
      nip,
      nik,
      phone: `08${String(1_200_000_000 + Math.floor(random() * 700_000_000))}`,
    };
  };
}

export async function insertDemoPeople(
  db: Db,
): Promise<{ positions: number; members: number; asn: number }> {
  const korwil = await db.select().from(korwilTable).orderBy(asc(korwilTable.ordinal));
  const kecamatan = await db
    .select({ code: region.code, name: region.name, korwilId: region.korwilId })
    .from(region)
    .where(eq(region.level, 'kecamatan'))
    .orderBy(asc(region.code));
  const person = demoPeople(3513);
  const deskRegion = '351300';
  const positions: NewDeskPosition[] = [
    {
      role: 'ketua',
      office: 'Sekretaris Daerah Kabupaten Probolinggo',
      ...pick(person(deskRegion)),
    },
    {
      role: 'sekretaris',
      office: 'Kepala Badan Kesatuan Bangsa dan Politik Kabupaten Probolinggo',
      ...pick(person(deskRegion)),
    },
    ...korwil.map((k) => ({
      role: 'ketua_korwil' as const,
      office: k.chair ?? 'Asisten Bupati',
      korwilId: k.id,
      ...pick(person(deskRegion)),
    })),
    ...kecamatan.map((k, i) => ({
      role: 'pembina' as const,
      office: `Kepala ${DEMO_PEMBINA_OFFICES[i % DEMO_PEMBINA_OFFICES.length] ?? 'Perangkat Daerah'}`,
      kecamatanCode: k.code,
      ...pick(person(deskRegion)),
    })),
  ];
  await insertDeskPositions(db, positions);

  const members: NewMember[] = [];
  for (const k of kecamatan) {
    for (let seat = 0; seat < 5; seat += 1) {
      const p = person(k.code.replace(/\./g, '').slice(0, 6));
      members.push({
        body: 'ppk',
        position: seat === 0 ? 'ketua' : 'anggota',
        regionCode: k.code,
        kecamatanCode: k.code,
        name: p.name,
        nik: p.nik,
        phone: p.phone,
        swornInOn: '2024-05-15',
        codeToken: codeToken(),
      });
    }
  }
  await insertMembers(db, members);

  const event = await insertEvent(db, {
    name: DEMO_BIMTEK.name,
    body: DEMO_BIMTEK.body,
    startsOn: DEMO_BIMTEK.startsOn,
    endsOn: DEMO_BIMTEK.endsOn,
    venue: DEMO_BIMTEK.venue,
    organiser: DEMO_BIMTEK.organiser,
  });
  for (const w of DEMO_BIMTEK.waves) {
    const k = korwil.find((row) => row.name === w.korwil);
    const codes = kecamatan
      .filter((c) => k !== undefined && c.korwilId === k.id)
      .map((c) => c.code);
    if (codes.length === 0) continue;
    await insertWave(
      db,
      { eventId: event.id, name: w.name, startsOn: w.day, endsOn: w.day, venue: null },
      codes,
    );
  }
  for (const s of DEMO_BIMTEK.sessions)
    await insertSession(db, { eventId: event.id, waveId: null, ...s });

  // ASN register: ten civil servants per kecamatan, at TPS 1 of its first desa (Ngadisari for Sukapura).
  const firstTps = await db
    .select({ id: tps.id, desaCode: tps.desaCode })
    .from(tps)
    .where(eq(tps.number, 1))
    .orderBy(asc(tps.desaCode));
  const asnRows: (typeof asn.$inferInsert)[] = [];
  for (const [i, k] of kecamatan.entries()) {
    const at = firstTps.find((t) => t.desaCode.startsWith(`${k.code}.`));
    if (at === undefined) continue;
    for (let n = 0; n < 10; n += 1) {
      const p = person(deskRegion);
      asnRows.push({
        nip: p.nip,
        name: p.name,
        office: DEMO_PEMBINA_OFFICES[(i + n) % DEMO_PEMBINA_OFFICES.length] ?? 'Sekretariat Daerah',
        phone: p.phone,
        tpsId: at.id,
      });
    }
  }
  if (asnRows.length > 0) await db.insert(asn).values(asnRows);
  return { positions: positions.length, members: members.length, asn: asnRows.length };
}

const pick = (p: { name: string; nip: string; phone: string }) => ({
  name: p.name,
  nip: p.nip,
  phone: p.phone,
});
