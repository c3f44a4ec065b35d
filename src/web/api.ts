/**
 * The one typed client for the Desk Pilkada JSON API.
 *
 * Every call resolves (never rejects) to `{ ok: true, data }` or
 * `{ ok: false, error: { code, message, field? } }`; network failures,
 * timeouts and non-JSON answers become errors with Indonesian messages.
 * Payload types are inferred from the shared zod schemas in src/domain, imported
 * as types only so zod itself stays out of the browser bundle.
 */
import type { ThrottleList, ThrottleLiftBody } from '../domain/auth/throttle.schema.ts';
import type { z } from 'zod';
import type {
  KecamatanKorwilInput,
  Korwil,
  KorwilInput,
  KorwilPatch,
  Regency,
  RegionDetail,
  RegionSearchHit,
} from '../domain/regions/region.schema.ts';
import type { Tps, TpsDetail, TpsInput, TpsRetire, TpsUpdate } from '../domain/tps/tps.schema.ts';
import type { Contest, ContestInput, PairInput } from '../domain/contests/contest.schema.ts';
import type { Stage, StageCalendar, StageInput } from '../domain/stages/stage.schema.ts';
import type { ErrorBody } from '../domain/common/error.schema.ts';
import type { Settings } from '../domain/settings/settings.schema.ts';
import type { Me, PasswordChangeBody, SignInBody } from '../domain/auth/auth.schema.ts';
import type { AuditPage } from '../domain/audit/audit.schema.ts';
// Dashboard and reports (issue 8)
import type {
  Dashboard,
  ReportItem,
  ReportKind,
  ReportSchedule,
} from '../domain/dashboard/dashboard.schema.ts';
import type {
  Account,
  AccountCreateBody,
  AccountCreated,
  AccountImportBody,
  AccountImportResult,
  PasswordReset,
} from '../domain/accounts/account.schema.ts';
import type {
  AnomalyItem,
  ResultsSummary,
  ResultsWindow,
  StatusChangeBody,
  SubmissionAccepted,
  TpsResults,
  ResultsWorklist,
  WorkTpsItem,
} from '../domain/results/results.schema.ts';
import type { ChasilForm } from '../domain/results/chasil.ts';
import type {
  AssignBody,
  BupatiSummary,
  ProblemConfig,
  ProblemCreated,
  ProblemDetail,
  ProblemAssignee,
  ProblemListItem,
  ProblemListQuery,
  ProblemPlaces,
  ProblemReportBody,
  ProblemTrend,
  PublicProblemBody,
  ReferralUpdateBody,
  TrackingStatus,
  TransitionBody,
} from '../domain/problems/problems.schema.ts';
import type {
  AsnAtTps,
  AsnRecap,
  ScoresBody,
  AttendanceBody,
  AttendanceResult,
  BimtekEvent,
  BimtekEventBody,
  BimtekEventSummary,
  BimtekMaterial,
  BimtekWaveBody,
  BimtekSessionBody,
  CsvImportBody,
  CsvImportResult,
  DeskOrganisation,
  DeskPosition,
  DeskPositionBody,
  RosterAccountCreated,
  RosterCompleteness,
  RosterMember,
  UntrainedPerson,
  WaveDetail,
} from '../domain/people/people.schema.ts';
import type { Body as AdhocBody } from '../domain/people/seats.ts';
import type {
  CekDptAnswer,
  CoklitAccepted,
  CoklitBody,
  CoklitChanges,
  CoklitWindow,
  HouseholdPhotoAccepted,
  HouseholdPhotoItem,
  DesaLists,
  ImportSummary,
  Lineage,
  NewVoterBody,
  Progress,
  PublicTanggapanBody,
  Recap,
  TanggapanTracking,
  TpsVoterList,
  VoterListSummary,
} from '../domain/voters/voters.schema.ts';
// News and outreach (issue 8)
import type {
  NewsBody,
  NewsDetail,
  NewsListItem,
  NewsTransitionBody,
  PublicNewsDetail,
  PublicNewsItem,
} from '../domain/news/news.schema.ts';
import type { NewsStatus as NewsStatusValue } from '../domain/news/news.ts';

export type ApiError = z.infer<typeof ErrorBody>['error'];

