/**
 * The HTTP edge for failures: one shape `{ error: { code, message, field? } }`,
 * Indonesian messages, stable codes, never a stack trace.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { DomainError, ErrorKind } from '../../domain/common/result.ts';
import type { ErrorBody } from '../../domain/common/error.schema.ts';
import { validationMessage } from '../../domain/common/validation-message.ts';

export const STATUS: Record<ErrorKind, number> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  too_many: 429,
};

export function errorBody(error: Pick<DomainError, 'code' | 'message' | 'field'>): ErrorBody {
  return {
    error:
      error.field === undefined
        ? { code: error.code, message: error.message }
        : { code: error.code, message: error.message, field: error.field },
  };
}

export function sendDomainError(reply: FastifyReply, error: DomainError): FastifyReply {
  return reply.status(STATUS[error.kind]).send(errorBody(error));
}

export interface ErrorHandlerOptions {
  /** Serve the web app's index.html for unknown non-API GETs (client-side routes). */
  readonly spaIndex: boolean;
}

export function installErrorHandlers(app: FastifyInstance, options: ErrorHandlerOptions): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const first = error.validation[0];
      const path = (first?.instancePath ?? '').split('/').filter((p) => p !== '');
      const field = path.join('.');
      // Each message names its own field in plain words ("NIP ASN harus …").
      const message = validationMessage(
        {
          code: first?.keyword ?? 'custom',
          path: path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
          message: first?.message ?? '',
          params: first?.params ?? {},
        },
        error.validationContext ?? 'body',
      );
      return reply.status(400).send(
        errorBody({
          code: `validation.${first?.keyword ?? 'invalid'}`,
          message,
          ...(field === '' ? {} : { field }),
        }),
      );
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return reply.status(400).send(
        errorBody({
          code: 'request.malformed_json',
          message: 'Isi permintaan bukan JSON yang sah.',
        }),
      );
    }
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply
        .status(400)
        .send(errorBody({ code: 'request.empty_body', message: 'Isi permintaan kosong.' }));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(415).send(
        errorBody({
          code: 'request.unsupported_media_type',
          message: 'Jenis isi permintaan tidak didukung; kirim JSON (application/json).',
        }),
      );
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply
        .status(413)
        .send(errorBody({ code: 'request.too_large', message: 'Isi permintaan terlalu besar.' }));
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(
        errorBody({
          code: 'request.invalid',
          message: 'Permintaan tidak dapat diproses.',
        }),
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(
      errorBody({
        code: 'server.internal',
        message: 'Terjadi kesalahan pada server. Silakan coba lagi atau hubungi operator.',
      }),
    );
  });

  app.setNotFoundHandler((request, reply) => {
    if (options.spaIndex && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return reply.status(404).send(
      errorBody({
        code: 'route.not_found',
        message: `Alamat ${request.method} ${request.url.split('?')[0] ?? ''} tidak ditemukan.`,
      }),
    );
  });
}
