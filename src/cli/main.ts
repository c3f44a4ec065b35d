/**
 * `desk-pilkada`: init, serve, start, contests list.
 * Expected failures print an Indonesian message and exit 1; no stack traces.
 */
import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import {
  DataDirInUse,
  dataDirFromEnv,
  openDatabase,
  type Database,
} from '../server/db/connection.ts';
import { buildApp } from '../server/app.ts';
import { parseTrustProxy } from '../server/http/trust-proxy.ts';
import { installCrashPolicy } from '../server/http/crash-policy.ts';
import { auditCheckpoint, formatCheckpoint } from '../server/audit/audit.service.ts';
import { startReportScheduler } from '../server/dashboard/reports.service.ts';
import { initRegency, type InitSummary } from '../server/setup/setup.service.ts';
import { DEMO_REGENCY } from '../server/setup/demo-data.ts';
import { adminExists, createFirstAdmin, passwordFromFile } from '../server/setup/first-admin.ts';
import { writeDemoPhotos } from '../server/setup/demo-photos.ts';
import { getRegencySetting } from '../server/settings/settings.service.ts';
import { listContests } from '../server/contests/contests.service.ts';
import { CONTEST_KIND_LABEL } from '../domain/contests/contest.rules.ts';
import { formatAngka, formatTanggal } from '../domain/common/format.ts';
import { registerAuditCommand } from './audit.command.ts';
import { registerResultsCommand } from './results.command.ts';
import { registerExportCommand } from './export.command.ts';
import { registerVotersCommand } from './voters.command.ts';

async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: dataDirFromEnv() });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

function fail(message: string): never {
  process.stderr.write(`Galat: ${message}\n`);
  process.exit(1);
}

