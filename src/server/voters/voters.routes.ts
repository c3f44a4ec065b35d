/** HTTP edge of voter data: thin, validated by the shared zod schemas. */
import { Readable } from 'node:stream';
import { z } from 'zod';
import { ErrorBody, IdParam, RegionCode } from '../../domain/common/error.schema.ts';
import { domainError, err } from '../../domain/common/result.ts';
import { toCsvText } from '../../domain/common/csv.ts';
import {
  CekDptAnswer,
  CekDptBody,
  CoklitAccepted,
  CoklitBody,
  CoklitWindow,
  DesaLists,
  HouseholdPhotoAccepted,
  HouseholdPhotoItem,
  ImportQuery,
  ImportSummary,
  Lineage,
  NewVoterBody,
  Progress,
  ProgressQuery,
  PublicTanggapanBody,
  PublicTanggapanCreated,
  Recap,
  RecapQuery,
  ReopenBody,
  ResolveTanggapanBody,
  TanggapanBody,
  TanggapanTracking,
  TpsVoterList,
  Unmasked,
  UnmaskBody,
  VoterListSummary,
} from '../../domain/voters/voters.schema.ts';
import { canRead } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { toXlsx } from '../export/table.ts';
import {
  acceptPhotoBodies,
  isRefusal,
  photoOf,
  preparePhoto,
  refusePhoto,
  storePhoto,
} from '../http/photos.ts';
import { PhotoSizeQuery, sendPhotoSized } from '../http/photo-thumbnails.ts';
import { authorizeHouseholdPhoto, canReadHousehold, recordHouseholdPhoto } from './households.ts';
import { importDp4, importSummary } from './voters.import.ts';
import {
  cekDpt,
  closeTanggapan,
  compileList,
  desaLists,
  publicTanggapan,
  recapTable,
  recordTanggapan,
  trackTanggapan,
  voterProgress,
  voterRecap,
} from './voters.lists.ts';
import {
  findHouseholdPhoto,
  householdPhotos,
  findImport,
  listImports,
  rejectionsPage,
} from './voters.repository.ts';
import {
  addNewVoter,
  coklitWindow,
  recordCoklit,
  reopenCoklit,
  tpsVoterList,
  unmaskVoter,
  voterLineage,
} from './voters.service.ts';

const AUTH_ERRORS = { 401: ErrorBody, 403: ErrorBody, ...ERRORS } as const;
const FILE = z.unknown().meta({ description: 'A file, sent as is' });
export const DP4_MEDIA_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

/** A photo of a household visit may be at most 5 MB (phones resize before sending), like a problem photo. */
export const HOUSEHOLD_PHOTO_LIMIT = 5 * 1024 * 1024;

