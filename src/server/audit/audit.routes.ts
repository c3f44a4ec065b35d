import { AuditPage, AuditQuery } from '../../domain/audit/audit.schema.ts';
import { ok } from '../../domain/common/result.ts';
import type { Db } from '../db/connection.ts';
import { canRead } from '../auth/guard.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { ErrorBody } from '../../domain/common/error.schema.ts';
import { listAudit } from './audit.service.ts';

export function auditRoutes(app: ZodApp, db: Db): void {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['Audit'],
        summary: 'The audit trail, newest first, filtered (admin)',
        querystring: AuditQuery,
        response: { 200: AuditPage, 401: ErrorBody, 403: ErrorBody, ...ERRORS },
      },
    },
    async (req, reply) => {
      const allowed = canRead(req.actor, 'audit.read');
      if (!allowed.ok) return sendResult(reply, allowed);
      return sendResult(reply, ok(await listAudit(db, req.query)));
    },
  );
}
