/**
 * NIST SP 1500-100 v2 export: every report validates against the official
 * JSON schema (draft-04, with ajv-draft-04 + ajv-formats), its @ids are unique
 * and every reference resolves to an object of a type the schema's `refTypes`
 * allows, and the desa/kecamatan/regency totals are the sums of their TPS.
 */
import { describe, expect, it } from 'vitest';
import { toNistElectionReport, type NistSnapshot } from './nist.ts';
import { existsSync } from 'node:fs';
import {
  example,
  readStandard,
  referenceCheck,
  schemaErrors,
  SHARED_STANDARD_DIR,
} from './nist-validate.ts';
import {
  kolomKosongSnapshot,
  threePairCompleteSnapshot,
  threePairSnapshot,
} from './nist-fixture.ts';

// ---------------------------------------------------------------------------
// The parts of a report the assertions read (cast only after validation).

interface Text {
  Text: { Content: string; Language: string }[];
}
interface ExternalId {
  Type: string;
  OtherType?: string;
  Value: string;
}
interface Status {
  Type: string;
  OtherType?: string;
  Status: string;
}
interface Unit {
  '@id': string;
  Type: string;
  OtherType?: string;
  Name: Text;
  Number?: string;
  IsMailOnly?: boolean;
  ExternalIdentifier?: ExternalId[];
  ComposingGpUnitIds?: string[];
  CountStatus?: Status[];
  VotersRegistered?: number;
  VotersParticipated?: number;
  SubUnitsReported?: number;
  TotalSubUnits?: number;
}
interface VoteCount {
  GpUnitId: string;
  Type: string;
  Count: number;
}
interface Selection {
  '@type': string;
  '@id': string;
  SequenceOrder?: number;
  CandidateIds?: string[];
  IsWriteIn?: boolean;
  VoteCounts?: VoteCount[];
}
interface Contest {
  '@type': string;
  '@id': string;
  Name: string;
  ElectionDistrictId: string;
  VotesAllowed: number;
  ContestSelection: Selection[];
  CountStatus?: Status[];
  OtherCounts?: unknown[];
  SubUnitsReported?: number;
  TotalSubUnits?: number;
}
interface Candidate {
  '@id': string;
  BallotName: Text;
  PersonId?: string;
  IsTopTicket?: boolean;
}
interface BallotCount {
  GpUnitId: string;
  Type: string;
  BallotsCast?: number;
  BallotsRejected?: number;
}
interface Report {
  Format: string;
  GeneratedDate: string;
  Issuer: string;
  IssuerAbbreviation: string;
  VendorApplicationId: string;
  Status: string;
  SequenceStart: number;
  SequenceEnd: number;
  Notes?: string;
  GpUnit: Unit[];
  Person?: { '@id': string; FullName: Text }[];
  Party?: unknown[];
  Election: {
    Name: Text;
    Type: string;
    StartDate: string;
    EndDate: string;
    ElectionScopeId: string;
    Candidate?: Candidate[];
    Contest: Contest[];
    BallotCounts?: BallotCount[];
  }[];
}

/** Exports, and checks schema and references before handing the report on. */
function exportChecked(s: NistSnapshot): Report {
  const doc = toNistElectionReport(s);
  expect(schemaErrors(doc)).toEqual([]);
  const { problems, references } = referenceCheck(doc);
  expect(problems).toEqual([]);
  expect(references).toBeGreaterThan(20);
  // Plain JSON: nothing is lost on the wire.
  expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  return doc as Report;
}

/** The report without the checks, for describe blocks (each has a test that checks it). */
function exported(s: NistSnapshot): Report {
  return toNistElectionReport(s) as Report;
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('fixture lacks an expected item');
  return value;
}

function only<T>(list: readonly T[] | undefined): T {
  expect(list).toHaveLength(1);
  return (list ?? [])[0] as T;
}

function content(t: Text): string {
  return only(t.Text).Content;
}

function contestOf(doc: Report): Contest {
  return only(only(doc.Election).Contest);
}

function unitByCode(doc: Report, code: string): Unit {
  const found = doc.GpUnit.filter((u) =>
    (u.ExternalIdentifier ?? []).some((e) => e.OtherType === 'kemendagri' && e.Value === code),
  );
  return only(found);
}

