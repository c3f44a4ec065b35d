/**
 * Accounts: creating people with their roles (one at a time or from a roster
 * file), resetting passwords, disabling and enabling. Only holders of
 * `account.manage` may; every change is audited in its own transaction, and
 * no password or hash ever reaches the audit trail.
 *
 * Passwords are hashed before a transaction opens: argon2id takes tens of
 * milliseconds per hash on the libuv pool, and a transaction held open that
 * long would block other writers.
 */
import type {
  Account,
  AccountCreateBody,
  AccountCreated,
  AccountImportBody,
  AccountImportResult,
  ImportedAccount,
  PasswordReset,
  RosterError,
  ScopeSpec,
} from '../../domain/accounts/account.schema.ts';
import { parseScope } from '../../domain/accounts/account.schema.ts';
import { parseRoster, type RosterPerson } from '../../domain/accounts/roster-csv.ts';
import { ROLE_LABEL, ROLES, type Role, type ScopeKind } from '../../domain/auth/roles.ts';
import { formatTps } from '../../domain/common/format.ts';
import { isWithin, parentCode, REGION_LEVEL_LABEL } from '../../domain/common/region-code.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead, type WriteDescription } from '../auth/guard.ts';
import { hashPassword, oneTimePassword } from '../auth/passwords.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction, uniqueViolation } from '../http/transaction.ts';
import { allKorwil, allRegions } from '../regions/regions.repository.ts';
import type { KorwilRow, RegionRow } from '../regions/region-tree.ts';
import { getRegencySetting } from '../settings/settings.service.ts';
import {
  allTpsRefs,
  findUserSummary,
  insertRoles,
  insertUsers,
  listRoles,
  listUsers,
  revokeAllSessions,
  takenUsernames,
  updateUser,
  type NewRole,
  type RoleRow,
  type TpsRef,
  type UserSummary,
} from './accounts.repository.ts';

/** argon2 runs on libuv's pool (4 threads by default): more at once would only queue. */
export const HASH_CONCURRENCY = 4;

// ---------------------------------------------------------------- scopes

/** A role's scope as stored in `user_role`. */
export interface ResolvedGrant {
  readonly role: Role;
  readonly scopeKind: ScopeKind;
  readonly scopeRef: string;
}

/** What a stored scope is called, and the kecamatan it lies in (none for regency or Korwil). */
export interface ScopeInfo {
  readonly scopeName: string | null;
  readonly kecamatanCode: string | null;
  readonly kecamatanName: string | null;
}

export interface ScopeLookupProblem {
  readonly code:
    'not_initialised' | 'outside_regency' | 'unknown_region' | 'unknown_korwil' | 'unknown_tps';
  readonly message: string;
}

/** The registry in memory (a regency has a few hundred regions and a few thousand TPS). */
export interface ScopeDirectory {
  resolve(spec: ScopeSpec): Result<{ scopeKind: ScopeKind; scopeRef: string }, ScopeLookupProblem>;
  describe(kind: ScopeKind, ref: string): ScopeInfo;
}

const normaliseName = (name: string) => name.replace(/\s+/g, ' ').trim().toLowerCase();

/** One query at a time: `db` may be a transaction, whose one connection runs queries in turn. */
export async function loadScopeDirectory(db: Db): Promise<ScopeDirectory> {
  const regency = await getRegencySetting(db);
  const regions = await allRegions(db);
  const korwil = await allKorwil(db);
  return scopeDirectory(regency, regions, korwil, await allTpsRefs(db));
}

