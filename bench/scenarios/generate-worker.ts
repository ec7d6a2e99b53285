import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, type Database } from "@koperasi/db";
import { migratedPGliteTemplate } from "@koperasi/db/testing";
import { loadConfig } from "../../apps/server/src/config";
import { generateKoperasi } from "../../apps/server/src/generate/generate";
import { createContext } from "../../apps/server/src/server";
import { addToKoperasi, createUser } from "../../apps/server/src/testing/harness";
import { keyringOf } from "../../apps/server/src/transparency/keys";
import { emitResult } from "../lib/processes";
import type { SeededCooperative } from "./seed";

// Seeds one cooperative with the data generator (`koperasi generate`: members
// with NIKs and phones, pokok/wajib/sukarela accounts, a year of deposits,
// withdrawals and transfers, the log sequenced and checkpointed), in its own
// process so its peak RSS is the generator's. Then gives the first members a
// login and adds a bendahara, for the HTTP scenarios, and emits what they
// need (`members`: those whose sukarela balance can pay a transfer).
// GEN_DATA_DIR (the server's DATA_DIR: the log key derives from its secrets),
// GEN_DATABASE_URL or PGlite, GEN_MEMBERS, GEN_MONTHS, GEN_LOGINS, GEN_SEED.

const dataDir = process.env.GEN_DATA_DIR;
if (!dataDir) throw new Error("GEN_DATA_DIR is required");
const databaseUrl = process.env.GEN_DATABASE_URL || undefined;

let database: Database;
if (databaseUrl) {
  database = await openDatabase({ databaseUrl });
} else {
  const client = await PGlite.create({ dataDir: join(dataDir, "pglite"), loadDataDir: await migratedPGliteTemplate() });
  database = await openDatabase({ pglite: client });
}
try {
  const ctx = await createContext({ ...loadConfig({ DATA_DIR: dataDir, WEB_DIST: join(dataDir, "no-web") }), logLevel: "silent" }, { database });
  const staff = await createUser(ctx, { name: "Bendahara Uji Beban" });
  const generated = await generateKoperasi(database, {
    members: Number(process.env.GEN_MEMBERS),
    months: Number(process.env.GEN_MONTHS ?? 12),
    seed: process.env.GEN_SEED ?? "bench",
    createdBy: staff.userId,
    keyring: keyringOf(ctx),
    // Members stored as the registry stores them (sealed NIK and phone): what `koperasi generate` writes.
    memberKeys: ctx.secrets.memberDataKeys,
  });
  const { koperasiId } = generated;
  await addToKoperasi(ctx, koperasiId, staff.userId, ["pengurus"], ["bendahara"]);
  const members = generated.members.map((m) => ({ memberId: m.id, memberAccountId: m.sukarelaAccountId }));
  // Transfers draw from members whose simpanan sukarela can pay them (a
  // member who joined last month may have none yet).
  const funded = new Set(
    (
      await database.tenant({ koperasiId }, (trx) =>
        trx.selectFrom("member_account").select("id").where("koperasi_id", "=", koperasiId).where("balance", ">=", 100_000).execute(),
      )
    ).map((row) => row.id),
  );
  const payers = members.filter((m) => funded.has(m.memberAccountId));
  const memberLogins: SeededCooperative["memberLogins"] = [];
  for (const member of members.slice(0, Number(process.env.GEN_LOGINS ?? 10))) {
    const login = await createUser(ctx, { name: "Anggota Uji Beban" });
    await addToKoperasi(ctx, koperasiId, login.userId, ["anggota"]);
    await database.tenant({ koperasiId }, (trx) =>
      trx.updateTable("member").set({ user_id: login.userId }).where("koperasi_id", "=", koperasiId).where("id", "=", member.memberId).execute(),
    );
    memberLogins.push({ email: login.email, password: login.password, ...member });
  }
  const result: SeededCooperative & { logSeconds: number; checkpoints: number } = {
    koperasiId,
    bendahara: { email: staff.email, password: staff.password },
    members: payers,
    memberLogins,
    entries: generated.entries,
    memberSeconds: generated.seconds.members,
    entrySeconds: generated.seconds.postings,
    logSeconds: generated.seconds.log,
    checkpoints: generated.checkpoints,
  };
  emitResult(result);
} finally {
  await database.close();
}
