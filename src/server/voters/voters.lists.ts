/**
 * Progress of coklit per TPS → desa → kecamatan → Korwil → regency (from
 * the per-TPS tallies), DPS and DPT compiled per desa, public comments on the
 * DPS, recaps with men/women/total, and the public "cek DPT" lookup.
 */
import type { Actor } from '../auth/actor.ts';
import { auditWrite, authorizeWrite, canRead, regionTarget } from '../auth/guard.ts';
import type { Db } from '../db/connection.ts';
import { inTransaction } from '../http/transaction.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { newTrackingCode } from '../problems/problems.service.ts';
import { bumpPublicThrottle } from '../problems/problems.repository.ts';
import { allKorwil, allRegions, findRegion } from '../regions/regions.repository.ts';
import { getMaxVotersPerTps } from '../settings/settings.service.ts';
import { findTps, tpsOfDesa } from '../tps/tps.repository.ts';
import { regionLevel } from '../../domain/common/region-code.ts';
import { formatTps } from '../../domain/common/format.ts';
import { domainError, err, ok, type Result } from '../../domain/common/result.ts';
import {
  BURST_HOUSEHOLDS,
  burstFlags,
  officerActivity,
  staysOnList,
  tpsOverLimit,
} from '../../domain/voters/coklit.ts';
import { photoReuseMessage, reusedPhotos } from '../../domain/voters/household.ts';
import { maskNik } from '../../domain/voters/nik.ts';
import {
  TANGGAPAN_STATUS_LABEL,
  type PublicTanggapanBody,
  type TanggapanTracking,
} from '../../domain/voters/voters.schema.ts';
import type {
  CekDptAnswer,
  DesaLists,
  Progress,
  ProgressCounts,
  Recap,
  VoterListSummary,
} from '../../domain/voters/voters.schema.ts';
import type { Table } from '../export/table.ts';
import { HOUSEHOLD_KEY, HOUSEHOLD_PHOTO_KEY } from './households.ts';
import {
  activityOf,
  reusedPhotoUses,
  findTanggapan,
  findTanggapanByTrackingCode,
  findVoterByNik,
  inLatestList,
  insertList,
  insertTanggapan,
  latestLists,
  listEntriesByTps,
  listsOfDesa,
  logLookup,
  lookupsSince,
  resolveTanggapan,
  tallySums,
  tpsListedOver,
  tanggapanOfDesa,
  tpsUnder,
  votersOfDesa,
  type ListRow,
} from './voters.repository.ts';

const forbidden = (message: string) => err(domainError('invalid', 'voters.bad_region', message));

function emptyCounts(): ProgressCounts {
  return {
    dp4: 0,
    visited: 0,
    visitedPct: 0,
    ms: 0,
    u: 0,
    tms: {},
    baru: 0,
    listed: 0,
    listedMen: 0,
    listedWomen: 0,
    households: 0,
    householdsWithPhoto: 0,
  };
}

function addKey(c: ProgressCounts, key: string, value: number): void {
  switch (key) {
    case 'dp4':
    case 'visited':
    case 'ms':
    case 'u':
    case 'baru':
    case 'listed':
      c[key] += value;
      return;
    case 'listed_L':
      c.listedMen += value;
      return;
    case 'listed_P':
      c.listedWomen += value;
      return;
    case HOUSEHOLD_KEY:
      c.households += value;
      return;
    case HOUSEHOLD_PHOTO_KEY:
      c.householdsWithPhoto += value;
      return;
    default:
      if (key.startsWith('tms')) c.tms[key.slice(3)] = (c.tms[key.slice(3)] ?? 0) + value;
  }
}

function finish(c: ProgressCounts): ProgressCounts {
  const tms = Object.fromEntries(Object.entries(c.tms).filter(([, n]) => n !== 0));
  return { ...c, tms, visitedPct: c.dp4 === 0 ? 0 : Math.round((c.visited / c.dp4) * 1000) / 10 };
}