function scopeDirectory(
  regency: { code: string; name: string } | null,
  regions: readonly RegionRow[],
  korwil: readonly KorwilRow[],
  tpsRefs: readonly TpsRef[],
): ScopeDirectory {
  const regionByCode = new Map(regions.map((r) => [r.code, r]));
  const korwilById = new Map(korwil.map((k) => [k.id, k]));
  const korwilByName = new Map(korwil.map((k) => [normaliseName(k.name), k]));
  const tpsById = new Map(tpsRefs.map((t) => [t.id, t]));
  const activeTps = new Map(
    tpsRefs.filter((t) => t.active).map((t) => [`${t.desaCode}/${String(t.number)}`, t]),
  );

  const regionProblem = (
    code: string,
    level: 'regency' | 'kecamatan' | 'desa',
  ): ScopeLookupProblem | null => {
    if (regency === null) {
      return {
        code: 'not_initialised',
        message: 'Kabupaten/kota belum disiapkan (jalankan desk-pilkada init).',
      };
    }
    if (!isWithin(code, regency.code)) {
      return {
        code: 'outside_regency',
        message: `Wilayah ${code} berada di luar ${regency.name} (${regency.code}).`,
      };
    }
    const found = regionByCode.get(code);
    if (found?.level !== level) {
      return {
        code: 'unknown_region',
        message: `${REGION_LEVEL_LABEL[level]} dengan kode ${code} tidak ada di ${regency.name}.`,
      };
    }
    return null;
  };

  const kecamatanOf = (code: string | null): Pick<ScopeInfo, 'kecamatanCode' | 'kecamatanName'> => {
    const kec = code === null ? undefined : regionByCode.get(code);
    return kec?.level === 'kecamatan'
      ? { kecamatanCode: kec.code, kecamatanName: kec.name }
      : { kecamatanCode: null, kecamatanName: null };
  };

  return {
    resolve(spec) {
      switch (spec.kind) {
        case 'regency':
        case 'kecamatan':
        case 'desa': {
          const problem = regionProblem(spec.code, spec.kind);
          return problem === null
            ? ok({ scopeKind: spec.kind, scopeRef: spec.code })
            : err(problem);
        }
        case 'korwil': {
          const found = korwilByName.get(normaliseName(spec.name));
          if (found !== undefined) return ok({ scopeKind: 'korwil', scopeRef: String(found.id) });
          const known = korwil.map((k) => k.name).join(', ');
          return err({
            code: 'unknown_korwil',
            message:
              known === ''
                ? `Korwil "${spec.name}" tidak ada: belum ada Korwil yang dibentuk.`
                : `Korwil "${spec.name}" tidak ada. Korwil yang ada: ${known}.`,
          });
        }
        case 'tps': {
          const problem = regionProblem(spec.desaCode, 'desa');
          if (problem !== null) return err(problem);
          const found = activeTps.get(`${spec.desaCode}/${String(spec.number)}`);
          if (found !== undefined) return ok({ scopeKind: 'tps', scopeRef: String(found.id) });
          const desa = regionByCode.get(spec.desaCode)?.name ?? spec.desaCode;
          return err({
            code: 'unknown_tps',
            message: `${formatTps(spec.number)} tidak ada (atau sudah dinonaktifkan) di ${desa} (${spec.desaCode}).`,
          });
        }
      }
    },
    describe(kind, ref) {
      switch (kind) {
        case 'regency':
          return { scopeName: regionByCode.get(ref)?.name ?? null, ...kecamatanOf(null) };
        case 'kecamatan':
          return { scopeName: regionByCode.get(ref)?.name ?? null, ...kecamatanOf(ref) };
        case 'desa':
          return {
            scopeName: regionByCode.get(ref)?.name ?? null,
            ...kecamatanOf(parentCode(ref)),
          };
        case 'korwil':
          return { scopeName: korwilById.get(Number(ref))?.name ?? null, ...kecamatanOf(null) };
        case 'tps': {
          const t = tpsById.get(Number(ref));
          if (t === undefined) return { scopeName: null, ...kecamatanOf(null) };
          const desa = regionByCode.get(t.desaCode);
          return {
            scopeName: `${formatTps(t.number)} ${desa?.name ?? t.desaCode}`,
            ...kecamatanOf(desa?.parentCode ?? parentCode(t.desaCode)),
          };
        }
      }
    },
  };
}

// ---------------------------------------------------------------- views

const isRole = (text: string): text is Role => (ROLES as readonly string[]).includes(text);

function toAccount(
  user: UserSummary,
  roles: readonly RoleRow[],
  dir: ScopeDirectory,
  now: Date,
): Account {
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName,
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
    locked: user.lockedUntil !== null && user.lockedUntil > now,
    roles: roles.flatMap((r) =>
      isRole(r.role)
        ? [
            {
              role: r.role,
              roleLabel: ROLE_LABEL[r.role],
              scopeKind: r.scopeKind,
              scopeRef: r.scopeRef,
              scopeName: dir.describe(r.scopeKind, r.scopeRef).scopeName,
            },
          ]
        : [],
    ),
  };
}