// People (desk organisation, rosters, Bimtek, ASN)
export type DeskOrganisationData = z.infer<typeof DeskOrganisation>;
export type DeskPositionData = z.infer<typeof DeskPosition>;
export type DeskPositionCreate = z.input<typeof DeskPositionBody>;
export type RosterMemberData = z.infer<typeof RosterMember>;
export type RosterCompletenessData = z.infer<typeof RosterCompleteness>;
export type CsvImportInput = z.input<typeof CsvImportBody>;
export type CsvImportData = z.infer<typeof CsvImportResult>;
export type RosterAccountData = z.infer<typeof RosterAccountCreated>;
export type BimtekSummaryData = z.infer<typeof BimtekEventSummary>;
export type BimtekEventData = z.infer<typeof BimtekEvent>;
export type BimtekEventCreate = z.input<typeof BimtekEventBody>;
export type BimtekWaveCreate = z.input<typeof BimtekWaveBody>;
export type BimtekSessionCreate = z.input<typeof BimtekSessionBody>;
export type BimtekMaterialData = z.infer<typeof BimtekMaterial>;
export type WaveDetailData = z.infer<typeof WaveDetail>;
export type AttendanceInput = z.input<typeof AttendanceBody>;
export type AttendanceData = z.infer<typeof AttendanceResult>;
export type UntrainedData = z.infer<typeof UntrainedPerson>;
export type AsnRecapData = z.infer<typeof AsnRecap>;
export type AsnAtTpsData = z.infer<typeof AsnAtTps>;
export type ScoresInput = z.input<typeof ScoresBody>;
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export type RegencyData = z.infer<typeof Regency>;
export type RegionDetailData = z.infer<typeof RegionDetail>;
export type RegionSearchHitData = z.infer<typeof RegionSearchHit>;
export type KorwilData = z.infer<typeof Korwil>;
export type KorwilCreate = z.input<typeof KorwilInput>;
export type KorwilChange = z.input<typeof KorwilPatch>;
export type KecamatanMove = z.input<typeof KecamatanKorwilInput>;
export type TpsData = z.infer<typeof Tps>;
export type TpsDetailData = z.infer<typeof TpsDetail>;
export type TpsCreate = z.input<typeof TpsInput>;
export type TpsChange = z.input<typeof TpsUpdate>;
export type TpsRetirement = z.input<typeof TpsRetire>;
export type ContestData = z.infer<typeof Contest>;
export type ContestCreate = z.input<typeof ContestInput>;
export type PairCreate = z.input<typeof PairInput>;
export type StageData = z.infer<typeof Stage>;
export type StageCalendarData = z.infer<typeof StageCalendar>;
export type StageWrite = z.input<typeof StageInput>;

export type SettingsData = z.infer<typeof Settings>;

export type MeData = z.infer<typeof Me>;
export type GrantData = MeData['grants'][number];
export type SignInInput = z.input<typeof SignInBody>;
export type PasswordChange = z.input<typeof PasswordChangeBody>;
export type AuditPageData = z.infer<typeof AuditPage>;
export type AuditRowData = AuditPageData['rows'][number];

/** Filters of GET /api/audit (empty values are left out of the query). */
export interface AuditFilter {
  action?: string;
  actor?: string;
  outcome?: 'ok' | 'denied';
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export type AccountData = z.infer<typeof Account>;
export type AccountRoleData = AccountData['roles'][number];
export type AccountCreate = z.input<typeof AccountCreateBody>;
export type AccountCreatedData = z.infer<typeof AccountCreated>;
export type AccountImportInput = z.input<typeof AccountImportBody>;
export type AccountImportData = z.infer<typeof AccountImportResult>;
export type PasswordResetData = z.infer<typeof PasswordReset>;

export type ResultsWindowData = z.infer<typeof ResultsWindow>;
export type TpsResultsData = z.infer<typeof TpsResults>;
export type ResultsWorklistData = z.infer<typeof ResultsWorklist>;
export type WorkTpsItemData = z.infer<typeof WorkTpsItem>;
export type TpsContestResultData = TpsResultsData['contests'][number];
export type ResultVersionData = TpsContestResultData['history'][number];
export type ResultPhotoData = TpsContestResultData['photos'][number];
export type SubmissionAcceptedData = z.infer<typeof SubmissionAccepted>;
export type ResultsSummaryData = z.infer<typeof ResultsSummary>;

/** Which level a results summary is for: a region by code (default: the regency), or a Korwil. */
export interface SummaryAtData {
  readonly code?: string | undefined;
  readonly korwil?: number | undefined;
}

/** `&code=…` or `&korwil=…` (nothing for the regency). */
export function summaryAtQuery(at: SummaryAtData): string {
  if (at.code !== undefined) return `&code=${encodeURIComponent(at.code)}`;
  if (at.korwil !== undefined) return `&korwil=${String(at.korwil)}`;
  return '';
}
export type LevelTotalsData = ResultsSummaryData['region'];
export type AnomalyItemData = z.infer<typeof AnomalyItem>;
export type StatusChange = z.input<typeof StatusChangeBody>;
/** What POST /api/results takes (the form as the plain domain type). */
export interface ResultSubmit {
  clientId: string;
  tpsId: number;
  contestId: number;
  form: ChasilForm;
  reason?: string;
}
export interface PhotoUploaded {
  sha256: string;
  bytes: number;
  alsoAtTps: number[];
}

// Field problems (lapor cepat part 2)
export type ProblemConfigData = z.infer<typeof ProblemConfig>;
export type ProblemPlacesData = z.infer<typeof ProblemPlaces>;
export type ProblemItemData = z.infer<typeof ProblemListItem>;
export type ProblemDetailData = z.infer<typeof ProblemDetail>;
export type ProblemAssigneeData = z.infer<typeof ProblemAssignee>;
export type ProblemCreatedData = z.infer<typeof ProblemCreated>;
export type ProblemTrendData = z.infer<typeof ProblemTrend>;
export type BupatiSummaryData = z.infer<typeof BupatiSummary>;
export type TrackingStatusData = z.infer<typeof TrackingStatus>;
export type ProblemReport = z.input<typeof ProblemReportBody>;
export type PublicProblemReport = z.input<typeof PublicProblemBody>;
export type ProblemTransition = z.input<typeof TransitionBody>;
export type ProblemAssign = z.input<typeof AssignBody>;
export type ReferralUpdate = z.input<typeof ReferralUpdateBody>;
export type ProblemFilter = z.input<typeof ProblemListQuery>;
/** Server-Sent Events of reported and moved problems (`event: problem`). */
export const PROBLEMS_STREAM_PATH = '/api/problems/stream';

/** Server-Sent Events of accepted results and status changes (`event: result`). */
// Voter data (DP4, coklit, DPS/DPT)
export type ImportSummaryData = z.infer<typeof ImportSummary>;
export type TpsVoterListData = z.infer<typeof TpsVoterList>;
export type VoterData = TpsVoterListData['voters'][number];
export type CoklitWrite = z.input<typeof CoklitBody>;
export type CoklitChangesWrite = z.input<typeof CoklitChanges>;
export type NewVoterWrite = z.input<typeof NewVoterBody>;
export type CoklitAcceptedData = z.infer<typeof CoklitAccepted>;
export type HouseholdData = TpsVoterListData['households'][number];
export type PublicTanggapanWrite = z.input<typeof PublicTanggapanBody>;
export type TanggapanTrackingData = z.infer<typeof TanggapanTracking>;
export type HouseholdPhotoAcceptedData = z.infer<typeof HouseholdPhotoAccepted>;
export type HouseholdPhotoItemData = z.infer<typeof HouseholdPhotoItem>;
export type CoklitWindowData = z.infer<typeof CoklitWindow>;
export type LineageData = z.infer<typeof Lineage>;
export type ProgressData = z.infer<typeof Progress>;
// Dashboard and reports (issue 8)
export type DashboardData = z.infer<typeof Dashboard>;
export type ReportItemData = z.infer<typeof ReportItem>;
export type ReportScheduleData = z.infer<typeof ReportSchedule>;
export type DesaListsData = z.infer<typeof DesaLists>;
export type VoterListSummaryData = z.infer<typeof VoterListSummary>;
export type RecapData = z.infer<typeof Recap>;
export type CekDptData = z.infer<typeof CekDptAnswer>;
// News and outreach (issue 8)
export type NewsWrite = z.input<typeof NewsBody>;
export type NewsItemData = z.infer<typeof NewsListItem>;
export type NewsDetailData = z.infer<typeof NewsDetail>;
export type NewsMove = z.input<typeof NewsTransitionBody>;
export type PublicNewsData = z.infer<typeof PublicNewsItem>;
export type PublicNewsDetailData = z.infer<typeof PublicNewsDetail>;

/**
 * Uploads a DP4 file as it is (streamed by the server) with upload progress
 * (0..1); XMLHttpRequest because fetch reports no upload progress.
 */
export function uploadDp4(
  file: Blob,
  fileName: string,
  dryRun: boolean,
  onProgress: (share: number) => void,
): Promise<ApiResult<ImportSummaryData>> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(
      'POST',
      `/api/voters/import?fileName=${encodeURIComponent(fileName)}&dryRun=${String(dryRun)}`,
    );
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(writeHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader(
      'content-type',
      fileName.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/octet-stream',
    );
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () =>
      resolve(
        failure(
          CLIENT_ERROR.network,
          'Tidak dapat terhubung ke server. Periksa koneksi internet Anda lalu coba lagi.',
        ),
      );
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        resolve(httpFailure(xhr.status));
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ ok: true, data: body as ImportSummaryData });
      } else if (isErrorBody(body)) {
        resolve(failure(body.error.code, body.error.message, body.error.field));
      } else resolve(httpFailure(xhr.status));
    };
    xhr.send(file);
  });
}

