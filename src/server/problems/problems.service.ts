/**
 * Field problems: intake by field roles and the public, the workflow with its
 * history, assignment, comments, referrals, merge of duplicates, overdue
 * listing, trend and the Bupati's summary. Every write is authorized and
 * audited in its own transaction; live events go out after commit.
 */
import { randomBytes } from 'node:crypto';
import type { Target as ScopeTarget } from '../../domain/auth/authorize.ts';
import { GRANTS } from '../../domain/auth/roles.ts';
import { todayWib } from '../../domain/common/dates.ts';
import { formatAngka } from '../../domain/common/format.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import {
  AGENCY_LABEL,
  ASN_CATEGORY,
  DEFAULT_CATEGORIES,
  DEFAULT_TARGETS,
  ETHICS_CATEGORY,
  STATUS_LABEL,
  STATUSES,
  checkCategories,
  checkTargets,
  isDuplicateCandidate,
  isOpen,
  overdue,
  transition,
  type Agency,
  type Category,
  type Status,
  type Targets,
} from '../../domain/problems/problems.ts';
import type {
  AssignBody,
  AsnDetails,
  ProblemAssignee,
  BupatiSummary,
  CommentBody,
  EthicsDetails,
  ProblemConfig,
  ProblemCreated,
  ProblemDetail,
  ProblemListItem,
  ProblemListQuery,
  ProblemPlaces,
  ProblemReportBody,
  ProblemTrend,
  PublicProblemBody,
  ReferralUpdateBody,
  TrackingStatus,
  TransitionBody,
} from '../../domain/problems/problems.schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead, type Access } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../http/transaction.ts';
import {
  agencyName,
  closingNote,
  PUBLIC_REFERRAL_STATUS,
  publicSteps,
} from '../../domain/problems/tracking.ts';
import { describeAssignees, eligibleAssignees, mayTake } from './problems.assignees.ts';
import type { LiveHub } from '../live/live-hub.ts';
import { allRegions, findRegion } from '../regions/regions.repository.ts';
import { readSetting, writeSetting } from '../settings/settings.repository.ts';
import { findTps } from '../tps/tps.repository.ts';
import {
  activeTps,
  bumpPublicThrottle,
  commentsOf,
  eventsOf,
  findProblem,
  findProblemByClientId,
  findProblemByTrackingCode,
  findReferral,
  findUserByUsername,
  insertComment,
  insertEvent,
  insertProblem,
  insertProblemOnce,
  insertReferral,
  insertReferralUpdate,
  lockProblem,
  mergedInto,
  photosOf,
  referralsOf,
  sameCategoryInKecamatan,
  selectProblems,
  updateProblem,
  type ProblemRow,
} from './problems.repository.ts';

const CATEGORIES_SETTING = 'problem_categories';
const TARGETS_SETTING = 'problem_targets';
/** Public form: at most this many submissions per address per window. */
export const PUBLIC_LIMIT = 5;
export const PUBLIC_WINDOW_MS = 60 * 60 * 1000;
/** Clock skew tolerated for an event time slightly in the future. */
const FUTURE_SKEW_MS = 10 * 60 * 1000;

const invalid = (code: string, message: string, field?: string) =>
  err(domainError('invalid', code, message, field));
const notFound = () =>
  err(domainError('not_found', 'problem.not_found', 'Laporan masalah tidak ditemukan.'));

// ---------------------------------------------------------------- config

export async function problemConfig(db: Db): Promise<ProblemConfig> {
  const categories = await readSetting(db, CATEGORIES_SETTING);
  const targets = await readSetting(db, TARGETS_SETTING);
  return {
    categories: Array.isArray(categories) ? (categories as Category[]) : [...DEFAULT_CATEGORIES],
    targets:
      typeof targets === 'object' && targets !== null ? (targets as Targets) : DEFAULT_TARGETS,
  };
}

export async function saveProblemConfig(
  db: Db,
  actor: Actor,
  body: ProblemConfig,
): Promise<Result<ProblemConfig>> {
  const what = { action: 'problem.configure', targetType: 'problem_config' };
  const access = await authorizeWrite(db, actor, 'problem.configure', undefined, what);
  if (!access.ok) return access;
  const categories = checkCategories(body.categories);
  if (!categories.ok) return categories;
  const targets = checkTargets(body.targets);
  if (!targets.ok) return targets;
  return inTransaction(db, async (tx) => {
    const before = await problemConfig(tx);
    await writeSetting(tx, CATEGORIES_SETTING, body.categories);
    await writeSetting(tx, TARGETS_SETTING, body.targets);
    await auditWrite(tx, access.value, what, { before, after: body });
    return ok(body);
  });
}

// ---------------------------------------------------------------- mapping

function targetOf(row: {
  kecamatanCode: string;
  desaCode: string | null;
  tpsId: number | null;
  korwilId: number | null;
}): ScopeTarget {
  return {
    regionCode: row.desaCode ?? row.kecamatanCode,
    korwilId: row.korwilId,
    ...(row.tpsId === null ? {} : { tpsId: row.tpsId }),
  };
}