function tpsUnit(doc: Report, desaCode: string, number: number): Unit {
  const ids = new Set(unitByCode(doc, desaCode).ComposingGpUnitIds);
  const name = `TPS ${String(number).padStart(3, '0')}`;
  return only(doc.GpUnit.filter((u) => ids.has(u['@id']) && content(u.Name) === name));
}

function selectionFor(doc: Report, sel: NistSnapshot['selections'][number]): Selection {
  const contest = contestOf(doc);
  if (!sel.isKolomKosong) {
    return only(contest.ContestSelection.filter((x) => x.SequenceOrder === sel.ballotNumber));
  }
  const candidates = only(doc.Election).Candidate ?? [];
  return only(
    contest.ContestSelection.filter((x) =>
      (x.CandidateIds ?? []).some((id) =>
        candidates.some(
          (c) =>
            c['@id'] === id && c.PersonId === undefined && content(c.BallotName) === 'Kolom Kosong',
        ),
      ),
    ),
  );
}

/** The figures of every TPS in the report are the snapshot's. */
function expectTpsFigures(doc: Report, s: NistSnapshot): void {
  const ballotCounts = only(doc.Election).BallotCounts ?? [];
  for (const t of s.tps) {
    const unit = tpsUnit(doc, t.desaCode, t.number);
    const id = unit['@id'];
    const r = s.results.find((x) => x.tpsId === t.id);
    expect(unit.VotersRegistered).toBe(t.registeredVoters);
    expect(unit.VotersParticipated).toBe(r?.voted);
    const bc = ballotCounts.filter((b) => b.GpUnitId === id);
    expect(bc).toEqual(
      r === undefined
        ? []
        : [
            {
              '@type': 'ElectionResults.BallotCounts',
              GpUnitId: id,
              Type: 'total',
              BallotsCast: r.voted,
              BallotsRejected: r.invalid,
            },
          ],
    );
    for (const sel of s.selections) {
      const counts = (selectionFor(doc, sel).VoteCounts ?? []).filter((v) => v.GpUnitId === id);
      const votes = r?.votes.find((v) => v.selectionId === sel.id)?.votes;
      expect(counts.map((v) => v.Count)).toEqual(votes === undefined ? [] : [votes]);
    }
  }
}

/** Aggregate counts (vote, ballot, voter, TPS) equal the sums over the TPS below. */
function totalsProblems(doc: Report): { problems: string[]; checked: number } {
  const unitById = new Map(doc.GpUnit.map((u) => [u['@id'], u]));
  const tpsBelow = (id: string): Unit[] => {
    const u = unitById.get(id);
    if (u === undefined) return [];
    if (u.Type === 'polling-place') return [u];
    return (u.ComposingGpUnitIds ?? []).flatMap(tpsBelow);
  };
  const election = only(doc.Election);
  const series: [string, Map<string, number>][] = [
    ...contestOf(doc).ContestSelection.map((sel): [string, Map<string, number>] => [
      sel['@id'],
      new Map((sel.VoteCounts ?? []).map((v) => [v.GpUnitId, v.Count])),
    ]),
    [
      'BallotsCast',
      new Map((election.BallotCounts ?? []).map((b) => [b.GpUnitId, b.BallotsCast ?? NaN])),
    ],
    [
      'BallotsRejected',
      new Map((election.BallotCounts ?? []).map((b) => [b.GpUnitId, b.BallotsRejected ?? NaN])),
    ],
  ];
  const problems: string[] = [];
  let checked = 0;
  const aggregates = doc.GpUnit.filter((u) =>
    ['kabupaten', 'kota', 'kecamatan', 'desa'].includes(u.OtherType ?? ''),
  );
  for (const unit of aggregates) {
    const id = unit['@id'];
    const below = tpsBelow(id);
    const reported = below.filter((t) =>
      t.CountStatus?.some((c) => c.Type === 'total' && c.Status === 'completed'),
    );
    const sum = (f: (t: Unit) => number): number => below.reduce((acc, t) => acc + f(t), 0);
    const figures: [string, number | undefined, number | undefined][] = [
      ['VotersRegistered', unit.VotersRegistered, sum((t) => t.VotersRegistered ?? NaN)],
      [
        'VotersParticipated',
        unit.VotersParticipated,
        reported.length > 0 ? sum((t) => t.VotersParticipated ?? 0) : undefined,
      ],
      ['TotalSubUnits', unit.TotalSubUnits, below.length],
      ['SubUnitsReported', unit.SubUnitsReported, reported.length],
    ];
    for (const [name, counts] of series) {
      const parts = below.filter((t) => counts.has(t['@id']));
      const expected =
        parts.length > 0
          ? parts.reduce((acc, t) => acc + (counts.get(t['@id']) ?? NaN), 0)
          : undefined;
      figures.push([name, counts.get(id), expected]);
      // Counts exist exactly for reported TPS.
      if (parts.length !== reported.length)
        problems.push(`${name}: counts at unreported TPS below ${id}`);
    }
    for (const [name, actual, expected] of figures) {
      checked++;
      if (actual !== expected)
        problems.push(`${id} ${name}: ${String(actual)} ≠ ${String(expected)}`);
    }
  }
  return { problems, checked };
}