export const RESULTS_STREAM_PATH = '/api/results/stream';

/** Codes the client itself produces (the server's codes come in `error.code`). */
export const CLIENT_ERROR = {
  network: 'network.unavailable',
  timeout: 'network.timeout',
  aborted: 'request.aborted',
  badResponse: 'response.unreadable',
} as const;

const TIMEOUT_MS = 30_000;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The signed-in session's CSRF token, from the last /api/auth/me or sign-in answer. */
let csrfToken: string | null = null;

/** Headers added to every write (POST/PUT/PATCH/DELETE): the session's CSRF token. */
function writeHeaders(): Record<string, string> {
  return csrfToken === null ? {} : { 'x-csrf-token': csrfToken };
}

/** Codes of the server's authentication failures that the whole app reacts to. */
export const AUTH_ERROR = {
  required: 'auth.required',
  sessionExpired: 'auth.session_expired',
  forbidden: 'auth.forbidden',
  passwordChangeRequired: 'auth.password_change_required',
  csrfInvalid: 'auth.csrf_invalid',
} as const;

type AuthFailureHandler = (error: ApiError, status: number) => void;
let onAuthFailure: AuthFailureHandler = () => undefined;

/**
 * Called on a 401 (signed out or session ended) and on the 403 that demands a
 * password change, from any call except sign-in itself. The session module
 * sends the user to /masuk or /ganti-sandi.
 */
export function setAuthFailureHandler(handler: AuthFailureHandler): void {
  onAuthFailure = handler;
}

/**
 * Paths whose 401 is an answer for the caller, not a lost session: a failed
 * sign-in, or signing out of a session that has already ended.
 */
const OWN_401 = new Set([
  '/api/auth/sign-in',
  '/api/auth/sign-out',
  '/api/auth/sign-out-everywhere',
]);

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const e: unknown = value.error;
  return (
    typeof e === 'object' &&
    e !== null &&
    'code' in e &&
    typeof e.code === 'string' &&
    'message' in e &&
    typeof e.message === 'string'
  );
}

