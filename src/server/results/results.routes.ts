import { openEventStream } from '../http/event-stream.ts';
import { z } from 'zod';
import { ErrorBody, IdParam } from '../../domain/common/error.schema.ts';
import { ok } from '../../domain/common/result.ts';
import { ResultSubmissionBody } from '../../domain/results/chasil.schema.ts';
import {
  AnomalyItem,
  OpenEarlyBody,
  ResultsSummary,
  ResultsWindow,
  StatusChangeBody,
  SubmissionAccepted,
  SummaryQuery,
  PublicKecamatanQuery,
  TpsResults,
  ResultsWorklist,
  WorklistQuery,
} from '../../domain/results/results.schema.ts';
import { resultsWorklist } from './results.worklist.ts';
import { auditWrite, authorizeWrite, canRead, regionTarget } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { inTransaction } from '../http/transaction.ts';
import type { LiveHub } from '../live/live-hub.ts';
import { findTps } from '../tps/tps.repository.ts';
import { findResultPhoto, insertPhoto, sameHashElsewhere } from './results.repository.ts';
import {
  canReadTpsResults,
  changeStatus,
  openWindowEarly,
  resultsWindow,
  submitResult,
  tpsResults,
} from './results.service.ts';
import { anomalyList, resultsSummary } from './results.summary.ts';
import { summaryTable, toCsv, toXlsx } from './results.export.ts';
import {
  acceptPhotoBodies,
  isRefusal,
  photoOf,
  preparePhoto,
  refusePhoto,
  storePhoto,
} from '../http/photos.ts';
import { PhotoSizeQuery, sendPhotoSized } from '../http/photo-thumbnails.ts';

const AUTH_ERRORS = { 401: ErrorBody, 403: ErrorBody, ...ERRORS } as const;
const TpsContestParams = z.object({
  tpsId: z.coerce.number().int().positive().max(2_147_483_647),
  contestId: z.coerce.number().int().positive().max(2_147_483_647),
});
const PHOTO_LIMIT = 10 * 1024 * 1024;