function toItem(row: ProblemRow, config: ProblemConfig, now: Date): ProblemListItem {
  const label = config.categories.find((c) => c.code === row.category)?.label ?? row.category;
  const reportedAt = row.reportedAt.toISOString();
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    source: row.source,
    category: row.category,
    categoryLabel: label,
    severity: row.severity,
    status: row.status,
    kecamatanCode: row.kecamatanCode,
    kecamatanName: row.kecamatanName,
    desaCode: row.desaCode,
    desaName: row.desaName,
    tpsId: row.tpsId,
    tpsNumber: row.tpsNumber,
    korwilId: row.korwilId,
    korwilName: row.korwilName,
    occurredAt: row.occurredAt.toISOString(),
    reportedAt,
    updatedAt: row.updatedAt.toISOString(),
    description: row.description,
    reporterName: row.reporterName,
    assigneeName: row.assigneeName,
    currentAgency: (row.currentAgency as Agency | null) ?? null,
    overdue: overdue(
      { status: row.status, severity: row.severity, reportedAt },
      config.targets,
      now,
    ),
  };
}

// ---------------------------------------------------------------- intake

interface Place {
  readonly kecamatanCode: string;
  readonly desaCode: string | null;
  readonly tpsId: number | null;
  readonly korwilId: number | null;
}

/** The place must be a kecamatan, a desa in it, and an active TPS of that desa. */
async function resolvePlace(
  db: Db,
  body: { kecamatanCode: string; desaCode?: string | undefined; tpsId?: number | undefined },
): Promise<Result<Place>> {
  const kecamatan = await findRegion(db, body.kecamatanCode);
  if (kecamatan?.level !== 'kecamatan') {
    return invalid('problem.place_unknown', 'Kecamatan tidak dikenal.', 'kecamatanCode');
  }
  let desaCode: string | null = null;
  if (body.desaCode !== undefined) {
    const desa = await findRegion(db, body.desaCode);
    if (desa?.level !== 'desa' || desa.parentCode !== kecamatan.code) {
      return invalid(
        'problem.place_unknown',
        `Desa tidak dikenal di Kecamatan ${kecamatan.name}.`,
        'desaCode',
      );
    }
    desaCode = desa.code;
  }
  let tpsId: number | null = null;
  if (body.tpsId !== undefined) {
    const t = await findTps(db, body.tpsId);
    if (desaCode === null || t === undefined || t.desaCode !== desaCode || t.status !== 'aktif') {
      return invalid('problem.place_unknown', 'TPS tidak dikenal di desa ini.', 'tpsId');
    }
    tpsId = t.id;
  }
  return ok({ kecamatanCode: kecamatan.code, desaCode, tpsId, korwilId: kecamatan.korwilId });
}

type Details = { asn: AsnDetails } | { ethics: EthicsDetails } | null;

async function checkReport(
  db: Db,
  body: ProblemReportBody | PublicProblemBody,
  now: Date,
): Promise<Result<{ details: Details; config: ProblemConfig }>> {
  const config = await problemConfig(db);
  if (!config.categories.some((c) => c.code === body.category)) {
    return invalid('problem.category_unknown', 'Kategori masalah tidak dikenal.', 'category');
  }
  if (Date.parse(body.occurredAt) > now.getTime() + FUTURE_SKEW_MS) {
    return invalid(
      'problem.occurred_in_future',
      'Waktu kejadian tidak boleh di masa depan.',
      'occurredAt',
    );
  }
  let details: Details = null;
  if (body.category === ASN_CATEGORY) {
    if (body.asn === undefined) {
      return invalid(
        'problem.asn_required',
        'Jenis pelanggaran ASN wajib dipilih.',
        'asn.violation',
      );
    }
    details = { asn: body.asn };
  } else if (body.category === ETHICS_CATEGORY) {
    if (body.ethics === undefined) {
      return invalid(
        'problem.ethics_required',
        'Laporan etik penyelenggara harus memuat lembaga, jabatan, dan prinsip yang dilanggar.',
        'ethics',
      );
    }
    details = { ethics: body.ethics };
  }
  return ok({ details, config });
}

/** A tracking code for a public submission, `<prefix>-XXXX-XXXX` (problems: LP, DPS comments: TG). */
export function newTrackingCode(prefix = 'LP'): string {
  // Crockford base32 without I, L, O, U: easy to read over the phone.
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(8);
  let code = '';
  for (const b of bytes) code += alphabet[b % 32] ?? '0';
  return `${prefix}-${code.slice(0, 4)}-${code.slice(4)}`;
}

