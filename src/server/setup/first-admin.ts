/**
 * The first administrator of a regency initialised from zero (`desk-pilkada
 * init --regency CODE`): one account, username `admin`, with a random
 * one-time password printed once (or one given in a file) and a forced change
 * at first sign-in. Only the argon2 hash is stored. Refused once any admin
 * exists, so the command can never take over a running desk.
 */
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { parseScope } from '../../domain/accounts/account.schema.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import { loadScopeDirectory } from '../accounts/accounts.service.ts';
import { insertRoles, insertUsers, takenUsernames } from '../accounts/accounts.repository.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/passwords.ts';
import type { Db } from '../db/connection.ts';
import { userRole } from '../db/schema.ts';
import { inTransaction } from '../http/transaction.ts';

export const FIRST_ADMIN_USERNAME = 'admin';

// No 0/O, 1/l/I: copied from a terminal or paper without mistakes.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `k7mq-4rtx-p9wa-3hcz`: 16 characters from a CSPRNG, about 79 bits. */
export function firstAdminPassword(): string {
  const chars = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)] ?? 'a');
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** The password of `--admin-password-file`: its first line, long enough. */
export function passwordFromFile(text: string): Result<string> {
  const first = (text.split(/\r?\n/, 1)[0] ?? '').trim();
  if (first.length < MIN_PASSWORD_LENGTH) {
    return err(
      domainError(
        'invalid',
        'init.admin_password_short',
        first.length === 0
          ? 'Baris pertama berkas sandi admin kosong.'
          : `Sandi admin di berkas terlalu pendek: minimal ${String(MIN_PASSWORD_LENGTH)} karakter.`,
        'admin-password-file',
      ),
    );
  }
  return ok(first);
}

export async function adminExists(db: Db): Promise<boolean> {
  const rows = await db
    .select({ id: userRole.id })
    .from(userRole)
    .where(eq(userRole.role, 'admin'))
    .limit(1);
  return rows.length > 0;
}

const ADMIN_EXISTS = () =>
  err(
    domainError(
      'conflict',
      'init.admin_exists',
      'Akun admin sudah ada; init tidak membuat admin baru. Admin yang ada dapat mengatur ulang sandi di halaman Akun.',
    ),
  );

export interface FirstAdmin {
  readonly username: string;
  /** The generated one-time password, to print once; null when it came from a file. */
  readonly oneTimePassword: string | null;
}

/** Creates the first admin over the regency; the regency must be initialised. */
export async function createFirstAdmin(
  db: Db,
  options: { regencyCode: string; password?: string | undefined },
): Promise<Result<FirstAdmin>> {
  if (await adminExists(db)) return ADMIN_EXISTS();
  if ((await takenUsernames(db, [FIRST_ADMIN_USERNAME])).size > 0) return ADMIN_EXISTS();
  const parsed = parseScope('admin', options.regencyCode);
  if (!parsed.ok) {
    return err(domainError('invalid', 'init.invalid_regency_code', parsed.error.message));
  }
  const resolved = (await loadScopeDirectory(db)).resolve(parsed.value);
  if (!resolved.ok) {
    return err(domainError('invalid', 'init.unknown_regency', resolved.error.message));
  }
  const generated = options.password === undefined ? firstAdminPassword() : null;
  const passwordHash = await hashPassword(options.password ?? generated ?? '');
  return inTransaction(db, async (tx) => {
    // Checked again inside: two inits at once make one admin.
    if (await adminExists(tx)) return ADMIN_EXISTS();
    const ids = await insertUsers(tx, [
      {
        username: FIRST_ADMIN_USERNAME,
        fullName: 'Administrator',
        passwordHash,
        mustChangePassword: true,
      },
    ]);
    const id = ids.get(FIRST_ADMIN_USERNAME);
    if (id === undefined) throw new Error('insert into app_user returned no row');
    await insertRoles(tx, [{ userId: id, role: 'admin', ...resolved.value }]);
    return ok({ username: FIRST_ADMIN_USERNAME, oneTimePassword: generated });
  });
}
