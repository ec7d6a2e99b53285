import { sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { OpeningBalanceProblem, OpeningBalanceRequest } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import { formatRupiah, rupiah } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { openMemberAccount } from "../ledger/member-accounts";
import { postEntry, type PostEntryLine, type PostedEntry } from "../ledger/post-entry";
import { openingBalanceRefused } from "./errors";

// Go-live (saldo awal): a cooperative moving in from paper or spreadsheets
// brings its trial balance on the go-live date and each member's balance
// under the control accounts. Both are checked together (the dry run) and
// then posted through the ledger's one posting path as ONE balanced entry
// (source opening_balance, voucher SA-…, dated the go-live date): each
// ordinary account's line as given, each control account's line split into
// its members' sub-ledger lines, which must add up to it. Member accounts are
// opened where missing. A cooperative goes live once; a second opening entry
// is refused unless the first was reversed.

type Request = z.infer<typeof OpeningBalanceRequest>;
type Problem = z.infer<typeof OpeningBalanceProblem>;

const CHUNK = 1000;

interface Account {
  id: string;
  code: string;
  is_control: boolean;
  is_group: boolean;
  status: "open" | "closed";
  normal_balance: "debit" | "credit";
}

/** A problem of the dry run, with its English text for a refusal's field errors. */
export type PlanProblem = Problem & { messageEn: string };

export interface OpeningPlan {
  problems: PlanProblem[];
  totalDebit: number;
  totalCredit: number;
  /** Lines as they will be posted; a member line's sub-ledger is named by member and control account until opened. */
  lines: (PostEntryLine & { member?: { memberId: string; controlAccountId: string } })[];
  memberAccountsToOpen: { memberId: string; controlAccountId: string }[];
}

async function inChunks<T, R>(items: readonly T[], fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await fn(items.slice(i, i + CHUNK))));
  return out;
}

/** The opening entry already standing: posted and not reversed. */
export async function standingOpeningEntry(trx: Transaction<DB>, koperasiId: string): Promise<{ id: string; voucher_no: string | null } | undefined> {
  return trx
    .selectFrom("journal_entry as e")
    .select(["e.id", "e.voucher_no"])
    .where("e.koperasi_id", "=", koperasiId)
    .where("e.source", "=", "opening_balance")
    .where("e.status", "=", "posted")
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom("journal_entry as r").select("r.id").whereRef("r.koperasi_id", "=", "e.koperasi_id").whereRef("r.reverses_entry_id", "=", "e.id").where("r.status", "=", "posted"))),
    )
    .executeTakeFirst();
}