async function duplicatesOf(
  db: Db,
  actor: Actor | null,
  row: ProblemRow,
  config: ProblemConfig,
  now: Date,
): Promise<ProblemListItem[]> {
  const others = await sameCategoryInKecamatan(db, row.category, row.kecamatanCode, row.id);
  const mine = {
    category: row.category,
    kecamatanCode: row.kecamatanCode,
    desaCode: row.desaCode,
    tpsId: row.tpsId,
    occurredAt: row.occurredAt.toISOString(),
  };
  return others
    .filter((o) =>
      isDuplicateCandidate(mine, {
        category: o.category,
        kecamatanCode: o.kecamatanCode,
        desaCode: o.desaCode,
        tpsId: o.tpsId,
        occurredAt: o.occurredAt.toISOString(),
      }),
    )
    .filter((o) => actor === null || canRead(actor, 'problem.read', targetOf(o)).ok)
    .map((o) => toItem(o, config, now));
}

function publishNew(hub: LiveHub, row: ProblemRow, kind: 'baru' | 'status'): void {
  hub.publish({
    type: 'problem',
    kind,
    problemId: row.id,
    severity: row.severity,
    status: row.status,
    kecamatanCode: row.kecamatanCode,
    desaCode: row.desaCode,
    tpsId: row.tpsId,
    korwilId: row.korwilId,
  });
}

export async function reportProblem(
  db: Db,
  hub: LiveHub,
  actor: Actor,
  body: ProblemReportBody,
  now: Date = new Date(),
): Promise<Result<ProblemCreated>> {
  // Authorize on the place as claimed, then check that it exists and is consistent.
  const claimedKecamatan = await findRegion(db, body.kecamatanCode);
  const claimed: ScopeTarget = {
    regionCode: body.desaCode ?? body.kecamatanCode,
    korwilId: claimedKecamatan?.korwilId ?? null,
    ...(body.tpsId === undefined ? {} : { tpsId: body.tpsId }),
  };
  const what = { action: 'problem.report', targetType: 'problem' };
  const access = await authorizeWrite(db, actor, 'problem.report', claimed, what);
  if (!access.ok) return access;
  if (body.clientId !== undefined) {
    const earlier = await findProblemByClientId(db, body.clientId);
    if (earlier !== undefined) return resentReport(db, actor, body, earlier, now);
  }
  const place = await resolvePlace(db, body);
  if (!place.ok) return place;
  const checked = await checkReport(db, body, now);
  if (!checked.ok) return checked;
  const saved = await inTransaction(db, async (tx) => {
    const values = {
      trackingCode: newTrackingCode(),
      source: 'petugas' as const,
      category: body.category,
      severity: body.severity,
      kecamatanCode: place.value.kecamatanCode,
      desaCode: place.value.desaCode,
      tpsId: place.value.tpsId,
      occurredAt: new Date(body.occurredAt),
      description: body.description,
      people: body.people === undefined || body.people === '' ? null : body.people,
      details: checked.value.details,
      reporterUserId: actor.userId,
      reporterName: actor.fullName ?? actor.username,
      reportedAt: now,
      updatedAt: now,
    };
    const clientId = body.clientId;
    const inserted =
      clientId === undefined
        ? await insertProblem(tx, values)
        : await insertProblemOnce(tx, { ...values, clientId });
    // A concurrent resend with the same client id stored it first: answer that one.
    if (inserted === undefined) return ok(null);
    await insertEvent(tx, {
      problemId: inserted.id,
      kind: 'dilaporkan',
      toStatus: 'baru',
      actorUserId: actor.userId,
      actorName: actor.fullName ?? actor.username,
      at: now,
    });
    await auditWrite(
      tx,
      access.value,
      { ...what, targetId: inserted.id },
      {
        after: {
          category: inserted.category,
          severity: inserted.severity,
          kecamatanCode: inserted.kecamatanCode,
          desaCode: inserted.desaCode,
          tpsId: inserted.tpsId,
        },
      },
    );
    return ok(inserted.id);
  });
  if (!saved.ok) return saved;
  if (saved.value === null) {
    const earlier =
      body.clientId === undefined ? undefined : await findProblemByClientId(db, body.clientId);
    if (earlier === undefined) return notFound();
    return resentReport(db, actor, body, earlier, now);
  }
  const row = await findProblem(db, saved.value);
  if (row === undefined) return notFound();
  publishNew(hub, row, 'baru');
  return ok({
    id: row.id,
    trackingCode: row.trackingCode,
    duplicates: await duplicatesOf(db, actor, row, checked.value.config, now),
    resent: false,
  });
}

/**
 * The answer to a report whose client id is already stored: the same report
 * again when it is the same person's same report (a queued resend), refused
 * when the id was used for another report or by someone else.
 */
async function resentReport(
  db: Db,
  actor: Actor,
  body: ProblemReportBody,
  earlier: { id: number; reporterUserId: number | null; category: string; description: string },
  now: Date,
): Promise<Result<ProblemCreated>> {
  const same =
    earlier.reporterUserId === actor.userId &&
    earlier.category === body.category &&
    earlier.description === body.description;
  if (!same) {
    return err(
      domainError(
        'conflict',
        'problem.client_id_reused',
        'Kode kiriman laporan ini sudah dipakai untuk laporan lain. Kirim sebagai laporan baru.',
        'clientId',
      ),
    );
  }
  const row = await findProblem(db, earlier.id);
  if (row === undefined) return notFound();
  const config = await problemConfig(db);
  return ok({
    id: row.id,
    trackingCode: row.trackingCode,
    duplicates: await duplicatesOf(db, actor, row, config, now),
    resent: true,
  });
}

