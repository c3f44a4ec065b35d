import { z } from 'zod';
import { ROLES } from './roles.ts';

export const SignInBody = z
  .object({
    username: z.string().trim().min(1, { message: 'Nama pengguna wajib diisi' }).max(100),
    password: z.string().min(1, { message: 'Kata sandi wajib diisi' }).max(200),
  })
  .meta({ id: 'SignInBody' });
export type SignInBody = z.infer<typeof SignInBody>;

export const PasswordChangeBody = z
  .object({
    currentPassword: z.string().min(1, { message: 'Kata sandi lama wajib diisi' }).max(200),
    newPassword: z.string().max(200),
  })
  .meta({ id: 'PasswordChangeBody' });
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;

export const GrantView = z.object({
  role: z.enum(ROLES),
  roleLabel: z.string(),
  scopeKind: z.enum(['regency', 'korwil', 'kecamatan', 'desa', 'tps']),
  scopeRef: z.string(),
  scopeName: z.string().nullable(),
  /** Where the person's work starts in the pages, e.g. `/wilayah/35.13.01.2001`. */
  home: z.string(),
});
export type GrantView = z.infer<typeof GrantView>;

export const Me = z
  .object({
    signedIn: z.boolean(),
    userId: z.number().int().nullable(),
    username: z.string().nullable(),
    fullName: z.string().nullable(),
    mustChangePassword: z.boolean(),
    csrfToken: z.string().nullable(),
    grants: z.array(GrantView),
    permissions: z.array(z.string()),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;
