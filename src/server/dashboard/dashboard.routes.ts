/** The Bupati's dashboard, the desk's reports (PDF), and the recap exports (XLSX). */
import { z } from 'zod';
import { ErrorBody, IdParam, RegionCode } from '../../domain/common/error.schema.ts';
import { ok, type Result } from '../../domain/common/result.ts';
import {
  Dashboard,
  GenerateReportBody,
  ReportItem,
  ReportQuery,
  ReportSchedule,
  ReportScheduleBody,
} from '../../domain/dashboard/dashboard.schema.ts';
import { reportKindOf } from '../../domain/dashboard/report.ts';
import { ProblemListQuery } from '../../domain/problems/problems.schema.ts';
import type { Actor } from '../auth/actor.ts';
import type { Db } from '../db/connection.ts';
import {
  bimtekTable,
  coklitTable,
  problemsTable,
  rostersTable,
  type CoklitDesaRow,
} from '../export/recaps.ts';
import { toXlsx, XLSX_TYPE, type Table } from '../export/table.ts';
import { ERRORS, sendResult, type ZodApp } from '../http/reply.ts';
import { getBimtek } from '../people/bimtek.service.ts';
import { rosterCompleteness } from '../people/rosters.service.ts';
import { listProblems } from '../problems/problems.service.ts';
import { getRegencySetting } from '../settings/settings.service.ts';
import { voterProgress } from '../voters/voters.lists.ts';
import { findRegion } from '../regions/regions.repository.ts';
import { dashboard } from './dashboard.service.ts';
import {
  generateReport,
  readSchedule,
  reportFile,
  reportList,
  reportPdfFor,
  saveSchedule,
} from './reports.service.ts';
import type { FastifyReply } from 'fastify';
import { todayWib } from '../../domain/common/dates.ts';
import { formatTanggal } from '../../domain/common/format.ts';

const AUTH_ERRORS = { 401: ErrorBody, 403: ErrorBody, ...ERRORS } as const;
const FILE = z.unknown().meta({ description: 'A file, sent as is' });

function sendPdf(reply: FastifyReply, r: Result<{ fileName: string; pdf: Buffer }>) {
  if (!r.ok) return sendResult(reply, r);
  return reply
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${r.value.fileName}"`)
    .send(r.value.pdf);
}

