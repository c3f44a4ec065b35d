/**
 * Routes of the people feature (thin: validate, call the service, reply).
 */
import { z } from 'zod';
import { ErrorBody, IdParam } from '../../domain/common/error.schema.ts';
import {
  AsnAtTps,
  AsnRecap,
  AttendanceBody,
  AttendanceCodeBody,
  AttendanceResult,
  BimtekEvent,
  BimtekEventBody,
  BimtekEventSummary,
  BimtekMaterial,
  BimtekSessionBody,
  BimtekWaveBody,
  CsvImportBody,
  CsvImportResult,
  DeskOrganisation,
  DeskPosition,
  DeskPositionBody,
  RosterAccountBody,
  RosterAccountCreated,
  RosterCompleteness,
  RosterMember,
  RosterMemberBody,
  RosterQuery,
  ScoresBody,
  UntrainedPerson,
  WaveDetail,
} from '../../domain/people/people.schema.ts';
import { RegionCode } from '../../domain/common/error.schema.ts';
import type { Db } from '../db/connection.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { asnRecap, importAsn, listAsnAtTps, markAsnVoted } from './asn.service.ts';
import {
  addSession,
  addWave,
  createBimtek,
  getBimtek,
  getWave,
  listBimtek,
  MATERIAL_TYPES,
  materialFile,
  recordAttendance,
  recordAttendanceByCode,
  recordScores,
  untrained,
  uploadMaterial,
} from './bimtek.service.ts';
import { addDeskPosition, getDesk, removeDeskPosition } from './desk.service.ts';
import {
  addMember,
  giveAccount,
  importRoster,
  listRoster,
  removeMember,
  rosterCompleteness,
} from './rosters.service.ts';

const DENIED = { 401: ErrorBody, 403: ErrorBody } as const;
const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;
const MATERIAL_LIMIT = 25 * 1024 * 1024;
const Created = z.object({ id: z.number().int() });

