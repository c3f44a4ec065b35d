import { z } from 'zod';
import { IdParam } from '../../domain/common/error.schema.ts';
import { Korwil, KorwilInput, KorwilPatch } from '../../domain/regions/region.schema.ts';
import type { Db } from '../db/connection.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { createKorwil, listKorwil, patchKorwil } from './korwil.service.ts';

export function korwilRoutes(app: ZodApp, db: Db): void {
  app.get(
    '/api/korwil',
    {
      schema: {
        tags: ['Korwil'],
        summary: 'The Korwil with their kecamatan',
        response: { 200: z.array(Korwil), ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await listKorwil(db, req.actor)),
  );
  app.post(
    '/api/korwil',
    {
      schema: {
        tags: ['Korwil'],
        summary: 'Create a Korwil',
        body: KorwilInput,
        response: { 201: Korwil, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await createKorwil(db, req.actor, req.body), 201),
  );
  app.patch(
    '/api/korwil/:id',
    {
      schema: {
        tags: ['Korwil'],
        summary: "Change a Korwil's name or chair",
        params: IdParam,
        body: KorwilPatch,
        response: { 200: Korwil, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await patchKorwil(db, req.actor, req.params.id, req.body)),
  );
}