function failure(code: string, message: string, field?: string): { ok: false; error: ApiError } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } };
}

function httpFailure(status: number): { ok: false; error: ApiError } {
  if (status >= 500) {
    return failure(
      `http.${String(status)}`,
      `Server sedang bermasalah (kode ${String(status)}). Silakan coba lagi beberapa saat lagi.`,
    );
  }
  return failure(`http.${String(status)}`, `Permintaan ditolak server (kode ${String(status)}).`);
}

/** One HTTP exchange; `status` is 0 when no answer came. */
interface RequestOptions {
  /** A JSON body. */
  body?: unknown;
  /** A raw body (a photo), sent with its own content type. */
  raw?: Blob | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number;
}

async function attempt<T>(
  method: Method,
  path: string,
  options: RequestOptions,
): Promise<{ result: ApiResult<T>; status: number }> {
  // One controller for both the caller's cancellation and our timeout.
  const controller = new AbortController();
  const flags = { timedOut: false };
  const timer = setTimeout(() => {
    flags.timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? TIMEOUT_MS);
  const outer = options.signal;
  const onOuterAbort = () => controller.abort();
  if (outer?.aborted === true) controller.abort();
  outer?.addEventListener('abort', onOuterAbort);

  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') Object.assign(headers, writeHeaders());
  // Only declare JSON when there is a body: Fastify refuses an empty JSON body.
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.raw !== undefined) headers['content-type'] = options.raw.type;

  try {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        signal: controller.signal,
        ...(options.raw !== undefined
          ? { body: options.raw }
          : options.body === undefined
            ? {}
            : { body: JSON.stringify(options.body) }),
      });
    } catch {
      if (flags.timedOut) {
        return {
          status: 0,
          result: failure(
            CLIENT_ERROR.timeout,
            'Server terlalu lama menjawab. Periksa koneksi internet Anda lalu coba lagi.',
          ),
        };
      }
      if (controller.signal.aborted) {
        return { status: 0, result: failure(CLIENT_ERROR.aborted, 'Permintaan dibatalkan.') };
      }
      return {
        status: 0,
        result: failure(
          CLIENT_ERROR.network,
          'Tidak dapat terhubung ke server. Periksa koneksi internet Anda lalu coba lagi.',
        ),
      };
    }
    const status = response.status;
    if (status === 204) return { status, result: { ok: true, data: undefined as T } };

    let body: unknown;
    try {
      body = await response.json();
    } catch {
      if (controller.signal.aborted && !flags.timedOut) {
        return { status, result: failure(CLIENT_ERROR.aborted, 'Permintaan dibatalkan.') };
      }
      return {
        status,
        result: response.ok
          ? failure(
              CLIENT_ERROR.badResponse,
              'Jawaban server tidak dapat dibaca. Silakan coba lagi.',
            )
          : httpFailure(status),
      };
    }

    if (response.ok) return { status, result: { ok: true, data: body as T } };
    if (isErrorBody(body)) {
      return { status, result: failure(body.error.code, body.error.message, body.error.field) };
    }
    return { status, result: httpFailure(status) };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

/** One exchange, again once with the current CSRF token when the one we had was stale. */
async function exchange<T>(
  method: Method,
  path: string,
  options: RequestOptions,
): Promise<{ result: ApiResult<T>; status: number }> {
  let { result, status } = await attempt<T>(method, path, options);
  // A stale CSRF token (e.g. the session was renewed in another tab, or the
  // page started offline with a remembered one): fetch the current one and
  // try the write once more.
  if (!result.ok && result.error.code === AUTH_ERROR.csrfInvalid && method !== 'GET') {
    const me = await attempt<MeData>('GET', '/api/auth/me', { signal: options.signal });
    if (me.result.ok && me.result.data.csrfToken !== null) {
      csrfToken = me.result.data.csrfToken;
      ({ result, status } = await attempt<T>(method, path, options));
    }
  }
  return { result, status };
}

/**
 * For the offline queue (src/web/offline): a write with its HTTP status (0 when
 * no answer came), without the app-wide reaction to a lost session: the queue
 * pauses its items and asks for sign-in itself.
 */
export function queuedWrite<T>(
  method: Method,
  path: string,
  options: { body?: unknown; raw?: Blob; timeoutMs?: number },
): Promise<{ result: ApiResult<T>; status: number }> {
  return exchange<T>(method, path, options);
}

async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResult<T>> {
  const { result, status } = await exchange<T>(method, path, options);
  if (!result.ok) {
    const ended = status === 401 && !OWN_401.has(path);
    const mustChange = result.error.code === AUTH_ERROR.passwordChangeRequired;
    if (ended) csrfToken = null;
    if (ended || mustChange) onAuthFailure(result.error, status);
  }
  return result;
}

/** Keeps the CSRF token of the session an answer describes. */
function keepToken(result: ApiResult<MeData>): ApiResult<MeData> {
  if (result.ok) csrfToken = result.data.csrfToken;
  return result;
}

const enc = encodeURIComponent;

function auditQuery(filter: AuditFilter | ProblemFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const q = params.toString();
  return q === '' ? '' : `?${q}`;
}

