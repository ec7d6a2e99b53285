import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { formatRupiah, MAX_JOURNAL_LINES, rupiah, rupiahFromBigInt, SHU_TAHUN_BERJALAN_CODE, type Rupiah } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { postableAccountId } from "../ledger/accounts";
import { postEntry, type PostEntryLine, type PostedEntry } from "../ledger/post-entry";
import { shuError, SHU_STATUS_LABELS } from "./errors";
import { calculationDto, loadCalculation, lockYear, requireCalculation, type ShuCalculationDto } from "./calculation";

// Pembagian SHU: once the RAT approved it, the year's SHU leaves SHU Tahun
// Berjalan through the posting path, dated the day it is distributed. The
// first entry splits it: cadangan (with any member pool nobody had a basis
// for) into Cadangan, each fund into its own liability, and the members'
// shares into SHU Bagian Anggota Belum Dibayar. Then, for the members paid
// into simpanan sukarela, entries of up to 199 members each move their
// shares from what is owed into their accounts; what stays owed is paid in
// cash at the counter. Distribution happens once: the calculation's status
// and the postings are one transaction, and a second attempt is refused.

export const FUND_ACCOUNTS = {
  cadangan: "3-2100",
  dana_pengurus: "2-1420",
  dana_karyawan: "2-1430",
  dana_pendidikan: "2-1440",
  dana_sosial: "2-1450",
} as const;
export const MEMBERS_UNPAID_ACCOUNT = "2-1410";
/** A journal entry holds at most MAX_JOURNAL_LINES lines: one debit and this many members. */
const MEMBERS_PER_ENTRY = MAX_JOURNAL_LINES - 1;

async function requiredAccount(trx: Transaction<DB>, koperasiId: string, code: string): Promise<string> {
  const id = await postableAccountId(trx, koperasiId, code);
  if (!id) throw shuError("account_missing", { vars: { code } });
  return id;
}

/** Each member's open sukarela account (her oldest), where her share is paid in. */
async function sukarelaAccounts(trx: Transaction<DB>, koperasiId: string, year: number) {
  const { rows } = await sql<{ member_id: string; member_account_id: string; account_id: string }>`
    SELECT DISTINCT ON (ma.member_id) ma.member_id, ma.id AS member_account_id, ma.account_id
      FROM shu_member_share s
      JOIN member_account ma ON ma.koperasi_id = s.koperasi_id AND ma.member_id = s.member_id
      JOIN savings_product p ON p.koperasi_id = ma.koperasi_id AND p.id = ma.savings_product_id
     WHERE s.koperasi_id = ${koperasiId}::uuid AND s.book_year = ${year} AND s.total > 0 AND ma.status = 'open' AND p.kind = 'sukarela'
     ORDER BY ma.member_id, ma.created_at, ma.id`.execute(trx);
  return new Map(rows.map((row) => [row.member_id, row]));
}

async function shuBalance(trx: Transaction<DB>, koperasiId: string, accountId: string): Promise<Rupiah> {
  const { rows } = await sql<{ balance: string }>`
    SELECT (coalesce(sum(l.credit), 0) - coalesce(sum(l.debit), 0))::text AS balance
      FROM journal_line l JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
     WHERE l.koperasi_id = ${koperasiId}::uuid AND l.account_id = ${accountId}::uuid AND e.status = 'posted'`.execute(trx);
  return rupiahFromBigInt(rows[0]?.balance ?? "0");
}

