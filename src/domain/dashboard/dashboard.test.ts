import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BimtekEvent } from '../people/people.schema.ts';
import type { ProblemListItem, ProblemTrend } from '../problems/problems.schema.ts';
import type { ResultsSummary } from '../results/results.schema.ts';
import type { StageCalendar } from '../stages/stage.schema.ts';
import type { Progress, ProgressCounts } from '../voters/voters.schema.ts';
import {
  barGeometry,
  columnGeometry,
  expectedShare,
  formatPersen,
  shapeDashboard,
  type DashboardInput,
} from './dashboard.ts';
import { activityLines, periodStart, reportNumber, shapeReport } from './report.ts';

const counts = (dp4: number, visited: number): ProgressCounts => ({
  dp4,
  visited,
  visitedPct: dp4 === 0 ? 0 : (visited / dp4) * 100,
  ms: visited,
  u: 0,
  tms: {},
  baru: 0,
  listed: visited,
  listedMen: 0,
  listedWomen: visited,
  households: 0,
  householdsWithPhoto: 0,
});

const calendar: StageCalendar = {
  today: '2024-07-09',
  stages: [
    {
      id: 1,
      kind: 'coklit',
      name: 'Coklit',
      startsOn: '2024-06-24',
      endsOn: '2024-07-24',
      notes: null,
      phase: 'berlangsung',
    },
    {
      id: 2,
      kind: 'dps',
      name: 'DPS',
      startsOn: '2024-07-25',
      endsOn: '2024-08-27',
      notes: null,
      phase: 'akan_datang',
    },
    {
      id: 3,
      kind: 'dp4',
      name: 'DP4',
      startsOn: '2024-05-01',
      endsOn: '2024-05-30',
      notes: null,
      phase: 'selesai',
    },
  ],
};

const trend: ProblemTrend = {
  days: [
    { day: '2024-07-08', reported: 2, closed: 0 },
    { day: '2024-07-09', reported: 1, closed: 1 },
  ],
};

function problem(over: Partial<ProblemListItem>): ProblemListItem {
  return {
    id: 1,
    trackingCode: 'LP-AAAA-BBBB',
    source: 'petugas',
    category: 'logistik',
    categoryLabel: 'Logistik',
    severity: 'sedang',
    status: 'baru',
    kecamatanCode: '35.13.01',
    kecamatanName: 'Sukapura',
    desaCode: null,
    desaName: null,
    tpsId: null,
    tpsNumber: null,
    korwilId: 1,
    korwilName: 'Korwil I',
    occurredAt: '2024-07-09T01:00:00Z',
    reportedAt: '2024-07-09T01:00:00Z',
    updatedAt: '2024-07-09T01:00:00Z',
    description: 'x',
    reporterName: null,
    assigneeName: null,
    currentAgency: null,
    overdue: null,
    ...over,
  };
}

const empty: DashboardInput = {
  now: new Date('2024-07-09T03:00:00Z'),
  today: '2024-07-09',
  regencyName: 'Kabupaten Probolinggo',
  calendar: { today: '2024-07-09', stages: [] },
  votingDay: '2024-11-27',
  progress: {
    code: '35.13',
    name: 'Probolinggo',
    level: 'regency',
    counts: counts(0, 0),
    children: [],
    flags: [],
    officers: [],
  },
  rosters: { bodies: [], kecamatan: [] },
  bimtek: [],
  problems: { open: [], trend: { days: [{ day: '2024-07-09', reported: 0, closed: 0 }] } },
  results: [],
};

