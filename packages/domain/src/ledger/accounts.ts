import { DomainError } from "../errors";
import { rupiah, type Rupiah } from "../money";

// The five account types of SAK EP statements. The type fixes where an
// account appears (posisi keuangan or perhitungan hasil usaha) and the first
// digit of its code; the normal balance is the side on which it grows.

export type AccountType = "aset" | "liabilitas" | "ekuitas" | "pendapatan" | "beban";
export const ACCOUNT_TYPES: readonly AccountType[] = ["aset", "liabilitas", "ekuitas", "pendapatan", "beban"];

export type NormalBalance = "debit" | "credit";
export const NORMAL_BALANCES: readonly NormalBalance[] = ["debit", "credit"];

export const ACCOUNT_TYPE_LABELS: Readonly<Record<AccountType, { readonly id: string; readonly en: string }>> = {
  aset: { id: "Aset", en: "Assets" },
  liabilitas: { id: "Liabilitas", en: "Liabilities" },
  ekuitas: { id: "Ekuitas", en: "Equity" },
  pendapatan: { id: "Pendapatan", en: "Income" },
  beban: { id: "Beban", en: "Expenses" },
};

/** Indonesian charts number accounts by type: 1 aset … 5 beban. */
export const ACCOUNT_TYPE_DIGIT: Readonly<Record<AccountType, string>> = {
  aset: "1",
  liabilitas: "2",
  ekuitas: "3",
  pendapatan: "4",
  beban: "5",
};

/**
 * The usual side of each type. A contra account (akumulasi penyusutan,
 * cadangan kerugian pinjaman) keeps its type but takes the opposite side,
 * so the normal balance is stored per account and this is only its default.
 */
export function defaultNormalBalance(type: AccountType): NormalBalance {
  return type === "aset" || type === "beban" ? "debit" : "credit";
}

export function isAccountType(value: unknown): value is AccountType {
  return typeof value === "string" && (ACCOUNT_TYPES as readonly string[]).includes(value);
}

const CODE_PATTERN = /^[1-9](?:[0-9]|[.-](?=[0-9])){0,19}$/;

/**
 * Checks a chart-of-accounts code: digits with single hyphens or dots between
 * them (`1-1100`, `1.1.01`), at most 20 characters, the first digit naming the
 * type. The code is part of every log leaf (docs/tlog-leaf.md), so it never
 * changes once the account exists.
 */
export function validateAccountCode(code: string, type: AccountType): string {
  const trimmed = typeof code === "string" ? code.trim() : "";
  if (!CODE_PATTERN.test(trimmed) || trimmed.length > 20) throw new DomainError("account_code_invalid", { field: "code" });
  if (trimmed[0] !== ACCOUNT_TYPE_DIGIT[type]) throw new DomainError("account_code_type_mismatch", { field: "code" });
  return trimmed;
}

/**
 * What a line does to an account's balance, measured on its normal side:
 * a debit raises a debit-normal account (kas) and lowers a credit-normal one
 * (simpanan sukarela). Member sub-ledger balances use the same sign, so they
 * add up to their control account's balance.
 */
export function balanceEffect(normal: NormalBalance, debit: Rupiah, credit: Rupiah): Rupiah {
  return rupiah(normal === "debit" ? debit - credit : credit - debit);
}