export async function distributeShu(cmd: CommandContext, year: number, method: "sukarela" | "cash"): Promise<{ calculation: ShuCalculationDto; entries: PostedEntry[] }> {
  const { trx, koperasiId } = cmd;
  await lockYear(trx, koperasiId, year);
  const row = await requireCalculation(trx, koperasiId, year);
  if (row.status === "distributed") throw shuError("already_distributed", { vars: { year } });
  if (row.status !== "approved") throw shuError("wrong_status", { vars: { year, status: SHU_STATUS_LABELS[row.status], expected: SHU_STATUS_LABELS.approved } });
  const calculation = calculationDto(row);

  const shuAccount = await requiredAccount(trx, koperasiId, SHU_TAHUN_BERJALAN_CODE);
  const balance = await shuBalance(trx, koperasiId, shuAccount);
  if (balance < calculation.shu) throw shuError("shu_balance_short", { vars: { balance: formatRupiah(balance), shu: formatRupiah(rupiah(calculation.shu)) } });

  const description = `Pembagian SHU tahun buku ${year} sesuai keputusan RAT${calculation.ratDate ? ` tanggal ${calculation.ratDate}` : ""}`;
  const post = (lines: PostEntryLine[], what: string) =>
    postEntry(trx, {
      koperasiId,
      source: "shu_distribution",
      sourceRef: String(year),
      businessDate: cmd.today,
      description: `${description}${what}`,
      createdBy: cmd.actor.userId,
      approvedBy: row.approved_by,
      lines,
      postedAt: cmd.now,
      newId: cmd.newId,
    });

  // First the split: the whole SHU out of SHU Tahun Berjalan, the members' part owed to them.
  const lines: PostEntryLine[] = [{ accountId: shuAccount, debit: calculation.shu }];
  const credit = async (code: string, amount: number) => {
    if (amount > 0) lines.push({ accountId: await requiredAccount(trx, koperasiId, code), credit: amount });
  };
  await credit(FUND_ACCOUNTS.cadangan, calculation.pools.cadangan + calculation.unshared.jasa_modal + calculation.unshared.jasa_usaha);
  for (const pool of ["dana_pengurus", "dana_karyawan", "dana_pendidikan", "dana_sosial"] as const) await credit(FUND_ACCOUNTS[pool], calculation.pools[pool]);
  const owedAccount = await requiredAccount(trx, koperasiId, MEMBERS_UNPAID_ACCOUNT);
  if (calculation.membersTotal > 0) lines.push({ accountId: owedAccount, credit: calculation.membersTotal });
  const entries = [await post(lines, "")];

  // Then each member's share from what is owed into her sukarela, as many entries as the lines need.
  const shares = await trx
    .selectFrom("shu_member_share")
    .select(["member_id", "total"])
    .where("koperasi_id", "=", koperasiId)
    .where("book_year", "=", year)
    .where("total", ">", 0)
    .orderBy("member_number")
    .orderBy("member_id")
    .execute();
  const accounts = method === "sukarela" ? await sukarelaAccounts(trx, koperasiId, year) : new Map<string, { member_account_id: string; account_id: string }>();
  const paidInto: { memberId: string; memberAccountId: string; accountId: string; amount: number }[] = [];
  for (const share of shares) {
    const account = accounts.get(share.member_id);
    if (account) paidInto.push({ memberId: share.member_id, memberAccountId: account.member_account_id, accountId: account.account_id, amount: Number(share.total) });
  }
  for (let start = 0; start < paidInto.length; start += MEMBERS_PER_ENTRY) {
    const batch = paidInto.slice(start, start + MEMBERS_PER_ENTRY);
    const batchLines: PostEntryLine[] = [
      { accountId: owedAccount, debit: batch.reduce((sum, paid) => sum + paid.amount, 0) },
      ...batch.map((paid) => ({ accountId: paid.accountId, memberAccountId: paid.memberAccountId, credit: paid.amount })),
    ];
    entries.push(await post(batchLines, ": ke simpanan sukarela anggota"));
  }
  const intoSukarela = paidInto.reduce((sum, paid) => sum + paid.amount, 0);
  const owedInCash = calculation.membersTotal - intoSukarela;
  if (paidInto.length > 0) {
    await sql`
      UPDATE shu_member_share s SET paid_to_member_account_id = p.member_account_id
        FROM unnest(${sql.val(paidInto.map((p) => p.memberId))}::uuid[], ${sql.val(paidInto.map((p) => p.memberAccountId))}::uuid[]) AS p (member_id, member_account_id)
       WHERE s.koperasi_id = ${koperasiId}::uuid AND s.book_year = ${year} AND s.member_id = p.member_id`.execute(trx);
  }
  const first = entries[0]!;
  await trx
    .updateTable("shu_calculation")
    .set({ status: "distributed", distributed_by: cmd.actor.userId, distributed_at: cmd.now, distribution_method: method, distribution_entry_id: first.id })
    .where("koperasi_id", "=", koperasiId)
    .where("book_year", "=", year)
    .execute();
  await cmd.audit({
    targetType: "shu_calculation",
    targetId: String(year),
    details: { voucherNos: entries.map((entry) => entry.voucherNo), method, intoSukarela, owedInCash },
  });
  return { calculation: await loadCalculation(trx, koperasiId, year), entries };
}