async function accountViews(db: Db, ids?: readonly number[]): Promise<Account[]> {
  const users = await listUsers(db, ids);
  const roles = await listRoles(db, ids);
  const dir = await loadScopeDirectory(db);
  const byUser = new Map<number, RoleRow[]>();
  for (const r of roles) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r]);
  const now = new Date();
  return users.map((u) => toAccount(u, byUser.get(u.id) ?? [], dir, now));
}

async function accountView(db: Db, id: number): Promise<Result<Account>> {
  const [account] = await accountViews(db, [id]);
  return account === undefined ? notFound(id) : ok(account);
}

const notFound = (id: number) =>
  err(
    domainError('not_found', 'account.not_found', `Akun dengan id ${String(id)} tidak ditemukan.`),
  );

const usernameTaken = (username: string) =>
  err(
    domainError(
      'conflict',
      'account.username_taken',
      `Username ${username} sudah dipakai akun lain.`,
      'username',
    ),
  );

// ---------------------------------------------------------------- helpers

/** `fn` over `items`, at most `limit` at a time, results in order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** A grant as the audit trail shows it: stored form plus the readable scope. */
function grantForAudit(g: ResolvedGrant, dir: ScopeDirectory) {
  return {
    role: g.role,
    scopeKind: g.scopeKind,
    scopeRef: g.scopeRef,
    scopeName: dir.describe(g.scopeKind, g.scopeRef).scopeName,
  };
}

function dedupe(grants: readonly ResolvedGrant[]): ResolvedGrant[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.role}\u0000${g.scopeKind}\u0000${g.scopeRef}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------- reads

export async function listAccounts(db: Db, actor: Actor): Promise<Result<Account[]>> {
  const allowed = canRead(actor, 'account.manage');
  if (!allowed.ok) return allowed;
  return ok(await accountViews(db));
}

// ---------------------------------------------------------------- writes

export async function createAccount(
  db: Db,
  actor: Actor,
  body: AccountCreateBody,
): Promise<Result<AccountCreated>> {
  const what: WriteDescription = { action: 'account.create', targetType: 'user' };
  const access = await authorizeWrite(db, actor, 'account.manage', undefined, what);
  if (!access.ok) return access;

  const dir = await loadScopeDirectory(db);
  const grants: ResolvedGrant[] = [];
  for (const [i, spec] of body.roles.entries()) {
    const field = `roles.${String(i)}.scope`;
    const parsed = parseScope(spec.role, spec.scope);
    if (!parsed.ok) {
      return err(
        domainError('invalid', `account.${parsed.error.code}`, parsed.error.message, field),
      );
    }
    const resolved = dir.resolve(parsed.value);
    if (!resolved.ok) {
      return err(
        domainError('invalid', `account.${resolved.error.code}`, resolved.error.message, field),
      );
    }
    grants.push({ role: spec.role, ...resolved.value });
  }
  const unique = dedupe(grants);
  if ((await takenUsernames(db, [body.username])).size > 0) return usernameTaken(body.username);

  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  let created: Result<number>;
  try {
    created = await inTransaction(db, async (tx) => {
      const ids = await insertUsers(tx, [
        {
          username: body.username,
          fullName: body.fullName,
          passwordHash,
          mustChangePassword: true,
        },
      ]);
      const id = ids.get(body.username);
      if (id === undefined) throw new Error('insert into app_user returned no row');
      await insertRoles(
        tx,
        unique.map((g) => ({ userId: id, ...g })),
      );
      await auditWrite(
        tx,
        access.value,
        { ...what, targetId: id },
        {
          after: {
            username: body.username,
            fullName: body.fullName,
            mustChangePassword: true,
            roles: unique.map((g) => grantForAudit(g, dir)),
          },
        },
      );
      return ok(id);
    });
  } catch (e) {
    if (uniqueViolation(e) !== null) return usernameTaken(body.username);
    throw e;
  }
  if (!created.ok) return created;
  const account = await accountView(db, created.value);
  return account.ok ? ok({ account: account.value, oneTimePassword: password }) : account;
}

