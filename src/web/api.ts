/**
 * The one typed client for the Desk Pilkada JSON API.
 *
 * Every call resolves (never rejects) to `{ ok: true, data }` or
 * `{ ok: false, error: { code, message, field? } }`; network failures,
 * timeouts and non-JSON answers become errors with Indonesian messages.
 * Payload types are inferred from the shared zod schemas in src/domain, imported
 * as types only so zod itself stays out of the browser bundle.
 */
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
import type { Tps, TpsInput, TpsRetire, TpsUpdate } from '../domain/tps/tps.schema.ts';
import type { Contest, ContestInput, PairInput } from '../domain/contests/contest.schema.ts';
import type { Stage, StageCalendar, StageInput } from '../domain/stages/stage.schema.ts';
import type { ErrorBody } from '../domain/common/error.schema.ts';
import type { Settings } from '../domain/settings/settings.schema.ts';

export type ApiError = z.infer<typeof ErrorBody>['error'];
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export type RegencyData = z.infer<typeof Regency>;
export type RegionDetailData = z.infer<typeof RegionDetail>;
export type RegionSearchHitData = z.infer<typeof RegionSearchHit>;
export type KorwilData = z.infer<typeof Korwil>;
export type KorwilCreate = z.input<typeof KorwilInput>;
export type KorwilChange = z.input<typeof KorwilPatch>;
export type KecamatanMove = z.input<typeof KecamatanKorwilInput>;
export type TpsData = z.infer<typeof Tps>;
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

/** Codes the client itself produces (the server's codes come in `error.code`). */
export const CLIENT_ERROR = {
  network: 'network.unavailable',
  timeout: 'network.timeout',
  aborted: 'request.aborted',
  badResponse: 'response.unreadable',
} as const;

const TIMEOUT_MS = 30_000;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Headers added to every write (POST/PUT/PATCH/DELETE). This is the one place
 * to add the CSRF token once authentication arrives.
 */
function writeHeaders(): Record<string, string> {
  return {};
}

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

async function request<T>(
  method: Method,
  path: string,
  options: { body?: unknown; signal?: AbortSignal | undefined } = {},
): Promise<ApiResult<T>> {
  // One controller for both the caller's cancellation and our timeout.
  const controller = new AbortController();
  const flags = { timedOut: false };
  const timer = setTimeout(() => {
    flags.timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);
  const outer = options.signal;
  const onOuterAbort = () => controller.abort();
  if (outer?.aborted === true) controller.abort();
  outer?.addEventListener('abort', onOuterAbort);

  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') Object.assign(headers, writeHeaders());
  // Only declare JSON when there is a body: Fastify refuses an empty JSON body.
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  try {
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        signal: controller.signal,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    } catch {
      if (flags.timedOut) {
        return failure(
          CLIENT_ERROR.timeout,
          'Server terlalu lama menjawab. Periksa koneksi internet Anda lalu coba lagi.',
        );
      }
      if (controller.signal.aborted) return failure(CLIENT_ERROR.aborted, 'Permintaan dibatalkan.');
      return failure(
        CLIENT_ERROR.network,
        'Tidak dapat terhubung ke server. Periksa koneksi internet Anda lalu coba lagi.',
      );
    }

    if (response.status === 204) return { ok: true, data: undefined as T };

    let body: unknown;
    try {
      body = await response.json();
    } catch {
      if (controller.signal.aborted && !flags.timedOut) {
        return failure(CLIENT_ERROR.aborted, 'Permintaan dibatalkan.');
      }
      return response.ok
        ? failure(CLIENT_ERROR.badResponse, 'Jawaban server tidak dapat dibaca. Silakan coba lagi.')
        : httpFailure(response.status);
    }

    if (response.ok) return { ok: true, data: body as T };
    if (isErrorBody(body)) {
      return failure(body.error.code, body.error.message, body.error.field);
    }
    return httpFailure(response.status);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

const enc = encodeURIComponent;

export const api = {
  settings: (signal?: AbortSignal) => request<SettingsData>('GET', '/api/settings', { signal }),

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
};