export async function reportPublic(
  db: Db,
  hub: LiveHub,
  address: string | null,
  body: PublicProblemBody,
  now: Date = new Date(),
): Promise<Result<{ trackingCode: string }>> {
  if (body.website !== undefined && body.website !== '') {
    return invalid('problem.spam', 'Laporan tidak dapat diterima.', 'website');
  }
  const place = await resolvePlace(db, body);
  if (!place.ok) return place;
  const checked = await checkReport(db, body, now);
  if (!checked.ok) return checked;
  const saved = await inTransaction(db, async (tx) => {
    // Only a report that is kept counts against the address's limit: the
    // count is taken in the transaction that saves it (a refusal rolls it back).
    const count = await bumpPublicThrottle(tx, address ?? 'unknown', now, PUBLIC_WINDOW_MS);
    if (count > PUBLIC_LIMIT) {
      return err(
        domainError(
          'too_many',
          'problem.rate_limited',
          'Terlalu banyak laporan dari alamat ini. Silakan coba lagi dalam satu jam.',
        ),
      );
    }
    const inserted = await insertProblem(tx, {
      trackingCode: newTrackingCode(),
      source: 'publik',
      category: body.category,
      severity: body.severity,
      kecamatanCode: place.value.kecamatanCode,
      desaCode: place.value.desaCode,
      tpsId: place.value.tpsId,
      occurredAt: new Date(body.occurredAt),
      description: body.description,
      details: checked.value.details,
      contactName: body.contactName === '' ? null : (body.contactName ?? null),
      contactPhone: body.contactPhone === '' ? null : (body.contactPhone ?? null),
      reporterAddress: address,
      reportedAt: now,
      updatedAt: now,
    });
    await insertEvent(tx, {
      problemId: inserted.id,
      kind: 'dilaporkan',
      toStatus: 'baru',
      actorName: 'Masyarakat',
      at: now,
    });
    await appendAudit(tx, {
      actor: { userId: null, username: null, role: null, scope: null, address },
      action: 'problem.report_public',
      outcome: 'ok',
      targetType: 'problem',
      targetId: inserted.id,
      after: { category: inserted.category, severity: inserted.severity },
    });
    return ok(inserted);
  });
  if (!saved.ok) return saved;
  const row = await findProblem(db, saved.value.id);
  if (row !== undefined) publishNew(hub, row, 'baru');
  return ok({ trackingCode: saved.value.trackingCode });
}

/** The status changes among a report's events. */
function statusEvents(
  rows: readonly { kind: string; toStatus: string | null; at: Date }[],
): { toStatus: Status; at: Date }[] {
  return rows.flatMap((e) =>
    e.kind === 'status' &&
    e.toStatus !== null &&
    (STATUSES as readonly string[]).includes(e.toStatus)
      ? [{ toStatus: e.toStatus as Status, at: e.at }]
      : [],
  );
}

export async function trackingStatus(db: Db, code: string): Promise<Result<TrackingStatus>> {
  const row = await findProblemByTrackingCode(db, code.trim().toUpperCase());
  if (row === undefined) {
    return err(
      domainError('not_found', 'problem.tracking_unknown', 'Kode pelacakan tidak ditemukan.'),
    );
  }
  // A report merged into an earlier one follows that case (a short chain at most).
  let status: Status = row.status;
  let updatedAt = row.updatedAt;
  let next = row.mergedIntoId;
  let current = row;
  const events = statusEvents(await eventsOf(db, row.id));
  for (let hops = 0; status === 'digabung' && next !== null && hops < 5; hops++) {
    const target = await findProblem(db, next);
    if (target === undefined) break;
    // The case's own steps from the merge on.
    const mergedAt = events.at(-1)?.at ?? current.updatedAt;
    events.push(...statusEvents(await eventsOf(db, target.id)).filter((e) => e.at > mergedAt));
    status = target.status;
    updatedAt = target.updatedAt > updatedAt ? target.updatedAt : updatedAt;
    next = target.mergedIntoId;
    current = target;
  }
  const merged = row.status === 'digabung' && status !== 'digabung';
  const referrals = await referralsOf(db, current.id);
  return ok({
    steps: publicSteps(row.reportedAt, events),
    referrals: referrals.map((r) => ({
      agency: agencyName(r.agency as Agency, r.agencyName),
      referredOn: r.referredOn,
      updates: r.updates.map((u) => ({
        at: u.at.toISOString(),
        text: PUBLIC_REFERRAL_STATUS[u.status],
      })),
    })),
    closingNote: closingNote(current.status, current.resolution, current.rejectionReason),
    trackingCode: row.trackingCode,
    status,
    statusLabel: merged
      ? `${STATUS_LABEL[status]} (digabung dengan laporan serupa)`
      : STATUS_LABEL[status],
    reportedAt: row.reportedAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  });
}

