import type { Grant } from '../../domain/auth/authorize.ts';

/** Who is calling: a signed-in user with their grants, or the public (no grants). */
export interface Actor {
  readonly userId: number | null;
  readonly username: string | null;
  readonly fullName: string | null;
  readonly grants: readonly Grant[];
  readonly sessionId: number | null;
  readonly mustChangePassword: boolean;
  readonly address: string | null;
  /** The caller sent a session cookie that has expired or was revoked. */
  readonly sessionExpired: boolean;
}

export function publicActor(address: string | null, sessionExpired = false): Actor {
  return {
    sessionExpired,
    userId: null,
    username: null,
    fullName: null,
    grants: [],
    sessionId: null,
    mustChangePassword: false,
    address,
  };
}

/** The system itself (CLI `init`, demo loading): audited under this name. */
export const SYSTEM_ACTOR: Actor = {
  userId: null,
  username: 'sistem',
  fullName: 'Sistem',
  grants: [{ role: 'admin', scopeKind: 'regency', scopeRef: '' }],
  sessionId: null,
  mustChangePassword: false,
  address: null,
  sessionExpired: false,
};
