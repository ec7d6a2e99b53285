import { businessDateOf, DEFAULT_TIME_ZONE, uuidv7 } from "@koperasi/domain";
import type { AppContext } from "../../context";
import { addToKoperasi, createKoperasi, createUser } from "../../testing/harness";
import { seedChartOfAccounts } from "../chart";
import { openMemberAccount } from "../member-accounts";
import { postEntry } from "../post-entry";
import type { Random } from "./random";

// The bank the workload moves money around in: one approved KSP cooperative,
// K active members each with a funded account under Simpanan Sukarela
// (opening balances posted through the one posting path), and a few
// bendahara logins — the role allowed to transfer — for the clients to act as.

export const MEMBER_FUNDS_CODE = "2-1100";
const CASH_CODE = "1-1100";

export interface BankAccount {
  memberAccountId: string;
  memberNumber: string;
  opening: number;
}

export interface Teller {
  userId: string;
  email: string;
  password: string;
}

export interface Bank {
  koperasiId: string;
  accounts: BankAccount[];
  tellers: Teller[];
  /** Σ of the opening balances: what the member accounts must always add up to. */
  total: number;
}

export interface BankShape {
  members: number;
  tellers: number;
  /** Opening balances are drawn uniformly from this range (whole Rupiah). */
  openingBalance: { min: number; max: number };
}

export async function setUpBank(ctx: AppContext, shape: BankShape, random: Random): Promise<Bank> {
  const tellers: Teller[] = [];
  for (let i = 0; i < shape.tellers; i += 1) tellers.push(await createUser(ctx, { name: `Bendahara ${i + 1}` }));
  const [founder] = tellers;
  if (!founder) throw new Error("a bank needs at least one teller");
  const { koperasiId } = await createKoperasi(ctx, founder.userId, { name: "Koperasi Uji Beban" });
  for (const teller of tellers) await addToKoperasi(ctx, koperasiId, teller.userId, ["pengurus"], ["bendahara"]);

  const now = ctx.now();
  const today = businessDateOf(now, DEFAULT_TIME_ZONE);
  const accounts = await ctx.database.tenant({ koperasiId }, async (trx) => {
    await seedChartOfAccounts(trx, koperasiId, "ksp");
    const codes = await trx.selectFrom("gl_account").select(["id", "code"]).where("koperasi_id", "=", koperasiId).execute();
    const accountId = (code: string) => {
      const found = codes.find((row) => row.code === code);
      if (!found) throw new Error(`chart has no ${code}`);
      return found.id;
    };
    const opened: BankAccount[] = [];
    for (let i = 1; i <= shape.members; i += 1) {
      const memberId = uuidv7();
      const memberAccountId = uuidv7();
      const memberNumber = `BANK-${String(i).padStart(4, "0")}`;
      const opening = random.int(shape.openingBalance.min, shape.openingBalance.max);
      await trx
        .insertInto("member")
        .values({ koperasi_id: koperasiId, id: memberId, member_number: memberNumber, full_name: `Anggota ${i}`, status: "aktif", joined_on: today })
        .execute();
      await openMemberAccount(trx, { koperasiId, id: memberAccountId, memberId, controlAccountId: accountId(MEMBER_FUNDS_CODE), now });
      await postEntry(trx, {
        koperasiId,
        source: "opening_balance",
        businessDate: today,
        description: `Saldo awal ${memberNumber}`,
        createdBy: null,
        lines: [
          { accountId: accountId(CASH_CODE), debit: opening },
          { accountId: accountId(MEMBER_FUNDS_CODE), memberAccountId, credit: opening },
        ],
        postedAt: now,
        newId: uuidv7,
      });
      opened.push({ memberAccountId, memberNumber, opening });
    }
    return opened;
  });
  return { koperasiId, accounts, tellers, total: accounts.reduce((sum, a) => sum + a.opening, 0) };
}

/** Signs a teller in over HTTP, as the web app does; returns the Cookie header to send. */
export async function signIn(baseUrl: string, teller: Teller): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: teller.email, password: teller.password }),
  });
  if (res.status !== 200) throw new Error(`sign-in refused (${res.status}): ${await res.text()}`);
  await res.arrayBuffer();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => !/=$/.test(c))
    .join("; ");
  if (!cookie) throw new Error("sign-in set no cookie");
  return cookie;
}
