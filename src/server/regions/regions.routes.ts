import { z } from 'zod';
import {
  KecamatanKorwilInput,
  Regency,
  RegionDetail,
  RegionSearchHit,
  RegionSearchQuery,
} from '../../domain/regions/region.schema.ts';
import type { Db } from '../db/connection.ts';
import { moveKecamatan } from '../korwil/korwil.service.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { getRegency, getRegion, search } from './regions.service.ts';

const CodeParam = z.object({ code: z.string().max(20) });

export function regionsRoutes(app: ZodApp, db: Db): void {
  app.get(
    '/api/regency',
    {
      schema: {
        tags: ['Wilayah'],
        summary: 'The regency with its Korwil, kecamatan and counts',
        response: { 200: Regency, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await getRegency(db, req.actor)),
  );

  app.get(
    '/api/regions',
    {
      schema: {
        tags: ['Wilayah'],
        summary: 'Search kecamatan and desa by name or code',
        querystring: RegionSearchQuery,
        response: { 200: z.array(RegionSearchHit), ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await search(db, req.actor, req.query.q)),
  );

  app.get(
    '/api/regions/:code',
    {
      schema: {
        tags: ['Wilayah'],
        summary: 'A region at any level with its children, TPS (for a desa) and counts',
        params: CodeParam,
        response: { 200: RegionDetail, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await getRegion(db, req.actor, req.params.code)),
  );

  app.put(
    '/api/regions/:code/korwil',
    {
      schema: {
        tags: ['Korwil'],
        summary: 'Move a kecamatan into a Korwil',
        params: CodeParam,
        body: KecamatanKorwilInput,
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (req, reply) => {
      const result = await moveKecamatan(db, req.actor, req.params.code, req.body.korwilId);
      return result.ok ? reply.status(204).send(null) : sendResult(reply, result);
    },
  );
}