// ---------------------------------------------------------------- reads

export async function listProblems(
  db: Db,
  actor: Actor,
  query: ProblemListQuery,
  now: Date = new Date(),
): Promise<Result<ProblemListItem[]>> {
  const gate = readGate(actor);
  if (!gate.ok) return gate;
  const config = await problemConfig(db);
  const statuses: Status[] | undefined =
    query.status === undefined
      ? undefined
      : query.status === 'terbuka'
        ? ['baru', 'diterima', 'ditangani', 'diteruskan']
        : [query.status];
  const rows = await selectProblems(db, {
    korwilId: query.korwilId,
    kecamatanCode: query.kecamatanCode,
    category: query.category,
    severity: query.severity,
    statuses,
  });
  const visible = rows.filter((r) => canRead(actor, 'problem.read', targetOf(r)).ok);
  const items = visible.map((r) => toItem(r, config, now));
  return ok(query.overdue === 'ya' ? items.filter((i) => i.overdue !== null) : items);
}

/** Signed in, and holding `problem.read` somewhere (rows are then filtered by scope). */
function readGate(actor: Actor): Result<null> {
  const anywhere = canRead(actor, 'problem.read');
  if (anywhere.ok) return ok(null);
  if (anywhere.error.kind === 'unauthorized') return anywhere;
  return actor.grants.some((g) => GRANTS[g.role]['problem.read'] !== undefined)
    ? ok(null)
    : anywhere;
}

async function readable(db: Db, actor: Actor, id: number): Promise<Result<ProblemRow>> {
  const row = await findProblem(db, id);
  if (row === undefined) {
    const gate = readGate(actor);
    return gate.ok ? notFound() : gate;
  }
  const allowed = canRead(actor, 'problem.read', targetOf(row));
  if (!allowed.ok) return allowed;
  return ok(row);
}

export async function problemDetail(
  db: Db,
  actor: Actor,
  id: number,
  now: Date = new Date(),
): Promise<Result<ProblemDetail>> {
  const found = await readable(db, actor, id);
  if (!found.ok) return found;
  const row = found.value;
  const config = await problemConfig(db);
  const details = row.details as { asn?: AsnDetails; ethics?: EthicsDetails } | null;
  const [events, comments, referrals, photos, mergedFrom] = await Promise.all([
    eventsOf(db, id),
    commentsOf(db, id),
    referralsOf(db, id),
    photosOf(db, id),
    mergedInto(db, id),
  ]);
  return ok({
    ...toItem(row, config, now),
    people: row.people,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    asn: details?.asn ?? null,
    ethics: details?.ethics ?? null,
    resolution: row.resolution,
    rejectionReason: row.rejectionReason,
    mergedIntoId: row.mergedIntoId,
    mergedFrom,
    history: events.map((e) => ({
      kind: e.kind,
      fromStatus: (e.fromStatus as Status | null) ?? null,
      toStatus: (e.toStatus as Status | null) ?? null,
      note: e.note,
      by: e.actorName,
      at: e.at.toISOString(),
    })),
    comments: comments.map((c) => ({ body: c.body, by: c.authorName, at: c.at.toISOString() })),
    referrals: referrals.map((r) => ({
      id: r.id,
      agency: r.agency as Agency,
      agencyName: r.agencyName,
      referredOn: r.referredOn,
      referenceNumber: r.referenceNumber,
      note: r.note,
      createdBy: r.createdBy,
      updates: r.updates.map((u) => ({
        status: u.status,
        note: u.note,
        referenceNumber: u.referenceNumber,
        by: u.by,
        at: u.at.toISOString(),
      })),
    })),
    photos: photos.map((p) => ({
      sha256: p.sha256,
      mediaType: p.mediaType,
      bytes: p.bytes,
      uploadedBy: p.uploadedBy,
    })),
    duplicates: isOpen(row.status) ? await duplicatesOf(db, actor, row, config, now) : [],
  });
}

// ---------------------------------------------------------------- writes

/** Authorizes `permission` on an existing report, audited when refused. */
async function authorizeOn(
  db: Db,
  actor: Actor,
  permission: 'problem.handle' | 'problem.comment' | 'problem.report',
  id: number,
  action: string,
): Promise<Result<{ access: Access; row: ProblemRow }>> {
  const row = await findProblem(db, id);
  const what = { action, targetType: 'problem', targetId: id };
  const access = await authorizeWrite(
    db,
    actor,
    permission,
    row === undefined ? undefined : targetOf(row),
    what,
  );
  if (!access.ok) return access;
  if (row === undefined) return notFound();
  return ok({ access: access.value, row });
}

const actorName = (actor: Actor) => actor.fullName ?? actor.username;