function printSummary(s: InitSummary, engine: string): void {
  const lines = s.alreadyInitialised
    ? [
        `${s.regencyName} (${s.regencyCode}) sudah diinisialisasi sebelumnya; tidak ada yang diubah.`,
      ]
    : [
        `Inisialisasi ${s.regencyName} (${s.regencyCode}) selesai [${engine}]:`,
        `  ${formatAngka(s.kecamatan)} kecamatan, ${formatAngka(s.desa)} desa/kelurahan`,
        ...(s.tps > 0
          ? [
              `  ${formatAngka(s.korwil)} Korwil, ${formatAngka(s.tps)} TPS, ${formatAngka(s.voters)} pemilih`,
              `  ${formatAngka(s.contests)} pemilihan, ${formatAngka(s.stages)} tahapan`,
            ]
          : []),
      ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function runInit(
  regencyCode: string,
  demo: boolean,
  adminPasswordFile: string | undefined,
): Promise<void> {
  // The password file is read before anything is written: a bad one changes nothing.
  let adminPassword: string | undefined;
  if (adminPasswordFile !== undefined) {
    if (demo) fail('--admin-password-file tidak berlaku untuk --demo (demo memakai akun demonya).');
    let text: string;
    try {
      text = await readFile(adminPasswordFile, 'utf8');
    } catch {
      fail(`Berkas sandi admin ${adminPasswordFile} tidak dapat dibaca.`);
    }
    const read = passwordFromFile(text);
    if (!read.ok) fail(read.error.message);
    adminPassword = read.value;
  }
  await withDatabase(async (database) => {
    // The demo keeps its own demo admin; a real regency gets its first admin here, once.
    if (!demo && (await adminExists(database.db))) {
      fail(
        'Akun admin sudah ada; init tidak membuat admin baru. Admin yang ada dapat mengatur ulang sandi di halaman Akun.',
      );
    }
    const result = await initRegency(database.db, { regencyCode, demo });
    if (!result.ok) fail(result.error.message);
    printSummary(result.value, database.engine);
    if (demo) return;
    const admin = await createFirstAdmin(database.db, {
      regencyCode: result.value.regencyCode,
      password: adminPassword,
    });
    if (!admin.ok) fail(admin.error.message);
    process.stdout.write(
      admin.value.oneTimePassword === null
        ? `Akun admin pertama dibuat: pengguna "${admin.value.username}", sandi dari ${adminPasswordFile ?? ''}.\n` +
            'Sandi wajib diganti saat masuk pertama kali.\n'
        : `Akun admin pertama dibuat: pengguna "${admin.value.username}"\n` +
            `Sandi sekali pakai: ${admin.value.oneTimePassword}\n` +
            'Catat sekarang: sandi ini hanya ditampilkan sekali dan wajib diganti saat masuk pertama kali.\n',
    );
  });
}

function port(): number {
  const raw = process.env.PORT ?? '3000';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`PORT "${raw}" bukan nomor port yang sah.`);
  return n;
}

/** `PUBLIC_BASE_URL` (e.g. https://pilkada.probolinggokab.go.id), else this machine's port. */
function publicBaseUrlFromEnv(): string {
  const raw = process.env.PUBLIC_BASE_URL;
  if (raw === undefined || raw.trim() === '') return `http://localhost:${String(port())}`;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    fail(`PUBLIC_BASE_URL "${raw}" bukan alamat yang sah (contoh: https://pilkada.example.go.id).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail(`PUBLIC_BASE_URL "${raw}" harus diawali http:// atau https://.`);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

async function serve(initDemoIfEmpty: boolean): Promise<void> {
  // Checked before anything opens: a wrong TRUST_PROXY must stop the start, not weaken the limits.
  const trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
  if (!trustProxy.ok) fail(trustProxy.message);
  const publicBaseUrl = publicBaseUrlFromEnv();
  const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: dataDirFromEnv() });
  if (initDemoIfEmpty && (await getRegencySetting(database.db)) === null) {
    const result = await initRegency(database.db, { regencyCode: DEMO_REGENCY, demo: true });
    if (!result.ok) fail(result.error.message);
    printSummary(result.value, database.engine);
  }
  // The demo's form photos (if any) into this server's data directory.
  await writeDemoPhotos(database.db, dataDirFromEnv());
  const app = await buildApp({
    database,
    // Request and error logs by default (JSON lines on stdout); LOG_LEVEL=silent turns them off.
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    trustProxy: trustProxy.value,
    publicBaseUrl,
  });
  installCrashPolicy(process, app.log, (code) => {
    // Give open requests a moment, then go whatever happens.
    setTimeout(() => process.exit(code), 3000).unref();
    void app.close().finally(() => process.exit(code));
  });
  const address = await app.listen({ port: port(), host: process.env.HOST ?? '0.0.0.0' });
  process.stdout.write(`Desk Pilkada berjalan di ${address} (basis data: ${database.engine})\n`);
  // Daily and weekly reports at the configured hour; safe with several servers on one database.
  const scheduler = startReportScheduler(database.db, {
    log: (m) => process.stderr.write(`${m}\n`),
  });
  // A checkpoint of the audit trail in the log every hour (and now), kept off this
  // database: `audit verify --checkpoint` proves with it that no row was cut off the end.
  const logCheckpoint = () =>
    auditCheckpoint(database.db)
      .then((c) => app.log.info({ auditCheckpoint: formatCheckpoint(c) }, 'audit checkpoint'))
      .catch((e: unknown) => app.log.error({ err: e }, 'audit checkpoint failed'));
  void logCheckpoint();
  const checkpoints = setInterval(() => void logCheckpoint(), 60 * 60_000);
  checkpoints.unref();
  const stop = () => {
    clearInterval(checkpoints);
    scheduler.stop();
    void app
      .close()
      .then(() => database.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const program = new Command()
  .name('desk-pilkada')
  .description('Desk Pilkada: registri wilayah, pemilihan, tahapan, dan lapor cepat')
  .showHelpAfterError();

program
  .command('init')
  .description('Muat kabupaten/kota beserta kecamatan dan desanya (dan data demo Probolinggo)')
  .option('--regency <kode>', 'kode kabupaten/kota Kemendagri, mis. 35.13')
  .option('--demo', `tambahkan data demo Kabupaten Probolinggo (${DEMO_REGENCY})`, false)
  .option(
    '--admin-password-file <berkas>',
    'sandi admin pertama dari baris pertama berkas ini (bawaan: sandi sekali pakai acak dicetak sekali)',
  )
  .action(async (opts: { regency?: string; demo: boolean; adminPasswordFile?: string }) => {
    const code = opts.regency ?? (opts.demo ? DEMO_REGENCY : undefined);
    if (code === undefined) fail('Sebutkan kode kabupaten/kota: desk-pilkada init --regency 35.13');
    await runInit(code, opts.demo, opts.adminPasswordFile);
  });

program
  .command('serve')
  .description('Jalankan server (port dari PORT, bawaan 3000)')
  .action(() => serve(false));

program
  .command('start')
  .description('Inisialisasi data demo bila basis data masih kosong, lalu jalankan server')
  .action(() => serve(true));

program
  .command('contests')
  .description('Pemilihan (kontestasi)')
  .command('list')
  .description('Daftar pemilihan beserta id-nya')
  .option('--json', 'keluaran JSON', false)
  .action(async (opts: { json: boolean }) => {
    await withDatabase(async ({ db }) => {
      const contests = await listContests(db);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(contests, null, 2)}\n`);
        return;
      }
      if (contests.length === 0) {
        process.stdout.write('Belum ada pemilihan.\n');
        return;
      }
      for (const c of contests) {
        process.stdout.write(
          `${String(c.id)}\t${c.name}\t${CONTEST_KIND_LABEL[c.kind]}\t${formatTanggal(c.votingDay)}\t${String(c.pairs.length)} pilihan\n`,
        );
      }
    });
  });

registerAuditCommand(program, withDatabase);
registerResultsCommand(program, withDatabase);
registerExportCommand(program, withDatabase);
registerVotersCommand(program, withDatabase);

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof DataDirInUse) fail(e.message);
  process.stderr.write(
    `Galat tak terduga: ${e instanceof Error ? e.message : String(e)}\nJalankan ulang dengan LOG_LEVEL=debug untuk rincian.\n`,
  );
  process.exit(1);
});
