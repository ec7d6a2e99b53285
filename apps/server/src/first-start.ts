import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { formatTanggal, MODULE_IDS, rupiah, uuidv7, ZERO_RUPIAH, type Position, type Role } from "@koperasi/domain";
import type { AppContext } from "./context";
import { addSampleHistory } from "./generate/generate";
import { businessDateOf } from "./generate/history";
import { insertPendingEntry } from "./ledger/pending-entry";
import { seedChartOfAccounts } from "./ledger/chart";
import { recordInitialStatus } from "./members/member-status";
import { ensureLogKeys, keyringOf } from "./transparency/keys";

export const DEMO_SLUG = "sejahtera-bersama";
export const OPERATOR_DEMO_EMAIL = "operator@koperasi-pintar.local";

interface Login {
  label: string;
  email: string;
  password: string;
}

/**
 * First start. The embedded default gets an operator login and the demo
 * cooperative, and prints their logins (also kept in DATA_DIR/demo-logins.txt,
 * owner-only). A PostgreSQL deployment gets no default account: its operator
 * is created with `koperasi operator create`.
 */
export async function ensureFirstStart(ctx: AppContext, print: (text: string) => void = (text) => process.stdout.write(text)): Promise<Login[]> {
  if (!ctx.config.demo) return [];
  const existing = await ctx.database.db.selectFrom("koperasi").select("id").where("slug", "=", DEMO_SLUG).executeTakeFirst();
  if (existing) {
    const file = join(ctx.config.dataDir, "demo-logins.txt");
    if (existsSync(file)) print(framed([`Koperasi demo: ${ctx.config.publicUrl}/k/${DEMO_SLUG}`, `Login demo tersimpan di ${file}`]));
    return [];
  }
  const logins = [await createOperator(ctx, OPERATOR_DEMO_EMAIL, "Operator Platform"), ...(await createDemoKoperasi(ctx))];
  const text = [
    "Koperasi Pintar — login demo",
    `Buka ${ctx.config.publicUrl}/k/${DEMO_SLUG} (koperasi demo) atau ${ctx.config.publicUrl}/masuk`,
    "",
    ...logins.map((l) => `${l.label.padEnd(22)} ${l.email.padEnd(40)} ${l.password}`),
    "",
  ].join("\n");
  writeFileSync(join(ctx.config.dataDir, "demo-logins.txt"), text, { mode: 0o600 });
  // Printed to the terminal once, not logged: logs never hold a password.
  print(framed(text.trimEnd().split("\n")));
  return logins;
}

/** Lines in a box, so they stand out from the log lines around them. */
function framed(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const rule = "─".repeat(width + 2);
  return `\n┌${rule}┐\n${lines.map((line) => `│ ${line.padEnd(width)} │`).join("\n")}\n└${rule}┘\n\n`;
}

export async function createOperator(ctx: AppContext, email: string, name: string): Promise<Login> {
  const login = await createLogin(ctx, { name, email });
  await ctx.database.db.insertInto("platform_operator").values({ user_id: login.userId }).onConflict((oc) => oc.doNothing()).execute();
  return { label: "Operator platform", email, password: login.password };
}

async function createLogin(ctx: AppContext, person: { name: string; email: string; phone?: string }) {
  // Random, so a demo left reachable on a network is not open to anyone.
  const password = randomBytes(12).toString("base64url");
  const { user } = await ctx.auth.api.signUpEmail({ body: { name: person.name, email: person.email, password } });
  await ctx.database.db
    .updateTable("user")
    .set({ emailVerified: true, ...(person.phone ? { phoneNumber: person.phone, phoneNumberVerified: true } : {}) })
    .where("id", "=", user.id)
    .execute();
  return { userId: user.id, password };
}

