/**
 * argon2id password hashing (OWASP's minimum profile: 19 MiB, 2 passes), and
 * one-time passwords that are easy to read off a printed sheet.
 */
import { randomInt } from 'node:crypto';
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, to spend the same time on unknown usernames. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${String(Date.now())}`);
  return decoy;
}

// No 0/O, 1/l/I: read aloud or copied from paper without mistakes.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** `k7mq-4rtx-p9wa`: 12 random characters, about 59 bits. */
export function oneTimePassword(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)] ?? 'a');
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

export const MIN_PASSWORD_LENGTH = 10;