// ---------------------------------------------------------------------------

describe('the vendored standard', () => {
  const shared = new URL('NIST_V2_election_results_reporting.json', SHARED_STANDARD_DIR);
  it.skipIf(!existsSync(shared))('matches ../shared/standards when that is present', () => {
    for (const name of ['NIST_V2_election_results_reporting.json', 'example-err-gen-01.json']) {
      expect(readStandard(name)).toEqual(readStandard(name, SHARED_STANDARD_DIR));
    }
  });
});

describe('the validator (official schema and example)', () => {
  it('accepts the NIST example, whose references also resolve', () => {
    expect(schemaErrors(example)).toEqual([]);
    const { problems, references } = referenceCheck(example);
    expect(problems).toEqual([]);
    expect(references).toBeGreaterThan(100);
  });

  it('rejects what the schema forbids', () => {
    const doc = toNistElectionReport(threePairSnapshot()) as Record<string, unknown>;
    expect(schemaErrors({ ...doc, Status: 'official' })).not.toEqual([]);
    expect(schemaErrors({ ...doc, GeneratedDate: '2024-11-27T21:15:30.123Z' })).not.toEqual([]);
    expect(schemaErrors({ ...doc, Extra: 1 })).not.toEqual([]);
    const missing = { ...doc };
    delete missing.IssuerAbbreviation;
    expect(schemaErrors(missing)).not.toEqual([]);
  });

  it('catches dangling and mistyped references', () => {
    const doc = structuredClone(toNistElectionReport(threePairSnapshot())) as Report;
    const contest = contestOf(doc);
    contest.ElectionDistrictId = 'gp-nowhere';
    const first = contest.ContestSelection[0];
    if (first?.CandidateIds !== undefined) first.CandidateIds[0] = 'person-11-kepala';
    expect(referenceCheck(doc).problems).toEqual([
      'ElectionResults.CandidateContest.ElectionDistrictId → gp-nowhere does not resolve',
      'ElectionResults.CandidateSelection.CandidateIds → person-11-kepala is a ElectionResults.Person, not ElectionResults.Candidate',
    ]);
  });
});

