/**
 * Permission × scope, decided without I/O. The server resolves where a target
 * lies (its region code, the Korwil of its kecamatan, its TPS id); this
 * module says whether one of the actor's grants covers it.
 */
import { isWithin } from '../common/region-code.ts';
import { domainError, err, ok, type Result } from '../common/result.ts';
import { GRANTS, ROLE_LABEL, type Permission, type Role, type ScopeKind } from './roles.ts';

export interface Grant {
  readonly role: Role;
  readonly scopeKind: ScopeKind;
  /** Region code for regency/kecamatan/desa, Korwil id or TPS id as text. */
  readonly scopeRef: string;
}

/** Where a target lies. `regionCode` is the deepest region (a TPS's desa). */
export interface Target {
  readonly regionCode: string;
  /** The Korwil of the target's kecamatan, if any. */
  readonly korwilId: number | null;
  readonly tpsId?: number;
}

/** True when the grant's scope contains the target. */
export function scopeCovers(grant: Grant, target: Target): boolean {
  switch (grant.scopeKind) {
    case 'regency':
    case 'kecamatan':
    case 'desa':
      return isWithin(target.regionCode, grant.scopeRef);
    case 'korwil':
      return target.korwilId !== null && String(target.korwilId) === grant.scopeRef;
    case 'tps':
      return target.tpsId !== undefined && String(target.tpsId) === grant.scopeRef;
  }
}

/**
 * The first grant that allows `permission` on `target` (or anywhere, when
 * the target is omitted: regency-wide actions like managing contests).
 */
export function authorize(
  grants: readonly Grant[],
  permission: Permission,
  target?: Target,
): Result<Grant> {
  for (const grant of grants) {
    const reach = GRANTS[grant.role][permission];
    if (reach === undefined) continue;
    if (reach === 'everywhere') return ok(grant);
    if (target !== undefined && scopeCovers(grant, target)) return ok(grant);
  }
  if (grants.length === 0) {
    return err(domainError('unauthorized', 'auth.required', 'Silakan masuk terlebih dahulu.'));
  }
  const held = grants.map((g) => ROLE_LABEL[g.role]).join(', ');
  return err(
    domainError(
      'forbidden',
      'auth.forbidden',
      target === undefined || !grants.some((g) => GRANTS[g.role][permission] !== undefined)
        ? `Peran Anda (${held}) tidak berwenang untuk tindakan ini.`
        : `Wilayah ini di luar wewenang Anda (${held}).`,
    ),
  );
}

/** `desa:35.13.01.2001`, for the audit trail. */
export function scopeLabel(grant: Grant): string {
  return `${grant.scopeKind}:${grant.scopeRef}`;
}
