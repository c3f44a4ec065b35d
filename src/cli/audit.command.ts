/**
 * `desk-pilkada audit verify`: checks the audit trail's hash chain.
 * Intact → one line on stdout, exit 0; broken → one line on stderr, exit 1.
 */
import type { Command } from 'commander';
import type { Database } from '../server/db/connection.ts';
import {
  auditCheckpoint,
  formatCheckpoint,
  parseCheckpoint,
  verifyAuditChain,
  VERIFY_PAGE_SIZE,
  type VerifyResult,
} from '../server/audit/audit.service.ts';
import { formatAngka } from '../domain/common/format.ts';

export type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

/** The line `audit verify` prints for a result. */
export function formatVerifyResult(result: VerifyResult): string {
  return result.ok
    ? `Jejak audit utuh: ${formatAngka(result.rows)} baris diperiksa.`
    : `Jejak audit RUSAK: ${result.reason} (baris ${String(result.brokenAtId)})`;
}

export function registerAuditCommand(program: Command, withDatabase: WithDatabase): void {
  const audit = program.command('audit').description('Jejak audit (catatan setiap tindakan)');
  audit
    .command('verify')
    .description('Periksa keutuhan rantai hash jejak audit; keluar dengan kode 1 bila rusak')
    .option(
      '--checkpoint <baris:hash>',
      'titik periksa yang dicatat sebelumnya (dari log server atau laporan harian): membuktikan baris yang terpotong dari ujung',
    )
    .action(async (opts: { checkpoint?: string }) => {
      const checkpoint =
        opts.checkpoint === undefined ? undefined : parseCheckpoint(opts.checkpoint);
      if (checkpoint === null) {
        process.stderr.write('Titik periksa harus berbentuk <jumlah baris>:<hash 64 huruf hex>.\n');
        process.exitCode = 2;
        return;
      }
      const result = await withDatabase(({ db }) =>
        verifyAuditChain(db, VERIFY_PAGE_SIZE, checkpoint),
      );
      const line = `${formatVerifyResult(result)}\n`;
      if (result.ok) {
        process.stdout.write(line);
      } else {
        process.stderr.write(line);
        // Not process.exit: let output flush and the process end on its own.
        process.exitCode = 1;
      }
    });
  audit
    .command('checkpoint')
    .description(
      'Cetak titik periksa jejak audit (jumlah baris:hash terakhir) untuk disimpan di luar server',
    )
    .action(async () => {
      const c = await withDatabase(({ db }) => auditCheckpoint(db));
      process.stdout.write(`${formatCheckpoint(c)}\n`);
    });
}
