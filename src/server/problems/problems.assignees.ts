/**
 * Who may take a problem: the active accounts that may work on it where it
 * lies — handle it (the desk, the Korwil of its kecamatan) or follow it up
 * and comment (its PPK, pembina, PPS, KPPS, the pengawas) — by name and
 * role, for the assignment picker and to refuse an assignment to anyone
 * else. Those who may handle it come first.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { authorize, type Grant, type Target } from '../../domain/auth/authorize.ts';
import { GRANTS, ROLE_LABEL, ROLES, type Role } from '../../domain/auth/roles.ts';
import type { ProblemAssignee } from '../../domain/problems/problems.schema.ts';
import type { Db } from '../db/connection.ts';
import { appUser, userRole } from '../db/schema.ts';
import { allKorwil, allRegions } from '../regions/regions.repository.ts';

/** Roles that may work on problems somewhere. */
const WORKING_ROLES: readonly Role[] = ROLES.filter(
  (r) => GRANTS[r]['problem.comment'] !== undefined || GRANTS[r]['problem.handle'] !== undefined,
);

interface Candidate {
  readonly username: string;
  readonly fullName: string;
  /** The grant that lets the account take the problem. */
  readonly grant: Grant;
  /** It may also accept, refer and close it. */
  readonly handles: boolean;
}

/** The active accounts that may work on a problem at `target`: handlers first, then by name. */
export async function eligibleAssignees(db: Db, target: Target): Promise<Candidate[]> {
  const rows = await db
    .select({
      userId: appUser.id,
      username: appUser.username,
      fullName: appUser.fullName,
      role: userRole.role,
      scopeKind: userRole.scopeKind,
      scopeRef: userRole.scopeRef,
    })
    .from(userRole)
    .innerJoin(appUser, eq(appUser.id, userRole.userId))
    .where(and(eq(appUser.disabled, false), inArray(userRole.role, [...WORKING_ROLES])))
    .orderBy(asc(appUser.fullName), asc(appUser.username), asc(userRole.id));
  const byUser = new Map<number, { username: string; fullName: string; grants: Grant[] }>();
  for (const r of rows) {
    const entry = byUser.get(r.userId) ?? {
      username: r.username,
      fullName: r.fullName,
      grants: [],
    };
    entry.grants.push({ role: r.role as Role, scopeKind: r.scopeKind, scopeRef: r.scopeRef });
    byUser.set(r.userId, entry);
  }
  const out: Candidate[] = [];
  for (const u of byUser.values()) {
    const handle = authorize(u.grants, 'problem.handle', target);
    const follow = handle.ok ? handle : authorize(u.grants, 'problem.comment', target);
    if (!follow.ok) continue;
    out.push({
      username: u.username,
      fullName: u.fullName,
      grant: follow.value,
      handles: handle.ok,
    });
  }
  // Stable: the query's order by name stays within each group.
  return out.sort((a, b) => Number(b.handles) - Number(a.handles));
}

/** "Koordinator Korwil · Korwil I", "Ketua Desk Pilkada". */
async function roleLabels(db: Db, grants: readonly Grant[]): Promise<string[]> {
  const needsNames = grants.some((g) => g.scopeKind !== 'regency');
  const [regions, korwil] = needsNames
    ? await Promise.all([allRegions(db), allKorwil(db)])
    : [[], []];
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  const korwilName = new Map(korwil.map((k) => [String(k.id), k.name]));
  return grants.map((g) => {
    const role = ROLE_LABEL[g.role];
    if (g.scopeKind === 'regency') return role;
    const name = g.scopeKind === 'korwil' ? korwilName.get(g.scopeRef) : regionName.get(g.scopeRef);
    return name === undefined ? role : `${role} · ${name}`;
  });
}

/** The picker's entries: name, username and the role that lets each take it. */
export async function describeAssignees(
  db: Db,
  candidates: readonly Candidate[],
): Promise<ProblemAssignee[]> {
  const labels = await roleLabels(
    db,
    candidates.map((c) => c.grant),
  );
  return candidates.map((c, i) => ({
    username: c.username,
    fullName: c.fullName,
    roleLabel: labels[i] ?? ROLE_LABEL[c.grant.role],
  }));
}

/** Whether `username` may take a problem at `target`. */
export async function mayTake(db: Db, username: string, target: Target): Promise<boolean> {
  return (await eligibleAssignees(db, target)).some((c) => c.username === username);
}