describe('toNistElectionReport, three pairs, two TPS not reported', () => {
  const s = threePairSnapshot();
  const doc = exported(s);

  it('validates against the schema, with unique ids and resolving references', () => {
    expect(exportChecked(s)).toEqual(doc);
  });

  it('fills the report header', () => {
    expect(doc).toMatchObject({
      '@type': 'ElectionResults.ElectionReport',
      Format: 'precinct-level',
      GeneratedDate: '2024-11-27T21:15:30+07:00',
      Issuer: 'Desk Pilkada Kabupaten Probolinggo',
      IssuerAbbreviation: 'DP-PROBOLINGGO',
      VendorApplicationId: 'Desk Pilkada',
      Status: 'unofficial-partial',
      SequenceStart: 1,
      SequenceEnd: 1,
      Notes: 'Hasil sementara, bukan hasil resmi KPU',
    });
    // No party data in the snapshot, so none is invented.
    expect(doc.Party).toBeUndefined();
  });

  it('builds the region hierarchy with Kemendagri codes', () => {
    const province = unitByCode(doc, '35');
    const regency = unitByCode(doc, '35.13');
    const sukapura = unitByCode(doc, '35.13.01');
    const kraksaan = unitByCode(doc, '35.13.14');
    const ngadisari = unitByCode(doc, '35.13.01.2001');
    expect(province).toMatchObject({ Type: 'other', OtherType: 'provinsi' });
    expect(content(province.Name)).toBe('Jawa Timur');
    expect(province.ComposingGpUnitIds).toEqual([regency['@id']]);
    expect(regency).toMatchObject({ Type: 'other', OtherType: 'kabupaten' });
    expect(regency.ComposingGpUnitIds).toEqual([sukapura['@id'], kraksaan['@id']]);
    expect(sukapura).toMatchObject({ Type: 'other', OtherType: 'kecamatan' });
    expect(sukapura.ComposingGpUnitIds).toEqual([
      ngadisari['@id'],
      unitByCode(doc, '35.13.01.2002')['@id'],
    ]);
    expect(ngadisari).toMatchObject({ Type: 'other', OtherType: 'desa' });
    expect(only(ngadisari.Name.Text)).toEqual({
      '@type': 'ElectionResults.LanguageString',
      Content: 'Ngadisari',
      Language: 'id',
    });
    expect(only(ngadisari.ExternalIdentifier)).toEqual({
      '@type': 'ElectionResults.ExternalIdentifier',
      Type: 'other',
      OtherType: 'kemendagri',
      Value: '35.13.01.2001',
    });
    expect(ngadisari.ComposingGpUnitIds).toHaveLength(2);
    expect(doc.GpUnit).toHaveLength(2 + 2 + 3 + 5);
  });

  it('makes every TPS a polling place with its status', () => {
    const tps1 = tpsUnit(doc, '35.13.01.2001', 1);
    expect(tps1).toMatchObject({ Type: 'polling-place', IsMailOnly: false, Number: '001' });
    expect(content(tps1.Name)).toBe('TPS 001');
    expect(tps1.TotalSubUnits).toBeUndefined();
    expect(tps1.CountStatus?.map((c) => [c.Type, c.OtherType, c.Status])).toEqual([
      ['total', undefined, 'completed'],
      ['other', 'verifikasi-desk', 'completed'],
    ]);
    expect(tpsUnit(doc, '35.13.01.2001', 2).CountStatus?.map((c) => c.Status)).toEqual([
      'completed',
      'in-process',
    ]);
    expect(tpsUnit(doc, '35.13.14.1003', 2).CountStatus?.map((c) => c.Status)).toEqual([
      'not-processed',
    ]);
  });

  it('describes the election, scoped to the regency', () => {
    const election = only(doc.Election);
    const regencyId = unitByCode(doc, '35.13')['@id'];
    expect(election).toMatchObject({
      '@type': 'ElectionResults.Election',
      Type: 'general',
      StartDate: '2024-11-27',
      EndDate: '2024-11-27',
      ElectionScopeId: regencyId,
    });
    expect(only(election.Name.Text)).toMatchObject({
      Content: 'Pemilihan Bupati dan Wakil Bupati Probolinggo Tahun 2024',
      Language: 'id',
    });
    const contest = contestOf(doc);
    expect(contest).toMatchObject({
      '@type': 'ElectionResults.CandidateContest',
      Name: 'Bupati dan Wakil Bupati Probolinggo',
      ElectionDistrictId: regencyId,
      VotesAllowed: 1,
      SubUnitsReported: 3,
      TotalSubUnits: 5,
    });
    expect(contest.CountStatus).toEqual([
      { '@type': 'ElectionResults.CountStatus', Type: 'total', Status: 'in-process' },
    ]);
    // Invalid ballots are BallotsRejected, not guessed Over/Undervotes.
    expect(contest.OtherCounts).toBeUndefined();
  });

  it('makes each pair a ticket of two candidates, in ballot order', () => {
    const contest = contestOf(doc);
    const candidates = new Map((only(doc.Election).Candidate ?? []).map((c) => [c['@id'], c]));
    const persons = new Map((doc.Person ?? []).map((p) => [p['@id'], p]));
    expect(contest.ContestSelection.map((x) => x.SequenceOrder)).toEqual([1, 2, 3]);
    const ticket = contest.ContestSelection.map((x) => {
      expect(x).toMatchObject({ '@type': 'ElectionResults.CandidateSelection', IsWriteIn: false });
      return (x.CandidateIds ?? []).map((id) => {
        const c = candidates.get(id);
        const person = persons.get(c?.PersonId ?? '');
        expect(content(person?.FullName ?? { Text: [] })).toBe(
          content(c?.BallotName ?? { Text: [] }),
        );
        return [content(c?.BallotName ?? { Text: [] }), c?.IsTopTicket];
      });
    });
    expect(ticket).toEqual([
      [
        ['H. Ahmad Fauzi', true],
        ['Siti Rahmawati, S.Pd.', false],
      ],
      [
        ['Dr. Budi Santoso, M.Si.', true],
        ['Hj. Lilik Mardiyah', false],
      ],
      [
        ['Moch. Rizal Hakim', true],
        ['Nur Aini', false],
      ],
    ]);
    expect(doc.Person).toHaveLength(6);
  });

  it('reports each TPS as in the snapshot, and nothing for unreported TPS', () => {
    expectTpsFigures(doc, s);
  });

  it('sums desa, kecamatan and regency from their TPS', () => {
    const { problems, checked } = totalsProblems(doc);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(40);
    const regency = unitByCode(doc, '35.13')['@id'];
    const votes = contestOf(doc).ContestSelection.map(
      (x) => x.VoteCounts?.find((v) => v.GpUnitId === regency)?.Count,
    );
    expect(votes).toEqual([96 + 70 + 102, 81 + 88 + 64, 47 + 39 + 71]);
    // Wonotoro has no reported TPS: no counts rather than zeros.
    const wonotoro = unitByCode(doc, '35.13.01.2002');
    expect(wonotoro).toMatchObject({
      SubUnitsReported: 0,
      TotalSubUnits: 1,
      VotersRegistered: 241,
    });
    expect(wonotoro.VotersParticipated).toBeUndefined();
    const ids = [wonotoro['@id'], unitByCode(doc, '35')['@id']];
    for (const sel of contestOf(doc).ContestSelection) {
      expect((sel.VoteCounts ?? []).filter((v) => ids.includes(v.GpUnitId))).toEqual([]);
    }
  });
});