export function peopleRoutes(app: ZodApp, db: Db, dataDir: string): void {
  // Materials arrive as the raw file; image types may already be parsed as buffers (result photos).
  const types = Object.keys(MATERIAL_TYPES).filter((t) => !app.hasContentTypeParser(t));
  app.addContentTypeParser(
    types,
    { parseAs: 'buffer', bodyLimit: MATERIAL_LIMIT },
    (_req, body, done) => {
      done(null, body);
    },
  );

  // ------------------------------------------------------------ desk
  app.get(
    '/api/desk',
    {
      schema: {
        tags: ['Desk'],
        summary: 'The desk’s organisation: positions, Korwil and their kecamatan, empty seats',
        response: { 200: DeskOrganisation, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await getDesk(db, req.actor)),
  );
  app.post(
    '/api/desk/positions',
    {
      schema: {
        tags: ['Desk'],
        summary: 'Seat a person in the desk (ketua, sekretaris, Korwil chair, member, pembina)',
        body: DeskPositionBody,
        response: { 201: DeskPosition, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await addDeskPosition(db, req.actor, req.body), 201),
  );
  app.delete(
    '/api/desk/positions/:id',
    {
      schema: {
        tags: ['Desk'],
        summary: 'Remove a person from a desk seat',
        params: IdParam,
        response: { 204: z.null(), ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await removeDeskPosition(db, req.actor, req.params.id), 204),
  );

  // ------------------------------------------------------------ rosters
  app.get(
    '/api/rosters',
    {
      schema: {
        tags: ['Badan adhoc'],
        summary: 'Members of an ad hoc body within a region (NIK masked)',
        querystring: RosterQuery,
        response: { 200: z.array(RosterMember), ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await listRoster(db, req.actor, req.query)),
  );
  app.get(
    '/api/rosters/completeness',
    {
      schema: {
        tags: ['Badan adhoc'],
        summary:
          'Seats filled per body (e.g. PPS 987/990) and per kecamatan; without a code, of the whole regency or, for a Korwil, of its kecamatan',
        querystring: z.object({ code: RegionCode.optional() }),
        response: { 200: RosterCompleteness, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(
        reply,
        await rosterCompleteness(db, req.actor, req.query.code, { ownKecamatan: true }),
      ),
  );
  app.post(
    '/api/rosters/members',
    {
      schema: {
        tags: ['Badan adhoc'],
        summary: 'Add one member (seats and one ketua per body checked)',
        body: RosterMemberBody,
        response: { 201: RosterMember, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await addMember(db, req.actor, req.body), 201),
  );
  app.post(
    '/api/rosters/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['Badan adhoc'],
        summary:
          'Import members from CSV, all or none; row errors come back in `errors` (200) with nothing stored',
        body: CsvImportBody,
        response: { 200: CsvImportResult, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await importRoster(db, req.actor, req.body)),
  );
  app.delete(
    '/api/rosters/members/:id',
    {
      schema: {
        tags: ['Badan adhoc'],
        summary: 'Remove a member (their Bimtek attendance goes with them)',
        params: IdParam,
        response: { 204: z.null(), ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await removeMember(db, req.actor, req.params.id), 204),
  );
  app.post(
    '/api/rosters/members/:id/account',
    {
      schema: {
        tags: ['Badan adhoc'],
        summary:
          'Give a member an account with their body’s role over their unit; answers a one-time password',
        params: IdParam,
        body: RosterAccountBody,
        response: { 201: RosterAccountCreated, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await giveAccount(db, req.actor, req.params.id, req.body.username), 201),
  );

  // ------------------------------------------------------------ bimtek
  app.get(
    '/api/bimtek',
    {
      schema: {
        tags: ['Bimtek'],
        summary: 'Every Bimtek event',
        response: { 200: z.array(BimtekEventSummary), ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await listBimtek(db, req.actor)),
  );
  app.post(
    '/api/bimtek',
    {
      schema: {
        tags: ['Bimtek'],
        summary: 'Create a Bimtek event for an ad hoc body',
        body: BimtekEventBody,
        response: { 201: BimtekEventSummary, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await createBimtek(db, req.actor, req.body), 201),
  );
  app.get(
    '/api/bimtek/:id',
    {
      schema: {
        tags: ['Bimtek'],
        summary: 'A Bimtek with waves, sessions, materials and recaps per wave and per kecamatan',
        params: IdParam,
        response: { 200: BimtekEvent, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await getBimtek(db, req.actor, req.params.id)),
  );
  app.get(
    '/api/bimtek/:id/untrained',
    {
      schema: {
        tags: ['Bimtek'],
        summary: 'Members of the body not yet trained (absent, partly present, or in no wave)',
        params: IdParam,
        response: { 200: z.array(UntrainedPerson), ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await untrained(db, req.actor, req.params.id)),
  );
  app.post(
    '/api/bimtek/:id/waves',
    {
      schema: {
        tags: ['Bimtek'],
        summary: 'Add a wave (dates inside the event; participants by Korwil and/or kecamatan)',
        params: IdParam,
        body: BimtekWaveBody,
        response: { 201: Created, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await addWave(db, req.actor, req.params.id, req.body), 201),
  );
  app.post(
    '/api/bimtek/:id/sessions',
    {
      schema: {
        tags: ['Bimtek'],
        summary: 'Add a session (topic, speaker, possibly external)',
        params: IdParam,
        body: BimtekSessionBody,
        response: { 201: Created, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await addSession(db, req.actor, req.params.id, req.body), 201),
  );
  app.post(
    '/api/bimtek/:id/materials',
    {
      bodyLimit: MATERIAL_LIMIT,
      schema: {
        tags: ['Bimtek'],
        summary: 'Upload a material (PDF, office document or image body; file name in `name`)',
        params: IdParam,
        querystring: z.object({ name: z.string().trim().min(1).max(200) }),
        response: { 201: BimtekMaterial, ...DENIED, ...ERRORS, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (req, reply) => {
      const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      if (MATERIAL_TYPES[mediaType] === undefined || !Buffer.isBuffer(req.body)) {
        return reply.status(415).send({
          error: {
            code: 'bimtek.material_type',
            message:
              'Materi harus berupa PDF, dokumen Word/PowerPoint/Excel, atau gambar JPEG/PNG/WebP.',
          },
        });
      }
      return sendResult(
        reply,
        await uploadMaterial(db, req.actor, dataDir, req.params.id, {
          fileName: req.query.name,
          mediaType,
          content: req.body,
        }),
        201,
      );
    },
  );
  app.get(
    '/api/bimtek/materials/:id',
    {
      schema: {
        tags: ['Bimtek'],
        summary: 'Download a material',
        params: IdParam,
        // The body is the file, sent as is, not serialised.
        response: { 200: z.unknown().meta({ description: 'The file' }), ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => {
      const file = await materialFile(db, req.actor, dataDir, req.params.id);
      if (!file.ok) return sendResult(reply, file);
      const safeName = file.value.row.fileName.replace(/["\\\r\n]/g, '_');
      return reply
        .type(file.value.row.mediaType)
        .header('content-disposition', `attachment; filename="${safeName}"`)
        .send(file.value.content);
    },
  );
  app.get(
    '/api/bimtek/waves/:id',
    {
      schema: {
        tags: ['Bimtek'],
        summary: 'A wave: its days and participants with attendance, status, scores and codes',
        params: IdParam,
        response: { 200: WaveDetail, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await getWave(db, req.actor, req.params.id)),
  );
  app.post(
    '/api/bimtek/waves/:id/attendance',
    {
      schema: {
        tags: ['Bimtek'],
        summary: 'Record attendance by list (invited participants only, on a day of the wave)',
        params: IdParam,
        body: AttendanceBody,
        response: { 200: AttendanceResult, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await recordAttendance(db, req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/bimtek/waves/:id/attendance/code',
    {
      schema: {
        tags: ['Bimtek'],
        summary:
          'Record one participant present from their code (typed or scanned from their QR code)',
        params: IdParam,
        body: AttendanceCodeBody,
        response: { 200: AttendanceResult, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await recordAttendanceByCode(db, req.actor, req.params.id, req.body)),
  );
  app.put(
    '/api/bimtek/waves/:id/scores',
    {
      schema: {
        tags: ['Bimtek'],
        summary: 'Record pre- and post-test scores (0–100) of participants',
        params: IdParam,
        body: ScoresBody,
        response: { 200: AttendanceResult, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await recordScores(db, req.actor, req.params.id, req.body)),
  );

  // ------------------------------------------------------------ ASN
  app.post(
    '/api/asn/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['ASN'],
        summary: 'Import the ASN register (nip,nama,instansi,wilayah,tps), all or none',
        body: CsvImportBody,
        response: { 200: CsvImportResult, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await importAsn(db, req.actor, req.body)),
  );
  app.get(
    '/api/asn/recap',
    {
      schema: {
        tags: ['ASN'],
        summary: 'ASN who voted at their TPS, per office and per kecamatan',
        response: { 200: AsnRecap, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await asnRecap(db, req.actor)),
  );
  app.get(
    '/api/asn/tps/:id',
    {
      schema: {
        tags: ['ASN'],
        summary: 'ASN registered to vote at a TPS (for its KPPS on voting day)',
        params: IdParam,
        response: { 200: z.array(AsnAtTps), ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await listAsnAtTps(db, req.actor, req.params.id)),
  );
  app.post(
    '/api/asn/:id/voted',
    {
      schema: {
        tags: ['ASN'],
        summary: 'Record that an ASN voted (or not) at their TPS',
        params: IdParam,
        body: z.object({ voted: z.boolean() }).meta({ id: 'AsnVotedBody' }),
        response: { 200: z.object({ votedAt: z.string().nullable() }), ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await markAsnVoted(db, req.actor, req.params.id, req.body.voted)),
  );
}