/**
 * A new one-time password: the person must change it at next sign-in; a
 * sign-in lock is lifted and every session of theirs ends.
 */
export async function resetPassword(
  db: Db,
  actor: Actor,
  id: number,
): Promise<Result<PasswordReset>> {
  const what: WriteDescription = {
    action: 'account.reset_password',
    targetType: 'user',
    targetId: id,
  };
  const access = await authorizeWrite(db, actor, 'account.manage', undefined, what);
  if (!access.ok) return access;
  if ((await findUserSummary(db, id)) === undefined) return notFound(id);
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const done = await inTransaction(db, async (tx) => {
    const user = await findUserSummary(tx, id);
    if (user === undefined) return notFound(id);
    await updateUser(tx, id, {
      passwordHash,
      mustChangePassword: true,
      failedAttempts: 0,
      lockedUntil: null,
    });
    const sessionsRevoked = await revokeAllSessions(tx, id, new Date());
    await auditWrite(tx, access.value, what, {
      before: {
        username: user.username,
        mustChangePassword: user.mustChangePassword,
        failedAttempts: user.failedAttempts,
        lockedUntil: user.lockedUntil,
      },
      after: {
        username: user.username,
        mustChangePassword: true,
        failedAttempts: 0,
        lockedUntil: null,
        sessionsRevoked,
      },
    });
    return ok(null);
  });
  return done.ok ? ok({ oneTimePassword: password }) : done;
}

/** Disables (ending every session) or enables an account. One cannot disable oneself. */
export async function setDisabled(
  db: Db,
  actor: Actor,
  id: number,
  disabled: boolean,
): Promise<Result<Account>> {
  const what: WriteDescription = {
    action: disabled ? 'account.disable' : 'account.enable',
    targetType: 'user',
    targetId: id,
  };
  const access = await authorizeWrite(db, actor, 'account.manage', undefined, what);
  if (!access.ok) return access;
  if (disabled && actor.userId === id) {
    return err(
      domainError(
        'invalid',
        'account.cannot_disable_self',
        'Anda tidak dapat menonaktifkan akun Anda sendiri.',
      ),
    );
  }
  const done = await inTransaction(db, async (tx) => {
    const user = await findUserSummary(tx, id);
    if (user === undefined) return notFound(id);
    await updateUser(tx, id, { disabled });
    const sessionsRevoked = disabled ? await revokeAllSessions(tx, id, new Date()) : 0;
    await auditWrite(tx, access.value, what, {
      before: { username: user.username, disabled: user.disabled },
      after: { username: user.username, disabled, ...(disabled ? { sessionsRevoked } : {}) },
    });
    return ok(null);
  });
  return done.ok ? accountView(db, id) : done;
}

// ---------------------------------------------------------------- import

interface PlannedAccount {
  readonly person: RosterPerson;
  readonly grants: ResolvedGrant[];
  readonly view: Omit<ImportedAccount, 'oneTimePassword'>;
}

function byKecamatanThenUsername(
  a: Pick<ImportedAccount, 'kecamatanCode' | 'username'>,
  b: Pick<ImportedAccount, 'kecamatanCode' | 'username'>,
): number {
  // Regency-wide and Korwil accounts (no kecamatan) first: the desk's own sheet.
  if (a.kecamatanCode !== b.kecamatanCode) {
    if (a.kecamatanCode === null) return -1;
    if (b.kecamatanCode === null) return 1;
    return a.kecamatanCode < b.kecamatanCode ? -1 : 1;
  }
  return a.username < b.username ? -1 : a.username > b.username ? 1 : 0;
}