/** Coklit progress of a region (regency, `korwil:<id>`, kecamatan, desa) and its children. */
export async function voterProgress(db: Db, actor: Actor, code: string): Promise<Result<Progress>> {
  const korwilMatch = /^korwil:(\d+)$/.exec(code);
  const korwilId = korwilMatch === null ? null : Number(korwilMatch[1]);
  const regions = await allRegions(db);
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const regency = regions.find((r) => r.level === 'regency');
  if (regency === undefined) return forbidden('Kabupaten belum disiapkan.');
  let name: string;
  let level: string;
  let prefix: string;
  const target =
    korwilId !== null
      ? { regionCode: regency.code, korwilId }
      : byCode.has(code)
        ? await regionTarget(db, code)
        : undefined;
  const access = canRead(actor, 'voter.progress', target);
  if (!access.ok) return access;
  if (korwilId !== null) {
    const k = (await allKorwil(db)).find((x) => x.id === korwilId);
    if (k === undefined)
      return err(domainError('not_found', 'korwil.not_found', 'Korwil tidak ada.'));
    name = k.name;
    level = 'korwil';
    prefix = `${regency.code}.`;
  } else {
    const r = byCode.get(code);
    if (r === undefined)
      return err(domainError('not_found', 'region.not_found', 'Wilayah tidak ada.'));
    name = r.name;
    level = r.level;
    prefix = r.level === 'desa' ? r.code : `${r.code}.`;
  }
  const childLevel = level === 'desa' ? 'tps' : level === 'kecamatan' ? 'desa' : 'kecamatan';
  const max = await getMaxVotersPerTps(db);
  const [sums, over, tpsNumbers] = await Promise.all([
    tallySums(db, prefix, childLevel, korwilId),
    tpsListedOver(db, prefix, korwilId, max),
    level === 'desa'
      ? tpsOfDesa(db, code).then((ts) => new Map(ts.map((t) => [t.id, t.number])))
      : Promise.resolve(null),
  ]);
  const total = emptyCounts();
  const children = new Map<string, ProgressCounts>();
  for (const r of sums) {
    addKey(total, r.key, r.value);
    const c = children.get(r.child) ?? emptyCounts();
    addKey(c, r.key, r.value);
    children.set(r.child, c);
  }
  const flags: { code: string; message: string }[] = [];
  for (const t of over) {
    const f = tpsOverLimit(t.listed, max);
    if (f !== null) {
      const desa = level === 'desa' ? '' : ` ${byCode.get(t.desaCode)?.name ?? t.desaCode}`;
      flags.push({ code: f.code, message: `${formatTps(t.number)}${desa}: ${f.message}` });
    }
  }
  const officers =
    level === 'desa' || level === 'kecamatan'
      ? officerActivity(await activityOf(db, prefix)).map((a) => ({
          ...a,
          flagged: a.busiest >= BURST_HOUSEHOLDS,
        }))
      : [];
  flags.push(...burstFlags(officers));
  if (level === 'desa' || level === 'kecamatan') {
    for (const reuse of reusedPhotos(await reusedPhotoUses(db, prefix))) {
      flags.push({ code: 'coklit.photo_reused', message: photoReuseMessage(reuse) });
    }
  }
  const childRows = [...children.entries()]
    .map(([c, counts]) => ({
      code: c,
      name: c.startsWith('tps:')
        ? formatTps(tpsNumbers?.get(Number(c.slice(4))) ?? 0)
        : (byCode.get(c)?.name ?? c),
      counts: finish(counts),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'id', { numeric: true }));
  return ok({ code, name, level, counts: finish(total), children: childRows, flags, officers });
}

function listSummary(l: ListRow): VoterListSummary {
  return {
    id: l.id,
    kind: l.kind,
    desaCode: l.desaCode,
    version: l.version,
    men: l.men,
    women: l.women,
    total: l.total,
    compiledBy: l.compiledBy,
    compiledAt: l.compiledAt,
  };
}

export async function desaLists(
  db: Db,
  actor: Actor,
  desaCode: string,
): Promise<Result<DesaLists>> {
  const desa = await findRegion(db, desaCode);
  const access = canRead(
    actor,
    'voter.read',
    desa === undefined ? undefined : await regionTarget(db, desaCode),
  );
  if (!access.ok) return access;
  if (desa === undefined || desa.level !== 'desa') {
    return err(domainError('not_found', 'region.not_found', 'Desa tidak ada.'));
  }
  return ok({
    desaCode,
    desaName: desa.name,
    lists: (await listsOfDesa(db, desaCode)).map(listSummary),
    tanggapan: (await tanggapanOfDesa(db, desaCode)).map((t) => ({
      id: t.id,
      kind: t.kind,
      description: t.description,
      submitterName: t.submitterName,
      submitterContact: t.submitterContact,
      source: t.source,
      voterId: t.voterId,
      status: t.status,
      resolution: t.resolution,
      recordedAt: t.recordedAt,
    })),
  });
}

/**
 * Compiles the DPS (by the PPS) or fixes the DPT (by the KPU) of one desa
 * from the coklit results: everyone except TMS 1–7. The DPT needs a DPS and
 * every comment on it resolved.
 */
export async function compileList(
  db: Db,
  actor: Actor,
  desaCode: string,
  kind: 'dps' | 'dpt',
  now: Date = new Date(),
): Promise<Result<VoterListSummary>> {
  const desa = await findRegion(db, desaCode);
  const what = { action: `${kind}.compile`, targetType: 'desa', targetId: desaCode };
  const access = await authorizeWrite(
    db,
    actor,
    kind === 'dps' ? 'dps.compile' : 'dpt.fix',
    desa === undefined ? undefined : await regionTarget(db, desaCode),
    what,
  );
  if (!access.ok) return access;
  if (desa === undefined || desa.level !== 'desa') {
    return err(domainError('not_found', 'region.not_found', 'Desa tidak ada.'));
  }
  return inTransaction(db, async (tx) => {
    const lists = await listsOfDesa(tx, desaCode);
    if (kind === 'dpt') {
      if (!lists.some((l) => l.kind === 'dps')) {
        return err(
          domainError('invalid', 'dpt.no_dps', 'DPS desa ini belum disusun; DPT disusun dari DPS.'),
        );
      }
      const open = (await tanggapanOfDesa(tx, desaCode)).filter((t) => t.status === 'terbuka');
      if (open.length > 0) {
        return err(
          domainError(
            'invalid',
            'dpt.open_tanggapan',
            `Masih ada ${String(open.length)} tanggapan masyarakat atas DPS yang belum diselesaikan.`,
          ),
        );
      }
    }
    const voters = (await votersOfDesa(tx, desaCode)).filter((v) =>
      staysOnList(v.coklitStatus, v.tmsCode),
    );
    if (voters.length === 0) {
      return err(domainError('invalid', 'list.empty', 'Desa ini belum memiliki pemilih.'));
    }
    const version = Math.max(0, ...lists.filter((l) => l.kind === kind).map((l) => l.version)) + 1;
    const men = voters.filter((v) => v.sex === 'L').length;
    const row = await insertList(
      tx,
      {
        kind,
        desaCode,
        version,
        men,
        women: voters.length - men,
        total: voters.length,
        compiledBy: actor.username,
        compiledAt: now.toISOString(),
      },
      voters.map((v) => ({ voterId: v.id, tpsId: v.tpsId, sex: v.sex })),
    );
    await auditWrite(tx, access.value, what, {
      after: { listId: row.id, version, men, women: row.women, total: row.total },
    });
    return ok(listSummary(row));
  });
}

export async function recordTanggapan(
  db: Db,
  actor: Actor,
  body: {
    desaCode: string;
    voterId?: number | undefined;
    kind: 'tidak_memenuhi_syarat' | 'belum_terdaftar' | 'perbaikan_data';
    description: string;
    submitterName?: string | undefined;
  },
  now: Date = new Date(),
): Promise<Result<{ id: number }>> {
  const desa = await findRegion(db, body.desaCode);
  const what = { action: 'dps.tanggapan', targetType: 'desa', targetId: body.desaCode };
  const access = await authorizeWrite(
    db,
    actor,
    'dps.compile',
    desa === undefined ? undefined : await regionTarget(db, body.desaCode),
    what,
  );
  if (!access.ok) return access;
  if (desa === undefined || desa.level !== 'desa') {
    return err(domainError('not_found', 'region.not_found', 'Desa tidak ada.'));
  }
  if (!(await listsOfDesa(db, body.desaCode)).some((l) => l.kind === 'dps')) {
    return err(
      domainError(
        'invalid',
        'dps.not_compiled',
        'DPS desa ini belum disusun; belum ada yang ditanggapi.',
      ),
    );
  }
  return inTransaction(db, async (tx) => {
    const row = await insertTanggapan(tx, {
      desaCode: body.desaCode,
      voterId: body.voterId ?? null,
      kind: body.kind,
      description: body.description,
      submitterName: body.submitterName ?? null,
      source: 'pps',
      recordedBy: actor.username,
      recordedAt: now.toISOString(),
      status: 'terbuka',
    });
    await auditWrite(tx, access.value, what, { after: { tanggapanId: row.id, kind: body.kind } });
    return ok({ id: row.id });
  });
}

/** Public comments: at most this many per address per window (the public problem form's mechanism). */
export const PUBLIC_TANGGAPAN_LIMIT = 5;
export const PUBLIC_TANGGAPAN_WINDOW_MS = 60 * 60 * 1000;

/**
 * A comment on a desa's DPS from anyone (no account): honeypot, a limit per
 * address (counted in the public problem form's throttle table under its
 * own key), refused before the desa's DPS is compiled. Answers the tracking
 * code; audited with the sender's address.
 */
export async function publicTanggapan(
  db: Db,
  address: string | null,
  body: PublicTanggapanBody,
  now: Date = new Date(),
): Promise<Result<{ trackingCode: string }>> {
  if (body.website !== undefined && body.website !== '') {
    return err(
      domainError('invalid', 'tanggapan.spam', 'Tanggapan tidak dapat diterima.', 'website'),
    );
  }
  const desa = await findRegion(db, body.desaCode);
  if (desa === undefined || desa.level !== 'desa') {
    return err(domainError('not_found', 'region.not_found', 'Desa tidak ada.', 'desaCode'));
  }
  if (!(await listsOfDesa(db, body.desaCode)).some((l) => l.kind === 'dps')) {
    return err(
      domainError(
        'invalid',
        'tanggapan.no_dps',
        `DPS Desa/Kelurahan ${desa.name} belum disusun, jadi belum dapat ditanggapi. Silakan kirim tanggapan setelah DPS diumumkan.`,
        'desaCode',
      ),
    );
  }
  const blank = (x: string | undefined) => (x === undefined || x === '' ? null : x);
  return inTransaction(db, async (tx) => {
    // Only a comment that is kept counts against the address's limit (a refusal rolls the count back).
    const count = await bumpPublicThrottle(
      tx,
      `tanggapan:${address ?? 'unknown'}`,
      now,
      PUBLIC_TANGGAPAN_WINDOW_MS,
    );
    if (count > PUBLIC_TANGGAPAN_LIMIT) {
      return err(
        domainError(
          'too_many',
          'tanggapan.rate_limited',
          'Terlalu banyak tanggapan dari alamat ini. Silakan coba lagi dalam satu jam.',
        ),
      );
    }
    const row = await insertTanggapan(tx, {
      desaCode: body.desaCode,
      kind: body.kind,
      description: body.description,
      submitterName: blank(body.submitterName),
      submitterContact: blank(body.submitterContact),
      source: 'publik',
      trackingCode: newTrackingCode('TG'),
      recordedBy: null,
      recordedAt: now.toISOString(),
      status: 'terbuka',
    });
    await appendAudit(tx, {
      actor: { userId: null, username: null, role: null, scope: null, address },
      action: 'dps.tanggapan_public',
      outcome: 'ok',
      targetType: 'dps_tanggapan',
      targetId: row.id,
      after: { desaCode: body.desaCode, kind: body.kind },
    });
    return ok({ trackingCode: row.trackingCode ?? '' });
  });
}

/** The public lookup of a comment by its tracking code: status and resolution only. */
export async function trackTanggapan(db: Db, code: string): Promise<Result<TanggapanTracking>> {
  const row = await findTanggapanByTrackingCode(db, code.trim().toUpperCase());
  if (row === undefined) {
    return err(
      domainError('not_found', 'tanggapan.tracking_unknown', 'Kode pelacakan tidak ditemukan.'),
    );
  }
  return ok({
    trackingCode: row.trackingCode ?? '',
    status: row.status,
    statusLabel: TANGGAPAN_STATUS_LABEL[row.status],
    resolution: row.resolution,
    resolvedAt: row.resolvedAt,
  });
}

export async function closeTanggapan(
  db: Db,
  actor: Actor,
  id: number,
  body: { status: 'diterima' | 'ditolak'; resolution: string },
  now: Date = new Date(),
): Promise<Result<{ id: number }>> {
  const t = await findTanggapan(db, id);
  const what = { action: 'dps.tanggapan_resolve', targetType: 'dps_tanggapan', targetId: id };
  const access = await authorizeWrite(
    db,
    actor,
    'dps.compile',
    t === undefined ? undefined : await regionTarget(db, t.desaCode),
    what,
  );
  if (!access.ok) return access;
  if (t === undefined)
    return err(domainError('not_found', 'tanggapan.not_found', 'Tanggapan tidak ada.'));
  if (t.status !== 'terbuka') {
    return err(domainError('conflict', 'tanggapan.closed', 'Tanggapan ini sudah diselesaikan.'));
  }
  return inTransaction(db, async (tx) => {
    await resolveTanggapan(tx, id, {
      status: body.status,
      resolution: body.resolution,
      resolvedBy: actor.username,
      resolvedAt: now.toISOString(),
    });
    await auditWrite(tx, access.value, what, { after: body });
    return ok({ id });
  });
}

/** Men/women/total of the latest DPS or DPT per child of a region (per TPS for a desa). */
export async function voterRecap(
  db: Db,
  actor: Actor,
  code: string,
  kind: 'dps' | 'dpt',
): Promise<Result<Recap>> {
  const level = regionLevel(code);
  const r = level === null || level === 'province' ? undefined : await findRegion(db, code);
  const access = canRead(
    actor,
    'voter.progress',
    r === undefined ? undefined : await regionTarget(db, code),
  );
  if (!access.ok) return access;
  if (r === undefined)
    return err(domainError('not_found', 'region.not_found', 'Wilayah tidak ada.'));
  const prefix = r.level === 'desa' ? r.code : `${r.code}.`;
  const lists = await latestLists(db, kind, prefix);
  const entries = await listEntriesByTps(
    db,
    lists.map((l) => l.id),
  );
  const regions = new Map((await allRegions(db)).map((x) => [x.code, x.name]));
  const rows = new Map<
    string,
    { code: string; name: string; tps: Set<number>; men: number; women: number }
  >();
  const tpsInfo = new Map((await tpsUnder(db, prefix)).map((t) => [t.id, t]));
  for (const e of entries) {
    const info = tpsInfo.get(e.tpsId);
    if (info === undefined) continue;
    const key =
      r.level === 'desa'
        ? `tps:${String(e.tpsId)}`
        : r.level === 'kecamatan'
          ? info.desaCode
          : info.desaCode.slice(0, 8);
    const name = key.startsWith('tps:') ? formatTps(info.number) : (regions.get(key) ?? key);
    const row = rows.get(key) ?? { code: key, name, tps: new Set<number>(), men: 0, women: 0 };
    row.tps.add(e.tpsId);
    if (e.sex === 'L') row.men += e.n;
    else row.women += e.n;
    rows.set(key, row);
  }
  const out = [...rows.values()]
    .sort((a, b) => a.code.localeCompare(b.code, 'id', { numeric: true }))
    .map((x) => ({
      code: x.code,
      name: x.name,
      tps: x.tps.size,
      men: x.men,
      women: x.women,
      total: x.men + x.women,
    }));
  const total = out.reduce(
    (a, x) => ({
      ...a,
      tps: a.tps + x.tps,
      men: a.men + x.men,
      women: a.women + x.women,
      total: a.total + x.total,
    }),
    { code: r.code, name: r.name, tps: 0, men: 0, women: 0, total: 0 },
  );
  return ok({ kind, code: r.code, name: r.name, rows: out, total });
}

export function recapTable(recap: Recap): Table {
  return {
    title: `Rekapitulasi ${recap.kind.toUpperCase()} — ${recap.name}`,
    headers: ['Kode', 'Wilayah / TPS', 'Jumlah TPS', 'Laki-laki', 'Perempuan', 'Jumlah'],
    rows: [
      ...recap.rows.map((x) => [
        x.code.startsWith('tps:') ? '' : x.code,
        x.name,
        x.tps,
        x.men,
        x.women,
        x.total,
      ]),
      ['', 'Jumlah', recap.total.tps, recap.total.men, recap.total.women, recap.total.total],
    ],
    shareColumns: new Set(),
  };
}

/** Lookups per address within the window before the next is refused. */
export const CEK_DPT_LIMIT = 10;
export const CEK_DPT_WINDOW_MS = 10 * 60_000;

const normalizeName = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\p{L}]/gu, '')
    .toLowerCase();

