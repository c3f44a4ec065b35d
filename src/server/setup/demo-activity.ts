/**
 * A little of everything the Bupati's dashboard shows, for the demo: voters
 * and their coklit records in a few desa, open field problems across the
 * Korwil (some overdue), C.Hasil for a sample of TPS, and a PPK Bimtek with
 * attendance. Lean on purpose (a few thousand rows), deterministic, and kept
 * away from Korwil I (Sukapura) where the browser tests write their own —
 * except a few TPS of Sukapura outside Ngadisari and Wonotoro with photos of
 * their forms, for the PPK's demo account to verify (`DEMO_PPK_WORK`).
 */
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import { formatSticker } from '../../domain/voters/household.ts';
import { composeNik } from '../../domain/voters/nik.ts';
import { tallyKeys } from '../../domain/voters/tally.ts';
import {
  addToDesaDelta,
  contributionOf,
  emptyDesaDelta,
  recordTurnout,
} from '../results/results.rollup.ts';
import { consistentForm } from '../results/form-fixture.ts';
import type { Db } from '../db/connection.ts';
import {
  coklitHousehold,
  adhocMember,
  candidatePair,
  contest,
  problem,
  problemEvent,
  region,
  resultCurrent,
  resultSubmission,
  tps,
  voter,
  voterEvent,
} from '../db/schema.ts';
import { HOUSEHOLD_KEY } from '../voters/households.ts';
import { addTallies } from '../voters/voters.repository.ts';
import { COKLIT_REOPEN_SETTING } from '../voters/voters.service.ts';
import { writeSetting } from '../settings/settings.repository.ts';
import { compileList } from '../voters/voters.lists.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { writeSubmission } from '../results/results.repository.ts';
import { submissionAuditAfter } from '../results/results.form-hash.ts';
import { appendAuditBatch, type AuditEntry } from '../audit/audit.service.ts';
import { insertDemoFormPhoto } from './demo-photos.ts';
import {
  insertEvent as insertBimtekEvent,
  insertWave,
  markPresent,
  upsertScores,
} from '../people/bimtek.repository.ts';

/** A small deterministic generator (mulberry32), so the demo is the same every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Kecamatan with voters in the demo and the share of them visited by the Pantarlih. */
export const DEMO_COKLIT: readonly {
  kecamatan: string;
  desa: number;
  share: number;
  /** Voters per TPS (DEMO_VOTERS_PER_TPS when not given). */
  perTps?: number;
}[] = [
  { kecamatan: 'Kraksaan', desa: 2, share: 0.94 },
  { kecamatan: 'Paiton', desa: 2, share: 0.81 },
  { kecamatan: 'Dringu', desa: 2, share: 0.63 },
  { kecamatan: 'Leces', desa: 2, share: 0.38 },
  // The demo Pantarlih's desa (Ngadisari, TPS 001 and 002): voters not yet
  // visited, so the Pantarlih has work on first start (issue 20 item 6).
  { kecamatan: 'Sukapura', desa: 1, share: 0, perTps: 150 },
];
export const DEMO_VOTERS_PER_TPS = 24;
/** The demo's coklit window stays open until this day (see openDemoCoklit). */
export const DEMO_COKLIT_OPEN_UNTIL = '2099-12-31';
/** Desa whose coklit reached this share have their DPS compiled in the demo. */
export const DEMO_DPS_FROM_SHARE = 0.8;
const DEMO_DPS_COMPILED_AT = new Date('2024-07-30T03:00:00.000Z');

/** Kecamatan whose first TPS have sent C.Hasil in the demo. */
export const DEMO_RESULTS: readonly { kecamatan: string; tps: number }[] = [
  { kecamatan: 'Kraksaan', tps: 14 },
  { kecamatan: 'Paiton', tps: 12 },
  { kecamatan: 'Gading', tps: 10 },
  { kecamatan: 'Dringu', tps: 12 },
  { kecamatan: 'Maron', tps: 10 },
  { kecamatan: 'Leces', tps: 8 },
];