export async function transitionProblem(
  db: Db,
  hub: LiveHub,
  actor: Actor,
  id: number,
  body: TransitionBody,
  now: Date = new Date(),
): Promise<Result<ProblemDetail>> {
  const auth = await authorizeOn(db, actor, 'problem.handle', id, 'problem.transition');
  if (!auth.ok) return auth;
  const { access } = auth.value;
  let mergeTarget: ProblemRow | undefined;
  if (body.action === 'gabungkan' && body.mergeIntoId !== undefined) {
    if (body.mergeIntoId === id) {
      return invalid(
        'problem.merge_self',
        'Laporan tidak dapat digabungkan ke dirinya sendiri.',
        'mergeIntoId',
      );
    }
    mergeTarget = await findProblem(db, body.mergeIntoId);
    if (mergeTarget === undefined || mergeTarget.status === 'digabung') {
      return invalid(
        'problem.merge_target_unknown',
        'Laporan tujuan penggabungan tidak ditemukan atau sudah digabung.',
        'mergeIntoId',
      );
    }
    const onTarget = canRead(actor, 'problem.read', targetOf(mergeTarget));
    if (!onTarget.ok) return onTarget;
  }
  const done = await inTransaction(db, async (tx) => {
    const current = await lockProblem(tx, id);
    if (current === undefined) return notFound();
    const moved = transition(current.status, {
      action: body.action,
      note: body.note,
      agency: body.agency,
      mergeIntoId: body.mergeIntoId,
    });
    if (!moved.ok) return moved;
    const { from, to } = moved.value;
    const note = body.note === undefined || body.note === '' ? null : body.note;
    const set: Parameters<typeof updateProblem>[2] = { status: to };
    let eventNote = note;
    if (to === 'selesai') {
      set.resolution = note;
      set.closedAt = now;
    } else if (to === 'ditolak') {
      set.rejectionReason = note;
      set.closedAt = now;
    } else if (to === 'digabung' && mergeTarget !== undefined) {
      set.mergedIntoId = mergeTarget.id;
      set.closedAt = now;
      eventNote = `Digabungkan ke laporan #${String(mergeTarget.id)}${note === null ? '' : `: ${note}`}`;
      await insertEvent(tx, {
        problemId: mergeTarget.id,
        kind: 'gabung',
        note: `Laporan #${String(id)} digabungkan ke laporan ini`,
        actorUserId: actor.userId,
        actorName: actorName(actor),
        at: now,
      });
    } else if (to === 'diteruskan' && body.agency !== undefined) {
      set.currentAgency = body.agency;
      const referredOn = body.referredOn ?? todayWib(now);
      await insertReferral(tx, {
        problemId: id,
        agency: body.agency,
        agencyName: body.agencyName === '' ? null : (body.agencyName ?? null),
        referredOn,
        referenceNumber: body.referenceNumber === '' ? null : (body.referenceNumber ?? null),
        note,
        createdBy: actorName(actor),
        createdAt: now,
      });
      eventNote = `Diteruskan ke ${body.agencyName ?? AGENCY_LABEL[body.agency]}${
        body.referenceNumber === undefined || body.referenceNumber === ''
          ? ''
          : ` (nomor ${body.referenceNumber})`
      }${note === null ? '' : `: ${note}`}`;
    } else if (to === 'ditangani') {
      set.currentAgency = null;
    }
    await updateProblem(tx, id, set);
    await insertEvent(tx, {
      problemId: id,
      kind: 'status',
      fromStatus: from,
      toStatus: to,
      note: eventNote,
      actorUserId: actor.userId,
      actorName: actorName(actor),
      at: now,
    });
    await auditWrite(
      tx,
      access,
      { action: 'problem.transition', targetType: 'problem', targetId: id },
      {
        before: { status: from },
        after: {
          status: to,
          action: body.action,
          note,
          ...(body.agency === undefined ? {} : { agency: body.agency }),
          ...(body.referenceNumber === undefined ? {} : { referenceNumber: body.referenceNumber }),
          ...(mergeTarget === undefined ? {} : { mergedIntoId: mergeTarget.id }),
        },
      },
    );
    return ok(null);
  });
  if (!done.ok) return done;
  const row = await findProblem(db, id);
  if (row !== undefined) publishNew(hub, row, 'status');
  return problemDetail(db, actor, id, now);
}

export async function assignProblem(
  db: Db,
  actor: Actor,
  id: number,
  body: AssignBody,
): Promise<Result<ProblemDetail>> {
  const auth = await authorizeOn(db, actor, 'problem.handle', id, 'problem.assign');
  if (!auth.ok) return auth;
  const user = body.username === null ? null : await findUserByUsername(db, body.username);
  if (user === undefined || user?.disabled === true) {
    return invalid(
      'problem.assignee_unknown',
      'Akun penanggung jawab tidak ditemukan.',
      'username',
    );
  }
  if (user !== null && !(await mayTake(db, body.username ?? '', targetOf(auth.value.row)))) {
    return invalid(
      'problem.assignee_not_allowed',
      `${user.fullName} tidak berwenang menangani masalah di wilayah ini; pilih dari daftar penanggung jawab.`,
      'username',
    );
  }
  const done = await inTransaction(db, async (tx) => {
    await updateProblem(tx, id, { assigneeUserId: user?.id ?? null });
    await insertEvent(tx, {
      problemId: id,
      kind: 'penugasan',
      note: user === null ? 'Penugasan dilepas' : `Ditugaskan kepada ${user.fullName}`,
      actorUserId: actor.userId,
      actorName: actorName(actor),
    });
    await auditWrite(
      tx,
      auth.value.access,
      { action: 'problem.assign', targetType: 'problem', targetId: id },
      {
        before: { assigneeUserId: auth.value.row.assigneeUserId },
        after: { assigneeUserId: user?.id ?? null },
      },
    );
    return ok(null);
  });
  if (!done.ok) return done;
  return problemDetail(db, actor, id);
}

