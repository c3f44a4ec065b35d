/** HTTP routes of field problems (thin: validate → service → reply). */
import { openEventStream } from '../http/event-stream.ts';
import { z } from 'zod';
import { ErrorBody, IdParam } from '../../domain/common/error.schema.ts';
import { ok } from '../../domain/common/result.ts';
import {
  AssignBody,
  BupatiSummary,
  ProblemAssignee,
  CommentBody,
  ProblemConfig,
  ProblemConfigBody,
  ProblemCreated,
  ProblemDetail,
  ProblemListItem,
  ProblemListQuery,
  ProblemPlaces,
  ProblemReportBody,
  ProblemTrend,
  PublicProblemBody,
  PublicProblemCreated,
  ReferralUpdateBody,
  TrackingStatus,
  TransitionBody,
} from '../../domain/problems/problems.schema.ts';
import { auditWrite, canRead } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { inTransaction } from '../http/transaction.ts';
import type { LiveHub } from '../live/live-hub.ts';
import { findPhoto, insertProblemPhoto } from './problems.repository.ts';
import {
  assignProblem,
  authorizePhoto,
  problemAssignees,
  bupatiSummary,
  commentOnProblem,
  problemConfig,
  problemDetail,
  problemPlaces,
  problemTarget,
  problemTrend,
  listProblems,
  reportProblem,
  reportPublic,
  saveProblemConfig,
  trackingStatus,
  transitionProblem,
  updateReferral,
} from './problems.service.ts';
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
/** A problem photo may be at most 5 MB (phones resize before sending). */
export const PROBLEM_PHOTO_LIMIT = 5 * 1024 * 1024;
const TAGS = ['Masalah'];