/**
 * The PPK Sukapura's work in the demo: C.Hasil with form photos at the first
 * TPS of Sukapura after its first `skipDesa` desa (Ngadisari and Wonotoro,
 * where the browser tests enter their own), some verified, one returned, the
 * rest waiting.
 */
export const DEMO_PPK_WORK = { kecamatan: 'Sukapura', skipDesa: 2, tps: 8 } as const;
/** The demo PPK's status for its i-th TPS: verified, returned or waiting. */
function ppkWorkStatus(i: number): 'verified' | 'returned' | 'submitted' {
  if (i % 4 === 0) return 'verified';
  return i === 1 ? 'returned' : 'submitted';
}

const FIRST_NAMES = [
  'Ahmad',
  'Siti',
  'Moh.',
  'Nur',
  'Abdul',
  'Sri',
  'Hasan',
  'Dewi',
  'Rudi',
  'Lilis',
];
const LAST_NAMES = [
  'Hidayat',
  'Rahmawati',
  'Sholeh',
  'Aisyah',
  'Ghofur',
  'Wahyuni',
  'Basri',
  'Fauzi',
];

async function kecamatanCodes(
  db: Db,
): Promise<Map<string, { code: string; korwilId: number | null }>> {
  const rows = await db
    .select({ code: region.code, name: region.name, korwilId: region.korwilId })
    .from(region)
    .where(eq(region.level, 'kecamatan'));
  return new Map(rows.map((r) => [r.name.toLowerCase(), { code: r.code, korwilId: r.korwilId }]));
}

async function tpsOfKecamatan(db: Db, code: string) {
  return db
    .select({ id: tps.id, desaCode: tps.desaCode, number: tps.number, voters: tps.voters })
    .from(tps)
    .where(and(like(tps.desaCode, `${code}.%`), eq(tps.status, 'aktif')))
    .orderBy(asc(tps.desaCode), asc(tps.number));
}

// ---------------------------------------------------------------- voters and coklit

/**
 * A well-formed NKK (kecamatan, a registration date in 2015, a serial that is
 * never 0000), one per voter: a U of a demo voter is judged like any other.
 */
export function demoNkk(prefix: string, serial: number): string {
  const day = String(1 + (serial % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(serial / 28) % 12)).padStart(2, '0');
  return `${prefix}${day}${month}15${String(1 + (serial % 9999)).padStart(4, '0')}`;
}

