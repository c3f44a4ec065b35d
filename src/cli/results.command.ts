/**
 * `desk-pilkada results verify`: recomputes every desa total from the current
 * versions of the TPS results, checks every stored form against the hash its
 * audit row recorded, and reports any difference (exit 1).
 */
import type { Command } from 'commander';
import { allContests } from '../server/contests/contests.repository.ts';
import { verifyResultTotals, type TotalsDifference } from '../server/results/results.summary.ts';
import { verifyResultForms, type FormDifference } from '../server/results/results.form-check.ts';
import type { WithDatabase } from './audit.command.ts';

export function formatTotalsCheck(contests: number, diffs: readonly TotalsDifference[]): string {
  if (diffs.length === 0) {
    return `Rekap hasil cocok: total ${String(contests)} pemilihan sama dengan jumlah versi terkini setiap TPS.`;
  }
  const lines = diffs
    .slice(0, 20)
    .map(
      (d) =>
        `  pemilihan ${String(d.contestId)}, desa ${d.desaCode}, ${d.key}: tersimpan ${d.stored === null ? 'tidak ada' : String(d.stored)}, dihitung ulang ${d.recomputed === null ? 'tidak ada' : String(d.recomputed)}`,
    );
  return [`Rekap hasil BERBEDA di ${String(diffs.length)} angka:`, ...lines].join('\n');
}

const PROBLEM: Record<FormDifference['problem'], string> = {
  no_audit: 'tidak ada catatan audit untuk versi ini',
  changed: 'isi formulir tidak sama dengan hash di catatan audit',
};

export function formatFormsCheck(versions: number, diffs: readonly FormDifference[]): string {
  if (diffs.length === 0) {
    return `Formulir cocok: ${String(versions)} versi C.Hasil sama dengan yang tercatat di audit.`;
  }
  const lines = diffs
    .slice(0, 20)
    .map(
      (d) =>
        `  TPS ${String(d.tpsId)}, pemilihan ${String(d.contestId)}, versi ${String(d.version)}: ${PROBLEM[d.problem]}`,
    );
  return [`Formulir BERBEDA dari audit pada ${String(diffs.length)} versi:`, ...lines].join('\n');
}

export function registerResultsCommand(program: Command, withDatabase: WithDatabase): void {
  const results = program.command('results').description('Hasil penghitungan suara (C.Hasil-KWK)');
  results
    .command('verify')
    .description(
      'Hitung ulang rekap dari hasil setiap TPS, cocokkan setiap formulir dengan catatan audit, dan laporkan selisih; keluar dengan kode 1 bila ada',
    )
    .action(async () => {
      const { count, diffs, versions, forms } = await withDatabase(async ({ db }) => {
        const ids = (await allContests(db)).map((c) => c.id);
        const totals = await verifyResultTotals(db, ids);
        const checked = await verifyResultForms(db);
        return { count: ids.length, diffs: totals, ...checked };
      });
      const text = `${formatTotalsCheck(count, diffs)}\n${formatFormsCheck(versions, forms)}\n`;
      if (diffs.length === 0 && forms.length === 0) process.stdout.write(text);
      else {
        process.stderr.write(text);
        process.exitCode = 1;
      }
    });
}