export function resultsRoutes(app: ZodApp, db: Db, hub: LiveHub, dataDir: string): void {
  acceptPhotoBodies(app, PHOTO_LIMIT);

  app.get(
    '/api/results/window',
    {
      schema: {
        tags: ['Hasil'],
        summary: 'Whether results are accepted now',
        response: { 200: ResultsWindow },
      },
    },
    async () => resultsWindow(db),
  );
  app.post(
    '/api/results/window/open-early',
    {
      schema: {
        tags: ['Hasil'],
        summary: 'Open the results window before voting day, for a rehearsal (admin, audited)',
        body: OpenEarlyBody,
        response: { 200: ResultsWindow, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await openWindowEarly(db, req.actor, req.body.reason)),
  );
  app.post(
    '/api/results',
    {
      schema: {
        tags: ['Hasil'],
        summary: 'Submit or correct a C.Hasil-KWK (idempotent by clientId)',
        body: ResultSubmissionBody,
        response: { 200: SubmissionAccepted, 201: SubmissionAccepted, ...AUTH_ERRORS },
      },
      // The voting night's route: its answers are built from typed values
      // (`SubmissionAccepted`, `ErrorBody`), so they are written as they are
      // rather than checked against the schemas again, which took 4–5 % of
      // the server's time in `npm run bench -- results`. The schemas still
      // document the route (OpenAPI), and tests compare the answers whole.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (req, reply) => {
      const result = await submitResult(db, hub, req.actor, req.body);
      return sendResult(reply, result, result.ok && result.value.duplicate ? 200 : 201);
    },
  );
  for (const [path, to] of [
    ['verify', 'verified'],
    ['return', 'returned'],
  ] as const) {
    app.post(
      `/api/results/:tpsId/:contestId/${path}`,
      {
        schema: {
          tags: ['Hasil'],
          summary:
            to === 'verified'
              ? 'PPK: verify the current version'
              : 'PPK: return the current version with a note',
          params: TpsContestParams,
          body: StatusChangeBody,
          response: { 200: SubmissionAccepted, ...AUTH_ERRORS },
        },
      },
      async (req, reply) =>
        sendResult(
          reply,
          await changeStatus(
            db,
            hub,
            req.actor,
            req.params.tpsId,
            req.params.contestId,
            req.body,
            to,
          ),
        ),
    );
  }
  app.get(
    '/api/results/tps/:id',
    {
      schema: {
        tags: ['Hasil'],
        summary: "A TPS's results for each contest, with every version and photo",
        params: IdParam,
        response: { 200: TpsResults, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await tpsResults(db, req.actor, req.params.id)),
  );
  app.get(
    '/api/results/worklist',
    {
      schema: {
        tags: ['Hasil'],
        summary:
          "The TPS of the caller's area for a contest: waiting for verification (oldest first), returned, verified, missing",
        querystring: WorklistQuery,
        response: { 200: ResultsWorklist, ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await resultsWorklist(db, req.actor, req.query.contestId, req.query.code)),
  );
  app.get(
    '/api/results/summary',
    {
      schema: {
        tags: ['Hasil'],
        summary:
          'Totals of a contest for a region (or a Korwil) and its children (and the Korwil at regency level)',
        querystring: SummaryQuery,
        response: { 200: ResultsSummary, ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(
        reply,
        await resultsSummary(db, req.actor, req.query.contestId, {
          code: req.query.code,
          korwilId: req.query.korwil,
        }),
      ),
  );
  app.get(
    '/api/results/anomalies',
    {
      schema: {
        tags: ['Hasil'],
        summary: 'Accepted results with soft anomaly flags, in the caller’s scope',
        querystring: SummaryQuery.pick({ contestId: true }),
        response: { 200: z.array(AnomalyItem), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await anomalyList(db, req.actor, req.query.contestId)),
  );
  app.get(
    '/api/results/export',
    {
      schema: {
        tags: ['Hasil'],
        summary: 'Download the totals of a level and its children as CSV or XLSX',
        querystring: SummaryQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
        // The body is a file (text/csv or XLSX), sent as is, not serialised.
        response: {
          200: z.unknown().meta({ description: 'The CSV or XLSX file' }),
          ...AUTH_ERRORS,
        },
      },
    },
    async (req, reply) => {
      const summary = await resultsSummary(db, req.actor, req.query.contestId, {
        code: req.query.code,
        korwilId: req.query.korwil,
      });
      if (!summary.ok) return sendResult(reply, summary);
      const table = summaryTable(summary.value);
      const region = summary.value.region;
      const name = `rekap-hasil-${String(req.query.contestId)}-${region.level === 'korwil' ? `korwil-${region.code}` : region.code}`;
      if (req.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(toCsv(table));
      }
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await toXlsx(table, summary.value.notice));
    },
  );
  app.get(
    '/api/public/results',
    {
      schema: {
        tags: ['Hasil'],
        summary:
          'Provisional totals for the public: regency and kecamatan (not official KPU results)',
        querystring: SummaryQuery.pick({ contestId: true }),
        response: { 200: ResultsSummary, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await resultsSummary(db, 'public', req.query.contestId)),
  );
  app.get(
    '/api/public/results/kecamatan',
    {
      schema: {
        tags: ['Hasil'],
        summary:
          'Provisional totals for the public: one kecamatan and its desa (not official KPU results)',
        querystring: PublicKecamatanQuery,
        response: { 200: ResultsSummary, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(
        reply,
        await resultsSummary(db, 'public', req.query.contestId, { code: req.query.code }),
      ),
  );
  app.post(
    '/api/results/:tpsId/:contestId/photos',
    {
      schema: {
        tags: ['Hasil'],
        summary:
          'Attach a photo of the signed form (JPEG, PNG or WebP body); the same photo at another TPS is flagged',
        params: TpsContestParams,
        response: {
          201: z.object({
            sha256: z.string(),
            bytes: z.number().int(),
            alsoAtTps: z.array(z.number().int()),
          }),
          ...AUTH_ERRORS,
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const { tpsId, contestId } = req.params;
      const photo = photoOf(req, 'result');
      if (isRefusal(photo)) return refusePhoto(reply, photo);
      const tpsRow = await findTps(db, tpsId);
      const what = { action: 'result.photo', targetType: 'tps', targetId: tpsId };
      const target =
        tpsRow === undefined ? undefined : await regionTarget(db, tpsRow.desaCode, tpsRow.id);
      const access = await authorizeWrite(db, req.actor, 'result.submit', target, what);
      if (!access.ok) return sendResult(reply, access);
      const clean = await preparePhoto(photo, 'result', PHOTO_LIMIT);
      if (isRefusal(clean)) return refusePhoto(reply, clean);
      const { body, mediaType } = clean;
      const sha256 = await storePhoto(dataDir, clean);
      const saved = await inTransaction(db, async (tx) => {
        await insertPhoto(tx, {
          tpsId,
          contestId,
          sha256,
          mediaType,
          bytes: body.length,
          uploadedBy: req.actor.username,
        });
        const alsoAtTps = await sameHashElsewhere(tx, sha256, tpsId);
        await auditWrite(tx, access.value, what, {
          after: { contestId, sha256, bytes: body.length, alsoAtTps },
        });
        return ok({ sha256, bytes: body.length, alsoAtTps });
      });
      return sendResult(reply, saved, 201);
    },
  );
  app.get(
    '/api/results/:tpsId/:contestId/photos/:sha256',
    {
      schema: {
        tags: ['Hasil'],
        summary:
          "A photo of a TPS's signed form (the image file), for whoever may read that TPS's results",
        params: TpsContestParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
        querystring: PhotoSizeQuery,
        response: { 200: z.unknown().meta({ description: 'The image' }), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const { tpsId, contestId, sha256 } = req.params;
      const allowed = await canReadTpsResults(db, req.actor, tpsId);
      if (!allowed.ok) return sendResult(reply, allowed);
      const photo = await findResultPhoto(db, tpsId, contestId, sha256);
      return sendPhotoSized(
        reply,
        dataDir,
        photo,
        'result',
        'private, max-age=86400',
        req.query.ukuran,
      );
    },
  );
  app.get(
    '/api/results/stream',
    {
      schema: {
        tags: ['Hasil'],
        summary:
          'Server-Sent Events: `result` each time a result in the caller’s scope is accepted or changes status',
      },
    },
    async (req, reply) => {
      const allowed = canRead(req.actor, 'result.read');
      if (!allowed.ok && allowed.error.kind === 'unauthorized') return sendResult(reply, allowed);
      const actor = req.actor;
      const korwilOfDesa = new Map<string, number | null>();
      openEventStream(req, reply, (stream) =>
        hub.subscribe((event) => {
          void (async () => {
            let korwilId = korwilOfDesa.get(event.desaCode);
            if (korwilId === undefined) {
              korwilId = (await regionTarget(db, event.desaCode)).korwilId;
              korwilOfDesa.set(event.desaCode, korwilId);
            }
            const target = { regionCode: event.desaCode, korwilId, tpsId: event.tpsId };
            if (canRead(actor, 'result.read', target).ok) stream.send('result', event);
          })().catch((e: unknown) => {
            // A failed read skips this event for this stream; it must not become an unhandled rejection.
            req.log.error({ err: e }, 'live results filter failed');
          });
        }),
      );
    },
  );
}