async function insertDemoVoters(db: Db): Promise<number> {
  const kec = await kecamatanCodes(db);
  const rnd = random(3513);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  let serial = 0;
  let total = 0;
  for (const plan of DEMO_COKLIT) {
    const k = kec.get(plan.kecamatan.toLowerCase());
    if (k === undefined) continue;
    const all = await tpsOfKecamatan(db, k.code);
    const desa = [...new Set(all.map((t) => t.desaCode))].slice(0, plan.desa);
    const places = all.filter((t) => desa.includes(t.desaCode));
    const prefix = k.code.replaceAll('.', '');
    const rows: (typeof voter.$inferInsert)[] = [];
    for (const t of places) {
      for (let i = 0; i < (plan.perTps ?? DEMO_VOTERS_PER_TPS); i++) {
        serial += 1;
        const sex = rnd() < 0.5 ? 'L' : 'P';
        const year = 1950 + Math.floor(rnd() * 55);
        const birth = `${String(year)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
        rows.push({
          nik: composeNik(prefix, birth, sex, 5000 + (serial % 4000)),
          nkk: demoNkk(prefix, serial),
          name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)}`,
          birthPlace: 'Probolinggo',
          birthDate: birth,
          marital: year < 2000 ? 'S' : 'B',
          sex,
          address: `Dusun Krajan ${String(1 + (i % 4))}`,
          rt: String(1 + (i % 6)).padStart(3, '0'),
          rw: String(1 + (i % 3)).padStart(3, '0'),
          ktpEl: 'S',
          desaCode: t.desaCode,
          tpsId: t.id,
          source: 'dp4',
        });
      }
    }
    const stored: { id: number; tpsId: number; sex: 'L' | 'P'; nkk: string; address: string }[] =
      [];
    for (let i = 0; i < rows.length; i += 500) {
      stored.push(
        ...(await db
          .insert(voter)
          .values(rows.slice(i, i + 500))
          .onConflictDoNothing()
          .returning({
            id: voter.id,
            tpsId: voter.tpsId,
            sex: voter.sex,
            nkk: voter.nkk,
            address: voter.address,
          })),
      );
    }
    total += stored.length;
    // Coklit: the given share visited, spread over the coklit stage (24 June – 24 July 2024).
    const events: (typeof voterEvent.$inferInsert)[] = [];
    const tally = new Map<string, { tpsId: number; key: string; delta: number }>();
    const add = (tpsId: number, key: string) => {
      const id = `${String(tpsId)}|${key}`;
      const cur = tally.get(id) ?? { tpsId, key, delta: 0 };
      tally.set(id, { ...cur, delta: cur.delta + 1 });
    };
    const visitedIds: {
      id: number;
      status: 'MS' | 'U' | 'TMS';
      tmsCode: number | null;
      at: string;
    }[] = [];
    for (const v of stored) {
      const visited = rnd() < plan.share;
      const r = rnd();
      const status = !visited ? null : r < 0.86 ? 'MS' : r < 0.95 ? 'U' : 'TMS';
      const tmsCode = status === 'TMS' ? pick([1, 2, 3, 5]) : null;
      for (const key of tallyKeys({ source: 'dp4', status, tmsCode, sex: v.sex }))
        add(v.tpsId, key);
      if (status === null) continue;
      const day = 24 + Math.floor(rnd() * 30);
      const at = new Date(
        Date.UTC(2024, 5, day, 1 + Math.floor(rnd() * 8), Math.floor(rnd() * 60)),
      ).toISOString();
      visitedIds.push({ id: v.id, status, tmsCode, at });
      events.push({
        voterId: v.id,
        kind: status,
        tmsCode,
        // The shape coklit stores (domain/voters/stored-changes.ts): a list of field changes.
        changes:
          status === 'U' ? [{ field: 'address', old: v.address, new: `${v.address} Baru` }] : [],
        reason: status === 'U' ? 'Pindah alamat dalam desa' : null,
        tpsId: v.tpsId,
        byUsername: 'pantarlih (demo)',
        at,
      });
    }
    // Households visited, numbered per TPS in the order of their first visit (one NKK per voter here).
    const nkkOf = new Map(stored.map((v) => [v.id, v.nkk]));
    const tpsNumber = new Map(places.map((t) => [t.id, t]));
    const firstVisits = new Map<string, { tpsId: number; nkk: string; at: string }>();
    for (const e of [...events].sort((a, b) => (a.at < b.at ? -1 : 1))) {
      const nkk = nkkOf.get(e.voterId) ?? '';
      const key = `${String(e.tpsId)}|${nkk}`;
      if (!firstVisits.has(key)) firstVisits.set(key, { tpsId: e.tpsId, nkk, at: e.at });
    }
    const sequence = new Map<number, number>();
    const households = [...firstVisits.values()].map((h) => {
      const n = (sequence.get(h.tpsId) ?? 0) + 1;
      sequence.set(h.tpsId, n);
      const t = tpsNumber.get(h.tpsId);
      add(h.tpsId, HOUSEHOLD_KEY);
      return {
        tpsId: h.tpsId,
        nkk: h.nkk,
        sequence: n,
        sticker: formatSticker(t?.desaCode ?? '', t?.number ?? 0, n),
        firstVisitAt: h.at,
        byUsername: 'pantarlih (demo)',
      };
    });
    const householdIds = new Map<string, { id: number; sticker: string }>();
    for (let i = 0; i < households.length; i += 500) {
      for (const h of await db
        .insert(coklitHousehold)
        .values(households.slice(i, i + 500))
        .returning({
          id: coklitHousehold.id,
          tpsId: coklitHousehold.tpsId,
          nkk: coklitHousehold.nkk,
          sticker: coklitHousehold.sticker,
        })) {
        householdIds.set(`${String(h.tpsId)}|${h.nkk}`, { id: h.id, sticker: h.sticker });
      }
    }
    for (const e of events) {
      const h = householdIds.get(`${String(e.tpsId)}|${nkkOf.get(e.voterId) ?? ''}`);
      e.householdId = h?.id ?? null;
      e.sticker = h?.sticker ?? null;
    }
    for (let i = 0; i < events.length; i += 500)
      await db.insert(voterEvent).values(events.slice(i, i + 500));
    for (const s of ['MS', 'U', 'TMS'] as const) {
      const ids = visitedIds.filter((v) => v.status === s);
      for (let i = 0; i < ids.length; i += 1000) {
        await db
          .update(voter)
          .set({ coklitStatus: s, coklitAt: '2024-07-10T03:00:00.000Z' })
          .where(
            inArray(
              voter.id,
              ids.slice(i, i + 1000).map((v) => v.id),
            ),
          );
      }
    }
    // A U record changed the address: the voter row holds the new one.
    const changed = visitedIds.filter((v) => v.status === 'U').map((v) => v.id);
    for (let i = 0; i < changed.length; i += 1000) {
      await db
        .update(voter)
        .set({ address: sql`${voter.address} || ' Baru'` })
        .where(inArray(voter.id, changed.slice(i, i + 1000)));
    }
    for (const v of visitedIds.filter((x) => x.tmsCode !== null)) {
      await db.update(voter).set({ tmsCode: v.tmsCode }).where(eq(voter.id, v.id));
    }
    await addTallies(db, [...tally.values()]);
    // Where coklit is nearly done the PPS has compiled the DPS, so the desa's
    // lists, recap and the public tanggapan form have something to show.
    if (plan.share >= DEMO_DPS_FROM_SHARE) {
      for (const d of desa) {
        const compiled = await compileList(db, SYSTEM_ACTOR, d, 'dps', DEMO_DPS_COMPILED_AT);
        if (!compiled.ok) throw new Error(`demo DPS of ${d}: ${compiled.error.message}`);
      }
    }
  }
  return total;
}

