/**
 * Structured logs (Fastify's pino): one line of JSON per request with its
 * request id, method, masked URL, status and time; errors with their stack
 * (server side only — the client gets the error shape). Never logged:
 * bodies (passwords), cookies, the CSRF header, Set-Cookie, and full NIKs
 * (any 16-digit run in a URL is shown as its first 6 digits and `**********`).
 */
import type { Writable } from 'node:stream';
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

export interface LogOptions {
  /** pino level; default `info`. `silent` turns logging off. */
  readonly level?: string;
  /** Where lines go (default stdout); tests pass a stream to read them. */
  readonly stream?: Writable;
}

const NIK = /(\d{6})\d{10}(?!\d)/g;

/** A text with every 16-digit run (a NIK) cut to its first 6 digits. */
export function maskNiks(text: string): string {
  return text.replace(NIK, '$1**********');
}

/** Paths pino blanks out wherever they appear in a log line (in case a body is ever logged). */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers["x-csrf-token"]',
  'body.password',
  'body.newPassword',
  'body.currentPassword',
  'password',
  'token',
  'csrfToken',
];

type FastifyLogger = NonNullable<FastifyServerOptions['logger']>;

export function loggerOptions(options: LogOptions): FastifyLogger {
  return {
    level: options.level ?? 'info',
    ...(options.stream === undefined ? {} : { stream: options.stream }),
    redact: { paths: REDACT_PATHS, censor: '[disembunyikan]' },
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: maskNiks(req.url),
        remoteAddress: req.ip,
        userAgent: req.headers['user-agent'],
      }),
      err: (e: Error & { code?: string }) => ({
        type: e.name,
        message: maskNiks(e.message),
        stack: maskNiks(e.stack ?? ''),
        code: e.code,
      }),
    },
  };
}

/** The logger setting of `buildApp`: off, on with defaults, or with options. */
export function fastifyLogger(logger: boolean | LogOptions | undefined): FastifyLogger {
  if (logger === undefined || logger === false) return false;
  return loggerOptions(logger === true ? {} : logger);
}
