/**
 * The audit trail as the API shows it: one row per recorded action, newest
 * first, with the hash chain fields so a reader can check a row by hand.
 */
import { z } from 'zod';
import { isIsoDate } from '../common/dates.ts';

export const AUDIT_OUTCOMES = ['ok', 'denied'] as const;
export const AuditOutcome = z.enum(AUDIT_OUTCOMES);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A bound of the time filter: a calendar date `YYYY-MM-DD` (a whole day in
 * WIB) or an instant with its zone (`2024-11-27T08:00:00+07:00`).
 */
export function isAuditMoment(value: string): boolean {
  if (isIsoDate(value)) return true;
  return ISO_INSTANT.test(value) && isIsoDate(value.slice(0, 10)) && !isNaN(Date.parse(value));
}

const WIB_OFFSET = '+07:00';
const DAY_MS = 86_400_000;

/** The first instant a `from` bound admits, in UTC (ISO 8601). */
export function auditRangeStart(from: string): string {
  const ms = isIsoDate(from) ? Date.parse(`${from}T00:00:00${WIB_OFFSET}`) : Date.parse(from);
  return new Date(ms).toISOString();
}

/** The first instant past a `to` bound (an exclusive end), in UTC (ISO 8601). */
export function auditRangeEnd(to: string): string {
  const ms = isIsoDate(to)
    ? Date.parse(`${to}T00:00:00${WIB_OFFSET}`) + DAY_MS
    : Date.parse(to) + 1;
  return new Date(ms).toISOString();
}

const AuditMoment = z
  .string()
  .refine(isAuditMoment, {
    message: 'Waktu harus berformat TTTT-BB-HH atau TTTT-BB-HHTjj:mm:dd+07:00',
  })
  .meta({ example: '2024-11-27' });

const FilterText = z.string().trim().min(1).max(100);

// No `.meta({ id })` here: @fastify/swagger cannot expand a querystring given
// as a component reference, and /api/openapi.json would fail (the same holds
// for RegionSearchQuery).
export const AuditQuery = z
  .object({
    action: FilterText.optional().meta({ description: 'Exact action, e.g. `tps.create`' }),
    actor: FilterText.optional().meta({
      description: 'Part of the username, case-insensitive',
    }),
    outcome: AuditOutcome.optional(),
    targetType: FilterText.optional(),
    targetId: FilterText.optional(),
    from: AuditMoment.optional().meta({
      description: 'From this instant, or from the start of this date in WIB (inclusive)',
    }),
    to: AuditMoment.optional().meta({
      description: 'Up to this instant, or to the end of this date in WIB (inclusive)',
    }),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine(
    // Field checks do not abort zod, so a malformed bound can still reach here.
    (q) =>
      q.from === undefined ||
      q.to === undefined ||
      !isAuditMoment(q.from) ||
      !isAuditMoment(q.to) ||
      auditRangeStart(q.from) < auditRangeEnd(q.to),
    { path: ['to'], message: 'Akhir rentang waktu lebih awal dari awalnya' },
  );
/** The filter after parsing (defaults applied). */
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditRow = z
  .object({
    id: z.number().int(),
    at: z.string().meta({
      description: 'When, in UTC with milliseconds (ISO 8601)',
      example: '2024-11-27T01:02:03.456Z',
    }),
    actorUserId: z.number().int().nullable(),
    actorUsername: z.string().nullable(),
    role: z.string().nullable(),
    scope: z.string().nullable(),
    action: z.string().meta({ example: 'tps.create' }),
    outcome: AuditOutcome,
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    before: z.unknown().meta({ description: 'State before the action (JSON), or null' }),
    after: z.unknown().meta({ description: 'State after the action (JSON), or null' }),
    address: z.string().nullable().meta({ description: 'Client IP address' }),
    prevHash: z.string().meta({ description: 'Hash of the previous row (64 zeros for the first)' }),
    hash: z.string().meta({
      description: 'sha256(prevHash + canonical JSON of this row), hex',
    }),
  })
  .meta({ id: 'AuditRow' });
export type AuditRow = z.infer<typeof AuditRow>;

export const AuditPage = z
  .object({
    rows: z.array(AuditRow),
    total: z.number().int().meta({ description: 'Rows matching the filter, over all pages' }),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'AuditPage' });
export type AuditPage = z.infer<typeof AuditPage>;
