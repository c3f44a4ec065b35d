/**
 * NIST SP 1500-100 v2 election-results export (Election Results Common Data
 * Format, JSON flavour) of one contest's results snapshot. Pure mapping: no
 * I/O, no clock, no database. The caller assembles a {@link NistSnapshot}
 * (the current version per TPS) and serialises the returned object.
 *
 * Schema: `shared/standards/nist-1500-100-v2/NIST_V2_election_results_reporting.json`
 * (JSON Schema draft-04); `nist.test.ts` validates every output against it.
 *
 * Mapping decisions, where the Indonesian count does not map one-to-one:
 *
 * - GpUnit hierarchy. Provinsi, kabupaten/kota, kecamatan and desa are
 *   `ReportingUnit`s of Type `other` with OtherType `provinsi`, `kabupaten` or
 *   `kota`, `kecamatan`, `desa` (a US `state`/`county` is only an analogy, and a
 *   kota is not a `city`), each with its Kemendagri code as an
 *   `ExternalIdentifier` (Type `other`, OtherType `kemendagri`). A TPS is a
 *   `polling-place` (IsMailOnly false) named `TPS 001`. ComposingGpUnitIds link
 *   each unit to the one below; the province lists only the desk's regency (the
 *   report covers nothing else of it).
 * - Ids are prefixed by kind (`gp-desa-35.13.01.2001`, `selection-7`, ...), so
 *   they are unique across kinds; TPS use the desk's TPS id because a TPS
 *   number is unique in its desa only among active TPS.
 * - Pairs. Each pair is a `CandidateSelection` whose CandidateIds are the
 *   head then the deputy (`Candidate.IsTopTicket` marks the head), each
 *   `Candidate` pointing at a `Person` with FullName. The snapshot carries no
 *   party or coalition, so no `Party` is emitted rather than an invented one.
 * - Kolom kosong. The schema lets a CandidateSelection have no candidates, but
 *   such a selection carries no label (CandidateSelection has no Name or
 *   ExternalIdentifier), so a consumer could not tell what it is; a
 *   `BallotMeasureSelection` inside a `CandidateContest` passes the JSON
 *   schema only because `ContestSelection` is an untyped `oneOf`, and it misuses
 *   the ballot-measure model. Kolom kosong is a column on the candidate ballot
 *   that can win the contest, so it is modelled like a pair: a
 *   `CandidateSelection` (IsWriteIn false) whose one `Candidate` has BallotName
 *   "Kolom Kosong" and no PersonId (it is not a person). It is ordered after
 *   the numbered pairs, as on the ballot.
 * - Counts. Per selection, `VoteCounts` (Type `total`) at every reported TPS
 *   and, summed over the reported TPS below, at desa, kecamatan and regency
 *   level. Units with no reported TPS get no counts at all (not zeros). There
 *   are no province totals: the desk sees one regency only.
 * - Invalid ballots (suara tidak sah) cannot be split into the CDF's
 *   Overvotes/Undervotes (an invalid ballot may be blank, double-punched,
 *   torn...), so no `OtherCounts` is emitted. A Pilkada ballot paper carries
 *   exactly one contest, so an invalid vote is a rejected ballot: per reported
 *   unit, `Election.BallotCounts` (Type `total`) has BallotsCast = voters who
 *   voted (pengguna hak pilih) and BallotsRejected = invalid. The
 *   ReportingUnits carry VotersRegistered (DPT of the TPS below),
 *   VotersParticipated (over reported TPS), and SubUnitsReported/TotalSubUnits
 *   counted in TPS at every level ("precincts reporting").
 * - Status. ResultsStatus is `unofficial-complete` once every TPS of the
 *   snapshot reported, else `unofficial-partial`; the contest's CountStatus
 *   follows (`completed`/`in-process`/`not-processed`). A TPS's CountStatus
 *   has `total` (`completed` or `not-processed`) and, once reported, the
 *   desk's verification as Type `other`, OtherType `verifikasi-desk`
 *   (`completed` when verified, `in-process` when only submitted).
 *
 * Inconsistent input (a TPS in an unknown desa, a result for an unknown TPS or
 * selection, duplicate codes or ids) throws: an export must not drop data.
 */

