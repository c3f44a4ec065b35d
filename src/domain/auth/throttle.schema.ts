/** Sign-in waits an admin can see and lift (issue 20 item 12). */
import { z } from 'zod';

/** `account`: a known username; `name`: a username no account has; `address`: a client address. */
export const ThrottleKind = z.enum(['account', 'name', 'address']);
export type ThrottleKind = z.infer<typeof ThrottleKind>;

export const Throttle = z.object({
  kind: ThrottleKind,
  /** The username or the address. */
  key: z.string(),
  failures: z.number().int(),
  /** ISO time until which the next sign-in must wait. */
  until: z.string(),
});
export type Throttle = z.infer<typeof Throttle>;

export const ThrottleList = z.object({ items: z.array(Throttle) });
export type ThrottleList = z.infer<typeof ThrottleList>;

export const ThrottleLiftBody = z.object({
  kind: ThrottleKind,
  key: z.string().trim().min(1, 'Kunci wajib diisi.').max(200),
});
export type ThrottleLiftBody = z.infer<typeof ThrottleLiftBody>;