describe('shapeDashboard', () => {
  it('says in words that a tile has nothing to show, never a row of zeros', () => {
    const d = shapeDashboard(empty);
    expect(d.stages).toMatchObject({
      state: 'kosong',
      lines: expect.arrayContaining(['Jadwal tahapan belum diisi.']) as string[],
    });
    expect(d.coklit?.state).toBe('kosong');
    expect(d.coklit?.lines[0]).toMatch(/Belum ada data pemilih/);
    expect(d.rosters?.lines).toEqual(['Belum ada anggota badan adhoc yang tercatat.']);
    expect(d.bimtek?.lines).toEqual(['Belum ada Bimtek yang dijadwalkan.']);
    expect(d.problems?.state).toBe('kosong');
    expect(d.results?.lines[0]).toBe(
      'Hasil penghitungan suara akan tampil mulai hari pemungutan suara, 27 November 2024.',
    );
    expect(d.risks).toEqual([]);
  });

  it('leaves out what the caller may not read', () => {
    const d = shapeDashboard({
      ...empty,
      progress: null,
      rosters: null,
      bimtek: null,
      problems: null,
      results: null,
    });
    expect([d.coklit, d.rosters, d.bimtek, d.problems, d.results]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('shapes stages, coklit, problems per severity and Korwil, and ranks the risks', () => {
    const progress: Progress = {
      code: '35.13',
      name: 'Probolinggo',
      level: 'regency',
      counts: counts(1000, 200),
      children: [
        { code: '35.13.01', name: 'Sukapura', counts: counts(500, 50) },
        { code: '35.13.02', name: 'Sumber', counts: counts(500, 150) },
        { code: '35.13.03', name: 'Kuripan', counts: counts(0, 0) },
      ],
      flags: [],
      officers: [],
    };
    const open = [
      problem({
        id: 7,
        severity: 'darurat',
        overdue: { kind: 'respond', dueAt: '', hoursLate: 3 },
      }),
      problem({ id: 8, severity: 'rendah', korwilId: 2, korwilName: 'Korwil II' }),
      problem({
        id: 9,
        severity: 'tinggi',
        korwilId: 2,
        korwilName: 'Korwil II',
        overdue: { kind: 'settle', dueAt: '', hoursLate: 10 },
        tpsNumber: 3,
        desaName: 'Ngadisari',
      }),
    ];
    const d = shapeDashboard({ ...empty, calendar, progress, problems: { open, trend } });
    expect(d.stages.current).toEqual([
      { name: 'Coklit', startsOn: '2024-06-24', endsOn: '2024-07-24', daysLeft: 15 },
    ]);
    expect(d.stages.next).toEqual({ name: 'DPS', startsOn: '2024-07-25', daysUntil: 16 });
    expect(d.stages.lines[0]).toBe('1 dari 3 tahapan telah selesai.');
    expect(d.coklit?.byKecamatan).toEqual([
      { code: '35.13.01', label: 'Sukapura', values: [0.1] },
      { code: '35.13.02', label: 'Sumber', values: [0.3] },
    ]);
    expect(d.problems?.bySeverity.map((s) => [s.severity, s.open])).toEqual([
      ['darurat', 1],
      ['tinggi', 1],
      ['sedang', 0],
      ['rendah', 1],
    ]);
    expect(d.problems?.byKorwil).toEqual([
      { korwilId: 1, name: 'Korwil I', open: 1, overdue: 1 },
      { korwilId: 2, name: 'Korwil II', open: 2, overdue: 1 },
    ]);
    expect(d.problems?.overdueItems.map((o) => [o.id, o.place])).toEqual([
      [9, 'TPS 003 Ngadisari, Kec. Sukapura'],
      [7, 'Kec. Sukapura'],
    ]);
    // 16 of 31 days gone: about half expected, 20 % done → behind; the emergency comes first.
    expect(d.risks.map((r) => r.level)).toEqual(['tinggi', 'tinggi', 'sedang']);
    expect(d.risks[0]?.text).toBe('1 masalah darurat masih terbuka.');
    expect(d.risks[1]?.text).toBe(
      '2 masalah melewati batas waktu tanggapan (Korwil I 1, Korwil II 1).',
    );
    expect(d.risks[2]?.text).toBe(
      'Coklit baru 20,0 % dari target 52 % per hari ini; paling tertinggal: Sukapura 10 %, Sumber 30 %.',
    );
  });

  it('shapes results per contest with shares per kecamatan', () => {
    const level = (code: string, reported: number, votes: [number, number]) => ({
      code,
      name: code,
      level: 'kecamatan' as const,
      tpsTotal: 10,
      reported,
      verified: 0,
      registered: 0,
      voted: 0,
      turnout: null,
      valid: votes[0] + votes[1],
      invalid: 0,
      votes: [
        { selectionId: 4, votes: votes[0], share: votes[0] / (votes[0] + votes[1] || 1) },
        { selectionId: 5, votes: votes[1], share: votes[1] / (votes[0] + votes[1] || 1) },
      ],
      leader: null,
    });
    const summary: ResultsSummary = {
      contest: {
        id: 2,
        name: 'Pilbup',
        selections: [
          { id: 4, label: 'Paslon 01', ballotNumber: 1 },
          { id: 5, label: 'Paslon 02', ballotNumber: 2 },
        ],
      },
      region: { ...level('35.13', 2, [60, 40]), level: 'regency', tpsTotal: 20 },
      korwilId: null,
      path: [],
      korwil: [],
      children: [level('35.13.01', 2, [60, 40]), level('35.13.02', 0, [0, 0])],
      notice: '',
    };
    const d = shapeDashboard({ ...empty, today: '2024-11-27', results: [summary] });
    expect(d.results?.state).toBe('ada');
    expect(d.results?.lines[0]).toBe(
      'Pilbup: 2 dari 20 TPS hasilnya diterima (10,0 %), 0 terverifikasi; suara sah 100, terbanyak Paslon 01 60,0 %.',
    );
    expect(d.results?.contests[0]?.byKecamatan).toEqual([
      { code: '35.13.01', label: '35.13.01', values: [0.6, 0.4] },
    ]);
    expect(d.risks.map((r) => r.text)).toEqual(['Pilbup: 18 TPS belum mengirim C.Hasil.']);
  });

  it('counts Bimtek members whose roster is still empty in words', () => {
    const event = {
      id: 3,
      name: 'Bimtek PPS',
      body: 'pps',
      recap: {
        members: 0,
        uninvited: 0,
        invited: 0,
        trained: 0,
        partial: 0,
        absent: 0,
        preTestMean: null,
        postTestMean: null,
      },
    } as unknown as BimtekEvent;
    const d = shapeDashboard({ ...empty, bimtek: [event] });
    expect(d.bimtek?.state).toBe('kosong');
    expect(d.bimtek?.lines[0]).toBe(
      'Bimtek PPS: daftar anggota PPS belum diisi, peserta belum dapat dihitung.',
    );
  });
});

describe('expectedShare', () => {
  it('runs from the first day to the whole at the last day and stays in 0..1', () => {
    expect(expectedShare('2024-06-24', '2024-07-24', '2024-06-24')).toBeCloseTo(1 / 31);
    expect(expectedShare('2024-06-24', '2024-07-24', '2024-07-24')).toBe(1);
    expect(expectedShare('2024-06-24', '2024-07-24', '2025-01-01')).toBe(1);
    expect(expectedShare('2024-06-24', '2024-07-24', '2024-01-01')).toBe(0);
  });
});

describe('chart geometry', () => {
  it('keeps every bar inside the plot and the longest row full', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            label: fc.string(),
            values: fc.array(fc.double({ min: -10, max: 1e6, noNaN: true }), {
              minLength: 1,
              maxLength: 4,
            }),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (rows) => {
          const g = barGeometry(rows);
          for (const r of g.rows)
            for (const s of r.segments) {
              expect(s.x).toBeGreaterThanOrEqual(0);
              expect(s.w).toBeGreaterThanOrEqual(0);
              expect(s.x + s.w).toBeLessThanOrEqual(1 + 1e-9);
            }
          if (g.max > 0) {
            const widest = Math.max(...g.rows.map((r) => r.segments.reduce((a, s) => a + s.w, 0)));
            expect(widest).toBeCloseTo(1);
          }
        },
      ),
    );
  });

  it('scales shares against a fixed maximum and columns against the tallest', () => {
    expect(barGeometry([{ label: 'a', values: [0.25, 0.5] }], 1).rows[0]?.segments).toEqual([
      { x: 0, w: 0.25, series: 0 },
      { x: 0.25, w: 0.5, series: 1 },
    ]);
    const c = columnGeometry([
      { label: '01', values: [4, 2] },
      { label: '02', values: [0, 1] },
    ]);
    expect(c.max).toBe(4);
    expect(c.columns.map((x) => x.h)).toEqual([1, 0.5, 0, 0.25]);
    expect(c.columns.every((x) => x.x >= 0 && x.x + x.w <= 1)).toBe(true);
    expect(columnGeometry([{ label: '01', values: [0, 0] }]).columns.every((x) => x.h === 0)).toBe(
      true,
    );
  });
});

