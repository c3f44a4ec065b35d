/**
 * `desk-pilkada export nist --contest <id> [--out FILE]`: the contest's
 * current results as NIST SP 1500-100 v2 JSON (election results reporting).
 */
import { writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError } from 'commander';
import { nistSnapshot } from '../server/export/nist-snapshot.ts';
import { toNistElectionReport } from '../server/export/nist.ts';
import type { WithDatabase } from './audit.command.ts';

function contestId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError('id pemilihan harus bilangan bulat positif.');
  return n;
}

export function registerExportCommand(program: Command, withDatabase: WithDatabase): void {
  const exp = program.command('export').description('Ekspor data');
  exp
    .command('nist')
    .description('Hasil satu pemilihan dalam format NIST SP 1500-100 v2 (JSON)')
    .requiredOption('--contest <id>', 'id pemilihan (lihat: contests list)', contestId)
    .option('--out <berkas>', 'tulis ke berkas ini (bawaan: layar)')
    .action(async (opts: { contest: number; out?: string }) => {
      const snapshot = await withDatabase(({ db }) => nistSnapshot(db, opts.contest));
      if (!snapshot.ok) {
        process.stderr.write(`Galat: ${snapshot.error.message}\n`);
        process.exitCode = 1;
        return;
      }
      const json = `${JSON.stringify(toNistElectionReport(snapshot.value), null, 2)}\n`;
      if (opts.out === undefined) process.stdout.write(json);
      else {
        await writeFile(opts.out, json);
        process.stdout.write(
          `Ditulis: ${opts.out} (${String(snapshot.value.results.length)} TPS melapor)\n`,
        );
      }
    });
}