export function problemsRoutes(app: ZodApp, db: Db, hub: LiveHub, dataDir: string): void {
  acceptPhotoBodies(app, 10 * 1024 * 1024);

  app.get(
    '/api/problems/config',
    {
      schema: {
        tags: TAGS,
        summary: 'Problem categories and response-time targets per severity',
        response: { 200: ProblemConfig },
      },
    },
    async () => problemConfig(db),
  );
  app.put(
    '/api/problems/config',
    {
      schema: {
        tags: TAGS,
        summary: 'Edit the category list and the response-time targets (desk, audited)',
        body: ProblemConfigBody,
        response: { 200: ProblemConfig, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await saveProblemConfig(db, req.actor, req.body)),
  );
  app.get(
    '/api/problems/places',
    {
      schema: {
        tags: TAGS,
        summary: 'Kecamatan, desa and TPS where the caller may report a problem',
        response: { 200: ProblemPlaces, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await problemPlaces(db, req.actor)),
  );
  app.get(
    '/api/public/problems/places',
    {
      schema: {
        tags: TAGS,
        summary: 'Kecamatan and desa for the public report form',
        response: { 200: ProblemPlaces },
      },
    },
    async (_req, reply) => sendResult(reply, await problemPlaces(db, 'public')),
  );
  app.post(
    '/api/problems',
    {
      schema: {
        tags: TAGS,
        summary:
          'Report a field problem in the caller’s scope; answers possible duplicates (same category, place, close in time)',
        body: ProblemReportBody,
        response: { 201: ProblemCreated, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await reportProblem(db, hub, req.actor, req.body), 201),
  );
  app.post(
    '/api/public/problems',
    {
      schema: {
        tags: TAGS,
        summary:
          'Public report (no account): honeypot field, rate-limited per address; answers a tracking code',
        body: PublicProblemBody,
        response: { 201: PublicProblemCreated, ...ERRORS, 429: ErrorBody },
      },
    },
    async (req, reply) => sendResult(reply, await reportPublic(db, hub, req.ip, req.body), 201),
  );
  app.get(
    '/api/public/problems/:code',
    {
      schema: {
        tags: TAGS,
        summary: 'Status of a report by its tracking code (status only, no personal data)',
        params: z.object({ code: z.string().min(3).max(20) }),
        response: { 200: TrackingStatus, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await trackingStatus(db, req.params.code)),
  );
  app.get(
    '/api/problems',
    {
      schema: {
        tags: TAGS,
        summary:
          'Problems in the caller’s scope, filtered by Korwil, kecamatan, category, severity, status, overdue',
        querystring: ProblemListQuery,
        response: { 200: z.array(ProblemListItem), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await listProblems(db, req.actor, req.query)),
  );
  app.get(
    '/api/problems/trend',
    {
      schema: {
        tags: TAGS,
        summary: 'Reports received and closed per day (WIB) in the caller’s scope',
        querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(14) }),
        response: { 200: ProblemTrend, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await problemTrend(db, req.actor, req.query.days)),
  );
  app.get(
    '/api/problems/summary',
    {
      schema: {
        tags: TAGS,
        summary: 'Ringkasan untuk Bupati: open, settled, stuck with another agency, overdue',
        response: { 200: BupatiSummary, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await bupatiSummary(db, req.actor)),
  );
  app.get(
    '/api/problems/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'A problem with its history, comments, referrals, photos and possible duplicates',
        params: IdParam,
        response: { 200: ProblemDetail, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await problemDetail(db, req.actor, req.params.id)),
  );
  app.post(
    '/api/problems/:id/transition',
    {
      schema: {
        tags: TAGS,
        summary:
          'Move a problem in its workflow (terima, tangani, teruskan, selesaikan, tolak, gabungkan)',
        params: IdParam,
        body: TransitionBody,
        response: { 200: ProblemDetail, ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await transitionProblem(db, hub, req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/problems/:id/assignees',
    {
      schema: {
        tags: TAGS,
        summary:
          'The accounts this problem may be assigned to (those who may handle it where it lies), by name',
        params: IdParam,
        response: { 200: z.array(ProblemAssignee), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await problemAssignees(db, req.actor, req.params.id)),
  );
  app.put(
    '/api/problems/:id/assignee',
    {
      schema: {
        tags: TAGS,
        summary: 'Assign the problem to a person (by account name), or release it',
        params: IdParam,
        body: AssignBody,
        response: { 200: ProblemDetail, ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await assignProblem(db, req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/problems/:id/comments',
    {
      schema: {
        tags: TAGS,
        summary: 'Comment on a problem',
        params: IdParam,
        body: CommentBody,
        response: { 200: ProblemDetail, ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await commentOnProblem(db, req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/problems/:id/referrals/:referralId/updates',
    {
      schema: {
        tags: TAGS,
        summary: 'Record what the agency said about a referral (status, note, reference)',
        params: IdParam.extend({
          referralId: z.coerce.number().int().positive().max(2_147_483_647),
        }),
        body: ReferralUpdateBody,
        response: { 200: ProblemDetail, ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(
        reply,
        await updateReferral(db, req.actor, req.params.id, req.params.referralId, req.body),
      ),
  );
  app.post(
    '/api/problems/:id/photos',
    {
      schema: {
        tags: TAGS,
        summary: 'Attach a photo (JPEG, PNG or WebP body, at most 5 MB)',
        params: IdParam,
        response: {
          201: z.object({ sha256: z.string(), bytes: z.number().int() }),
          ...AUTH_ERRORS,
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      const photo = photoOf(req, 'problem');
      if (isRefusal(photo)) return refusePhoto(reply, photo);
      const access = await authorizePhoto(db, req.actor, id);
      if (!access.ok) return sendResult(reply, access);
      const clean = await preparePhoto(photo, 'problem', PROBLEM_PHOTO_LIMIT);
      if (isRefusal(clean)) return refusePhoto(reply, clean);
      const { body, mediaType } = clean;
      const sha256 = await storePhoto(dataDir, clean);
      const saved = await inTransaction(db, async (tx) => {
        await insertProblemPhoto(tx, {
          problemId: id,
          sha256,
          mediaType,
          bytes: body.length,
          uploadedBy: req.actor.fullName ?? req.actor.username,
        });
        await auditWrite(
          tx,
          access.value,
          { action: 'problem.photo', targetType: 'problem', targetId: id },
          { after: { sha256, bytes: body.length } },
        );
        return ok({ sha256, bytes: body.length });
      });
      return sendResult(reply, saved, 201);
    },
  );
  app.get(
    '/api/problems/:id/photos/:sha256',
    {
      schema: {
        tags: TAGS,
        summary: 'A photo of a problem (the image file)',
        params: IdParam.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
        querystring: PhotoSizeQuery,
        response: { 200: z.unknown().meta({ description: 'The image' }), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const detail = await problemDetail(db, req.actor, req.params.id);
      if (!detail.ok) return sendResult(reply, detail);
      const photo = await findPhoto(db, req.params.id, req.params.sha256);
      return sendPhotoSized(
        reply,
        dataDir,
        photo,
        'problem',
        'private, max-age=86400',
        req.query.ukuran,
      );
    },
  );
  app.get(
    '/api/problems/stream',
    {
      schema: {
        tags: TAGS,
        summary:
          'Server-Sent Events: `problem` each time a problem in the caller’s scope is reported or moves',
      },
    },
    async (req, reply) => {
      const allowed = canRead(req.actor, 'problem.read');
      if (!allowed.ok && allowed.error.kind === 'unauthorized') return sendResult(reply, allowed);
      const actor = req.actor;
      openEventStream(req, reply, (stream) =>
        hub.subscribeProblems((event) => {
          if (canRead(actor, 'problem.read', problemTarget(event)).ok) {
            stream.send('problem', event);
          }
        }),
      );
    },
  );
}
