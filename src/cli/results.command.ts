/**
 * `desk-pilkada results verify`: recomputes every desa total from the current
 * versions of the TPS results and reports any difference (exit 1).
 */
import type { Command } from 'commander';
import { allContests } from '../server/contests/contests.repository.ts';
import { verifyResultTotals, type TotalsDifference } from '../server/results/results.summary.ts';
import type { WithDatabase } from './audit.command.ts';

export function formatTotalsCheck(contests: number, diffs: readonly TotalsDifference[]): string {
  if (diffs.length === 0) {
    return `Rekap hasil cocok: total ${String(contests)} pemilihan sama dengan jumlah versi terkini setiap TPS.`;
  }
  const lines = diffs
    .slice(0, 20)
    .map(
      (d) =>
        `  pemilihan ${String(d.contestId)}, desa ${d.desaCode}, ${d.key}: tersimpan ${String(d.stored)}, dihitung ulang ${String(d.recomputed)}`,
    );
  return [`Rekap hasil BERBEDA di ${String(diffs.length)} angka:`, ...lines].join('\n');
}

export function registerResultsCommand(program: Command, withDatabase: WithDatabase): void {
  const results = program.command('results').description('Hasil penghitungan suara (C.Hasil-KWK)');
  results
    .command('verify')
    .description(
      'Hitung ulang rekap dari hasil setiap TPS dan laporkan selisih; keluar dengan kode 1 bila ada',
    )
    .action(async () => {
      const { count, diffs } = await withDatabase(async ({ db }) => {
        const ids = (await allContests(db)).map((c) => c.id);
        return { count: ids.length, diffs: await verifyResultTotals(db, ids) };
      });
      const text = `${formatTotalsCheck(count, diffs)}\n`;
      if (diffs.length === 0) process.stdout.write(text);
      else {
        process.stderr.write(text);
        process.exitCode = 1;
      }
    });
}