// ---------------------------------------------------------------- problems

const HOUR = 3_600_000;

export const DEMO_PROBLEMS: readonly {
  kecamatan: string;
  category: string;
  severity: 'rendah' | 'sedang' | 'tinggi' | 'darurat';
  status: 'baru' | 'diterima' | 'ditangani' | 'diteruskan';
  hoursAgo: number;
  description: string;
}[] = [
  {
    kecamatan: 'Kraksaan',
    category: 'logistik',
    severity: 'darurat',
    status: 'baru',
    hoursAgo: 5,
    description: 'Surat suara Pilbup untuk dua TPS kurang 150 lembar.',
  },
  {
    kecamatan: 'Paiton',
    category: 'keamanan',
    severity: 'tinggi',
    status: 'diterima',
    hoursAgo: 30,
    description: 'Keributan antarpendukung di depan posko pemenangan.',
  },
  {
    kecamatan: 'Gading',
    category: 'bencana_cuaca',
    severity: 'tinggi',
    status: 'ditangani',
    hoursAgo: 20,
    description: 'Akses jalan ke dusun terputus longsor; logistik perlu jalur lain.',
  },
  {
    kecamatan: 'Krucil',
    category: 'data_pemilih',
    severity: 'sedang',
    status: 'baru',
    hoursAgo: 50,
    description: 'Warga pindahan belum tercatat di daftar pemilih sementara.',
  },
  {
    kecamatan: 'Dringu',
    category: 'politik_uang',
    severity: 'tinggi',
    status: 'diteruskan',
    hoursAgo: 60,
    description: 'Dugaan pembagian uang menjelang masa tenang.',
  },
  {
    kecamatan: 'Maron',
    category: 'tps_akses',
    severity: 'sedang',
    status: 'diterima',
    hoursAgo: 100,
    description: 'Lokasi TPS di lantai dua, sulit dijangkau pemilih disabilitas.',
  },
  {
    kecamatan: 'Leces',
    category: 'kampanye',
    severity: 'rendah',
    status: 'baru',
    hoursAgo: 10,
    description: 'Alat peraga kampanye terpasang di pohon pinggir jalan.',
  },
  {
    kecamatan: 'Gending',
    category: 'logistik',
    severity: 'sedang',
    status: 'ditangani',
    hoursAgo: 170,
    description: 'Kotak suara cadangan belum diterima PPK.',
  },
  {
    kecamatan: 'Lumbang',
    category: 'keamanan',
    severity: 'rendah',
    status: 'diterima',
    hoursAgo: 80,
    description: 'Penerangan di sekitar gudang logistik kecamatan kurang.',
  },
  {
    kecamatan: 'Tongas',
    category: 'data_pemilih',
    severity: 'rendah',
    status: 'baru',
    hoursAgo: 200,
    description: 'Nama pemilih ganda di dua TPS berdekatan.',
  },
  {
    kecamatan: 'Besuk',
    category: 'kampanye',
    severity: 'sedang',
    status: 'baru',
    hoursAgo: 3,
    description: 'Kampanye di lingkungan sekolah pada jam pelajaran.',
  },
  {
    kecamatan: 'Tiris',
    category: 'bencana_cuaca',
    severity: 'darurat',
    status: 'diterima',
    hoursAgo: 2,
    description: 'Hujan deras, atap balai desa tempat TPS bocor.',
  },
];

