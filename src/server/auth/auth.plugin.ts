/**
 * Resolves the caller on every request: the session cookie gives a signed-in
 * actor, anything else the public. Cookie-authenticated writes must carry the
 * session's CSRF token in `x-csrf-token`; a person who must change their
 * password can do nothing else first.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.ts';
import { errorBody } from '../http/errors.ts';
import type { ZodApp } from '../http/reply.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { publicActor, type Actor } from './actor.ts';
import { resolveSession } from './auth.service.ts';

export const SESSION_COOKIE = 'dp_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    csrfToken: string | null;
  }
}

export function installAuth(app: ZodApp, db: Db): void {
  app.decorateRequest('actor', null as unknown as Actor); // set in onRequest below
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    request.actor = publicActor(request.ip);
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token === undefined || token === '') return;
    const resolved = await resolveSession(db, token, request.ip);
    if (resolved === null) {
      request.actor = publicActor(request.ip, true);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    request.actor = resolved.actor;
    request.csrfToken = resolved.csrfToken;
    if (!SAFE.has(request.method) && request.headers['x-csrf-token'] !== resolved.csrfToken) {
      await db.transaction(async (tx) => {
        await appendAudit(tx, {
          actor: {
            userId: resolved.actor.userId,
            username: resolved.actor.username,
            role: null,
            scope: null,
            address: request.ip,
          },
          action: `http.${request.method.toLowerCase()} ${request.routeOptions.url ?? request.url}`,
          outcome: 'denied',
          targetType: 'request',
          after: { reason: 'auth.csrf_invalid' },
        });
      });
      return reply.status(403).send(
        errorBody({
          code: 'auth.csrf_invalid',
          message:
            'Token keamanan (CSRF) tidak ada atau tidak cocok. Muat ulang halaman lalu coba lagi.',
        }),
      );
    }
    if (resolved.actor.mustChangePassword && !request.url.startsWith('/api/auth/')) {
      return reply.status(403).send(
        errorBody({
          code: 'auth.password_change_required',
          message: 'Anda harus mengganti kata sandi sebelum melanjutkan.',
        }),
      );
    }
  });
}
