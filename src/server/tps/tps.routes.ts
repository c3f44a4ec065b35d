import { IdParam } from '../../domain/common/error.schema.ts';
import { Tps, TpsDetail, TpsInput, TpsRetire, TpsUpdate } from '../../domain/tps/tps.schema.ts';
import type { Db } from '../db/connection.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { createTps, editTps, getTps, retireTps } from './tps.service.ts';

export function tpsRoutes(app: ZodApp, db: Db): void {
  app.get(
    '/api/tps/:id',
    {
      schema: {
        tags: ['TPS'],
        summary: 'One TPS, with the names of its desa and kecamatan',
        params: IdParam,
        response: { 200: TpsDetail, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await getTps(db, req.actor, req.params.id)),
  );
  app.post(
    '/api/tps',
    {
      schema: {
        tags: ['TPS'],
        summary: 'Create a TPS in a desa',
        body: TpsInput,
        response: { 201: Tps, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await createTps(db, req.actor, req.body), 201),
  );
  app.patch(
    '/api/tps/:id',
    {
      schema: {
        tags: ['TPS'],
        summary: "Edit a TPS's number, voters or address",
        params: IdParam,
        body: TpsUpdate,
        response: { 200: Tps, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await editTps(db, req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/tps/:id/retire',
    {
      schema: {
        tags: ['TPS'],
        summary: 'Retire a TPS (kept in history, its number freed)',
        params: IdParam,
        body: TpsRetire,
        response: { 200: Tps, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await retireTps(db, req.actor, req.params.id, req.body)),
  );
}
