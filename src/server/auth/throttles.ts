/**
 * The sign-in waits in force (per known account, per unknown username, per
 * address), for the admin to see and lift — e.g. when a whole kecamatan
 * behind one carrier address is being slowed on election day.
 */
import { and, desc, eq, gt, like, notLike } from 'drizzle-orm';
import { z } from 'zod';
import type { Throttle, ThrottleLiftBody } from '../../domain/auth/throttle.schema.ts';
import { ThrottleLiftBody as LiftBody, ThrottleList } from '../../domain/auth/throttle.schema.ts';
import { ErrorBody } from '../../domain/common/error.schema.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import type { Db } from '../db/connection.ts';
import { appUser, signInThrottle } from '../db/schema.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { inTransaction } from '../http/transaction.ts';
import type { Actor } from './actor.ts';
import { auditWrite, authorizeWrite, canRead } from './guard.ts';

const NAME_PREFIX = 'akun:';

export async function listThrottles(
  db: Db,
  actor: Actor,
  now: Date = new Date(),
): Promise<Result<Throttle[]>> {
  const allowed = canRead(actor, 'account.manage');
  if (!allowed.ok) return allowed;
  const accounts = await db
    .select({ key: appUser.username, failures: appUser.failedAttempts, until: appUser.lockedUntil })
    .from(appUser)
    .where(gt(appUser.lockedUntil, now))
    .orderBy(desc(appUser.lockedUntil));
  const rows = await db
    .select()
    .from(signInThrottle)
    .where(gt(signInThrottle.lockedUntil, now))
    .orderBy(desc(signInThrottle.lockedUntil));
  const items: Throttle[] = [
    ...accounts.map((a) => ({
      kind: 'account' as const,
      key: a.key,
      failures: a.failures,
      until: (a.until ?? now).toISOString(),
    })),
    ...rows.map((r) => {
      const name = r.address.startsWith(NAME_PREFIX);
      return {
        kind: name ? ('name' as const) : ('address' as const),
        key: name ? r.address.slice(NAME_PREFIX.length) : r.address,
        failures: r.failures,
        until: (r.lockedUntil ?? now).toISOString(),
      };
    }),
  ];
  return ok(items);
}

/** Forget the failures behind one wait, so the next sign-in is not slowed. */
export async function liftThrottle(
  db: Db,
  actor: Actor,
  body: ThrottleLiftBody,
): Promise<Result<null>> {
  const what = { action: 'auth.throttle_lift', targetType: body.kind, targetId: body.key };
  const access = await authorizeWrite(db, actor, 'account.manage', undefined, what);
  if (!access.ok) return access;
  return inTransaction(db, async (tx) => {
    let before: { failures: number; until: string | null } | undefined;
    if (body.kind === 'account') {
      const [u] = await tx
        .update(appUser)
        .set({ failedAttempts: 0, lockedUntil: null })
        .where(eq(appUser.username, body.key.toLowerCase()))
        .returning({ id: appUser.id });
      if (u !== undefined) before = { failures: 0, until: null };
    } else {
      const key = body.kind === 'name' ? `${NAME_PREFIX}${body.key.toLowerCase()}` : body.key;
      const kindFilter =
        body.kind === 'name'
          ? like(signInThrottle.address, `${NAME_PREFIX}%`)
          : notLike(signInThrottle.address, `${NAME_PREFIX}%`);
      const [r] = await tx
        .delete(signInThrottle)
        .where(and(eq(signInThrottle.address, key), kindFilter))
        .returning();
      if (r !== undefined) {
        before = { failures: r.failures, until: r.lockedUntil?.toISOString() ?? null };
      }
    }
    if (before === undefined) {
      return err(
        domainError('not_found', 'auth.throttle_not_found', 'Penahanan tidak ditemukan.', 'key'),
      );
    }
    await auditWrite(tx, access.value, what, { before, after: { failures: 0, until: null } });
    return ok(null);
  });
}

export function throttleRoutes(app: ZodApp, db: Db): void {
  app.get(
    '/api/auth/throttles',
    {
      schema: {
        tags: ['Akun'],
        summary: 'Sign-in waits in force, per account, unknown username and address (admin)',
        response: { 200: ThrottleList, 401: ErrorBody, 403: ErrorBody, ...ERRORS },
      },
    },
    async (req, reply) => {
      const result = await listThrottles(db, req.actor);
      return result.ok ? reply.send({ items: result.value }) : sendResult(reply, result);
    },
  );
  app.post(
    '/api/auth/throttles/lift',
    {
      schema: {
        tags: ['Akun'],
        summary: 'Lift one sign-in wait (admin; audited)',
        body: LiftBody,
        response: { 204: z.null(), 401: ErrorBody, 403: ErrorBody, ...ERRORS },
      },
    },
    async (req, reply) => {
      const result = await liftThrottle(db, req.actor, req.body);
      return result.ok ? reply.status(204).send(null) : sendResult(reply, result);
    },
  );
}