async function sendXlsx(reply: FastifyReply, r: Result<Table>, name: string) {
  if (!r.ok) return sendResult(reply, r);
  const notice = `Diunduh dari Desk Pilkada pada ${formatTanggal(todayWib())}.`;
  return reply
    .type(XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${name}.xlsx"`)
    .send(await toXlsx(r.value, notice));
}

/** Coklit per desa within a region (a desa, a kecamatan, or the regency: every kecamatan with data). */
async function coklitRows(db: Db, actor: Actor, code: string): Promise<Result<Table>> {
  const top = await voterProgress(db, actor, code);
  if (!top.ok) return top;
  const rows: CoklitDesaRow[] = [];
  if (top.value.level === 'desa') {
    const kecamatan = await findRegion(db, code.slice(0, 8));
    rows.push({
      kecamatanCode: code.slice(0, 8),
      kecamatanName: kecamatan?.name ?? '',
      code: top.value.code,
      name: top.value.name,
      counts: top.value.counts,
    });
    return ok(coklitTable(top.value.name, rows));
  }
  const kecamatan =
    top.value.level === 'kecamatan'
      ? [{ code: top.value.code, name: top.value.name }]
      : top.value.children;
  for (const k of kecamatan) {
    const p = top.value.level === 'kecamatan' ? top : await voterProgress(db, actor, k.code);
    if (!p.ok) return p;
    for (const d of p.value.children)
      rows.push({
        kecamatanCode: k.code,
        kecamatanName: k.name,
        code: d.code,
        name: d.name,
        counts: d.counts,
      });
  }
  return ok(coklitTable(top.value.name, rows));
}

export function dashboardRoutes(app: ZodApp, db: Db): void {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['Dasbor'],
        summary:
          "The Bupati's dashboard: stages, coklit, rosters, Bimtek, open problems, results, and what is at risk",
        response: { 200: Dashboard, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await dashboard(db, req.actor)),
  );

  // ------------------------------------------------------------ reports
  app.get(
    '/api/reports',
    {
      schema: {
        tags: ['Laporan'],
        summary: 'Generated situation reports (daily and weekly), newest first',
        response: { 200: z.array(ReportItem), ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await reportList(db, req.actor)),
  );
  app.post(
    '/api/reports',
    {
      schema: {
        tags: ['Laporan'],
        summary:
          'Generate a new numbered report (PDF stored) for a day (daily) or the week ending on it',
        body: GenerateReportBody,
        response: { 201: ReportItem, ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendResult(
        reply,
        await generateReport(db, req.actor, reportKindOf(req.body.kind), req.body.date),
        201,
      ),
  );
  app.get(
    '/api/reports/pdf',
    {
      schema: {
        tags: ['Laporan'],
        summary:
          "The PDF report of a kind (harian/daily, mingguan/weekly) and day (default today). Today: the newest stored while no data were written since, else a new numbered edition with today's data. A past day: the newest stored, else made now",
        querystring: ReportQuery,
        response: { 200: FILE, ...AUTH_ERRORS },
      },
    },
    async (req, reply) =>
      sendPdf(
        reply,
        await reportPdfFor(db, req.actor, reportKindOf(req.query.kind), req.query.date),
      ),
  );
  app.get(
    '/api/reports/:id/pdf',
    {
      schema: {
        tags: ['Laporan'],
        summary: 'Download a stored report',
        params: IdParam,
        response: { 200: FILE, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendPdf(reply, await reportFile(db, req.actor, req.params.id)),
  );
  app.get(
    '/api/reports/schedule',
    {
      schema: {
        tags: ['Laporan'],
        summary: 'When the daily (and weekly) report is generated automatically',
        response: { 200: ReportSchedule, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await readSchedule(db, req.actor)),
  );
  app.put(
    '/api/reports/schedule',
    {
      schema: {
        tags: ['Laporan'],
        summary: 'Change the hour (WIB) and weekday of the automatic reports (audited)',
        body: ReportScheduleBody,
        response: { 200: ReportSchedule, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => sendResult(reply, await saveSchedule(db, req.actor, req.body)),
  );

  // ------------------------------------------------------------ exports
  app.get(
    '/api/exports/coklit',
    {
      schema: {
        tags: ['Ekspor'],
        summary: 'XLSX: coklit progress per desa within a region (default the regency)',
        querystring: z.object({ code: RegionCode.optional() }),
        response: { 200: FILE, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const code = req.query.code ?? (await getRegencySetting(db))?.code ?? '';
      return sendXlsx(reply, await coklitRows(db, req.actor, code), `coklit-per-desa-${code}`);
    },
  );
  app.get(
    '/api/exports/rosters',
    {
      schema: {
        tags: ['Ekspor'],
        summary: 'XLSX: seats filled per ad hoc body and kecamatan',
        response: { 200: FILE, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const r = await rosterCompleteness(db, req.actor, undefined);
      return sendXlsx(reply, r.ok ? ok(rostersTable(r.value)) : r, 'kelengkapan-badan-adhoc');
    },
  );
  app.get(
    '/api/exports/bimtek/:id',
    {
      schema: {
        tags: ['Ekspor'],
        summary: 'XLSX: attendance of a Bimtek per kecamatan and per wave',
        params: IdParam,
        response: { 200: FILE, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const e = await getBimtek(db, req.actor, req.params.id);
      return sendXlsx(
        reply,
        e.ok ? ok(bimtekTable(e.value)) : e,
        `kehadiran-bimtek-${String(req.params.id)}`,
      );
    },
  );
  app.get(
    '/api/exports/problems',
    {
      schema: {
        tags: ['Ekspor'],
        summary: 'XLSX: problems in the caller’s scope, with the list’s filters',
        querystring: ProblemListQuery,
        response: { 200: FILE, ...AUTH_ERRORS },
      },
    },
    async (req, reply) => {
      const items = await listProblems(db, req.actor, req.query);
      return sendXlsx(reply, items.ok ? ok(problemsTable(items.value)) : items, 'masalah-lapangan');
    },
  );
}