async function insertDemoProblems(db: Db, now: Date): Promise<number> {
  const kec = await kecamatanCodes(db);
  let n = 0;
  for (const [i, p] of DEMO_PROBLEMS.entries()) {
    const k = kec.get(p.kecamatan.toLowerCase());
    if (k === undefined) continue;
    const reportedAt = new Date(now.getTime() - p.hoursAgo * HOUR);
    const updatedAt = new Date(reportedAt.getTime() + (p.status === 'baru' ? 0 : HOUR / 2));
    const [row] = await db
      .insert(problem)
      .values({
        trackingCode: `LP-DEMO-${String(i + 1).padStart(4, '0')}`,
        source: 'petugas',
        category: p.category,
        severity: p.severity,
        status: p.status,
        kecamatanCode: k.code,
        occurredAt: new Date(reportedAt.getTime() - HOUR),
        description: p.description,
        reporterName: `Pembina Kecamatan ${p.kecamatan}`,
        currentAgency: p.status === 'diteruskan' ? 'bawaslu' : null,
        reportedAt,
        updatedAt,
      })
      .returning({ id: problem.id });
    if (row === undefined) continue;
    n += 1;
    await db.insert(problemEvent).values({
      problemId: row.id,
      kind: 'dilaporkan',
      toStatus: 'baru',
      actorName: `Pembina Kecamatan ${p.kecamatan}`,
      at: reportedAt,
    });
    if (p.status !== 'baru')
      await db.insert(problemEvent).values({
        problemId: row.id,
        kind: 'status',
        fromStatus: 'baru',
        toStatus: p.status,
        actorName: 'Sekretariat Desk Pilkada',
        at: updatedAt,
      });
  }
  return n;
}

// ---------------------------------------------------------------- results

