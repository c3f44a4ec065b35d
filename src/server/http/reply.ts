import type { FastifyInstance, FastifyReply, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Result } from '../../domain/common/result.ts';
import { ErrorBody } from '../../domain/common/error.schema.ts';
import { sendDomainError } from './errors.ts';

/** A Fastify instance whose routes are typed by their zod schemas. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

/** Sends a service result: the value with `status`, or the error in the one error shape. */
export function sendResult<T>(reply: FastifyReply, result: Result<T>, status = 200): FastifyReply {
  if (!result.ok) return sendDomainError(reply, result.error);
  return reply.status(status).send(result.value);
}

/** Error responses every route may give, for the OpenAPI document. */
export const ERRORS = {
  400: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
} as const;
