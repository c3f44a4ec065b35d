/**
 * Text the database cannot store, refused at the edge: a NUL character or a
 * lone UTF-16 surrogate anywhere in a JSON body (values and keys), the query
 * string or the path parameters answers 400 `request.bad_text` naming the
 * field, before any route runs (so nothing is counted or written). PostgreSQL
 * rejects both in text and jsonb, which otherwise surfaced as a 500.
 */
import { Stream } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { errorBody } from './errors.ts';

// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` holds a NUL or a lone surrogate. */
export function isBadText(s: string): boolean {
  return BAD_TEXT.test(s);
}

/** The dotted path of the first bad string in `value` ('' for the value itself), or null. */
export function findBadText(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return isBadText(value) ? path : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  // A streamed body (the DP4 upload is the raw request stream) or bytes are
  // not text from the client: walking a stream's graph of sockets and
  // servers never ended and blocked the whole server.
  if (value instanceof Stream || ArrayBuffer.isView(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadText(
        value[i],
        path === '' ? String(i) : `${path}.${String(i)}`,
        depth + 1,
      );
      if (found !== null) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (isBadText(key)) return path === '' ? '(nama isian)' : path;
    const found = findBadText(v, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

const WHERE = { body: 'Isian', querystring: 'Parameter', params: 'Alamat' } as const;

export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    const parts = [
      ['body', request.body],
      ['querystring', request.query],
      ['params', request.params],
    ] as const;
    for (const [where, value] of parts) {
      const field = findBadText(value);
      if (field === null) continue;
      const label = WHERE[where];
      return reply.status(400).send(
        errorBody({
          code: 'request.bad_text',
          message:
            field === ''
              ? `${label} memuat karakter yang tidak sah (NUL atau karakter Unicode rusak).`
              : `${label} "${field}" memuat karakter yang tidak sah (NUL atau karakter Unicode rusak).`,
          ...(field === '' ? {} : { field }),
        }),
      );
    }
    return undefined;
  });
}
