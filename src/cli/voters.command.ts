/**
 * `desk-pilkada voters import FILE [--dry-run]`: streams a DP4 file (CSV or
 * XLSX) through the same importer as the web page, with a progress bar on
 * stderr, and writes the rejection report beside the file.
 */
import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../server/auth/actor.ts';
import { importDp4 } from '../server/voters/voters.import.ts';
import { rejectionsOf } from '../server/voters/voters.repository.ts';
import { toCsvText } from '../domain/common/csv.ts';
import { formatAngka } from '../domain/common/format.ts';
import type { WithDatabase } from './audit.command.ts';

/** `[#########-----------]  45 %  123.456 baris` */
export function progressBar(bytes: number, total: number, rows: number, width = 30): string {
  const share = total === 0 ? 1 : Math.min(1, bytes / total);
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)} %  ${formatAngka(rows)} baris`;
}

export function registerVotersCommand(program: Command, withDatabase: WithDatabase): void {
  const voters = program.command('voters').description('Data pemilih (DP4, coklit, DPS, DPT)');
  voters
    .command('import')
    .description(
      'Impor DP4 dari CSV atau XLSX; --dry-run memeriksa tanpa menyimpan. Baris yang ditolak ditulis ke FILE.penolakan.csv',
    )
    .argument('<file>', 'berkas DP4 (.csv atau .xlsx)')
    .option('--dry-run', 'periksa saja, jangan simpan', false)
    .action(async (file: string, opts: { dryRun: boolean }) => {
      const size = (await stat(file)).size;
      const tty = process.stderr.isTTY;
      let lastShown = -1;
      const show = (bytes: number, rows: number) => {
        const line = progressBar(bytes, size, rows);
        if (tty) process.stderr.write(`\r${line}`);
        else {
          const decile = Math.floor((size === 0 ? 1 : bytes / size) * 10);
          if (decile !== lastShown) {
            lastShown = decile;
            process.stderr.write(`${line}\n`);
          }
        }
      };
      const actor = { ...SYSTEM_ACTOR, username: `cli:${userInfo().username}` };
      const outcome = await withDatabase(async ({ db }) => {
        const result = await importDp4(
          db,
          actor,
          createReadStream(file, { highWaterMark: 256 * 1024 }),
          {
            fileName: basename(file),
            dryRun: opts.dryRun,
            onProgress: (p) => {
              show(p.bytes, p.rows);
            },
          },
        );
        if (!result.ok) return { result, rejections: [] };
        return { result, rejections: await rejectionsOf(db, result.value.id) };
      });
      if (tty) process.stderr.write('\n');
      const { result, rejections } = outcome;
      if (!result.ok) {
        process.stderr.write(`Impor ditolak: ${result.error.message}\n`);
        process.exitCode = 1;
        return;
      }
      const s = result.value;
      process.stdout.write(
        `${s.dryRun ? 'Uji coba (tidak disimpan)' : 'Impor selesai'}: ${formatAngka(s.rowsRead)} baris dibaca, ${formatAngka(s.rowsAccepted)} diterima, ${formatAngka(s.rowsRejected)} ditolak (impor #${String(s.id)}).\n`,
      );
      if (rejections.length > 0) {
        const report = `${file}.penolakan.csv`;
        await writeFile(
          report,
          toCsvText(
            [['baris', 'kolom', 'alasan'], ...rejections.map((r) => [r.line, r.field, r.reason])],
            { bom: true },
          ),
        );
        process.stdout.write(`Laporan baris yang ditolak: ${report}\n`);
      }
    });
}