/**
 * Public lookup: NIK plus the first letters of the name. Answers the TPS and
 * desa only, with a masked NIK; "not found" looks the same whether the NIK is
 * unknown or the name does not match. Rate-limited per address; every
 * lookup is logged (masked NIK).
 */
export async function cekDpt(
  db: Db,
  address: string,
  nik: string,
  name: string,
  now: Date = new Date(),
): Promise<Result<CekDptAnswer>> {
  const since = new Date(now.getTime() - CEK_DPT_WINDOW_MS).toISOString();
  if ((await lookupsSince(db, address, since)) >= CEK_DPT_LIMIT) {
    return err(
      domainError(
        'too_many',
        'cek_dpt.too_many',
        `Terlalu banyak pencarian dari alamat ini. Coba lagi dalam ${String(CEK_DPT_WINDOW_MS / 60_000)} menit.`,
      ),
    );
  }
  const v = await findVoterByNik(db, nik);
  const prefix = normalizeName(name);
  const match =
    v !== undefined &&
    prefix.length >= 3 &&
    normalizeName(v.name).startsWith(prefix) &&
    staysOnList(v.coklitStatus, v.tmsCode);
  await logLookup(db, { at: now.toISOString(), address, maskedNik: maskNik(nik), found: match });
  if (!match) {
    return ok({
      found: false,
      nik: maskNik(nik),
      desaName: null,
      kecamatanName: null,
      tps: null,
      list: null,
      message: 'Data tidak ditemukan. Periksa NIK dan huruf awal nama, atau hubungi PPS desa Anda.',
    });
  }
  const inDpt = await inLatestList(db, v.id, v.desaCode, 'dpt');
  const inDps = inDpt === null ? await inLatestList(db, v.id, v.desaCode, 'dps') : null;
  const tpsId = inDpt?.tpsId ?? inDps?.tpsId ?? v.tpsId;
  const t = await findTps(db, tpsId);
  const desa = await findRegion(db, v.desaCode);
  const kec = await findRegion(db, v.desaCode.slice(0, 8));
  const list = inDpt !== null ? 'dpt' : inDps !== null ? 'dps' : 'daftar_pemilih';
  return ok({
    found: true,
    nik: maskNik(nik),
    desaName: desa?.name ?? null,
    kecamatanName: kec?.name ?? null,
    tps: t === undefined ? null : formatTps(t.number),
    list,
    message:
      list === 'dpt'
        ? 'Anda terdaftar di DPT.'
        : list === 'dps'
          ? 'Anda terdaftar di DPS (DPT belum ditetapkan).'
          : 'Anda ada di daftar pemilih yang sedang dimutakhirkan (DPS belum disusun).',
  });
}
