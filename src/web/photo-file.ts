/**
 * The check a photo input makes before sending (the server checks again):
 * the types every photo upload accepts and the feature's size limit.
 */
import { formatAngka } from '../domain/common/format.ts';

export const PHOTO_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** `820 KB`, `4,2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatAngka(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${formatAngka(Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`;
}

/** Why this file cannot be sent as a photo (in Indonesian), or null when it can. */
export function photoFileProblem(
  file: { type: string; size: number },
  limit: number,
): string | null {
  if (!PHOTO_TYPES.has(file.type)) return 'Foto harus berupa berkas JPEG, PNG, atau WebP.';
  if (file.size > limit) {
    return `Foto terlalu besar (${formatBytes(file.size)}); paling besar ${formatBytes(limit)}.`;
  }
  return null;
}