/** GET /api/problems/:id/assignees: the accounts this problem may be assigned to. */
export async function problemAssignees(
  db: Db,
  actor: Actor,
  id: number,
): Promise<Result<ProblemAssignee[]>> {
  const row = await findProblem(db, id);
  const access = canRead(actor, 'problem.handle', row === undefined ? undefined : targetOf(row));
  if (!access.ok) return access;
  if (row === undefined) return notFound();
  return ok(await describeAssignees(db, await eligibleAssignees(db, targetOf(row))));
}

export async function commentOnProblem(
  db: Db,
  actor: Actor,
  id: number,
  body: CommentBody,
): Promise<Result<ProblemDetail>> {
  const auth = await authorizeOn(db, actor, 'problem.comment', id, 'problem.comment');
  if (!auth.ok) return auth;
  const done = await inTransaction(db, async (tx) => {
    await insertComment(tx, {
      problemId: id,
      body: body.body,
      authorUserId: actor.userId,
      authorName: actorName(actor),
    });
    await auditWrite(
      tx,
      auth.value.access,
      { action: 'problem.comment', targetType: 'problem', targetId: id },
      { after: { body: body.body } },
    );
    return ok(null);
  });
  if (!done.ok) return done;
  return problemDetail(db, actor, id);
}

export async function updateReferral(
  db: Db,
  actor: Actor,
  id: number,
  referralId: number,
  body: ReferralUpdateBody,
): Promise<Result<ProblemDetail>> {
  const auth = await authorizeOn(db, actor, 'problem.handle', id, 'problem.referral_update');
  if (!auth.ok) return auth;
  const referral = await findReferral(db, id, referralId);
  if (referral === undefined) {
    return err(
      domainError('not_found', 'problem.referral_not_found', 'Penerusan tidak ditemukan.'),
    );
  }
  const done = await inTransaction(db, async (tx) => {
    await insertReferralUpdate(tx, {
      referralId,
      status: body.status,
      note: body.note,
      referenceNumber: body.referenceNumber === '' ? null : (body.referenceNumber ?? null),
      by: actorName(actor),
    });
    await insertEvent(tx, {
      problemId: id,
      kind: 'rujukan',
      note: `${AGENCY_LABEL[referral.agency as Agency]}: ${body.status} — ${body.note}`,
      actorUserId: actor.userId,
      actorName: actorName(actor),
    });
    await updateProblem(tx, id, {});
    await auditWrite(
      tx,
      auth.value.access,
      { action: 'problem.referral_update', targetType: 'problem', targetId: id },
      { after: { referralId, ...body } },
    );
    return ok(null);
  });
  if (!done.ok) return done;
  return problemDetail(db, actor, id);
}

/** For the photo route: may the caller add a photo to this report? */
export async function authorizePhoto(db: Db, actor: Actor, id: number): Promise<Result<Access>> {
  // The reporter's side (problem.report) or the handler's (problem.handle).
  const row = await findProblem(db, id);
  const target = row === undefined ? undefined : targetOf(row);
  const asHandler = canRead(actor, 'problem.handle', target);
  const permission = asHandler.ok ? 'problem.handle' : 'problem.report';
  const access = await authorizeWrite(db, actor, permission, target, {
    action: 'problem.photo',
    targetType: 'problem',
    targetId: id,
  });
  if (!access.ok) return access;
  if (row === undefined) return notFound();
  return access;
}

// ---------------------------------------------------------------- desk views

export async function problemTrend(
  db: Db,
  actor: Actor,
  days: number,
  now: Date = new Date(),
): Promise<Result<ProblemTrend>> {
  const gate = readGate(actor);
  if (!gate.ok) return gate;
  const dayList: string[] = [];
  for (let i = days - 1; i >= 0; i--)
    dayList.push(todayWib(new Date(now.getTime() - i * 86_400_000)));
  const rows = await selectProblems(db, {
    reportedSince: new Date(now.getTime() - days * 86_400_000),
  });
  const visible = rows.filter((r) => canRead(actor, 'problem.read', targetOf(r)).ok);
  const reported = new Map<string, number>();
  const closed = new Map<string, number>();
  for (const r of visible) {
    const d = todayWib(r.reportedAt);
    reported.set(d, (reported.get(d) ?? 0) + 1);
    if (r.closedAt !== null) {
      const c = todayWib(r.closedAt);
      closed.set(c, (closed.get(c) ?? 0) + 1);
    }
  }
  return ok({
    days: dayList.map((day) => ({
      day,
      reported: reported.get(day) ?? 0,
      closed: closed.get(day) ?? 0,
    })),
  });
}

