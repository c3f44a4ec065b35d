/**
 * Accounts: who signs in and which roles they hold over which scope.
 *
 * A role's scope is written as text, its syntax set by the role's scope kind
 * (`ROLE_SCOPE` in `auth/roles.ts`):
 *   regency   – the regency code, `35.13`
 *   korwil    – the Korwil's name, `Korwil I`
 *   kecamatan – the kecamatan code, `35.13.01`
 *   desa      – the desa/kelurahan code, `35.13.01.2001`
 *   tps       – the desa code, a slash and the TPS number, `35.13.01.2001/1`
 * `parseScope` checks that syntax without I/O; the server then looks the
 * scope up in the registry.
 */
import { z } from 'zod';
import { ROLE_LABEL, ROLE_SCOPE, ROLES, type Role, type ScopeKind } from '../auth/roles.ts';
import { regionLevel, REGION_LEVEL_LABEL } from '../common/region-code.ts';
import { err, ok, type Result } from '../common/result.ts';

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,50}$/;
export const USERNAME_RULE =
  'hanya huruf kecil a–z, angka, titik, tanda hubung, dan garis bawah; 3–50 karakter (contoh: pps.ngadisari.1)';
export const FULL_NAME_MAX = 200;
/** The largest roster file accepted, in characters. */
export const ROSTER_MAX_CHARS = 2_000_000;

/** A scope, parsed from its text. */
export type ScopeSpec =
  | { readonly kind: 'regency'; readonly code: string }
  | { readonly kind: 'korwil'; readonly name: string }
  | { readonly kind: 'kecamatan'; readonly code: string }
  | { readonly kind: 'desa'; readonly code: string }
  | { readonly kind: 'tps'; readonly desaCode: string; readonly number: number };

export const SCOPE_KIND_LABEL: Record<ScopeKind, string> = {
  regency: 'kabupaten/kota',
  korwil: 'Korwil',
  kecamatan: 'kecamatan',
  desa: 'desa/kelurahan',
  tps: 'TPS',
};

export const SCOPE_EXAMPLE: Record<ScopeKind, string> = {
  regency: '35.13',
  korwil: 'Korwil I',
  kecamatan: '35.13.01',
  desa: '35.13.01.2001',
  tps: '35.13.01.2001/1',
};

const SCOPE_HOW: Record<ScopeKind, string> = {
  regency: 'kode kabupaten/kota',
  korwil: 'nama Korwil',
  kecamatan: 'kode kecamatan',
  desa: 'kode desa/kelurahan',
  tps: 'kode desa, garis miring, lalu nomor TPS',
};

/** Why a scope text does not fit its role; `code` is the suffix of a stable code. */
export interface ScopeProblem {
  readonly code: 'missing_scope' | 'bad_scope' | 'wrong_scope_level';
  readonly message: string;
}

function expectation(role: Role): string {
  const kind = ROLE_SCOPE[role];
  return `Peran ${ROLE_LABEL[role]} dipegang atas satu ${SCOPE_KIND_LABEL[kind]}: isi ${SCOPE_HOW[kind]} (contoh: ${SCOPE_EXAMPLE[kind]}).`;
}

const TPS_SCOPE = /^(\d{2}\.\d{2}\.\d{2}\.\d{4})\s*\/\s*(?:tps\s*)?(\d{1,4})$/i;

/** Collapses runs of white space and trims. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The scope text for `role`, checked for syntax and level only. */
export function parseScope(role: Role, text: string): Result<ScopeSpec, ScopeProblem> {
  const kind = ROLE_SCOPE[role];
  const value = squeeze(text);
  if (value === '') {
    return err({ code: 'missing_scope', message: `Wilayah wajib diisi. ${expectation(role)}` });
  }
  const level = regionLevel(value);
  switch (kind) {
    case 'regency':
    case 'kecamatan':
    case 'desa': {
      if (level === kind) return ok({ kind, code: value });
      if (level !== null || TPS_SCOPE.test(value)) {
        const given = level === null ? 'TPS' : REGION_LEVEL_LABEL[level].toLowerCase();
        return err({
          code: 'wrong_scope_level',
          message: `"${value}" adalah ${given}, bukan ${SCOPE_KIND_LABEL[kind]}. ${expectation(role)}`,
        });
      }
      return err({
        code: 'bad_scope',
        message: `"${value}" bukan kode wilayah yang sah. ${expectation(role)}`,
      });
    }
    case 'korwil': {
      if (level !== null || TPS_SCOPE.test(value)) {
        return err({
          code: 'wrong_scope_level',
          message: `"${value}" adalah kode wilayah, bukan nama Korwil. ${expectation(role)}`,
        });
      }
      if (value.length > 100) {
        return err({
          code: 'bad_scope',
          message: `Nama Korwil terlalu panjang (maks. 100 karakter).`,
        });
      }
      return ok({ kind, name: value });
    }
    case 'tps': {
      const m = TPS_SCOPE.exec(value);
      const number = Number(m?.[2]);
      if (m?.[1] !== undefined && number > 0) return ok({ kind, desaCode: m[1], number });
      if (level !== null) {
        return err({
          code: 'wrong_scope_level',
          message: `"${value}" adalah ${REGION_LEVEL_LABEL[level].toLowerCase()}, bukan TPS. ${expectation(role)}`,
        });
      }
      return err({
        code: 'bad_scope',
        message: `"${value}" bukan TPS yang sah. ${expectation(role)}`,
      });
    }
  }
}

