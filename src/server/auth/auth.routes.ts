import { z } from 'zod';
import { Me, PasswordChangeBody, SignInBody } from '../../domain/auth/auth.schema.ts';
import { GRANTS, PERMISSIONS, ROLE_LABEL } from '../../domain/auth/roles.ts';
import type { Grant } from '../../domain/auth/authorize.ts';
import type { Db } from '../db/connection.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { ErrorBody } from '../../domain/common/error.schema.ts';
import { findRegion } from '../regions/regions.repository.ts';
import { findKorwil } from '../korwil/korwil.repository.ts';
import { findTps } from '../tps/tps.repository.ts';
import { formatTps } from '../../domain/common/format.ts';
import type { Actor } from './actor.ts';
import { changePassword, signIn, signOut, AUTH_POLICY } from './auth.service.ts';
import { SESSION_COOKIE } from './auth.plugin.ts';

async function grantView(db: Db, g: Grant) {
  let scopeName: string | null = null;
  let home = '/';
  switch (g.scopeKind) {
    case 'regency':
    case 'kecamatan':
    case 'desa':
      scopeName = (await findRegion(db, g.scopeRef))?.name ?? null;
      home = g.scopeKind === 'regency' ? '/' : `/wilayah/${g.scopeRef}`;
      break;
    case 'korwil':
      scopeName = (await findKorwil(db, Number(g.scopeRef)))?.name ?? null;
      home = `/korwil`;
      break;
    case 'tps': {
      const tps = await findTps(db, Number(g.scopeRef));
      scopeName = tps === undefined ? null : formatTps(tps.number);
      home = `/tps/${g.scopeRef}`;
      break;
    }
  }
  return {
    role: g.role,
    roleLabel: ROLE_LABEL[g.role],
    scopeKind: g.scopeKind,
    scopeRef: g.scopeRef,
    scopeName,
    home,
  };
}

export async function describeActor(db: Db, actor: Actor, csrfToken: string | null): Promise<Me> {
  return {
    signedIn: actor.userId !== null,
    userId: actor.userId,
    username: actor.username,
    fullName: actor.fullName,
    mustChangePassword: actor.mustChangePassword,
    csrfToken,
    grants: await Promise.all(actor.grants.map((g) => grantView(db, g))),
    permissions: PERMISSIONS.filter((p) =>
      actor.grants.some((g) => GRANTS[g.role][p] !== undefined),
    ),
  };
}

export function authRoutes(app: ZodApp, db: Db): void {
  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['Akun'],
        summary: 'Who is signed in, with roles, scopes and the CSRF token',
        response: { 200: Me },
      },
    },
    async (req) => describeActor(db, req.actor, req.csrfToken),
  );
  app.post(
    '/api/auth/sign-in',
    {
      schema: {
        tags: ['Akun'],
        summary: 'Sign in; sets the session cookie',
        body: SignInBody,
        response: { 200: Me, 401: ErrorBody, 429: ErrorBody, ...ERRORS },
      },
    },
    async (req, reply) => {
      const result = await signIn(db, { ...req.body, address: req.ip });
      if (!result.ok) return sendResult(reply, result);
      void reply.setCookie(SESSION_COOKIE, result.value.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: req.protocol === 'https',
        maxAge: AUTH_POLICY.absoluteMs / 1000,
      });
      return reply.send(await describeActor(db, result.value.actor, result.value.csrfToken));
    },
  );
  for (const [url, everywhere] of [
    ['/api/auth/sign-out', false],
    ['/api/auth/sign-out-everywhere', true],
  ] as const) {
    app.post(
      url,
      {
        schema: {
          tags: ['Akun'],
          summary: everywhere ? 'End every session of this user' : 'End this session',
          response: { 204: z.null(), 401: ErrorBody, 403: ErrorBody },
        },
      },
      async (req, reply) => {
        const result = await signOut(db, req.actor, everywhere);
        if (!result.ok) return sendResult(reply, result);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
  }
  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['Akun'],
        summary: 'Change my password (required at first sign-in)',
        body: PasswordChangeBody,
        response: { 204: z.null(), 401: ErrorBody, 403: ErrorBody, ...ERRORS },
      },
    },
    async (req, reply) => {
      const result = await changePassword(db, req.actor, req.body);
      return result.ok ? reply.status(204).send(null) : sendResult(reply, result);
    },
  );
}