export async function bupatiSummary(
  db: Db,
  actor: Actor,
  now: Date = new Date(),
): Promise<Result<BupatiSummary>> {
  const allowed = canRead(actor, 'problem.summary');
  if (!allowed.ok) return allowed;
  const config = await problemConfig(db);
  const rows = (await selectProblems(db, {})).filter((r) => r.status !== 'digabung');
  const items = rows.map((r) => toItem(r, config, now));
  const open = items.filter((i) => isOpen(i.status));
  const settled = items.filter((i) => i.status === 'selesai').length;
  const rejected = items.filter((i) => i.status === 'ditolak').length;
  const withAgencyItems = open.filter(
    (i) => i.status === 'diteruskan' && i.currentAgency !== null && i.currentAgency !== 'desk',
  );
  const byAgency = new Map<Agency, number>();
  for (const i of withAgencyItems) {
    if (i.currentAgency !== null)
      byAgency.set(i.currentAgency, (byAgency.get(i.currentAgency) ?? 0) + 1);
  }
  const overdueCount = open.filter((i) => i.overdue !== null).length;
  const urgentOpen = open.filter((i) => i.severity === 'tinggi' || i.severity === 'darurat').length;
  const byCategory = config.categories
    .map((c) => ({
      category: c.code,
      label: c.label,
      open: open.filter((i) => i.category === c.code).length,
      settled: items.filter((i) => i.category === c.code && i.status === 'selesai').length,
    }))
    .filter((c) => c.open + c.settled > 0);
  const agencyList = [...byAgency.entries()].map(([agency, count]) => ({
    agency,
    label: AGENCY_LABEL[agency],
    count,
  }));
  const lines = [
    `${formatAngka(open.length)} masalah masih terbuka, ${formatAngka(urgentOpen)} di antaranya berkategori tinggi atau darurat.`,
    `${formatAngka(settled)} masalah telah selesai ditangani; ${formatAngka(rejected)} laporan ditolak.`,
    withAgencyItems.length === 0
      ? 'Tidak ada masalah yang tertahan di instansi lain.'
      : `${formatAngka(withAgencyItems.length)} masalah tertahan di instansi lain: ${agencyList
          .map((a) => `${a.label} ${formatAngka(a.count)}`)
          .join(', ')}.`,
    overdueCount === 0
      ? 'Tidak ada masalah yang melewati batas waktu tanggapan.'
      : `${formatAngka(overdueCount)} masalah melewati batas waktu tanggapan.`,
  ];
  return ok({
    generatedAt: now.toISOString(),
    open: open.length,
    settled,
    rejected,
    withAgency: withAgencyItems.length,
    overdue: overdueCount,
    urgentOpen,
    byAgency: agencyList,
    byCategory,
    lines,
  });
}

export { targetOf as problemTarget };

/**
 * Places for the report forms: every kecamatan and desa for the public (no
 * TPS list), or those inside the caller's `problem.report` scope with TPS.
 */
export async function problemPlaces(
  db: Db,
  actor: Actor | 'public',
): Promise<Result<ProblemPlaces>> {
  if (actor !== 'public') {
    const gate = canRead(actor, 'problem.report');
    if (!gate.ok && gate.error.kind === 'unauthorized') return gate;
    if (!gate.ok && !actor.grants.some((g) => GRANTS[g.role]['problem.report'] !== undefined))
      return gate;
  }
  const regions = await allRegions(db);
  const tpsRows = actor === 'public' ? [] : await activeTps(db);
  const kecamatan = regions
    .filter((r) => r.level === 'kecamatan')
    .sort((a, b) => a.name.localeCompare(b.name, 'id'));
  const result: ProblemPlaces = { kecamatan: [] };
  for (const k of kecamatan) {
    const desa = regions
      .filter((r) => r.level === 'desa' && r.parentCode === k.code)
      .sort((a, b) => a.name.localeCompare(b.name, 'id'))
      .map((d) => ({
        code: d.code,
        name: d.name,
        tps: tpsRows
          .filter((t) => t.desaCode === d.code)
          .filter(
            (t) =>
              actor === 'public' ||
              canRead(actor, 'problem.report', {
                regionCode: d.code,
                korwilId: k.korwilId,
                tpsId: t.id,
              }).ok,
          )
          .map((t) => ({ id: t.id, number: t.number })),
      }))
      .filter(
        (d) =>
          actor === 'public' ||
          d.tps.length > 0 ||
          canRead(actor, 'problem.report', { regionCode: d.code, korwilId: k.korwilId }).ok,
      );
    if (desa.length > 0) result.kecamatan.push({ code: k.code, name: k.name, desa });
  }
  return ok(result);
}