/** The canonical text of a scope (`35.13.01.2001/1`, `Korwil I`). */
export function formatScope(spec: ScopeSpec): string {
  switch (spec.kind) {
    case 'regency':
    case 'kecamatan':
    case 'desa':
      return spec.code;
    case 'korwil':
      return spec.name;
    case 'tps':
      return `${spec.desaCode}/${String(spec.number)}`;
  }
}

/** Trimmed, lower-cased username, or the reason it is not acceptable. */
export function checkUsername(text: string): Result<string, { code: string; message: string }> {
  const value = text.trim().toLowerCase();
  if (value === '') return err({ code: 'missing_username', message: 'Username wajib diisi.' });
  if (!USERNAME_PATTERN.test(value)) {
    return err({
      code: 'bad_username',
      message: `Username "${squeeze(text)}" tidak sah: ${USERNAME_RULE}.`,
    });
  }
  return ok(value);
}

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, { message: `Username ${USERNAME_RULE}` })
  .meta({ example: 'pps.ngadisari' });

export const FullName = z
  .string()
  .trim()
  .min(1, { message: 'Nama lengkap wajib diisi' })
  .max(FULL_NAME_MAX, { message: `Nama lengkap maksimal ${String(FULL_NAME_MAX)} karakter` })
  .meta({ example: 'Siti Aminah' });

export const AccountRoleSpec = z
  .object({
    role: z.enum(ROLES),
    scope: z.string().max(120).meta({
      description:
        "By the role's scope kind: regency code (`35.13`), Korwil name (`Korwil I`), kecamatan code (`35.13.01`), desa code (`35.13.01.2001`) or `<desaCode>/<tpsNumber>` (`35.13.01.2001/1`)",
      example: '35.13.01.2001',
    }),
  })
  .superRefine((value, ctx) => {
    const parsed = parseScope(value.role, value.scope);
    if (!parsed.ok)
      ctx.addIssue({ code: 'custom', path: ['scope'], message: parsed.error.message });
  })
  .meta({ id: 'AccountRoleSpec' });
export type AccountRoleSpec = z.infer<typeof AccountRoleSpec>;

export const AccountCreateBody = z
  .object({
    username: Username,
    fullName: FullName,
    roles: z
      .array(AccountRoleSpec)
      .min(1, { message: 'Setidaknya satu peran wajib diisi' })
      .max(50),
  })
  .meta({ id: 'AccountCreateBody' });
export type AccountCreateBody = z.infer<typeof AccountCreateBody>;

export const AccountRole = z
  .object({
    role: z.enum(ROLES),
    roleLabel: z.string().meta({ example: 'PPS' }),
    scopeKind: z.enum(['regency', 'korwil', 'kecamatan', 'desa', 'tps']),
    scopeRef: z.string().meta({
      description: 'Region code (regency, kecamatan, desa), Korwil id or TPS id',
    }),
    scopeName: z.string().nullable().meta({ example: 'Ngadisari' }),
  })
  .meta({ id: 'AccountRole' });
export type AccountRole = z.infer<typeof AccountRole>;

export const Account = z
  .object({
    id: z.number().int(),
    username: z.string(),
    fullName: z.string(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    locked: z.boolean().meta({ description: 'Locked for a while after failed sign-ins' }),
    roles: z.array(AccountRole),
  })
  .meta({ id: 'Account' });
export type Account = z.infer<typeof Account>;

export const AccountCreated = z
  .object({
    account: Account,
    oneTimePassword: z
      .string()
      .meta({ description: 'Shown once; the person must change it at first sign-in' }),
  })
  .meta({ id: 'AccountCreated' });
export type AccountCreated = z.infer<typeof AccountCreated>;

export const PasswordReset = z
  .object({ oneTimePassword: z.string() })
  .meta({ id: 'PasswordReset' });
export type PasswordReset = z.infer<typeof PasswordReset>;

export const AccountImportBody = z
  .object({
    csv: z
      .string()
      .max(ROSTER_MAX_CHARS, { message: 'Berkas terlalu besar (maks. sekitar 2 MB)' })
      .meta({
        description:
          'Roster CSV: header `username,nama,peran,wilayah` (`,` or `;`), one row per person-role',
      }),
    dryRun: z.boolean().default(false).meta({ description: 'Check only; create nothing' }),
  })
  .meta({ id: 'AccountImportBody' });
export type AccountImportBody = z.infer<typeof AccountImportBody>;

export const ROSTER_FIELDS = ['username', 'nama', 'peran', 'wilayah'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

export const RosterError = z
  .object({
    line: z.number().int().meta({ description: '1-based line of the file' }),
    field: z.enum(ROSTER_FIELDS).nullable(),
    code: z.string().meta({ example: 'roster.unknown_role' }),
    message: z.string(),
  })
  .meta({ id: 'RosterError' });
export type RosterError = z.infer<typeof RosterError>;

export const ImportedAccount = z
  .object({
    username: z.string(),
    fullName: z.string(),
    roleLabel: z.string().meta({ description: 'Several roles are joined with "; "' }),
    scopeName: z.string(),
    kecamatanCode: z.string().nullable(),
    kecamatanName: z.string().nullable(),
    oneTimePassword: z.string().nullable().meta({ description: 'Null on a dry run' }),
  })
  .meta({ id: 'ImportedAccount' });
export type ImportedAccount = z.infer<typeof ImportedAccount>;

export const AccountImportResult = z
  .object({
    dryRun: z.boolean(),
    created: z.number().int(),
    errors: z.array(RosterError),
    accounts: z.array(ImportedAccount).meta({
      description:
        'One per person, sorted by kecamatan (regency-wide and Korwil scopes first) then username',
    }),
  })
  .meta({ id: 'AccountImportResult' });
export type AccountImportResult = z.infer<typeof AccountImportResult>;
