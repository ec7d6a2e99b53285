import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import type { Rupiah } from "@koperasi/domain";
import { rupiahFromDb } from "./amounts";
import { escapeLike } from "../members/members";
import { ledgerError } from "./errors";

// A member's sub-ledger account under a control account: generic here;
// savings and loan products open and specialise them.

export interface MemberAccountView {
  id: string;
  memberId: string;
  memberNumber: string;
  memberName: string;
  memberStatus: string;
  memberUserId: string | null;
  accountId: string;
  accountCode: string;
  accountName: string;
  normalBalance: "debit" | "credit";
  balance: Rupiah;
  status: "open" | "closed";
}

/**
 * Opens a member account under a control account (balance 0). The building
 * block: products and the opening route add their own rules around it.
 */
export async function openMemberAccount(
  trx: Transaction<DB>,
  input: { koperasiId: string; id: string; memberId: string; controlAccountId: string; allowNegative?: boolean; now: Date; path?: string },
): Promise<string> {
  const path = input.path ?? "accountId";
  const control = await trx
    .selectFrom("gl_account")
    .select(["is_control", "status"])
    .where("koperasi_id", "=", input.koperasiId)
    .where("id", "=", input.controlAccountId)
    // Shared like posting does: closing the account (FOR UPDATE) waits, then counts this one.
    .forShare()
    .executeTakeFirst();
  if (!control) throw ledgerError("account_unknown", path);
  if (!control.is_control) throw ledgerError("account_not_control", path);
  if (control.status !== "open") throw ledgerError("account_closed", path);
  await trx
    .insertInto("member_account")
    .values({
      koperasi_id: input.koperasiId,
      id: input.id,
      member_id: input.memberId,
      account_id: input.controlAccountId,
      allow_negative: input.allowNegative ?? false,
      created_at: input.now,
    })
    .execute();
  return input.id;
}

function selectMemberAccounts(trx: Transaction<DB>, koperasiId: string) {
  return trx
    .selectFrom("member_account as ma")
    .innerJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "ma.koperasi_id").onRef("m.id", "=", "ma.member_id"))
    .innerJoin("gl_account as a", (join) => join.onRef("a.koperasi_id", "=", "ma.koperasi_id").onRef("a.id", "=", "ma.account_id"))
    .where("ma.koperasi_id", "=", koperasiId);
}

const COLUMNS = [
  "ma.id",
  "ma.member_id",
  "m.member_number",
  "m.full_name",
  "m.status as member_status",
  "m.user_id",
  "ma.account_id",
  "a.code",
  "a.name",
  "a.normal_balance",
  "ma.balance",
  "ma.status",
] as const;

function toView(row: {
  id: string;
  member_id: string;
  member_number: string;
  full_name: string;
  member_status: string;
  user_id: string | null;
  account_id: string;
  code: string;
  name: string;
  normal_balance: "debit" | "credit";
  balance: string | number | bigint;
  status: "open" | "closed";
}): MemberAccountView {
  return {
    id: row.id,
    memberId: row.member_id,
    memberNumber: row.member_number,
    memberName: row.full_name,
    memberStatus: row.member_status,
    memberUserId: row.user_id,
    accountId: row.account_id,
    accountCode: row.code,
    accountName: row.name,
    normalBalance: row.normal_balance,
    balance: rupiahFromDb(row.balance),
    status: row.status,
  };
}

export async function findMemberAccount(trx: Transaction<DB>, koperasiId: string, id: string): Promise<MemberAccountView | undefined> {
  const row = await selectMemberAccounts(trx, koperasiId).select(COLUMNS).where("ma.id", "=", id).executeTakeFirst();
  return row ? toView(row) : undefined;
}

export interface MemberAccountFilter {
  /** Only the accounts of the member whose login this is (an anggota's own). */
  userId?: string;
  memberId?: string;
  /** Member number prefix or part of the name. */
  q?: string;
  page: number;
  pageSize: number;
}

/** Member accounts by member number, then account code. */
export async function listMemberAccounts(
  trx: Transaction<DB>,
  koperasiId: string,
  filter: MemberAccountFilter,
): Promise<{ items: MemberAccountView[]; page: number; pageSize: number; total: number }> {
  let base = selectMemberAccounts(trx, koperasiId);
  if (filter.userId !== undefined) base = base.where("m.user_id", "=", filter.userId);
  if (filter.memberId !== undefined) base = base.where("ma.member_id", "=", filter.memberId);
  const q = filter.q?.normalize("NFC");
  if (q) {
    const pattern = escapeLike(q);
    base = base.where((eb) =>
      eb.or([sql<boolean>`lower(m.member_number) LIKE lower(${pattern}) || '%'`, sql<boolean>`lower(m.full_name) LIKE '%' || lower(${pattern}) || '%'`]),
    );
  }
  // The page and the whole count in one statement; only a page past the end
  // (no row to carry the count) asks for the count again.
  const rows = await base
    .select(COLUMNS)
    .select(sql<string>`count(*) OVER ()`.as("total"))
    .orderBy("m.member_number")
    .orderBy("a.code")
    .orderBy("ma.id")
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  const total = rows[0]?.total ?? (filter.page > 1 ? (await base.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow()).total : 0);
  return { items: rows.map(toView), page: filter.page, pageSize: filter.pageSize, total: Number(total) };
}