const DEMO_PEOPLE: { label: string; name: string; email: string; phone: string; roles: Role[]; positions: Position[] }[] = [
  { label: "Admin", name: "Siti Rahmawati", email: "admin@sejahtera-bersama.demo", phone: "+6281230000001", roles: ["admin", "pengurus"], positions: ["ketua"] },
  { label: "Pengurus (bendahara)", name: "Budi Santoso", email: "bendahara@sejahtera-bersama.demo", phone: "+6281230000002", roles: ["pengurus"], positions: ["bendahara"] },
  { label: "Pengawas", name: "Hendra Wijaya", email: "pengawas@sejahtera-bersama.demo", phone: "+6281230000003", roles: ["pengawas"], positions: [] },
  { label: "Kasir", name: "Dewi Lestari", email: "kasir@sejahtera-bersama.demo", phone: "+6281230000004", roles: ["kasir"], positions: [] },
  { label: "Anggota", name: "Sri Wahyuni", email: "anggota@sejahtera-bersama.demo", phone: "+6281230000005", roles: ["anggota"], positions: [] },
];

const DEMO_MEMBER_NAMES = [
  "Agus Setiawan", "Ahmad Fauzi", "Ani Suryani", "Bambang Hartono", "Dian Puspitasari", "Eko Prasetyo", "Endang Susilowati",
  "Fitri Handayani", "Gunawan Saputra", "Hadi Kurniawan", "Ida Ayu Made", "Imam Syafii", "Joko Susanto", "Kartini Wulandari",
  "Lukman Hakim", "Made Wirawan", "Nur Aini", "Putu Ayu Lestari", "Rina Marlina", "Slamet Riyadi",
];

async function createDemoKoperasi(ctx: AppContext): Promise<Login[]> {
  const people: ((typeof DEMO_PEOPLE)[number] & { userId: string; password: string })[] = [];
  for (const p of DEMO_PEOPLE) people.push({ ...p, ...(await createLogin(ctx, p)) });
  const koperasiId = uuidv7();
  const admin = people[0]!;
  await ctx.database.db
    .insertInto("koperasi")
    .values({
      id: koperasiId,
      slug: DEMO_SLUG,
      name: "Koperasi Simpan Pinjam Sejahtera Bersama",
      type: "ksp",
      nomor_induk_koperasi: "3507010010001",
      nomor_badan_hukum: "AHU-0001234.AH.01.26.TAHUN 2024",
      nib: "9120001234567",
      address: "Jl. Raya Singosari No. 17",
      city: "Kabupaten Malang",
      province: "Jawa Timur",
      postal_code: "65153",
      time_zone: "Asia/Jakarta",
      email: "halo@sejahtera-bersama.demo",
      phone: "+6281230000000",
      status: "approved",
      member_number_prefix: "SBR",
      created_by: admin.userId,
    })
    .execute();
  await ctx.database.tenant({ koperasiId }, async (trx) => {
    const koperasiUserIds = new Map<string, string>();
    for (const p of people) {
      const id = uuidv7();
      koperasiUserIds.set(p.userId, id);
      await trx.insertInto("koperasi_user").values({ koperasi_id: koperasiId, id, user_id: p.userId, roles: p.roles, positions: p.positions }).execute();
    }
    await trx
      .insertInto("koperasi_module")
      .values(MODULE_IDS.map((id) => ({ koperasi_id: koperasiId, id, enabled: id === "berita" || id === "umkm", updated_by: admin.userId })))
      .execute();
    const members = [...people.map((p) => ({ name: p.name, userId: p.userId })), ...DEMO_MEMBER_NAMES.map((name) => ({ name, userId: null }))];
    const memberRows = members.map((m, i) => ({
      koperasi_id: koperasiId,
      id: uuidv7(),
      member_number: `SBR-${String(i + 1).padStart(6, "0")}`,
      full_name: m.name,
      user_id: m.userId,
      joined_on: `2024-${String((i % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}`,
    }));
    await trx.insertInto("member").values(memberRows).execute();
    for (const m of memberRows) {
      await recordInitialStatus(trx, { koperasiId, memberId: m.id, status: "aktif", effectiveOn: m.joined_on, changedBy: admin.userId });
    }
    await trx.insertInto("tenant_sequence").values({ koperasi_id: koperasiId, id: "member_number", last_value: members.length }).execute();
    await addDemoStructure(trx, {
      koperasiId,
      appointedBy: admin.userId,
      today: businessDateOf(ctx.now().getTime()),
      memberIdOf: (name) => memberRows.find((m) => m.full_name === name)?.id ?? "",
      kasir: { name: people[3]!.name, koperasiUserId: koperasiUserIds.get(people[3]!.userId) ?? null },
    });
    await seedChartOfAccounts(trx, koperasiId, "ksp", admin.userId);
    await ensureLogKeys(trx, keyringOf(ctx), koperasiId, DEMO_SLUG);
    await trx
      .insertInto("audit_log")
      .values({ koperasi_id: koperasiId, id: uuidv7(), actor_user_id: admin.userId, actor_role: "admin", action: "koperasi.demo_created", details: JSON.stringify({ members: members.length }) })
      .execute();
  });
  // A living ledger for a newcomer: a few months of deposits, withdrawals and
  // transfers keyed in by the kasir, written by the data generator's code.
  // Eleven full months and this one: the home's twelve-month chart is full.
  await addSampleHistory(ctx.database, { koperasiId, createdBy: people.find((p) => p.roles.includes("kasir"))?.userId ?? null, now: ctx.now(), months: 11 });
  await addPendingJournal(ctx, koperasiId, people[1]!.userId);
  return people.map((p) => ({ label: p.label, email: p.email, password: p.password }));
}