/** Checks a roster against the registry and the existing accounts. */
async function planImport(
  db: Db,
  csv: string,
): Promise<{ errors: RosterError[]; plans: PlannedAccount[]; dir: ScopeDirectory }> {
  const roster = parseRoster(csv);
  const dir = await loadScopeDirectory(db);
  const errors: RosterError[] = [...roster.errors];
  const taken = await takenUsernames(
    db,
    roster.people.map((p) => p.username),
  );
  const plans: PlannedAccount[] = [];
  for (const person of roster.people) {
    if (taken.has(person.username)) {
      errors.push({
        line: person.line,
        field: 'username',
        code: 'roster.username_taken',
        message: `Username ${person.username} sudah dipakai akun lain.`,
      });
    }
    const grants: ResolvedGrant[] = [];
    for (const r of person.roles) {
      const resolved = dir.resolve(r.scope);
      if (resolved.ok) {
        grants.push({ role: r.role, ...resolved.value });
      } else {
        errors.push({
          line: r.line,
          field: 'wilayah',
          code: `roster.${resolved.error.code}`,
          message: resolved.error.message,
        });
      }
    }
    const unique = dedupe(grants);
    const infos = unique.map((g) => dir.describe(g.scopeKind, g.scopeRef));
    const home = infos.find((i) => i.kecamatanCode !== null);
    plans.push({
      person,
      grants: unique,
      view: {
        username: person.username,
        fullName: person.fullName,
        roleLabel: unique.map((g) => ROLE_LABEL[g.role]).join('; '),
        scopeName: unique.map((g, i) => infos[i]?.scopeName ?? g.scopeRef).join('; '),
        kecamatanCode: home?.kecamatanCode ?? null,
        kecamatanName: home?.kecamatanName ?? null,
      },
    });
  }
  errors.sort((a, b) => a.line - b.line);
  return { errors, plans, dir };
}

/**
 * Creates every account of a roster file, or none: any error in any row
 * (syntax, unknown scope, username taken) and nothing is written. All
 * accounts are created in one transaction, with one audit row listing them.
 */
export async function importAccounts(
  db: Db,
  actor: Actor,
  body: AccountImportBody,
): Promise<Result<AccountImportResult>> {
  const what: WriteDescription = { action: 'account.import', targetType: 'user' };
  const access = await authorizeWrite(db, actor, 'account.manage', undefined, what);
  if (!access.ok) return access;

  const { errors, plans, dir } = await planImport(db, body.csv);
  if (errors.length > 0) return ok({ dryRun: body.dryRun, created: 0, errors, accounts: [] });
  if (body.dryRun) {
    return ok({
      dryRun: true,
      created: 0,
      errors: [],
      accounts: plans
        .map((p) => ({ ...p.view, oneTimePassword: null }))
        .sort(byKecamatanThenUsername),
    });
  }

  const passwords = plans.map(() => oneTimePassword());
  const hashes = await mapLimit(passwords, HASH_CONCURRENCY, (p) => hashPassword(p));
  let done: Result<number>;
  try {
    done = await inTransaction(db, async (tx) => {
      const ids = await insertUsers(
        tx,
        plans.map((p, i) => {
          const passwordHash = hashes[i];
          if (passwordHash === undefined) throw new Error(`no hash for ${p.person.username}`);
          return {
            username: p.person.username,
            fullName: p.person.fullName,
            passwordHash,
            mustChangePassword: true,
          };
        }),
      );
      const roles: NewRole[] = [];
      for (const p of plans) {
        const userId = ids.get(p.person.username);
        if (userId === undefined) throw new Error(`no id for ${p.person.username}`);
        for (const g of p.grants) roles.push({ userId, ...g });
      }
      await insertRoles(tx, roles);
      await auditWrite(tx, access.value, what, {
        after: {
          created: plans.length,
          accounts: plans.map((p) => ({
            id: ids.get(p.person.username),
            username: p.person.username,
            fullName: p.person.fullName,
            roles: p.grants.map((g) => grantForAudit(g, dir)),
          })),
        },
      });
      return ok(plans.length);
    });
  } catch (e) {
    if (uniqueViolation(e) !== null) {
      return err(
        domainError(
          'conflict',
          'account.username_taken',
          'Sebagian username baru saja dipakai oleh akun lain. Periksa ulang berkas lalu impor kembali.',
        ),
      );
    }
    throw e;
  }
  if (!done.ok) return done;
  return ok({
    dryRun: false,
    created: done.value,
    errors: [],
    accounts: plans
      .map((p, i) => ({ ...p.view, oneTimePassword: passwords[i] ?? null }))
      .sort(byKecamatanThenUsername),
  });
}