describe('toNistElectionReport, single pair with kolom kosong', () => {
  const s = kolomKosongSnapshot();
  const doc = exported(s);
  const kolomKosong = must(s.selections.find((x) => x.isKolomKosong));

  it('validates against the schema, with unique ids and resolving references', () => {
    expect(exportChecked(s)).toEqual(doc);
  });

  it('models kolom kosong as a candidate selection without a person, after the pair', () => {
    const contest = contestOf(doc);
    expect(contest.ContestSelection.map((x) => x.SequenceOrder)).toEqual([1, 2]);
    const kk = selectionFor(doc, kolomKosong);
    expect(contest.ContestSelection[1]).toBe(kk);
    expect(kk).toMatchObject({ '@type': 'ElectionResults.CandidateSelection', IsWriteIn: false });
    expect(kk.CandidateIds).toHaveLength(1);
    expect(contest.ContestSelection[0]?.CandidateIds).toHaveLength(2);
    // The pair's two people only: kolom kosong is no person.
    expect(doc.Person).toHaveLength(2);
    expect(only(doc.Election).Candidate).toHaveLength(3);
  });

  it('reports TPS figures and sums', () => {
    expectTpsFigures(doc, s);
    const { problems } = totalsProblems(doc);
    expect(problems).toEqual([]);
    const regency = unitByCode(doc, '35.13')['@id'];
    const kk = selectionFor(doc, kolomKosong);
    expect(kk.VoteCounts?.find((v) => v.GpUnitId === regency)?.Count).toBe(52 + 66 + 98);
    const ballots = only(doc.Election).BallotCounts?.find((b) => b.GpUnitId === regency);
    expect(ballots).toMatchObject({ BallotsRejected: 8 + 5 + 11 });
  });
});

