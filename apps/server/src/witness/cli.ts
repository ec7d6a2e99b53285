import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_WITNESS_PORT, parseWitnessedLogs, startStandaloneWitness } from "./standalone";

export const WITNESS_HELP = `Pemakaian: koperasi witness [opsi]

Menjalankan saksi (witness) C2SP tlog-witness mandiri: kunci dan datanya sendiri,
tanpa basis data. POST <alamat>/add-checkpoint menerima checkpoint log yang dikenalnya.

Opsi:
  --dir D         direktori kunci dan status saksi (bawaan ./saksi, atau WITNESS_DIR)
  --name N        nama kunci saksi pada start pertama, mis. saksi.dinkop-jatim.go.id
  --log VKEY      log yang disaksikan: kunci verifikasinya (origin = nama kunci);
                  boleh diulang, atau "ORIGIN VKEY"
  --config F      berkas daftar log, satu "VKEY" atau "ORIGIN VKEY" per baris
                  (bawaan: D/logs.txt bila ada)
  --host H        alamat dengar (bawaan 127.0.0.1)
  --port P        port (bawaan ${DEFAULT_WITNESS_PORT})

Panduan: docs/witness.md.`;

/** Runs until SIGINT/SIGTERM; resolves to the exit code. */
export async function runWitnessCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      dir: { type: "string" },
      name: { type: "string" },
      log: { type: "string", multiple: true },
      config: { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(WITNESS_HELP);
    return 0;
  }
  const dir = resolve(values.dir ?? process.env.WITNESS_DIR ?? "saksi");
  const port = Number(values.port ?? DEFAULT_WITNESS_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Port tidak sah: ${values.port}`);
    return 1;
  }
  const configFile = values.config ?? (existsSync(join(dir, "logs.txt")) ? join(dir, "logs.txt") : undefined);
  const logs = [
    ...(configFile ? parseWitnessedLogs(readFileSync(configFile, "utf8"), configFile) : []),
    ...parseWitnessedLogs((values.log ?? []).join("\n"), "--log"),
  ];

  const witness = await startStandaloneWitness({ dir, name: values.name, logs, host: values.host ?? "127.0.0.1", port });
  console.log(`Saksi ${witness.key.name} mendengarkan di ${witness.url}`);
  console.log(`Kunci verifikasi (vkey) saksi ini:\n  ${witness.verifierKey}`);
  console.log(`Arahkan deployment ke sini: LOG_WITNESSES="${witness.url} ${witness.verifierKey}"`);
  if (logs.length === 0) console.log(`Belum ada log yang disaksikan: tambahkan --log VKEY atau ${join(dir, "logs.txt")}.`);
  else console.log(`Menyaksikan ${logs.length} log: ${logs.map((l) => l.origin).join(", ")}`);

  await new Promise<void>((done) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => done());
  });
  await witness.close();
  return 0;
}