export interface NistSnapshot {
  /** ISO instant. */
  generatedAt: string;
  /** "Desk Pilkada". */
  vendor: string;
  election: {
    name: string;
    /** YYYY-MM-DD. */
    date: string;
    /** Pilkada is a regional general election: use 'general'. */
    type: 'general' | 'special';
  };
  /** E.g. "Desk Pilkada Kabupaten Probolinggo". */
  issuer: { name: string; abbreviation?: string };
  /** Kemendagri code, e.g. 35.13. */
  regency: { code: string; name: string };
  province: { code: string; name: string };
  contest: { id: number; name: string; kind: 'gubernur' | 'bupati' | 'walikota'; votesAllowed: 1 };
  selections: {
    id: number;
    ballotNumber: number | null;
    headName: string;
    deputyName: string | null;
    isKolomKosong: boolean;
  }[];
  kecamatan: { code: string; name: string }[];
  desa: { code: string; name: string; kecamatanCode: string }[];
  tps: { id: number; desaCode: string; number: number; registeredVoters: number }[];
  /** The current version per TPS (TPS not reported are absent). */
  results: {
    tpsId: number;
    votes: { selectionId: number; votes: number }[];
    valid: number;
    invalid: number;
    voted: number;
    status: 'submitted' | 'verified';
  }[];
}

const NIST_LANGUAGE = 'id';
const NIST_NOTES = 'Hasil sementara, bukan hasil resmi KPU';
const KOLOM_KOSONG_LABEL = 'Kolom Kosong';

// ---------------------------------------------------------------------------
// The subset of the CDF that this export emits.

interface LanguageString {
  '@type': 'ElectionResults.LanguageString';
  Content: string;
  Language: string;
}

interface InternationalizedText {
  '@type': 'ElectionResults.InternationalizedText';
  Text: LanguageString[];
}

interface ExternalIdentifier {
  '@type': 'ElectionResults.ExternalIdentifier';
  Type: 'other';
  OtherType: string;
  Value: string;
}

type CountItemStatus = 'completed' | 'in-process' | 'not-processed';

type CountStatus = {
  '@type': 'ElectionResults.CountStatus';
  Status: CountItemStatus;
} & ({ Type: 'total' } | { Type: 'other'; OtherType: string });

interface ReportingUnit {
  '@type': 'ElectionResults.ReportingUnit';
  '@id': string;
  Type: 'other' | 'polling-place';
  OtherType?: string;
  Name: InternationalizedText;
  Number?: string;
  IsMailOnly?: boolean;
  ExternalIdentifier?: ExternalIdentifier[];
  ComposingGpUnitIds?: string[];
  CountStatus?: CountStatus[];
  VotersRegistered?: number;
  VotersParticipated?: number;
  SubUnitsReported?: number;
  TotalSubUnits?: number;
}

interface Person {
  '@type': 'ElectionResults.Person';
  '@id': string;
  FullName: InternationalizedText;
}

interface Candidate {
  '@type': 'ElectionResults.Candidate';
  '@id': string;
  BallotName: InternationalizedText;
  PersonId?: string;
  IsTopTicket?: boolean;
}

interface VoteCounts {
  '@type': 'ElectionResults.VoteCounts';
  GpUnitId: string;
  Type: 'total';
  Count: number;
}

interface BallotCounts {
  '@type': 'ElectionResults.BallotCounts';
  GpUnitId: string;
  Type: 'total';
  BallotsCast: number;
  BallotsRejected: number;
}

interface CandidateSelection {
  '@type': 'ElectionResults.CandidateSelection';
  '@id': string;
  SequenceOrder?: number;
  CandidateIds: string[];
  IsWriteIn: false;
  VoteCounts?: VoteCounts[];
}

interface CandidateContest {
  '@type': 'ElectionResults.CandidateContest';
  '@id': string;
  Name: string;
  ElectionDistrictId: string;
  VotesAllowed: number;
  ContestSelection: CandidateSelection[];
  CountStatus: CountStatus[];
  SubUnitsReported?: number;
  TotalSubUnits?: number;
}

interface Election {
  '@type': 'ElectionResults.Election';
  Name: InternationalizedText;
  Type: 'general' | 'special';
  StartDate: string;
  EndDate: string;
  ElectionScopeId: string;
  Candidate: Candidate[];
  Contest: CandidateContest[];
  BallotCounts?: BallotCounts[];
}