describe('toNistElectionReport, other cases', () => {
  it('is unofficial-complete once every TPS reported', () => {
    const s = threePairCompleteSnapshot();
    const doc = exportChecked(s);
    expect(doc.Status).toBe('unofficial-complete');
    expect(contestOf(doc).CountStatus?.map((c) => c.Status)).toEqual(['completed']);
    expectTpsFigures(doc, s);
    expect(totalsProblems(doc).problems).toEqual([]);
  });

  it('is unofficial-partial with nothing reported, and has no counts', () => {
    const doc = exportChecked({ ...threePairSnapshot(), results: [] });
    expect(doc.Status).toBe('unofficial-partial');
    expect(contestOf(doc).CountStatus?.map((c) => c.Status)).toEqual(['not-processed']);
    expect(contestOf(doc).ContestSelection.map((x) => x.VoteCounts)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(only(doc.Election).BallotCounts).toBeUndefined();
  });

  it('scopes a gubernur contest to the province', () => {
    const s: NistSnapshot = {
      ...threePairSnapshot(),
      contest: {
        id: 1,
        name: 'Gubernur dan Wakil Gubernur Jawa Timur',
        kind: 'gubernur',
        votesAllowed: 1,
      },
    };
    const doc = exportChecked(s);
    const provinceId = unitByCode(doc, '35')['@id'];
    expect(only(doc.Election).ElectionScopeId).toBe(provinceId);
    expect(contestOf(doc).ElectionDistrictId).toBe(provinceId);
    // The desk sees one regency of the province: no province-wide TPS counts.
    expect(contestOf(doc).TotalSubUnits).toBeUndefined();
    expect(unitByCode(doc, '35.13').OtherType).toBe('kabupaten');
    expect(totalsProblems(doc).problems).toEqual([]);

    const kota = exportChecked({ ...s, regency: { code: '35.74', name: 'Kota Probolinggo' } });
    expect(unitByCode(kota, '35.74').OtherType).toBe('kota');
    const walikota = exportChecked({
      ...threePairSnapshot(),
      regency: { code: '35.74', name: 'Kota Probolinggo' },
      contest: {
        id: 2,
        name: 'Wali Kota dan Wakil Wali Kota Probolinggo',
        kind: 'walikota',
        votesAllowed: 1,
      },
    });
    expect(unitByCode(walikota, '35.74').OtherType).toBe('kota');
  });

  it('is pure and does not depend on input order', () => {
    const s = threePairSnapshot();
    const before = structuredClone(s);
    const doc = toNistElectionReport(s);
    expect(s).toEqual(before);
    const shuffled: NistSnapshot = {
      ...structuredClone(s),
      kecamatan: [...s.kecamatan].reverse(),
      desa: [...s.desa].reverse(),
      tps: [...s.tps].reverse(),
      results: [...s.results].reverse(),
      selections: [...s.selections].reverse(),
    };
    expect(toNistElectionReport(shuffled)).toEqual(doc);
  });

  it('writes GeneratedDate as the schema wants it, keeping the offset', () => {
    const at = (generatedAt: string) =>
      exportChecked({ ...threePairSnapshot(), generatedAt }).GeneratedDate;
    expect(at('2024-11-27T14:15:30.123Z')).toBe('2024-11-27T14:15:30Z');
    expect(at('2024-11-27T14:15:30Z')).toBe('2024-11-27T14:15:30Z');
    expect(at('2024-11-27T23:15:30+09:00')).toBe('2024-11-27T23:15:30+09:00');
    expect(at('2024-11-27T14:15Z')).toBe('2024-11-27T14:15:00Z');
  });

  it('leaves IssuerAbbreviation to the issuer name when there is none', () => {
    const doc = exportChecked({ ...threePairSnapshot(), issuer: { name: 'Desk Pilkada' } });
    expect(doc.IssuerAbbreviation).toBe('Desk Pilkada');
  });

  it('refuses inconsistent snapshots instead of dropping data', () => {
    const bad = (change: (s: NistSnapshot) => void): (() => unknown) => {
      const s = threePairSnapshot();
      change(s);
      return () => toNistElectionReport(s);
    };
    expect(
      bad((s) =>
        s.tps.push({ id: 199, desaCode: '35.13.99.2001', number: 1, registeredVoters: 1 }),
      ),
    ).toThrow(/desa yang tidak ada/);
    expect(
      bad((s) => (s.desa[0] = { code: '35.13.01.2001', name: 'X', kecamatanCode: '35.13.99' })),
    ).toThrow(/kecamatan yang tidak ada/);
    expect(
      bad((s) => s.results.push({ ...structuredClone(must(s.results[0])), tpsId: 999 })),
    ).toThrow(/TPS yang tidak ada/);
    expect(bad((s) => s.results[0]?.votes.push({ selectionId: 99, votes: 1 }))).toThrow(
      /pilihan yang tidak ada/,
    );
    expect(bad((s) => s.results.push(structuredClone(must(s.results[0]))))).toThrow(/ganda/);
    expect(bad((s) => s.kecamatan.push({ code: '35.13.01', name: 'Sukapura' }))).toThrow(/ganda/);
    expect(bad((s) => (s.election.date = '2024-02-30'))).toThrow(/YYYY-MM-DD/);
    expect(bad((s) => (s.generatedAt = 'kemarin'))).toThrow(/generatedAt/);
  });
});
