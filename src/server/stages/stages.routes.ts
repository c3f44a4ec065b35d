import { z } from 'zod';
import { IdParam } from '../../domain/common/error.schema.ts';
import { Stage, StageCalendar, StageInput } from '../../domain/stages/stage.schema.ts';
import type { Db } from '../db/connection.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { createStage, editStage, getCalendar, removeStage } from './stages.service.ts';

export function stagesRoutes(app: ZodApp, db: Db): void {
  app.get(
    '/api/stages',
    {
      schema: {
        tags: ['Tahapan'],
        summary: "The stage calendar with today's date (WIB) and each stage's phase",
        response: { 200: StageCalendar },
      },
    },
    async () => getCalendar(db),
  );
  app.post(
    '/api/stages',
    {
      schema: {
        tags: ['Tahapan'],
        summary: 'Add a stage',
        body: StageInput,
        response: { 201: Stage, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await createStage(db, req.actor, req.body), 201),
  );
  app.put(
    '/api/stages/:id',
    {
      schema: {
        tags: ['Tahapan'],
        summary: 'Change a stage',
        params: IdParam,
        body: StageInput,
        response: { 200: Stage, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await editStage(db, req.actor, req.params.id, req.body)),
  );
  app.delete(
    '/api/stages/:id',
    {
      schema: {
        tags: ['Tahapan'],
        summary: 'Remove a stage',
        params: IdParam,
        response: { 204: z.null(), ...ERRORS },
      },
    },
    async (req, reply) => {
      const result = await removeStage(db, req.actor, req.params.id);
      return result.ok ? reply.status(204).send(null) : sendResult(reply, result);
    },
  );
}