async function insertDemoResults(db: Db): Promise<number> {
  const kec = await kecamatanCodes(db);
  const contests = await db.select().from(contest).orderBy(asc(contest.id));
  const pairs = await db.select().from(candidatePair).orderBy(asc(candidatePair.id));
  const rnd = random(2711);
  let n = 0;
  // Each version is audited as the application audits a submission, so
  // `results verify` finds every demo form vouched for by the chain.
  const audits: AuditEntry[] = [];
  const plans = [
    ...DEMO_RESULTS.map((plan) => ({ plan, ppkWork: false })),
    { plan: DEMO_PPK_WORK, ppkWork: true },
  ];
  const photos: { tpsId: number; contestId: number; by: string }[] = [];
  for (const { plan, ppkWork } of plans) {
    const k = kec.get(plan.kecamatan.toLowerCase());
    if (k === undefined) continue;
    let all = await tpsOfKecamatan(db, k.code);
    if (ppkWork) {
      const skipped = [...new Set(all.map((t) => t.desaCode))].slice(0, DEMO_PPK_WORK.skipDesa);
      all = all.filter((t) => !skipped.includes(t.desaCode));
    }
    const places = all.slice(0, plan.tps);
    for (const [i, t] of places.entries()) {
      for (const c of contests) {
        const selections = pairs.filter((p) => p.contestId === c.id);
        const dpt = t.voters;
        const voted = Math.floor(dpt * (0.62 + rnd() * 0.2));
        const invalid = Math.floor(voted * (0.01 + rnd() * 0.03));
        // Weights differ by kecamatan so the chart has something to say.
        const weights = selections.map(
          (_s, i) => 1 + rnd() + (i === k.code.charCodeAt(7) % selections.length ? 0.8 : 0),
        );
        const sum = weights.reduce((a, w) => a + w, 0);
        const valid = voted - invalid;
        let left = valid;
        const votes = selections.map((s, i) => {
          const v =
            i === selections.length - 1 ? left : Math.floor((valid * (weights[i] ?? 1)) / sum);
          left -= v;
          return { selectionId: s.id, votes: v };
        });
        const form = consistentForm({ dpt, votes, invalid });
        const status = ppkWork ? ppkWorkStatus(i) : rnd() < 0.6 ? 'verified' : 'submitted';
        const verified = status === 'verified';
        const registered = form.registered.total.total;
        const submittedByName = `KPPS ${String(t.number).padStart(3, '0')} (demo)`;
        const desaDelta = emptyDesaDelta(c.id, t.desaCode);
        addToDesaDelta(
          desaDelta,
          contributionOf({
            registered,
            voted: form.total,
            valid: form.valid,
            invalid: form.invalid,
            verified,
            votes,
          }),
        );
        recordTurnout(desaDelta, t.id, { registered, voted: form.total });
        await writeSubmission(
          db,
          {
            clientId: `demo-${String(t.id)}-${String(c.id)}`,
            tpsId: t.id,
            contestId: c.id,
            version: 1,
            form,
            registered,
            voted: form.total,
            valid: form.valid,
            invalid: form.invalid,
            reason: null,
            anomalies: [],
            submittedBy: null,
            submittedByName,
          },
          false,
          desaDelta,
        );
        audits.push({
          actor: {
            userId: null,
            username: submittedByName,
            role: 'kpps',
            scope: null,
            address: null,
          },
          action: 'result.submit',
          outcome: 'ok',
          targetType: 'tps',
          targetId: t.id,
          after: submissionAuditAfter(c.id, 1, form, null),
        });
        if (status !== 'submitted')
          await db
            .update(resultCurrent)
            .set({
              status,
              statusBy: `PPK ${plan.kecamatan} (demo)`,
              statusNote:
                status === 'returned'
                  ? 'Angka suara sah tidak terbaca di foto; kirim foto yang lebih jelas.'
                  : null,
              statusAt: new Date(),
              wasVerified: verified,
            })
            .where(and(eq(resultCurrent.tpsId, t.id), eq(resultCurrent.contestId, c.id)));
        if (ppkWork) photos.push({ tpsId: t.id, contestId: c.id, by: submittedByName });
        n += 1;
      }
    }
  }
  await appendAuditBatch(db, audits);
  // They arrived on voting night (27 November 2024, from 14.00 WIB), not when the demo was loaded.
  await db
    .update(resultSubmission)
    .set({
      submittedAt: sql`timestamptz '2024-11-27 07:00:00+00' + (${resultSubmission.id} % 360) * interval '1 minute'`,
    })
    .where(like(resultSubmission.clientId, 'demo-%'));
  await db
    .update(resultCurrent)
    .set({ statusAt: new Date('2024-11-27T15:00:00Z') })
    .where(inArray(resultCurrent.status, ['verified', 'returned']));
  // Photos of the signed forms, after the figures they show are stored.
  for (const p of photos) await insertDemoFormPhoto(db, p.tpsId, p.contestId, p.by);
  return n;
}