export const api = {
  settings: (signal?: AbortSignal) => request<SettingsData>('GET', '/api/settings', { signal }),

  me: async (signal?: AbortSignal) =>
    keepToken(await request<MeData>('GET', '/api/auth/me', { signal })),
  signIn: async (input: SignInInput) =>
    keepToken(await request<MeData>('POST', '/api/auth/sign-in', { body: input })),
  /** Ends the session; one that had already ended counts as signed out. */
  signOut: async (everywhere: boolean): Promise<ApiResult<undefined>> => {
    const result = await request<undefined>(
      'POST',
      everywhere ? '/api/auth/sign-out-everywhere' : '/api/auth/sign-out',
    );
    const ended =
      !result.ok &&
      (result.error.code === AUTH_ERROR.required ||
        result.error.code === AUTH_ERROR.sessionExpired);
    if (result.ok || ended) {
      csrfToken = null;
      return { ok: true, data: undefined };
    }
    return result;
  },
  changePassword: (input: PasswordChange) =>
    request<undefined>('POST', '/api/auth/password', { body: input }),

  regency: (signal?: AbortSignal) => request<RegencyData>('GET', '/api/regency', { signal }),
  region: (code: string, signal?: AbortSignal) =>
    request<RegionDetailData>('GET', `/api/regions/${enc(code)}`, { signal }),
  searchRegions: (q: string, signal?: AbortSignal) =>
    request<RegionSearchHitData[]>('GET', `/api/regions?q=${enc(q)}`, { signal }),

  korwil: (signal?: AbortSignal) => request<KorwilData[]>('GET', '/api/korwil', { signal }),
  createKorwil: (input: KorwilCreate) =>
    request<KorwilData>('POST', '/api/korwil', { body: input }),
  updateKorwil: (id: number, patch: KorwilChange) =>
    request<KorwilData>('PATCH', `/api/korwil/${String(id)}`, { body: patch }),
  moveKecamatan: (kecamatanCode: string, input: KecamatanMove) =>
    request<undefined>('PUT', `/api/regions/${enc(kecamatanCode)}/korwil`, { body: input }),

  tps: (id: number, signal?: AbortSignal) =>
    request<TpsDetailData>('GET', `/api/tps/${String(id)}`, { signal }),
  createTps: (input: TpsCreate) => request<TpsData>('POST', '/api/tps', { body: input }),
  updateTps: (id: number, patch: TpsChange) =>
    request<TpsData>('PATCH', `/api/tps/${String(id)}`, { body: patch }),
  retireTps: (id: number, input: TpsRetirement) =>
    request<TpsData>('POST', `/api/tps/${String(id)}/retire`, { body: input }),

  contests: (signal?: AbortSignal) => request<ContestData[]>('GET', '/api/contests', { signal }),
  createContest: (input: ContestCreate) =>
    request<ContestData>('POST', '/api/contests', { body: input }),
  addPair: (contestId: number, input: PairCreate) =>
    request<ContestData>('POST', `/api/contests/${String(contestId)}/pairs`, { body: input }),
  deletePair: (pairId: number) => request<ContestData>('DELETE', `/api/pairs/${String(pairId)}`),

  stages: (signal?: AbortSignal) => request<StageCalendarData>('GET', '/api/stages', { signal }),
  createStage: (input: StageWrite) => request<StageData>('POST', '/api/stages', { body: input }),
  updateStage: (id: number, input: StageWrite) =>
    request<StageData>('PUT', `/api/stages/${String(id)}`, { body: input }),
  deleteStage: (id: number) => request<undefined>('DELETE', `/api/stages/${String(id)}`),

  accounts: (signal?: AbortSignal) => request<AccountData[]>('GET', '/api/accounts', { signal }),
  createAccount: (input: AccountCreate) =>
    request<AccountCreatedData>('POST', '/api/accounts', { body: input }),
  resetPassword: (id: number) =>
    request<PasswordResetData>('POST', `/api/accounts/${String(id)}/reset-password`),
  disableAccount: (id: number) =>
    request<AccountData>('POST', `/api/accounts/${String(id)}/disable`),
  enableAccount: (id: number) => request<AccountData>('POST', `/api/accounts/${String(id)}/enable`),
  importAccounts: (input: AccountImportInput) =>
    request<AccountImportData>('POST', '/api/accounts/import', { body: input }),
  throttles: (signal?: AbortSignal) =>
    request<ThrottleList>('GET', '/api/auth/throttles', { signal }),
  liftThrottle: (input: ThrottleLiftBody) =>
    request<null>('POST', '/api/auth/throttles/lift', { body: input }),

  audit: (filter: AuditFilter, signal?: AbortSignal) =>
    request<AuditPageData>('GET', `/api/audit${auditQuery(filter)}`, { signal }),

  resultsWindow: (signal?: AbortSignal) =>
    request<ResultsWindowData>('GET', '/api/results/window', { signal }),
  openResultsEarly: (reason: string) =>
    request<ResultsWindowData>('POST', '/api/results/window/open-early', { body: { reason } }),
  tpsResults: (tpsId: number, signal?: AbortSignal) =>
    request<TpsResultsData>('GET', `/api/results/tps/${String(tpsId)}`, { signal }),
  resultsWorklist: (contestId: number, code?: string, signal?: AbortSignal) =>
    request<ResultsWorklistData>(
      'GET',
      `/api/results/worklist?contestId=${String(contestId)}${code === undefined ? '' : `&code=${enc(code)}`}`,
      { signal },
    ),
  submitResult: (input: ResultSubmit) =>
    request<SubmissionAcceptedData>('POST', '/api/results', { body: input }),
  verifyResult: (tpsId: number, contestId: number, input: StatusChange) =>
    request<SubmissionAcceptedData>(
      'POST',
      `/api/results/${String(tpsId)}/${String(contestId)}/verify`,
      { body: input },
    ),
  returnResult: (tpsId: number, contestId: number, input: StatusChange) =>
    request<SubmissionAcceptedData>(
      'POST',
      `/api/results/${String(tpsId)}/${String(contestId)}/return`,
      { body: input },
    ),
  /** The photo's bytes as they are (JPEG, PNG or WebP); a slow phone link gets two minutes. */
  uploadPhoto: (tpsId: number, contestId: number, photo: Blob) =>
    request<PhotoUploaded>('POST', `/api/results/${String(tpsId)}/${String(contestId)}/photos`, {
      raw: photo,
      timeoutMs: 120_000,
    }),
  resultsSummary: (contestId: number, at: SummaryAtData, signal?: AbortSignal) =>
    request<ResultsSummaryData>(
      'GET',
      `/api/results/summary?contestId=${String(contestId)}${summaryAtQuery(at)}`,
      { signal },
    ),
  anomalies: (contestId: number, signal?: AbortSignal) =>
    request<AnomalyItemData[]>('GET', `/api/results/anomalies?contestId=${String(contestId)}`, {
      signal,
    }),
  publicResults: (contestId: number, signal?: AbortSignal) =>
    request<ResultsSummaryData>('GET', `/api/public/results?contestId=${String(contestId)}`, {
      signal,
    }),
  publicKecamatan: (contestId: number, code: string, signal?: AbortSignal) =>
    request<ResultsSummaryData>(
      'GET',
      `/api/public/results/kecamatan?contestId=${String(contestId)}&code=${encodeURIComponent(code)}`,
      { signal },
    ),

  // Field problems (lapor cepat part 2)
  problemConfig: (signal?: AbortSignal) =>
    request<ProblemConfigData>('GET', '/api/problems/config', { signal }),
  saveProblemConfig: (input: ProblemConfigData) =>
    request<ProblemConfigData>('PUT', '/api/problems/config', { body: input }),
  problemPlaces: (signal?: AbortSignal) =>
    request<ProblemPlacesData>('GET', '/api/problems/places', { signal }),
  publicProblemPlaces: (signal?: AbortSignal) =>
    request<ProblemPlacesData>('GET', '/api/public/problems/places', { signal }),
  reportProblem: (input: ProblemReport) =>
    request<ProblemCreatedData>('POST', '/api/problems', { body: input }),
  reportPublicProblem: (input: PublicProblemReport) =>
    request<{ trackingCode: string }>('POST', '/api/public/problems', { body: input }),
  trackProblem: (code: string, signal?: AbortSignal) =>
    request<TrackingStatusData>('GET', `/api/public/problems/${enc(code)}`, { signal }),
  problems: (filter: ProblemFilter, signal?: AbortSignal) =>
    request<ProblemItemData[]>('GET', `/api/problems${auditQuery(filter)}`, { signal }),
  problem: (id: number, signal?: AbortSignal) =>
    request<ProblemDetailData>('GET', `/api/problems/${String(id)}`, { signal }),
  moveProblem: (id: number, input: ProblemTransition) =>
    request<ProblemDetailData>('POST', `/api/problems/${String(id)}/transition`, { body: input }),
  problemAssignees: (id: number, signal?: AbortSignal) =>
    request<ProblemAssigneeData[]>('GET', `/api/problems/${String(id)}/assignees`, { signal }),
  assignProblem: (id: number, input: ProblemAssign) =>
    request<ProblemDetailData>('PUT', `/api/problems/${String(id)}/assignee`, { body: input }),
  commentProblem: (id: number, body: string) =>
    request<ProblemDetailData>('POST', `/api/problems/${String(id)}/comments`, { body: { body } }),
  updateReferral: (id: number, referralId: number, input: ReferralUpdate) =>
    request<ProblemDetailData>(
      'POST',
      `/api/problems/${String(id)}/referrals/${String(referralId)}/updates`,
      { body: input },
    ),
  uploadProblemPhoto: (id: number, photo: Blob) =>
    request<{ sha256: string; bytes: number }>('POST', `/api/problems/${String(id)}/photos`, {
      raw: photo,
      timeoutMs: 120_000,
    }),
  problemTrend: (days: number, signal?: AbortSignal) =>
    request<ProblemTrendData>('GET', `/api/problems/trend?days=${String(days)}`, { signal }),
  bupatiSummary: (signal?: AbortSignal) =>
    request<BupatiSummaryData>('GET', '/api/problems/summary', { signal }),
  // People
  desk: (signal?: AbortSignal) => request<DeskOrganisationData>('GET', '/api/desk', { signal }),
  addDeskPosition: (input: DeskPositionCreate) =>
    request<DeskPositionData>('POST', '/api/desk/positions', { body: input }),
  removeDeskPosition: (id: number) =>
    request<undefined>('DELETE', `/api/desk/positions/${String(id)}`),
  roster: (body: AdhocBody, code: string | undefined, signal?: AbortSignal) =>
    request<RosterMemberData[]>(
      'GET',
      `/api/rosters?body=${body}${code === undefined ? '' : `&code=${enc(code)}`}`,
      { signal },
    ),
  rosterCompleteness: (code: string | undefined, signal?: AbortSignal) =>
    request<RosterCompletenessData>(
      'GET',
      `/api/rosters/completeness${code === undefined ? '' : `?code=${enc(code)}`}`,
      { signal },
    ),
  importRoster: (input: CsvImportInput) =>
    request<CsvImportData>('POST', '/api/rosters/import', { body: input, timeoutMs: 120_000 }),
  removeMember: (id: number) => request<undefined>('DELETE', `/api/rosters/members/${String(id)}`),
  giveAccount: (id: number, username: string) =>
    request<RosterAccountData>('POST', `/api/rosters/members/${String(id)}/account`, {
      body: { username },
    }),
  bimtekList: (signal?: AbortSignal) =>
    request<BimtekSummaryData[]>('GET', '/api/bimtek', { signal }),
  bimtek: (id: number, signal?: AbortSignal) =>
    request<BimtekEventData>('GET', `/api/bimtek/${String(id)}`, { signal }),
  createBimtek: (input: BimtekEventCreate) =>
    request<BimtekSummaryData>('POST', '/api/bimtek', { body: input }),
  addWave: (eventId: number, input: BimtekWaveCreate) =>
    request<{ id: number }>('POST', `/api/bimtek/${String(eventId)}/waves`, { body: input }),
  addSession: (eventId: number, input: BimtekSessionCreate) =>
    request<{ id: number }>('POST', `/api/bimtek/${String(eventId)}/sessions`, { body: input }),
  uploadMaterial: (eventId: number, file: File) =>
    request<BimtekMaterialData>(
      'POST',
      `/api/bimtek/${String(eventId)}/materials?name=${enc(file.name)}`,
      { raw: file, timeoutMs: 120_000 },
    ),
  untrained: (eventId: number, signal?: AbortSignal) =>
    request<UntrainedData[]>('GET', `/api/bimtek/${String(eventId)}/untrained`, { signal }),
  wave: (waveId: number, signal?: AbortSignal) =>
    request<WaveDetailData>('GET', `/api/bimtek/waves/${String(waveId)}`, { signal }),
  recordAttendance: (waveId: number, input: AttendanceInput) =>
    request<AttendanceData>('POST', `/api/bimtek/waves/${String(waveId)}/attendance`, {
      body: input,
    }),
  recordAttendanceCode: (waveId: number, day: string, code: string) =>
    request<AttendanceData>('POST', `/api/bimtek/waves/${String(waveId)}/attendance/code`, {
      body: { day, code },
    }),
  recordScores: (waveId: number, input: ScoresInput) =>
    request<AttendanceData>('PUT', `/api/bimtek/waves/${String(waveId)}/scores`, { body: input }),
  asnAtTps: (tpsId: number, signal?: AbortSignal) =>
    request<AsnAtTpsData[]>('GET', `/api/asn/tps/${String(tpsId)}`, { signal }),
  markAsnVoted: (id: number, voted: boolean) =>
    request<{ votedAt: string | null }>('POST', `/api/asn/${String(id)}/voted`, {
      body: { voted },
    }),
  asnRecap: (signal?: AbortSignal) => request<AsnRecapData>('GET', '/api/asn/recap', { signal }),
  importAsn: (input: CsvImportInput) =>
    request<CsvImportData>('POST', '/api/asn/import', { body: input, timeoutMs: 120_000 }),
  // Voter data (DP4, coklit, DPS/DPT)
  voterImports: (signal?: AbortSignal) =>
    request<ImportSummaryData[]>('GET', '/api/voters/imports', { signal }),
  tpsVoters: (tpsId: number, signal?: AbortSignal) =>
    request<TpsVoterListData>('GET', `/api/voters/tps/${String(tpsId)}`, { signal }),
  coklit: (voterId: number, input: CoklitWrite) =>
    request<CoklitAcceptedData>('POST', `/api/voters/${String(voterId)}/coklit`, { body: input }),
  newVoter: (tpsId: number, input: NewVoterWrite) =>
    request<CoklitAcceptedData>('POST', `/api/coklit/tps/${String(tpsId)}/new-voter`, {
      body: input,
    }),
  /** A photo of a household visit (the house with its sticker), as it is; two minutes on a slow link. */
  uploadHouseholdPhoto: (householdId: number, photo: Blob) =>
    request<HouseholdPhotoAcceptedData>(
      'POST',
      `/api/coklit/households/${String(householdId)}/photos`,
      { raw: photo, timeoutMs: 120_000 },
    ),
  householdPhotos: (householdId: number, signal?: AbortSignal) =>
    request<HouseholdPhotoItemData[]>(
      'GET',
      `/api/coklit/households/${String(householdId)}/photos`,
      { signal },
    ),
  coklitWindow: (signal?: AbortSignal) =>
    request<CoklitWindowData>('GET', '/api/coklit/window', { signal }),
  reopenCoklit: (reason: string, until: string) =>
    request<CoklitWindowData>('POST', '/api/coklit/window/reopen', { body: { reason, until } }),
  lineage: (voterId: number, signal?: AbortSignal) =>
    request<LineageData>('GET', `/api/voters/${String(voterId)}/lineage`, { signal }),
  unmask: (voterId: number, reason: string) =>
    request<{ id: number; nik: string; nkk: string }>(
      'POST',
      `/api/voters/${String(voterId)}/unmask`,
      { body: { reason } },
    ),
  voterProgress: (code: string, signal?: AbortSignal) =>
    request<ProgressData>('GET', `/api/voters/progress?code=${enc(code)}`, { signal }),
  desaLists: (code: string, signal?: AbortSignal) =>
    request<DesaListsData>('GET', `/api/voters/lists/${enc(code)}`, { signal }),
  compileList: (code: string, kind: 'dps' | 'dpt') =>
    request<VoterListSummaryData>('POST', `/api/voters/lists/${enc(code)}/${kind}`),
  addTanggapan: (input: {
    desaCode: string;
    kind: 'tidak_memenuhi_syarat' | 'belum_terdaftar' | 'perbaikan_data';
    description: string;
    submitterName?: string;
  }) => request<{ id: number }>('POST', '/api/voters/tanggapan', { body: input }),
  resolveTanggapan: (id: number, status: 'diterima' | 'ditolak', resolution: string) =>
    request<{ id: number }>('POST', `/api/voters/tanggapan/${String(id)}/resolve`, {
      body: { status, resolution },
    }),
  voterRecap: (code: string, kind: 'dps' | 'dpt', signal?: AbortSignal) =>
    request<RecapData>('GET', `/api/voters/recap?code=${enc(code)}&kind=${kind}`, { signal }),
  cekDpt: (nik: string, name: string) =>
    request<CekDptData>('POST', '/api/public/cek-dpt', { body: { nik, name } }),
  sendPublicTanggapan: (input: PublicTanggapanWrite) =>
    request<{ trackingCode: string }>('POST', '/api/public/tanggapan', { body: input }),
  trackTanggapan: (code: string, signal?: AbortSignal) =>
    request<TanggapanTrackingData>('GET', `/api/public/tanggapan/${enc(code)}`, { signal }),
  // News and outreach (issue 8)
  publicNews: (limit: number, signal?: AbortSignal) =>
    request<PublicNewsData[]>('GET', `/api/public/news?limit=${String(limit)}`, { signal }),
  publicNewsItem: (slug: string, signal?: AbortSignal) =>
    request<PublicNewsDetailData>('GET', `/api/public/news/${enc(slug)}`, { signal }),
  newsList: (status: NewsStatusValue | undefined, signal?: AbortSignal) =>
    request<NewsItemData[]>(
      'GET',
      status === undefined ? '/api/news' : `/api/news?status=${status}`,
      {
        signal,
      },
    ),
  newsItem: (id: number, signal?: AbortSignal) =>
    request<NewsDetailData>('GET', `/api/news/${String(id)}`, { signal }),
  createNews: (input: NewsWrite) => request<NewsDetailData>('POST', '/api/news', { body: input }),
  updateNews: (id: number, input: NewsWrite) =>
    request<NewsDetailData>('PUT', `/api/news/${String(id)}`, { body: input }),
  moveNews: (id: number, input: NewsMove) =>
    request<NewsDetailData>('POST', `/api/news/${String(id)}/transition`, { body: input }),
  uploadNewsPhoto: (id: number, photo: Blob, caption: string) =>
    request<{ sha256: string; bytes: number }>(
      'POST',
      `/api/news/${String(id)}/photos${caption === '' ? '' : `?caption=${enc(caption)}`}`,
      { raw: photo, timeoutMs: 120_000 },
    ),
  removeNewsPhoto: (id: number, sha256: string) =>
    request<NewsDetailData>('DELETE', `/api/news/${String(id)}/photos/${sha256}`),
  // Dashboard and reports (issue 8)
  dashboard: (signal?: AbortSignal) => request<DashboardData>('GET', '/api/dashboard', { signal }),
  reports: (signal?: AbortSignal) => request<ReportItemData[]>('GET', '/api/reports', { signal }),
  generateReport: (kind: z.infer<typeof ReportKind>, date?: string) =>
    request<ReportItemData>('POST', '/api/reports', {
      body: date === undefined ? { kind } : { kind, date },
      timeoutMs: 60_000,
    }),
  reportSchedule: (signal?: AbortSignal) =>
    request<ReportScheduleData>('GET', '/api/reports/schedule', { signal }),
  saveReportSchedule: (input: ReportScheduleData) =>
    request<ReportScheduleData>('PUT', '/api/reports/schedule', { body: input }),
};

/** Addresses of downloads (PDF reports, XLSX recaps), for plain links. */
export const downloads = {
  reportPdf: (kind: z.infer<typeof ReportKind>, date?: string) =>
    `/api/reports/pdf?kind=${kind}${date === undefined ? '' : `&date=${enc(date)}`}`,
  storedReport: (id: number) => `/api/reports/${String(id)}/pdf`,
  coklitXlsx: (code?: string) =>
    `/api/exports/coklit${code === undefined ? '' : `?code=${enc(code)}`}`,
  rostersXlsx: () => '/api/exports/rosters',
  bimtekXlsx: (id: number) => `/api/exports/bimtek/${String(id)}`,
  problemsXlsx: (filter: ProblemFilter = {}) => `/api/exports/problems${auditQuery(filter)}`,
};

/** Where a desk reader sees a news photo (any status). */
export function newsPhotoPath(id: number, sha256: string): string {
  return `/api/news/${String(id)}/photos/${sha256}`;
}
