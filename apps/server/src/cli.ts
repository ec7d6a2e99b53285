import { parseArgs } from "node:util";
import { loadConfig } from "./config";
import { createContext } from "./server";
import { acquireDataDirLock } from "./data-dir-lock";
import { createOperator, ensureFirstStart } from "./first-start";
import { runWitnessCommand } from "./witness/cli";
import { verifyCommand } from "./transparency/verify-command";
import { cleanupCommand } from "./cleanup/cleanup-command";
import { generateCommand } from "./generate/command";
import { rotateMemberKeyCommand } from "./members/rotate-member-key-command";
import { runJobsCommand } from "./jobs/jobs-command";
import { backupCommand, restoreCommand } from "./backup/backup-command";

const HELP = `Pemakaian: koperasi <perintah> [opsi]

Perintah:
  migrate                         terapkan migrasi basis data
  operator create --email E [--name N]
                                  buat login operator platform (kata sandi dicetak sekali)
  demo                            buat koperasi demo beserta login contohnya
  witness [--dir D] [--log VKEY]… jalankan saksi log mandiri (tanpa basis data;
                                  koperasi witness --help)
  generate --members N [--months M] [--seed S] [--koperasi SLUG] [--end YYYY-MM]
                                  buat koperasi uji lengkap (anggota, simpanan, jurnal setahun,
                                  log) secara deterministik dari seed
  verify <slug> | --all [--log-key KUNCI]
                                  cocokkan jurnal dengan log transparansi (docs/verifikasi.md);
                                  kode keluar 1 dan entri pertama yang berbeda bila tidak cocok
  jobs run --date YYYY-MM-DD [--koperasi SLUG] [--job NAMA]
                                  jalankan pekerjaan akhir hari (bunga, tagihan wajib, …) untuk
                                  setiap tanggal yang belum selesai sampai tanggal itu; kode
                                  keluar 1 dan pekerjaan pertama yang gagal bila ada
  rotate-member-key [--new-key]   enkripsi ulang NIK, telepon dan data KYC anggota dengan kunci
                                  pertama di MEMBER_DATA_KEY (atau kunci baru dengan --new-key);
                                  dapat diulang dan dilanjutkan bila terhenti
  backup --to DIREKTORI           cadangkan basis data dan berkas unggahan, terenkripsi dengan
                                  BACKUP_KEY (atau kunci yang dibuat sekali di DATA_DIR/secrets/);
                                  baris terakhir: jalur berkas cadangan (docs/operasi/cadangan.md)
  restore BERKAS --to <DATA_DIR|DATABASE_URL> [--force]
                                  pulihkan cadangan; target berisi perlu --force (isi lamanya
                                  disisihkan, tidak dihapus)
  cleanup [--job NAMA]            hapus draf pendaftaran kedaluwarsa, login yang tak pernah
                                  diverifikasi, unggahan tanpa pemilik, catatan idempotensi lama
                                  dan sesi kedaluwarsa sekarang (server melakukannya tiap jam)

Basis data: DATABASE_URL (PostgreSQL) atau DATA_DIR (PGlite, bawaan ./data).`;

async function main(argv: string[]): Promise<number> {
  // The standalone witness has its own options and no database.
  if (argv[0] === "witness") return runWitnessCommand(argv.slice(1));
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      all: { type: "boolean" },
      "log-key": { type: "string" },
      members: { type: "string" },
      months: { type: "string" },
      seed: { type: "string" },
      koperasi: { type: "string" },
      end: { type: "string" },
      date: { type: "string" },
      job: { type: "string" },
      help: { type: "boolean", short: "h" },
      "new-key": { type: "boolean" },
      to: { type: "string" },
      force: { type: "boolean" },
    },
  });
  const [command, sub] = positionals;
  if (!command || values.help) {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  // A restore opens no database of this deployment: it builds its target (and locks it, if PGlite).
  if (command === "restore") return restoreCommand(config, { file: sub, to: values.to, force: values.force }, { out: console.log, err: console.error }, () => new Date());
  // PGlite data belongs to one process: refuse while the server holds it.
  const release = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
  if (command === "verify") {
    try {
      return await verifyCommand(config, { slug: sub, all: values.all, logKey: values["log-key"] });
    } finally {
      release();
    }
  }
  const ctx = await createContext(config);
  try {
    switch (command) {
      case "migrate":
        console.log("Migrasi selesai.");
        return 0;
      case "operator": {
        if (sub !== "create" || !values.email) {
          console.error("Pemakaian: koperasi operator create --email E [--name N]");
          return 1;
        }
        const login = await createOperator(ctx, values.email, values.name ?? "Operator Platform");
        console.log(`Operator dibuat: ${login.email}\nKata sandi sementara: ${login.password}\nSegera ganti dan aktifkan verifikasi dua langkah.`);
        return 0;
      }
      case "generate":
        return await generateCommand(ctx, values);
      case "jobs":
        return await runJobsCommand(ctx.database, { sub, date: values.date, koperasi: values.koperasi, job: values.job }, { out: console.log, err: console.error }, ctx.now);
      case "rotate-member-key":
        return await rotateMemberKeyCommand(ctx, { newKey: values["new-key"] });
      case "backup":
        return await backupCommand(ctx, { to: values.to }, { out: console.log, err: console.error });
      case "demo": {
        const logins = await ensureFirstStart({ ...ctx, config: { ...config, demo: true } });
        if (logins.length === 0) console.log("Koperasi demo sudah ada.");
        return 0;
      }
      case "cleanup":
        return await cleanupCommand(ctx, { job: values.job }, { out: console.log, err: console.error });
      default:
        console.error(`Perintah tidak dikenal: ${command}\n\n${HELP}`);
        return 1;
    }
  } finally {
    await ctx.database.close();
    release();
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`Gagal: ${error.message}`);
  return 1;
});