/** The dry run: every problem at once, and the entry it would post. Reads only. */
export async function planOpeningBalance(trx: Transaction<DB>, koperasiId: string, request: Request): Promise<OpeningPlan> {
  const problems: PlanProblem[] = [];
  const tb = (index: number | null, field: string | null, code: string, message: string, messageEn: string) =>
    problems.push({ section: "trialBalance", index, field, code, message, messageEn });
  const mb = (index: number | null, field: string | null, code: string, message: string, messageEn: string) =>
    problems.push({ section: "memberBalances", index, field, code, message, messageEn });

  if (await standingOpeningEntry(trx, koperasiId)) {
    tb(null, null, "opening_balance_exists", "Saldo awal koperasi ini sudah pernah diposting. Batalkan (jurnal balik) saldo awal yang lama lebih dulu bila perlu diulang.", "This cooperative's opening balances were already posted. Reverse the old opening entry first to post them again.");
  }

  const codes = [...new Set([...request.trialBalance.map((l) => l.accountCode), ...request.memberBalances.map((b) => b.accountCode)])];
  const accounts = await inChunks(codes, (chunk) =>
    trx.selectFrom("gl_account").select(["id", "code", "is_control", "is_group", "status", "normal_balance"]).where("koperasi_id", "=", koperasiId).where("code", "in", chunk).execute(),
  );
  const accountOf = new Map<string, Account>(accounts.map((a) => [a.code, a]));

  // The trial balance.
  let totalDebit = 0;
  let totalCredit = 0;
  const tbLineOf = new Map<string, { index: number; debit: number; credit: number }>();
  request.trialBalance.forEach((line, i) => {
    const index = i + 1;
    const account = accountOf.get(line.accountCode);
    totalDebit += line.debit;
    totalCredit += line.credit;
    if (!account) return tb(index, "accountCode", "account_unknown", `Akun ${line.accountCode} tidak ada di bagan akun koperasi.`, `Account ${line.accountCode} is not in the cooperative's chart of accounts.`);
    if (account.is_group) return tb(index, "accountCode", "account_group", `Akun ${line.accountCode} adalah akun induk (kelompok); isi saldo pada akun rinciannya.`, `Account ${line.accountCode} is a group account; enter the balance on the accounts under it.`);
    if (account.status !== "open") return tb(index, "accountCode", "account_closed", `Akun ${line.accountCode} sudah ditutup.`, `Account ${line.accountCode} is closed.`);
    if (line.debit > 0 && line.credit > 0) return tb(index, "debit", "both_sides", `Akun ${line.accountCode}: isi debit atau kredit, tidak keduanya.`, `Account ${line.accountCode}: enter a debit or a credit, not both.`);
    if (tbLineOf.has(line.accountCode)) return tb(index, "accountCode", "account_duplicate", `Akun ${line.accountCode} sudah ada di baris ${tbLineOf.get(line.accountCode)!.index}.`, `Account ${line.accountCode} is already on line ${tbLineOf.get(line.accountCode)!.index}.`);
    tbLineOf.set(line.accountCode, { index, debit: line.debit, credit: line.credit });
  });
  if (totalDebit !== totalCredit) {
    tb(
      null,
      null,
      "unbalanced",
      `Neraca saldo tidak seimbang: debit ${formatRupiah(rupiah(totalDebit))}, kredit ${formatRupiah(rupiah(totalCredit))}.`,
      `The trial balance does not balance: debit ${formatRupiah(rupiah(totalDebit))}, credit ${formatRupiah(rupiah(totalCredit))}.`,
    );
  }

  // Members' balances.
  const numbers = [...new Set(request.memberBalances.map((b) => b.memberNumber))];
  const members = await inChunks(numbers, (chunk) => trx.selectFrom("member").select(["id", "member_number"]).where("koperasi_id", "=", koperasiId).where("member_number", "in", chunk).execute());
  const memberOf = new Map(members.map((m) => [m.member_number, m.id]));
  const sumOfControl = new Map<string, number>();
  const seen = new Map<string, number>();
  const memberLines: { memberId: string; account: Account; balance: number }[] = [];
  request.memberBalances.forEach((line, i) => {
    const index = i + 1;
    const memberId = memberOf.get(line.memberNumber);
    const account = accountOf.get(line.accountCode);
    let ok = true;
    const refuse = (field: string, code: string, message: string, messageEn: string) => {
      mb(index, field, code, message, messageEn);
      ok = false;
    };
    if (!memberId) refuse("memberNumber", "member_unknown", `Anggota nomor ${line.memberNumber} tidak ditemukan.`, `Member number ${line.memberNumber} not found.`);
    if (!account) refuse("accountCode", "account_unknown", `Akun ${line.accountCode} tidak ada di bagan akun koperasi.`, `Account ${line.accountCode} is not in the cooperative's chart of accounts.`);
    else if (!account.is_control) refuse("accountCode", "account_not_control", `Akun ${line.accountCode} bukan akun kontrol (simpanan/pinjaman anggota).`, `Account ${line.accountCode} is not a control account (members' savings or loans).`);
    if (line.balance < 0) refuse("balance", "balance_negative", `Saldo anggota ${line.memberNumber} pada akun ${line.accountCode} negatif (${formatRupiah(rupiah(line.balance))}).`, `Member ${line.memberNumber}'s balance on account ${line.accountCode} is negative (${formatRupiah(rupiah(line.balance))}).`);
    const key = `${line.memberNumber}\u0000${line.accountCode}`;
    if (seen.has(key)) refuse("memberNumber", "member_balance_duplicate", `Anggota ${line.memberNumber} pada akun ${line.accountCode} sudah ada di baris ${seen.get(key)}.`, `Member ${line.memberNumber} on account ${line.accountCode} is already on line ${seen.get(key)}.`);
    else seen.set(key, index);
    if (!ok || !memberId || !account) return;
    sumOfControl.set(account.code, (sumOfControl.get(account.code) ?? 0) + line.balance);
    if (line.balance > 0) memberLines.push({ memberId, account, balance: line.balance });
  });

  // Each control account: its members' balances add up to its trial-balance line.
  for (const account of accounts.filter((a) => a.is_control)) {
    const line = tbLineOf.get(account.code);
    const expected = line === undefined ? 0 : account.normal_balance === "credit" ? line.credit - line.debit : line.debit - line.credit;
    const sum = sumOfControl.get(account.code) ?? 0;
    if (sum !== expected && (line !== undefined || sum !== 0)) {
      tb(
        line?.index ?? null,
        "accountCode",
        "control_mismatch",
        `Akun kontrol ${account.code}: jumlah saldo anggota ${formatRupiah(rupiah(sum))}, sedangkan neraca saldo ${formatRupiah(rupiah(expected))}.`,
        `Control account ${account.code}: the members' balances add up to ${formatRupiah(rupiah(sum))}, the trial balance says ${formatRupiah(rupiah(expected))}.`,
      );
    }
  }

  // The lines: ordinary accounts as given, control accounts through their members.
  const lines: OpeningPlan["lines"] = [];
  for (const [code, line] of tbLineOf) {
    const account = accountOf.get(code)!;
    if (account.is_control || (line.debit === 0 && line.credit === 0)) continue;
    lines.push({ accountId: account.id, debit: line.debit || undefined, credit: line.credit || undefined });
  }
  const existing = await inChunks([...new Set(memberLines.map((l) => l.memberId))], (chunk) =>
    trx
      .selectFrom("member_account")
      .select(["id", "member_id", "account_id"])
      .where("koperasi_id", "=", koperasiId)
      .where("member_id", "in", chunk)
      .where("status", "=", "open")
      .execute(),
  );
  const accountIdOf = new Map(existing.map((e) => [`${e.member_id}:${e.account_id}`, e.id]));
  const memberAccountsToOpen: OpeningPlan["memberAccountsToOpen"] = [];
  for (const { memberId, account, balance } of memberLines) {
    const memberAccountId = accountIdOf.get(`${memberId}:${account.id}`);
    if (memberAccountId === undefined) memberAccountsToOpen.push({ memberId, controlAccountId: account.id });
    const side = account.normal_balance === "credit" ? { credit: balance } : { debit: balance };
    lines.push({ accountId: account.id, memberAccountId, ...side, member: { memberId, controlAccountId: account.id } });
  }
  if (lines.length === 0 && problems.length === 0) tb(null, null, "empty", "Tidak ada saldo untuk diposting: semua saldo nol.", "Nothing to post: every balance is zero.");
  return { problems, totalDebit, totalCredit, lines, memberAccountsToOpen };
}