// ---------------------------------------------------------------- a PPK Bimtek

export const DEMO_PPK_BIMTEK = {
  name: 'Bimtek Tata Kerja PPK Pilkada 2024',
  startsOn: '2024-05-20',
  endsOn: '2024-05-21',
  venue: 'Pendopo Kabupaten Probolinggo',
  organiser: 'KPU Kabupaten Probolinggo',
} as const;

async function insertDemoPpkBimtek(db: Db): Promise<number> {
  const kecamatan = await db
    .select({ code: region.code })
    .from(region)
    .where(eq(region.level, 'kecamatan'))
    .orderBy(asc(region.code));
  const event = await insertBimtekEvent(db, { ...DEMO_PPK_BIMTEK, body: 'ppk' });
  const wave = await insertWave(
    db,
    {
      eventId: event.id,
      name: 'Gelombang tunggal',
      startsOn: DEMO_PPK_BIMTEK.startsOn,
      endsOn: DEMO_PPK_BIMTEK.endsOn,
      venue: null,
    },
    kecamatan.map((k) => k.code),
  );
  const members = await db
    .select({ id: adhocMember.id })
    .from(adhocMember)
    .where(eq(adhocMember.body, 'ppk'))
    .orderBy(asc(adhocMember.id));
  const rnd = random(520);
  const day1 = members.filter(() => rnd() < 0.96).map((m) => m.id);
  const day2 = day1.filter(() => rnd() < 0.93);
  await markPresent(db, wave.id, DEMO_PPK_BIMTEK.startsOn, day1, 'daftar');
  await markPresent(db, wave.id, DEMO_PPK_BIMTEK.endsOn, day2, 'daftar');
  await upsertScores(
    db,
    wave.id,
    day2.map((memberId) => ({
      memberId,
      preTest: 50 + Math.floor(rnd() * 30),
      postTest: 70 + Math.floor(rnd() * 30),
    })),
  );
  return members.length;
}

/**
 * The demo calendar is 2024's, so by date the coklit window is closed. The
 * demo opens it the way an admin would (the reopening setting, until
 * DEMO_COKLIT_OPEN_UNTIL), so the demo Pantarlih can record on first start;
 * the admin can change it on the Pemilih page. The results window needs
 * nothing: it is open from voting day (27 November 2024) on.
 */
async function openDemoCoklit(db: Db, now: Date): Promise<void> {
  await writeSetting(db, COKLIT_REOPEN_SETTING, {
    at: now.toISOString(),
    by: null,
    reason: 'Demo: masa coklit dibuka agar Pantarlih dapat mencoba coklit.',
    until: DEMO_COKLIT_OPEN_UNTIL,
  });
}

export async function insertDemoActivity(
  db: Db,
  now: Date = new Date(),
): Promise<{ voters: number; problems: number; results: number; ppkTrained: number }> {
  const voters = await insertDemoVoters(db);
  await openDemoCoklit(db, now);
  const problems = await insertDemoProblems(db, now);
  const results = await insertDemoResults(db);
  const ppkTrained = await insertDemoPpkBimtek(db);
  return { voters, problems, results, ppkTrained };
}
