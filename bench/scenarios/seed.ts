import { join } from "node:path";
import type { Database } from "@koperasi/db";
import { uuidv7, type BusinessDate } from "@koperasi/domain";
import { loadConfig } from "../../apps/server/src/config";
import { seedChartOfAccounts } from "../../apps/server/src/ledger/chart";
import { postEntry, type PostEntryCommand } from "../../apps/server/src/ledger/post-entry";
import { createContext } from "../../apps/server/src/server";
import { addToKoperasi, createKoperasi, createUser } from "../../apps/server/src/testing/harness";
import { prng } from "../lib/prng";

// A cooperative to benchmark against: a bendahara, N members each with a
// simpanan sukarela account funded by an opening balance, a year of
// transfers between them, and some members with a login. Every entry goes
// through postEntry, the one posting path (the bulk generator, when used,
// must write exactly what it would); members and their accounts are plain
// rows, as the member registry writes them.

export interface SeedOptions {
  members: number;
  /** Transfers in the history, per member (a transfer touches two members). */
  transfersPerMember: number;
  /** Members who get a login (email + password) for the dashboard scenario. */
  logins: number;
  /** PRNG seed: the same seed gives the same amounts and pairs. */
  seed: number;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface Login {
  email: string;
  password: string;
}

export interface SeededMember {
  memberId: string;
  memberAccountId: string;
}

export interface SeededCooperative {
  koperasiId: string;
  /** Pengurus, bendahara: may transfer. */
  bendahara: Login;
  members: SeededMember[];
  /** Members with a login, and their records. */
  memberLogins: (Login & SeededMember)[];
  entries: number;
  /** Time to write members and accounts, and to post entries. */
  memberSeconds: number;
  entrySeconds: number;
}

const OPENING_BALANCE = 50_000_000;
const POSTINGS_PER_TRANSACTION = 250;
const NAMES = ["Siti", "Budi", "Ani", "Joko", "Dewi", "Agus", "Rina", "Wayan", "Made", "Ketut", "Nur", "Hendra", "Lestari", "Yohanes", "Maria", "Putu"];
const FAMILY = ["Rahayu", "Santoso", "Wijaya", "Saputra", "Hasibuan", "Siregar", "Nainggolan", "Pratama", "Kusuma", "Hidayat", "Lubis", "Manurung"];

/** Business dates spread over this year up to today (UTC), oldest first. */
function historyDates(count: number, today: Date): BusinessDate[] {
  const start = Date.UTC(today.getUTCFullYear(), 0, 2);
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Array.from({ length: count }, (_, i) => new Date(start + Math.floor(((end - start) * i) / Math.max(1, count))).toISOString().slice(0, 10));
}

export async function seedCooperative(database: Database, dataDir: string, options: SeedOptions): Promise<SeededCooperative> {
  const config = { ...loadConfig({ DATA_DIR: dataDir, WEB_DIST: join(dataDir, "no-web") }), logLevel: "silent" };
  const ctx = await createContext(config, { database });
  const random = prng(options.seed);
  const now = new Date();

  const staff = await createUser(ctx, { name: "Bendahara Uji Beban" });
  const { koperasiId } = await createKoperasi(ctx, staff.userId, { name: "Koperasi Uji Beban" });
  await addToKoperasi(ctx, koperasiId, staff.userId, ["pengurus"], ["bendahara"]);
  const accounts = await database.tenant({ koperasiId }, async (trx) => {
    await seedChartOfAccounts(trx, koperasiId, "ksp");
    return trx.selectFrom("gl_account").select(["id", "code"]).where("koperasi_id", "=", koperasiId).execute();
  });
  const accountId = (code: string) => {
    const found = accounts.find((a) => a.code === code);
    if (!found) throw new Error(`chart has no ${code}`);
    return found.id;
  };
  const kas = accountId("1-1100");
  const sukarela = accountId("2-1100");

  // Logins first, so the first members are written with theirs.
  const logins: (Login & { userId: string })[] = [];
  for (let i = 0; i < Math.min(options.logins, options.members); i++) {
    const login = await createUser(ctx, { name: "Anggota Uji Beban" });
    await addToKoperasi(ctx, koperasiId, login.userId, ["anggota"]);
    logins.push(login);
  }

  const memberStarted = performance.now();
  const members: SeededMember[] = [];
  for (let from = 0; from < options.members; from += 1000) {
    const batch = Array.from({ length: Math.min(1000, options.members - from) }, (_, i) => {
      const n = from + i + 1;
      return { n, memberId: uuidv7(), memberAccountId: uuidv7() };
    });
    await database.tenant({ koperasiId }, async (trx) => {
      await trx
        .insertInto("member")
        .values(
          batch.map(({ n, memberId }) => ({
            koperasi_id: koperasiId,
            id: memberId,
            member_number: `BEBAN-${String(n).padStart(6, "0")}`,
            full_name: `${NAMES[n % NAMES.length]} ${FAMILY[Math.floor(n / NAMES.length) % FAMILY.length]}`,
            status: "aktif" as const,
            joined_on: `${now.getUTCFullYear() - 1}-01-02`,
            user_id: logins[n - 1]?.userId ?? null,
          })),
        )
        .execute();
      await trx
        .insertInto("member_account")
        .values(batch.map(({ memberId, memberAccountId }) => ({ koperasi_id: koperasiId, id: memberAccountId, member_id: memberId, account_id: sukarela, created_at: now })))
        .execute();
    });
    members.push(...batch.map(({ memberId, memberAccountId }) => ({ memberId, memberAccountId })));
  }
  const memberSeconds = (performance.now() - memberStarted) / 1000;

  // Opening balances, then the year's transfers, in posting order.
  const transfers = Math.round(options.members * options.transfersPerMember);
  const dates = historyDates(transfers, now);
  const commands: (() => PostEntryCommand)[] = [];
  const base = { koperasiId, createdBy: null, postedAt: now, newId: uuidv7 };
  for (const m of members) {
    commands.push(() => ({
      ...base,
      source: "opening_balance",
      businessDate: `${now.getUTCFullYear()}-01-02`,
      description: "Saldo awal simpanan sukarela",
      lines: [
        { accountId: kas, debit: OPENING_BALANCE },
        { accountId: sukarela, memberAccountId: m.memberAccountId, credit: OPENING_BALANCE },
      ],
    }));
  }
  for (let i = 0; i < transfers; i++) {
    const from = members[Math.floor(random() * members.length)]!;
    let to = members[Math.floor(random() * members.length)]!;
    if (to === from) to = members[(members.indexOf(from) + 1) % members.length]!;
    const amount = 1000 * (1 + Math.floor(random() * 500));
    const businessDate = dates[i]!;
    commands.push(() => ({
      ...base,
      source: "transfer",
      createdBy: staff.userId,
      businessDate,
      description: "Pemindahbukuan antaranggota",
      lines: [
        { accountId: sukarela, memberAccountId: from.memberAccountId, debit: amount },
        { accountId: sukarela, memberAccountId: to.memberAccountId, credit: amount },
      ],
    }));
  }
  const entryStarted = performance.now();
  for (let from = 0; from < commands.length; from += POSTINGS_PER_TRANSACTION) {
    await database.tenant({ koperasiId }, async (trx) => {
      for (const command of commands.slice(from, from + POSTINGS_PER_TRANSACTION)) await postEntry(trx, command());
    });
    options.onProgress?.(Math.min(from + POSTINGS_PER_TRANSACTION, commands.length), commands.length);
  }
  const entrySeconds = (performance.now() - entryStarted) / 1000;

  const memberLogins = logins.map((login, i) => ({ email: login.email, password: login.password, ...members[i]! }));
  return { koperasiId, bendahara: { email: staff.email, password: staff.password }, members, memberLogins, entries: commands.length, memberSeconds, entrySeconds };
}
