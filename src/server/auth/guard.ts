/**
 * Authorization in the service layer: permission × scope for an actor, with
 * refused writes written to the audit trail.
 */
import { authorize, scopeLabel, type Grant, type Target } from '../../domain/auth/authorize.ts';
import type { Permission } from '../../domain/auth/roles.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { parentCode, regionLevel } from '../../domain/common/region-code.ts';
import type { Db } from '../db/connection.ts';
import { appendAudit, type AuditEntry } from '../audit/audit.service.ts';
import { findRegion } from '../regions/regions.repository.ts';
import type { Actor } from './actor.ts';

/** What a write is, for the audit row written whether it is allowed or refused. */
export interface WriteDescription {
  readonly action: string;
  readonly targetType: string;
  readonly targetId?: string | number;
}

/** An allowed write: who, under which grant. */
export interface Access {
  readonly actor: Actor;
  readonly grant: Grant;
}

/** Where a region lies: itself, and the Korwil of its kecamatan. */
export async function regionTarget(db: Db, code: string, tpsId?: number): Promise<Target> {
  const level = regionLevel(code);
  const kecamatanCode = level === 'desa' ? parentCode(code) : level === 'kecamatan' ? code : null;
  const kecamatan = kecamatanCode === null ? undefined : await findRegion(db, kecamatanCode);
  return {
    regionCode: code,
    korwilId: kecamatan?.korwilId ?? null,
    ...(tpsId === undefined ? {} : { tpsId }),
  };
}

function check(actor: Actor, permission: Permission, target?: Target): Result<Grant> {
  if (actor.userId === null && actor.sessionExpired) {
    return err(
      domainError(
        'unauthorized',
        'auth.session_expired',
        'Sesi Anda telah berakhir. Silakan masuk kembali.',
      ),
    );
  }
  return authorize(actor.grants, permission, target);
}

/** For reads: allowed or not, nothing written. */
export function canRead(actor: Actor, permission: Permission, target?: Target): Result<Grant> {
  return check(actor, permission, target);
}

export function auditActor(actor: Actor, grant: Grant | null): AuditEntry['actor'] {
  return {
    userId: actor.userId,
    username: actor.username,
    role: grant?.role ?? null,
    scope: grant === null ? null : scopeLabel(grant),
    address: actor.address,
  };
}

/**
 * For writes: allowed → the grant to record; refused → the error, after an
 * audit row with outcome `denied` (in its own transaction, since the refused
 * change is never written).
 */
export async function authorizeWrite(
  db: Db,
  actor: Actor,
  permission: Permission,
  target: Target | undefined,
  what: WriteDescription,
): Promise<Result<Access>> {
  const decision = check(actor, permission, target);
  if (decision.ok) return ok({ actor, grant: decision.value });
  await db.transaction(async (tx) => {
    await appendAudit(tx, deniedEntry(actor, what, decision.error));
  });
  return decision;
}

/** The audit row of a refused write. */
export function deniedEntry(
  actor: Actor,
  what: WriteDescription,
  error: { readonly code: string },
): AuditEntry {
  return {
    actor: auditActor(actor, null),
    action: what.action,
    outcome: 'denied',
    targetType: what.targetType,
    ...(what.targetId === undefined ? {} : { targetId: what.targetId }),
    after: { reason: error.code },
  };
}

/** The audit row of an allowed write, written inside the change's transaction. */
export async function auditWrite(
  tx: Db,
  access: Access,
  what: WriteDescription,
  change: { before?: unknown; after?: unknown },
): Promise<void> {
  await appendAudit(tx, {
    actor: auditActor(access.actor, access.grant),
    action: what.action,
    outcome: 'ok',
    targetType: what.targetType,
    ...(what.targetId === undefined ? {} : { targetId: what.targetId }),
    ...(change.before === undefined ? {} : { before: change.before }),
    ...(change.after === undefined ? {} : { after: change.after }),
  });
}