interface NistElectionReport {
  '@type': 'ElectionResults.ElectionReport';
  Format: 'precinct-level';
  GeneratedDate: string;
  Issuer: string;
  IssuerAbbreviation: string;
  VendorApplicationId: string;
  Status: 'unofficial-complete' | 'unofficial-partial';
  SequenceStart: 1;
  SequenceEnd: 1;
  Notes: string;
  GpUnit: ReportingUnit[];
  Person: Person[];
  Election: Election[];
}

// ---------------------------------------------------------------------------
// Ids: a prefix per kind keeps them unique across kinds.

const nistIds = {
  province: (code: string) => `gp-provinsi-${code}`,
  regency: (code: string) => `gp-kabkota-${code}`,
  kecamatan: (code: string) => `gp-kecamatan-${code}`,
  desa: (code: string) => `gp-desa-${code}`,
  tps: (id: number) => `gp-tps-${id}`,
  contest: (id: number) => `contest-${id}`,
  selection: (id: number) => `selection-${id}`,
  candidate: (selectionId: number, role: 'kepala' | 'wakil' | 'kolom-kosong') =>
    `candidate-${selectionId}-${role}`,
  person: (selectionId: number, role: 'kepala' | 'wakil') => `person-${selectionId}-${role}`,
};

function text(content: string): InternationalizedText {
  return {
    '@type': 'ElectionResults.InternationalizedText',
    Text: [
      { '@type': 'ElectionResults.LanguageString', Content: content, Language: NIST_LANGUAGE },
    ],
  };
}

function kemendagri(code: string): ExternalIdentifier[] {
  return [
    {
      '@type': 'ElectionResults.ExternalIdentifier',
      Type: 'other',
      OtherType: 'kemendagri',
      Value: code,
    },
  ];
}

/** `[]` becomes absent: an empty list says nothing the schema needs. */
function nonEmpty<T>(list: T[]): { ComposingGpUnitIds?: T[] } {
  return list.length > 0 ? { ComposingGpUnitIds: list } : {};
}

/**
 * The CDF's DateTimeWithZone: seconds and a zone, no fraction
 * (`2024-11-27T21:15:30.123+07:00` → `2024-11-27T21:15:30+07:00`). An offset
 * given by the caller is kept; anything else goes through `Date` to UTC.
 */
function toNistDateTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (m?.[1] !== undefined && m[2] !== undefined) return `${m[1]}${m[2]}`;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`generatedAt bukan waktu ISO yang sah: ${iso}`);
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function checkDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const d = new Date(`${date}T00:00:00Z`);
  if (m === null || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
    throw new Error(`Tanggal pemilihan bukan YYYY-MM-DD yang sah: ${date}`);
  }
  return date;
}

/** Kemendagri regency codes 71 and above are kota. */
function regencyOtherType(s: NistSnapshot): 'kabupaten' | 'kota' {
  switch (s.contest.kind) {
    case 'bupati':
      return 'kabupaten';
    case 'walikota':
      return 'kota';
    case 'gubernur':
      return Number(s.regency.code.split('.')[1]) >= 71 ? 'kota' : 'kabupaten';
  }
}

function tpsName(n: number): string {
  return `TPS ${String(n).padStart(3, '0')}`;
}

function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code.localeCompare(b.code);
}

function indexUnique<T, K>(items: readonly T[], key: (t: T) => K, what: string): Map<K, T> {
  const map = new Map<K, T>();
  for (const item of items) {
    const k = key(item);
    if (map.has(k)) throw new Error(`${what} ganda: ${String(k)}`);
    map.set(k, item);
  }
  return map;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list === undefined) map.set(k, [item]);
    else list.push(item);
  }
  return map;
}

/** Sums over the reported TPS below a unit. */
interface Totals {
  tps: number;
  reported: number;
  registered: number;
  voted: number;
  invalid: number;
  votes: Map<number, number>;
}

function emptyTotals(): Totals {
  return { tps: 0, reported: 0, registered: 0, voted: 0, invalid: 0, votes: new Map() };
}

function addTotals(into: Totals, from: Totals): void {
  into.tps += from.tps;
  into.reported += from.reported;
  into.registered += from.registered;
  into.voted += from.voted;
  into.invalid += from.invalid;
  for (const [id, n] of from.votes) into.votes.set(id, (into.votes.get(id) ?? 0) + n);
}

