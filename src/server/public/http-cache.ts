/**
 * Pure HTTP caching helpers for the public snapshots: strong ETag matching
 * against a client's (possibly forged or malformed) `If-None-Match`, and the
 * choice of a content coding from `Accept-Encoding`.
 */

/** Longest `If-None-Match` / `Accept-Encoding` value looked at; longer ones are ignored. */
export const MAX_HEADER_CHARS = 2048;

/**
 * Whether `If-None-Match` names `etag` (RFC 9110 §13.1.2: weak comparison,
 * so `W/"x"` matches `"x"`; `*` matches anything). Anything malformed —
 * unquoted values, stray commas, absurd length, several headers — simply does
 * not match, so the full answer is sent.
 */
export function etagMatches(header: string | readonly string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = typeof header === 'string' ? header : header.join(',');
  if (value.length === 0 || value.length > MAX_HEADER_CHARS) return false;
  if (value.trim() === '*') return true;
  const wanted = etag.startsWith('W/') ? etag.slice(2) : etag;
  for (const part of value.split(',')) {
    let tag = part.trim();
    if (tag.startsWith('W/')) tag = tag.slice(2);
    if (tag.length >= 2 && tag.startsWith('"') && tag.endsWith('"') && tag === wanted) return true;
  }
  return false;
}

export type Coding = 'br' | 'gzip' | 'identity';

/**
 * The coding to send: brotli if accepted, else gzip, else none. `q=0` refuses
 * a coding; `*` accepts the ones not named. Malformed parts are skipped.
 */
export function chooseCoding(header: string | readonly string[] | undefined): Coding {
  if (header === undefined) return 'identity';
  const value = typeof header === 'string' ? header : header.join(',');
  if (value.length > MAX_HEADER_CHARS) return 'identity';
  const q = new Map<string, number>();
  for (const part of value.split(',')) {
    const [name, ...params] = part.split(';');
    const coding = name?.trim().toLowerCase() ?? '';
    if (coding === '') continue;
    let weight = 1;
    for (const p of params) {
      const m = /^\s*q\s*=(.*)$/i.exec(p);
      if (m !== null) {
        const v = (m[1] ?? '').trim();
        const n = /^[0-9.]+$/.test(v) ? Number(v) : NaN;
        weight = Number.isFinite(n) && n >= 0 && n <= 1 ? n : 0;
      }
    }
    q.set(coding, weight);
  }
  const accepts = (c: string) => (q.get(c) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip') || (q.get('x-gzip') ?? 0) > 0) return 'gzip';
  return 'identity';
}
