/**
 * One demo account per role for the Kabupaten Probolinggo demo, all with the
 * same published password and no forced change, so anyone can try each role.
 * `DEMO_ACCOUNTS` is the one list: the README table and the tests read it.
 */
import { parseScope } from '../../domain/accounts/account.schema.ts';
import { ROLE_LABEL, type Role } from '../../domain/auth/roles.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Db } from '../db/connection.ts';
import { loadScopeDirectory } from '../accounts/accounts.service.ts';
import { insertRoles, insertUsers } from '../accounts/accounts.repository.ts';

export const DEMO_PASSWORD = 'pilkada-demo-2024';

export interface DemoAccountSpec {
  readonly username: string;
  readonly fullName: string;
  readonly role: Role;
  /** The scope in the syntax of `parseScope` (`35.13.01.2001/1`). */
  readonly scope: string;
  /** Where the role applies, for people. */
  readonly scopeDescription: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccountSpec[] = [
  {
    username: 'admin',
    fullName: 'Admin Sistem',
    role: 'admin',
    scope: '35.13',
    scopeDescription: 'Kabupaten Probolinggo',
  },
  {
    username: 'bupati',
    fullName: 'Bupati Probolinggo',
    role: 'bupati',
    scope: '35.13',
    scopeDescription: 'Kabupaten Probolinggo',
  },
  {
    username: 'ketua.desk',
    fullName: 'Ketua Desk Pilkada',
    role: 'ketua_desk',
    scope: '35.13',
    scopeDescription: 'Kabupaten Probolinggo',
  },
  {
    username: 'sekretaris.desk',
    fullName: 'Sekretaris Desk Pilkada',
    role: 'sekretaris_desk',
    scope: '35.13',
    scopeDescription: 'Kabupaten Probolinggo',
  },
  {
    username: 'korwil1',
    fullName: 'Koordinator Korwil I',
    role: 'korwil',
    scope: 'Korwil I',
    scopeDescription: 'Korwil I',
  },
  {
    username: 'pembina.sukapura',
    fullName: 'Pembina Kecamatan Sukapura',
    role: 'pembina_kecamatan',
    scope: '35.13.01',
    scopeDescription: 'Kecamatan Sukapura',
  },
  {
    username: 'operator.kpu',
    fullName: 'Operator KPU Kabupaten',
    role: 'operator_kpu',
    scope: '35.13',
    scopeDescription: 'Kabupaten Probolinggo',
  },
  {
    username: 'ppk.sukapura',
    fullName: 'PPK Sukapura',
    role: 'ppk',
    scope: '35.13.01',
    scopeDescription: 'Kecamatan Sukapura',
  },
  {
    username: 'pps.ngadisari',
    fullName: 'PPS Ngadisari',
    role: 'pps',
    scope: '35.13.01.2001',
    scopeDescription: 'Desa Ngadisari, Sukapura',
  },
  {
    username: 'pps.wonotoro',
    fullName: 'PPS Wonotoro',
    role: 'pps',
    scope: '35.13.01.2002',
    scopeDescription: 'Desa Wonotoro, Sukapura',
  },
  {
    username: 'kpps.ngadisari.1',
    fullName: 'KPPS Ngadisari TPS 001',
    role: 'kpps',
    scope: '35.13.01.2001/1',
    scopeDescription: 'TPS 001 Ngadisari',
  },
  {
    username: 'pantarlih.ngadisari.1',
    fullName: 'Pantarlih Ngadisari TPS 001',
    role: 'pantarlih',
    scope: '35.13.01.2001/1',
    scopeDescription: 'TPS 001 Ngadisari',
  },
  {
    username: 'pengawas',
    fullName: 'Pengawas Bawaslu Kabupaten',
    role: 'pengawas',
    scope: '35.13',
    scopeDescription: 'Kabupaten Probolinggo',
  },
];

export interface DemoAccount {
  readonly id: number;
  readonly username: string;
  readonly fullName: string;
  readonly role: Role;
  readonly roleLabel: string;
  readonly scope: string;
  readonly scopeDescription: string;
}

/**
 * Creates the demo accounts, inside the caller's transaction (the demo init).
 * Needs the regions, Korwil and TPS of the demo already written. The password
 * is hashed once; every account shares the hash.
 */
export async function createDemoAccounts(tx: Db): Promise<DemoAccount[]> {
  const dir = await loadScopeDirectory(tx);
  const grants = DEMO_ACCOUNTS.map((a) => {
    const parsed = parseScope(a.role, a.scope);
    if (!parsed.ok) throw new Error(`demo account ${a.username}: ${parsed.error.message}`);
    const resolved = dir.resolve(parsed.value);
    if (!resolved.ok) throw new Error(`demo account ${a.username}: ${resolved.error.message}`);
    return resolved.value;
  });
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids = await insertUsers(
    tx,
    DEMO_ACCOUNTS.map((a) => ({
      username: a.username,
      fullName: a.fullName,
      passwordHash,
      mustChangePassword: false,
    })),
  );
  const accounts = DEMO_ACCOUNTS.map((a) => {
    const id = ids.get(a.username);
    if (id === undefined) throw new Error(`demo account ${a.username} was not inserted`);
    return { ...a, id, roleLabel: ROLE_LABEL[a.role] };
  });
  await insertRoles(
    tx,
    accounts.flatMap((a, i) => {
      const g = grants[i];
      return g === undefined ? [] : [{ userId: a.id, role: a.role, ...g }];
    }),
  );
  return accounts;
}