/** Voter and TPS-reporting figures of an aggregate unit. */
function unitFigures(
  t: Totals,
): Pick<
  ReportingUnit,
  'VotersRegistered' | 'VotersParticipated' | 'SubUnitsReported' | 'TotalSubUnits'
> {
  return {
    VotersRegistered: t.registered,
    ...(t.reported > 0 ? { VotersParticipated: t.voted } : {}),
    SubUnitsReported: t.reported,
    TotalSubUnits: t.tps,
  };
}

function countStatus(reported: number, total: number): CountItemStatus {
  if (total > 0 && reported === total) return 'completed';
  return reported > 0 ? 'in-process' : 'not-processed';
}

/** The ElectionReport JSON object for a snapshot (see the module comment). */
export function toNistElectionReport(s: NistSnapshot): unknown {
  return buildReport(s);
}

function buildReport(s: NistSnapshot): NistElectionReport {
  // --- index and check the snapshot --------------------------------------
  const kecamatan = [...s.kecamatan].sort(byCode);
  const desa = [...s.desa].sort(byCode);
  const tps = [...s.tps].sort(
    (a, b) => a.desaCode.localeCompare(b.desaCode) || a.number - b.number || a.id - b.id,
  );
  indexUnique(kecamatan, (k) => k.code, 'Kode kecamatan');
  indexUnique(desa, (d) => d.code, 'Kode desa');
  indexUnique(tps, (t) => t.id, 'Id TPS');
  const selectionById = indexUnique(s.selections, (x) => x.id, 'Id pilihan');
  const resultByTps = indexUnique(s.results, (r) => r.tpsId, 'Hasil TPS');

  const kecCodes = new Set(kecamatan.map((k) => k.code));
  for (const d of desa) {
    if (!kecCodes.has(d.kecamatanCode)) {
      throw new Error(`Desa ${d.code} berada di kecamatan yang tidak ada: ${d.kecamatanCode}`);
    }
  }
  const desaCodes = new Set(desa.map((d) => d.code));
  for (const t of tps) {
    if (!desaCodes.has(t.desaCode)) {
      throw new Error(`TPS ${t.id} berada di desa yang tidak ada: ${t.desaCode}`);
    }
  }
  const tpsIds = new Set(tps.map((t) => t.id));
  for (const r of s.results) {
    if (!tpsIds.has(r.tpsId)) throw new Error(`Hasil untuk TPS yang tidak ada: ${r.tpsId}`);
    indexUnique(r.votes, (v) => v.selectionId, `Suara pilihan di TPS ${r.tpsId}`);
    for (const v of r.votes) {
      if (!selectionById.has(v.selectionId)) {
        throw new Error(`Suara TPS ${r.tpsId} untuk pilihan yang tidak ada: ${v.selectionId}`);
      }
    }
  }

  const regencyId = nistIds.regency(s.regency.code);
  const provinceId = nistIds.province(s.province.code);
  const scopeId = s.contest.kind === 'gubernur' ? provinceId : regencyId;

  // --- totals per TPS, then rolled up ------------------------------------
  const tpsTotals = new Map<number, Totals>();
  for (const t of tps) {
    const r = resultByTps.get(t.id);
    const totals = emptyTotals();
    totals.tps = 1;
    totals.registered = t.registeredVoters;
    if (r !== undefined) {
      totals.reported = 1;
      totals.voted = r.voted;
      totals.invalid = r.invalid;
      // A selection missing from a reported TPS counts 0, as in the results roll-up.
      for (const sel of s.selections) totals.votes.set(sel.id, 0);
      for (const v of r.votes) totals.votes.set(v.selectionId, v.votes);
    }
    tpsTotals.set(t.id, totals);
  }
  const tpsByDesa = groupBy(tps, (t) => t.desaCode);
  const desaByKec = groupBy(desa, (d) => d.kecamatanCode);

  const desaTotals = new Map<string, Totals>();
  for (const d of desa) {
    const totals = emptyTotals();
    for (const t of tpsByDesa.get(d.code) ?? [])
      addTotals(totals, tpsTotals.get(t.id) ?? emptyTotals());
    desaTotals.set(d.code, totals);
  }
  const kecTotals = new Map<string, Totals>();
  for (const k of kecamatan) {
    const totals = emptyTotals();
    for (const d of desaByKec.get(k.code) ?? [])
      addTotals(totals, desaTotals.get(d.code) ?? emptyTotals());
    kecTotals.set(k.code, totals);
  }
  const regencyTotals = emptyTotals();
  for (const k of kecamatan) addTotals(regencyTotals, kecTotals.get(k.code) ?? emptyTotals());

  // Reporting units with their totals, top down: the order of every count list.
  const counted: { id: string; totals: Totals }[] = [
    { id: regencyId, totals: regencyTotals },
    ...kecamatan.map((k) => ({
      id: nistIds.kecamatan(k.code),
      totals: kecTotals.get(k.code) ?? emptyTotals(),
    })),
    ...desa.map((d) => ({
      id: nistIds.desa(d.code),
      totals: desaTotals.get(d.code) ?? emptyTotals(),
    })),
    ...tps.map((t) => ({ id: nistIds.tps(t.id), totals: tpsTotals.get(t.id) ?? emptyTotals() })),
  ];
  const reportedUnits = counted.filter((u) => u.totals.reported > 0);

  // --- GpUnit ------------------------------------------------------------
  const gpUnits: ReportingUnit[] = [
    {
      '@type': 'ElectionResults.ReportingUnit',
      '@id': provinceId,
      Type: 'other',
      OtherType: 'provinsi',
      Name: text(s.province.name),
      ExternalIdentifier: kemendagri(s.province.code),
      ComposingGpUnitIds: [regencyId],
    },
    {
      '@type': 'ElectionResults.ReportingUnit',
      '@id': regencyId,
      Type: 'other',
      OtherType: regencyOtherType(s),
      Name: text(s.regency.name),
      ExternalIdentifier: kemendagri(s.regency.code),
      ...nonEmpty(kecamatan.map((k) => nistIds.kecamatan(k.code))),
      ...unitFigures(regencyTotals),
    },
    ...kecamatan.map((k): ReportingUnit => ({
      '@type': 'ElectionResults.ReportingUnit',
      '@id': nistIds.kecamatan(k.code),
      Type: 'other',
      OtherType: 'kecamatan',
      Name: text(k.name),
      ExternalIdentifier: kemendagri(k.code),
      ...nonEmpty((desaByKec.get(k.code) ?? []).map((d) => nistIds.desa(d.code))),
      ...unitFigures(kecTotals.get(k.code) ?? emptyTotals()),
    })),
    ...desa.map((d): ReportingUnit => ({
      '@type': 'ElectionResults.ReportingUnit',
      '@id': nistIds.desa(d.code),
      Type: 'other',
      OtherType: 'desa',
      Name: text(d.name),
      ExternalIdentifier: kemendagri(d.code),
      ...nonEmpty((tpsByDesa.get(d.code) ?? []).map((t) => nistIds.tps(t.id))),
      ...unitFigures(desaTotals.get(d.code) ?? emptyTotals()),
    })),
    ...tps.map((t): ReportingUnit => {
      const r = resultByTps.get(t.id);
      const status: CountStatus[] = [
        {
          '@type': 'ElectionResults.CountStatus',
          Type: 'total',
          Status: r === undefined ? 'not-processed' : 'completed',
        },
      ];
      if (r !== undefined) {
        status.push({
          '@type': 'ElectionResults.CountStatus',
          Type: 'other',
          OtherType: 'verifikasi-desk',
          Status: r.status === 'verified' ? 'completed' : 'in-process',
        });
      }
      return {
        '@type': 'ElectionResults.ReportingUnit',
        '@id': nistIds.tps(t.id),
        Type: 'polling-place',
        Name: text(tpsName(t.number)),
        Number: String(t.number).padStart(3, '0'),
        IsMailOnly: false,
        CountStatus: status,
        VotersRegistered: t.registeredVoters,
        ...(r !== undefined ? { VotersParticipated: r.voted } : {}),
      };
    }),
  ];

  // --- Person, Candidate, ContestSelection --------------------------------
  const numbered = s.selections
    .filter((x) => !x.isKolomKosong)
    .sort((a, b) => (a.ballotNumber ?? Infinity) - (b.ballotNumber ?? Infinity) || a.id - b.id);
  const kolomKosong = s.selections.filter((x) => x.isKolomKosong).sort((a, b) => a.id - b.id);
  const lastNumber = Math.max(0, ...numbered.map((x) => x.ballotNumber ?? 0));

  const persons: Person[] = [];
  const candidates: Candidate[] = [];
  const selections: CandidateSelection[] = [];
  const voteCounts = (selectionId: number): VoteCounts[] =>
    reportedUnits.map((u) => ({
      '@type': 'ElectionResults.VoteCounts',
      GpUnitId: u.id,
      Type: 'total',
      Count: u.totals.votes.get(selectionId) ?? 0,
    }));
  const withCounts = (selectionId: number): { VoteCounts?: VoteCounts[] } => {
    const list = voteCounts(selectionId);
    return list.length > 0 ? { VoteCounts: list } : {};
  };

  for (const sel of numbered) {
    const candidateIds: string[] = [];
    const roles: ['kepala' | 'wakil', string][] = [['kepala', sel.headName]];
    if (sel.deputyName !== null) roles.push(['wakil', sel.deputyName]);
    for (const [role, name] of roles) {
      const personId = nistIds.person(sel.id, role);
      const candidateId = nistIds.candidate(sel.id, role);
      persons.push({ '@type': 'ElectionResults.Person', '@id': personId, FullName: text(name) });
      candidates.push({
        '@type': 'ElectionResults.Candidate',
        '@id': candidateId,
        BallotName: text(name),
        PersonId: personId,
        ...(roles.length > 1 ? { IsTopTicket: role === 'kepala' } : {}),
      });
      candidateIds.push(candidateId);
    }
    selections.push({
      '@type': 'ElectionResults.CandidateSelection',
      '@id': nistIds.selection(sel.id),
      ...(sel.ballotNumber !== null ? { SequenceOrder: sel.ballotNumber } : {}),
      CandidateIds: candidateIds,
      IsWriteIn: false,
      ...withCounts(sel.id),
    });
  }
  kolomKosong.forEach((sel, i) => {
    const candidateId = nistIds.candidate(sel.id, 'kolom-kosong');
    candidates.push({
      '@type': 'ElectionResults.Candidate',
      '@id': candidateId,
      BallotName: text(KOLOM_KOSONG_LABEL),
    });
    selections.push({
      '@type': 'ElectionResults.CandidateSelection',
      '@id': nistIds.selection(sel.id),
      SequenceOrder: lastNumber + 1 + i,
      CandidateIds: [candidateId],
      IsWriteIn: false,
      ...withCounts(sel.id),
    });
  });

  // --- Contest, Election, report -----------------------------------------
  const reported = regencyTotals.reported;
  const total = regencyTotals.tps;
  const contest: CandidateContest = {
    '@type': 'ElectionResults.CandidateContest',
    '@id': nistIds.contest(s.contest.id),
    Name: s.contest.name,
    ElectionDistrictId: scopeId,
    VotesAllowed: s.contest.votesAllowed,
    ContestSelection: selections,
    CountStatus: [
      {
        '@type': 'ElectionResults.CountStatus',
        Type: 'total',
        Status: countStatus(reported, total),
      },
    ],
    // TPS counts describe the district only when the district is the desk's regency.
    ...(scopeId === regencyId ? { SubUnitsReported: reported, TotalSubUnits: total } : {}),
  };

  const ballotCounts: BallotCounts[] = reportedUnits.map((u) => ({
    '@type': 'ElectionResults.BallotCounts',
    GpUnitId: u.id,
    Type: 'total',
    BallotsCast: u.totals.voted,
    BallotsRejected: u.totals.invalid,
  }));

  const date = checkDate(s.election.date);
  const election: Election = {
    '@type': 'ElectionResults.Election',
    Name: text(s.election.name),
    Type: s.election.type,
    StartDate: date,
    EndDate: date,
    ElectionScopeId: scopeId,
    Candidate: candidates,
    Contest: [contest],
    ...(ballotCounts.length > 0 ? { BallotCounts: ballotCounts } : {}),
  };

  return {
    '@type': 'ElectionResults.ElectionReport',
    Format: 'precinct-level',
    GeneratedDate: toNistDateTime(s.generatedAt),
    Issuer: s.issuer.name,
    // Required by the schema; without an abbreviation the full name stands in.
    IssuerAbbreviation: s.issuer.abbreviation ?? s.issuer.name,
    VendorApplicationId: s.vendor,
    Status: total > 0 && reported === total ? 'unofficial-complete' : 'unofficial-partial',
    SequenceStart: 1,
    SequenceEnd: 1,
    Notes: NIST_NOTES,
    GpUnit: gpUnits,
    Person: persons,
    Election: [election],
  };
}