/**
 * Posts the opening entry in the command's transaction, audited. A
 * per-cooperative advisory lock makes two go-lives wait for each other, so
 * the second sees the first's entry and is refused.
 */
export async function postOpeningBalance(cmd: CommandContext, request: Request): Promise<{ entry: PostedEntry; memberAccountsOpened: number }> {
  const { trx, koperasiId } = cmd;
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`opening-balance:${koperasiId}`}, 0))`.execute(trx);
  const plan = await planOpeningBalance(trx, koperasiId, request);
  if (plan.problems.length > 0) throw openingBalanceRefused(plan.problems);
  const opened = new Map<string, string>();
  for (const { memberId, controlAccountId } of plan.memberAccountsToOpen) {
    const id = cmd.newId();
    await openMemberAccount(trx, { koperasiId, id, memberId, controlAccountId, now: cmd.now });
    opened.set(`${memberId}:${controlAccountId}`, id);
  }
  const lines: PostEntryLine[] = plan.lines.map(({ member, ...line }) => ({
    ...line,
    memberAccountId: line.memberAccountId ?? (member ? opened.get(`${member.memberId}:${member.controlAccountId}`) : undefined),
  }));
  const entry = await postEntry(trx, {
    koperasiId,
    source: "opening_balance",
    businessDate: request.goLiveDate,
    description: `Saldo awal per ${request.goLiveDate}`,
    createdBy: cmd.actor.userId,
    lines,
    postedAt: cmd.now,
    newId: cmd.newId,
  });
  const memberAccountsOpened = opened.size;
  await cmd.audit({
    action: "ledger.opening_balance",
    targetType: "journal_entry",
    targetId: entry.id,
    details: { voucherNo: entry.voucherNo, goLiveDate: entry.businessDate, lines: entry.lines.length, memberAccountsOpened },
  });
  return { entry, memberAccountsOpened };
}