export function votersRoutes(app: ZodApp, db: Db, dataDir: string): void {
  // DP4 uploads are streamed to the importer, never buffered whole.
  app.addContentTypeParser(DP4_MEDIA_TYPES, (_req, payload, done) => {
    done(null, payload);
  });
  acceptPhotoBodies(app, 10 * 1024 * 1024);

  app.post(
    '/api/voters/import',
    {
      schema: {
        tags: ['Pemilih'],
        summary:
          'Import a DP4 file (CSV or XLSX body, streamed); dryRun=true checks without storing. Valid rows are stored all or nothing; rejected rows are reported.',
        querystring: ImportQuery,
        response: { 200: ImportSummary, 201: ImportSummary, ...AUTH_ERRORS, 415: ErrorBody },
      },
    },
    async (req, reply) => {
      const body = req.body as Readable | undefined;
      if (body === undefined || typeof (body as { pipe?: unknown }).pipe !== 'function') {
        return reply.status(415).send({
          error: {
            code: 'voters.file_type',
            message: 'Unggah berkas DP4 sebagai CSV atau XLSX.',
          },
        });
      }
      const dryRun = req.query.dryRun === 'true';
      const result = await importDp4(db, req.actor, body, {
        fileName: req.query.fileName,
        dryRun,
      });
      return sendResult(reply, result, dryRun ? 200 : 201);
    },
  );
  app.get(
    '/api/voters/imports',
    {
      schema: {
        tags: ['Pemilih'],
        summary: 'Recent DP4 imports and dry runs',
        response: { 200: z.array(ImportSummary), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const access = canRead(req.actor, 'voter.import');
      if (!access.ok) return sendResult(reply, access);
      const rows = await listImports(db);
      return reply.send(rows.map((r) => ({ ...r, rejections: [] })));
    },
  );
  app.get(
    '/api/voters/imports/:id',
    {
      schema: {
        tags: ['Pemilih'],
        summary: 'One import with its first rejected rows',
        params: IdParam,
        response: { 200: ImportSummary, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const access = canRead(req.actor, 'voter.import');
      if (!access.ok) return sendResult(reply, access);
      const row = await findImport(db, req.params.id);
      if (row === undefined) {
        return sendResult(
          reply,
          err(domainError('not_found', 'voters.import_not_found', 'Impor tidak ada.')),
        );
      }
      return reply.send(await importSummary(db, row));
    },
  );
  app.get(
    '/api/voters/imports/:id/rejections',
    {
      schema: {
        tags: ['Pemilih'],
        summary: 'The rejection report of an import as CSV (line, field, reason)',
        params: IdParam,
        response: { 200: FILE, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const access = canRead(req.actor, 'voter.import');
      if (!access.ok) return sendResult(reply, access);
      const row = await findImport(db, req.params.id);
      if (row === undefined) {
        return sendResult(
          reply,
          err(domainError('not_found', 'voters.import_not_found', 'Impor tidak ada.')),
        );
      }
      const id = row.id;
      async function* lines() {
        yield toCsvText([['baris', 'kolom', 'alasan']], { bom: true });
        let after = 0;
        for (;;) {
          const page = await rejectionsPage(db, id, after, 5000);
          if (page.length === 0) return;
          yield toCsvText(page.map((r) => [r.line, r.field, r.reason]));
          after = page[page.length - 1]?.id ?? after;
        }
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="penolakan-dp4-${String(id)}.csv"`)
        .send(Readable.from(lines()));
    },
  );
  app.get(
    '/api/voters/tps/:id',
    {
      schema: {
        tags: ['Pemilih'],
        summary: 'The voters of a TPS (NIK/NKK masked)',
        params: IdParam,
        response: { 200: TpsVoterList, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await tpsVoterList(db, req.actor, req.params.id)),
  );
  app.get(
    '/api/voters/:id/lineage',
    {
      schema: {
        tags: ['Pemilih'],
        summary: 'Every step of a voter from the DP4 row to the latest list: who, when, why',
        params: IdParam,
        response: { 200: Lineage, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await voterLineage(db, req.actor, req.params.id)),
  );
  app.post(
    '/api/voters/:id/unmask',
    {
      schema: {
        tags: ['Pemilih'],
        summary: 'Show the full NIK and NKK of a voter (audited, with a reason)',
        params: IdParam,
        body: UnmaskBody,
        response: { 200: Unmasked, ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await unmaskVoter(db, req.actor, req.params.id, req.body.reason)),
  );
  app.post(
    '/api/voters/:id/coklit',
    {
      schema: {
        tags: ['Coklit'],
        summary: 'Record MS, U (changed fields) or TMS (code 1–8) for a voter, with evidence',
        params: IdParam,
        body: CoklitBody,
        response: { 200: CoklitAccepted, 201: CoklitAccepted, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const result = await recordCoklit(db, req.actor, req.params.id, req.body);
      return sendResult(reply, result, result.ok && result.value.duplicate ? 200 : 201);
    },
  );
  app.post(
    '/api/coklit/tps/:id/new-voter',
    {
      schema: {
        tags: ['Coklit'],
        summary: 'Add a pemilih baru found at this TPS during coklit, with its reason',
        params: IdParam,
        body: NewVoterBody,
        response: { 200: CoklitAccepted, 201: CoklitAccepted, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const result = await addNewVoter(db, req.actor, req.params.id, req.body);
      return sendResult(reply, result, result.ok && result.value.duplicate ? 200 : 201);
    },
  );
  app.post(
    '/api/coklit/households/:id/photos',
    {
      schema: {
        tags: ['Coklit'],
        summary:
          'Attach a photo of a household visit (the house with its sticker; JPEG, PNG or WebP body, at most 5 MB); the same photo for another household is flagged',
        params: IdParam,
        response: {
          201: HouseholdPhotoAccepted,
          ...AUTH_ERRORS,
          413: ErrorBody,
          415: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const id = req.params.id;
      const photo = photoOf(req, 'household');
      if (isRefusal(photo)) return refusePhoto(reply, photo);
      const allowed = await authorizeHouseholdPhoto(db, req.actor, id);
      if (!allowed.ok) return sendResult(reply, allowed);
      const clean = await preparePhoto(photo, 'household', HOUSEHOLD_PHOTO_LIMIT);
      if (isRefusal(clean)) return refusePhoto(reply, clean);
      const sha256 = await storePhoto(dataDir, clean);
      const saved = await recordHouseholdPhoto(db, allowed.value.access, id, {
        sha256,
        mediaType: clean.mediaType,
        bytes: clean.body.length,
        uploadedBy: req.actor.username,
      });
      return sendResult(reply, saved, 201);
    },
  );
  app.get(
    '/api/coklit/households/:id/photos',
    {
      schema: {
        tags: ['Coklit'],
        summary: "A household visit's photos, for whoever may read that TPS's voters",
        params: IdParam,
        response: { 200: z.array(HouseholdPhotoItem), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const h = await canReadHousehold(db, req.actor, req.params.id);
      if (!h.ok) return sendResult(reply, h);
      const rows = await householdPhotos(db, req.params.id);
      return rows.map((p) => ({
        sha256: p.sha256,
        mediaType: p.mediaType,
        bytes: p.bytes,
        uploadedAt: new Date(p.uploadedAt).toISOString(),
      }));
    },
  );
  app.get(
    '/api/coklit/households/:id/photos/:sha256',
    {
      schema: {
        tags: ['Coklit'],
        summary: 'A photo of a household visit (the image file)',
        params: IdParam.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
        querystring: PhotoSizeQuery,
        response: { 200: z.unknown().meta({ description: 'The image' }), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const h = await canReadHousehold(db, req.actor, req.params.id);
      if (!h.ok) return sendResult(reply, h);
      const photo = await findHouseholdPhoto(db, req.params.id, req.params.sha256);
      return sendPhotoSized(
        reply,
        dataDir,
        photo,
        'household',
        'private, max-age=86400',
        req.query.ukuran,
      );
    },
  );
  app.get(
    '/api/coklit/window',
    {
      schema: {
        tags: ['Coklit'],
        summary: 'Whether coklit records are accepted now',
        response: { 200: CoklitWindow },
      },
    },
    async () => coklitWindow(db),
  );
  app.post(
    '/api/coklit/window/reopen',
    {
      schema: {
        tags: ['Coklit'],
        summary: 'Reopen coklit until a date (admin, audited)',
        body: ReopenBody,
        response: { 200: CoklitWindow, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await reopenCoklit(db, req.actor, req.body)),
  );
  app.get(
    '/api/voters/progress',
    {
      schema: {
        tags: ['Coklit'],
        summary: 'Coklit progress of a region (code or korwil:<id>) and its children, with flags',
        querystring: ProgressQuery,
        response: { 200: Progress, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await voterProgress(db, req.actor, req.query.code)),
  );
  app.get(
    '/api/voters/lists/:code',
    {
      schema: {
        tags: ['Pemilih'],
        summary: 'DPS/DPT versions of a desa and the comments on its DPS',
        params: z.object({ code: RegionCode }),
        response: { 200: DesaLists, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await desaLists(db, req.actor, req.params.code)),
  );
  for (const kind of ['dps', 'dpt'] as const) {
    app.post(
      `/api/voters/lists/:code/${kind}`,
      {
        schema: {
          tags: ['Pemilih'],
          summary:
            kind === 'dps'
              ? 'Compile the DPS of a desa from the coklit results (PPS)'
              : 'Fix the DPT of a desa (KPU): needs a DPS and every comment resolved',
          params: z.object({ code: RegionCode }),
          response: { 201: VoterListSummary, ...AUTH_ERRORS },
        },
      },
      async (req, reply) =>
        sendResult(reply, await compileList(db, req.actor, req.params.code, kind), 201),
    );
  }
  app.post(
    '/api/voters/tanggapan',
    {
      schema: {
        tags: ['Pemilih'],
        summary: 'Record a public comment (tanggapan masyarakat) on a desa DPS',
        body: TanggapanBody,
        response: { 201: z.object({ id: z.number().int() }), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await recordTanggapan(db, req.actor, req.body), 201),
  );
  app.post(
    '/api/public/tanggapan',
    {
      schema: {
        tags: ['Pemilih'],
        summary:
          'A public comment on a desa DPS (no account): honeypot field, rate-limited per address, refused before the DPS is compiled; answers a tracking code',
        body: PublicTanggapanBody,
        response: { 201: PublicTanggapanCreated, ...ERRORS, 429: ErrorBody },
      },
    },
    async (req, reply) => sendResult(reply, await publicTanggapan(db, req.ip, req.body), 201),
  );
  app.get(
    '/api/public/tanggapan/:code',
    {
      schema: {
        tags: ['Pemilih'],
        summary:
          'Status and resolution of a public DPS comment by its tracking code (nothing else)',
        params: z.object({ code: z.string().trim().min(4).max(40) }),
        response: { 200: TanggapanTracking, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await trackTanggapan(db, req.params.code)),
  );
  app.post(
    '/api/voters/tanggapan/:id/resolve',
    {
      schema: {
        tags: ['Pemilih'],
        summary: 'Resolve a public comment on the DPS (accepted or rejected, with the resolution)',
        params: IdParam,
        body: ResolveTanggapanBody,
        response: { 200: z.object({ id: z.number().int() }), ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await closeTanggapan(db, req.actor, req.params.id, req.body)),
  );
  app.get(
    '/api/voters/recap',
    {
      schema: {
        tags: ['Pemilih'],
        summary: 'Men/women/total of the latest DPS or DPT per child of a region (JSON or XLSX)',
        querystring: RecapQuery,
        response: { 200: Recap.or(FILE), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const recap = await voterRecap(db, req.actor, req.query.code, req.query.kind);
      if (!recap.ok || req.query.format === 'json') return sendResult(reply, recap);
      const name = `rekap-${req.query.kind}-${recap.value.code}`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(
          await toXlsx(
            recapTable(recap.value),
            `Model rekap ${req.query.kind.toUpperCase()} per wilayah: laki-laki, perempuan, jumlah.`,
          ),
        );
    },
  );
  app.post(
    '/api/public/cek-dpt',
    {
      schema: {
        tags: ['Pemilih'],
        summary:
          'Public lookup by NIK and the first letters of the name: TPS and desa only, NIK masked; rate-limited, logged',
        body: CekDptBody,
        response: { 200: CekDptAnswer, ...ERRORS, 429: ErrorBody },
      },
    },
    async (req, reply) => sendResult(reply, await cekDpt(db, req.ip, req.body.nik, req.body.name)),
  );
}
