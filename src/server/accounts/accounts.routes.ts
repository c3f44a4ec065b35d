import { z } from 'zod';
import {
  Account,
  AccountCreateBody,
  AccountCreated,
  AccountImportBody,
  AccountImportResult,
  PasswordReset,
} from '../../domain/accounts/account.schema.ts';
import { ErrorBody, IdParam } from '../../domain/common/error.schema.ts';
import type { Db } from '../db/connection.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import {
  createAccount,
  importAccounts,
  listAccounts,
  resetPassword,
  setDisabled,
} from './accounts.service.ts';

const DENIED = { 401: ErrorBody, 403: ErrorBody } as const;

/** A roster of ~2 MB of CSV grows when escaped into JSON; leave room for that. */
const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

export function accountsRoutes(app: ZodApp, db: Db): void {
  app.get(
    '/api/accounts',
    {
      schema: {
        tags: ['Akun'],
        summary: 'Every account with its roles and scopes (needs account.manage)',
        response: { 200: z.array(Account), ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await listAccounts(db, req.actor)),
  );
  app.post(
    '/api/accounts',
    {
      schema: {
        tags: ['Akun'],
        summary: 'Create an account; answers its one-time password, shown once',
        body: AccountCreateBody,
        response: { 201: AccountCreated, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await createAccount(db, req.actor, req.body), 201),
  );
  app.post(
    '/api/accounts/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['Akun'],
        summary:
          'Create accounts from a roster CSV, all or none; row errors come back in `errors` (200) with nothing created',
        body: AccountImportBody,
        response: { 200: AccountImportResult, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await importAccounts(db, req.actor, req.body)),
  );
  app.post(
    '/api/accounts/:id/reset-password',
    {
      schema: {
        tags: ['Akun'],
        summary:
          'New one-time password; must be changed at next sign-in; lifts a sign-in lock and ends every session',
        params: IdParam,
        response: { 200: PasswordReset, ...DENIED, ...ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await resetPassword(db, req.actor, req.params.id)),
  );
  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/accounts/:id/${action}`,
      {
        schema: {
          tags: ['Akun'],
          summary: disabled
            ? 'Disable an account (it can no longer sign in; its sessions end)'
            : 'Enable a disabled account',
          params: IdParam,
          response: { 200: Account, ...DENIED, ...ERRORS },
        },
      },
      async (req, reply) =>
        sendResult(reply, await setDisabled(db, req.actor, req.params.id, disabled)),
    );
  }
}
