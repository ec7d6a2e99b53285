import { randomBytes } from "node:crypto";
import cliProgress from "cli-progress";
import { uuidv7 } from "@koperasi/domain";
import type { AppContext } from "../context";
import { keyringOf } from "../transparency/keys";
import { generateKoperasi, type GeneratePhase, type GenerateProgress } from "./generate";

// `koperasi generate --members N --months M [--seed S] [--koperasi SLUG] [--end YYYY-MM]`

export const GENERATE_USAGE = "Pemakaian: koperasi generate --members N --months M [--seed S] [--koperasi SLUG] [--end YYYY-MM]";

export interface GenerateArgs {
  members?: string | undefined;
  months?: string | undefined;
  seed?: string | undefined;
  koperasi?: string | undefined;
  end?: string | undefined;
}

const LABELS: Record<GeneratePhase, string> = { anggota: "Anggota   ", transaksi: "Transaksi ", log: "Log       " };

export async function generateCommand(ctx: AppContext, args: GenerateArgs): Promise<number> {
  const members = Number(args.members ?? NaN);
  const months = Number(args.months ?? 12);
  if (!Number.isInteger(members) || members < 2 || !Number.isInteger(months) || months < 1) {
    console.error(GENERATE_USAGE);
    return 1;
  }
  const seed = args.seed ?? "1";
  if (args.koperasi) {
    const taken = await ctx.database.db.selectFrom("koperasi").select("id").where("slug", "=", args.koperasi).executeTakeFirst();
    if (taken) {
      console.error(`Koperasi dengan slug ${args.koperasi} sudah ada; pilih slug lain.`);
      return 1;
    }
  }

  // The cooperative's admin: a real login, so the generated books can be opened in the app.
  const password = randomBytes(12).toString("base64url");
  const email = `admin+${uuidv7().slice(-12)}@koperasi-uji.local`;
  const { user } = await ctx.auth.api.signUpEmail({ body: { name: "Admin Koperasi Uji", email, password } });
  await ctx.database.db.updateTable("user").set({ emailVerified: true }).where("id", "=", user.id).execute();

  const bars = new Map<GeneratePhase, cliProgress.SingleBar>();
  const multibar = new cliProgress.MultiBar(
    { format: "{phase} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}", stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const onProgress = (p: GenerateProgress) => {
    let bar = bars.get(p.phase);
    if (!bar) {
      bar = multibar.create(p.total, 0, { phase: LABELS[p.phase] });
      bars.set(p.phase, bar);
    }
    bar.setTotal(p.total);
    bar.update(p.done, { phase: LABELS[p.phase] });
  };

  const started = performance.now();
  const generated = await generateKoperasi(ctx.database, {
    members,
    months,
    seed,
    end: args.end,
    slug: args.koperasi,
    createdBy: user.id,
    keyring: keyringOf(ctx),
    memberKeys: ctx.secrets.memberDataKeys,
    onProgress,
  }).finally(() => multibar.stop());
  await ctx.database.tenant({ koperasiId: generated.koperasiId }, (trx) =>
    trx
      .insertInto("koperasi_user")
      .values({ koperasi_id: generated.koperasiId, id: uuidv7(), user_id: user.id, roles: ["admin", "pengurus"], positions: ["bendahara"] })
      .execute(),
  );
  const total = (performance.now() - started) / 1000;
  console.log(
    [
      `Koperasi ${generated.slug} (${generated.koperasiId}) dibuat dari seed ${seed}:`,
      `  ${generated.members.length} anggota, ${generated.entries} jurnal, ${generated.checkpoints} checkpoint log`,
      `  waktu: anggota ${generated.seconds.members.toFixed(1)} s, jurnal ${generated.seconds.postings.toFixed(1)} s, log ${generated.seconds.log.toFixed(1)} s, total ${total.toFixed(1)} s`,
      `  login admin: ${email}  kata sandi: ${password}`,
      `  periksa: npx koperasi verify ${generated.slug}`,
    ].join("\n"),
  );
  return 0;
}
