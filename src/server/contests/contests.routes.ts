import { z } from 'zod';
import { IdParam } from '../../domain/common/error.schema.ts';
import { Contest, ContestInput, PairInput } from '../../domain/contests/contest.schema.ts';
import type { Db } from '../db/connection.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import {
  addPair,
  createContest,
  getContest,
  listContests,
  removePair,
} from './contests.service.ts';

export function contestsRoutes(app: ZodApp, db: Db): void {
  app.get(
    '/api/contests',
    {
      schema: {
        tags: ['Pemilihan'],
        summary: 'Contests with their candidate pairs',
        response: { 200: z.array(Contest) },
      },
    },
    async () => listContests(db),
  );
  app.get(
    '/api/contests/:id',
    {
      schema: {
        tags: ['Pemilihan'],
        summary: 'One contest',
        params: IdParam,
        response: { 200: Contest, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await getContest(db, req.params.id)),
  );
  app.post(
    '/api/contests',
    {
      schema: {
        tags: ['Pemilihan'],
        summary: 'Create a contest',
        body: ContestInput,
        response: { 201: Contest, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await createContest(db, req.actor, req.body), 201),
  );
  app.post(
    '/api/contests/:id/pairs',
    {
      schema: {
        tags: ['Pemilihan'],
        summary: 'Add a candidate pair (kolom kosong follows automatically)',
        params: IdParam,
        body: PairInput,
        response: { 201: Contest, ...ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(reply, await addPair(db, req.actor, req.params.id, req.body), 201),
  );
  app.delete(
    '/api/pairs/:id',
    {
      schema: {
        tags: ['Pemilihan'],
        summary: 'Remove a candidate pair',
        params: IdParam,
        response: { 200: Contest, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await removePair(db, req.actor, req.params.id)),
  );
}