/**
 * The organisation chart as the last RAT elected it: pengurus and pengawas
 * in a five-year term that runs today, and the kasir on the staff.
 */
async function addDemoStructure(
  trx: Transaction<DB>,
  input: { koperasiId: string; appointedBy: string; today: string; memberIdOf: (name: string) => string; kasir: { name: string; koperasiUserId: string | null } },
): Promise<void> {
  const year = Number(input.today.slice(0, 4));
  const startOn = `${year - 2}-03-16`;
  const endOn = `${year + 3}-03-15`;
  const terms: [name: string, body: "pengurus" | "pengawas", position: string][] = [
    ["Siti Rahmawati", "pengurus", "ketua"],
    ["Ani Suryani", "pengurus", "sekretaris"],
    ["Budi Santoso", "pengurus", "bendahara"],
    ["Hendra Wijaya", "pengawas", "ketua_pengawas"],
    ["Bambang Hartono", "pengawas", "anggota_pengawas"],
  ];
  await trx
    .insertInto("structure_term")
    .values(
      terms.map(([name, body, position]) => ({
        koperasi_id: input.koperasiId,
        id: uuidv7(),
        member_id: input.memberIdOf(name),
        body,
        position,
        start_on: startOn,
        end_on: endOn,
        appointed_by: input.appointedBy,
      })),
    )
    .execute();
  await trx
    .insertInto("employee")
    .values({
      koperasi_id: input.koperasiId,
      id: uuidv7(),
      full_name: input.kasir.name,
      job_title: "Kasir",
      start_on: `${year - 2}-04-01`,
      koperasi_user_id: input.kasir.koperasiUserId,
      created_by: input.appointedBy,
    })
    .execute();
}

/** A manual journal the bendahara entered today, waiting for the ketua's approval (maker–checker). */
async function addPendingJournal(ctx: AppContext, koperasiId: string, bendahara: string): Promise<void> {
  const now = ctx.now();
  const today = businessDateOf(now.getTime());
  await ctx.database.tenant({ koperasiId }, async (trx) => {
    const accounts = await trx.selectFrom("gl_account").select(["id", "code"]).where("koperasi_id", "=", koperasiId).where("code", "in", ["1-1100", "5-2100"]).execute();
    const idOf = (code: string) => accounts.find((a) => a.code === code)?.id ?? "";
    await insertPendingEntry(trx, {
      koperasiId,
      id: uuidv7(),
      source: "manual",
      businessDate: today,
      description: `Honor karyawan bulan ${formatTanggal(today).replace(/^\d+ /, "")}`,
      createdBy: bendahara,
      createdAt: now,
      lines: [
        { account: idOf("5-2100"), memberAccountId: null, debit: rupiah(1_500_000), credit: ZERO_RUPIAH },
        { account: idOf("1-1100"), memberAccountId: null, debit: ZERO_RUPIAH, credit: rupiah(1_500_000) },
      ],
    });
  });
}