describe('reports', () => {
  it('numbers per kind, month and year', () => {
    expect(reportNumber(7, 'harian', '2024-11-27')).toBe('007/LH-DP/XI/2024');
    expect(reportNumber(12, 'mingguan', '2025-01-05')).toBe('012/LM-DP/I/2025');
    expect(periodStart('mingguan', '2024-12-01')).toBe('2024-11-25');
    expect(periodStart('harian', '2024-12-01')).toBe('2024-12-01');
    expect(formatPersen(0.4567)).toBe('45,7 %');
  });

  it('says a past day without records has no data, and keeps today even when quiet', () => {
    const d = shapeDashboard({ ...empty, calendar });
    const none = { problemsReported: 0, problemsClosed: 0, coklitRecords: 0, resultsReceived: 0 };
    const meta = {
      kind: 'harian' as const,
      date: '2024-03-01',
      today: '2024-07-09',
      sequence: 3,
      generatedAtLabel: '9 Juli 2024 pukul 10.00 WIB',
      signer: { name: 'Ugas Irwanto', nip: '196801011990031001' },
    };
    const past = shapeReport(d, none, meta);
    expect(past.hasData).toBe(false);
    expect(past.sections.map((s) => s.title)).toEqual(['Keterangan']);
    expect(past.sections[0]?.lines[0]).toMatch(/^Tidak ada data untuk tanggal 1 Maret 2024/);
    expect(past.number).toBe('Nomor: 003/LH-DP/III/2024');
    const today = shapeReport(d, none, { ...meta, date: '2024-07-09' });
    expect(today.hasData).toBe(true);
    expect(today.sections[0]?.lines[0]).toMatch(
      /^Tidak ada kegiatan tercatat pada tanggal 9 Juli 2024/,
    );
    expect(today.signer).toEqual({
      position: 'Ketua Desk Pilkada Kabupaten Probolinggo',
      name: 'Ugas Irwanto',
      nip: '196801011990031001',
    });
    expect(today.place).toBe('Probolinggo');
    const busy = shapeReport(d, { ...none, coklitRecords: 1200 }, meta);
    expect(busy.hasData).toBe(true);
  });

  it('words each kind of activity, naming the missing ones', () => {
    expect(
      activityLines(
        { problemsReported: 3, problemsClosed: 0, coklitRecords: 1500, resultsReceived: 0 },
        'hari ini',
      ),
    ).toEqual([
      'Laporan masalah: 3 masuk, tidak ada ditutup.',
      'Coklit: 1.500 catatan pencocokan dan penelitian.',
      'Hasil penghitungan: tidak ada C.Hasil diterima.',
    ]);
  });
});
