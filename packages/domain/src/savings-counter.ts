import { addMonths } from "./calendar";
import type { BusinessDate } from "./time";
import type { JournalSource } from "./ledger/voucher";

// The counter's savings rules (UU 25/1992 Pasal 41; DOMAIN.md "Simpanan"):
// what a member may take out of an account, when an account is dormant,
// and when a withdrawal needs a second person. Pure: the server hands in
// what it read under the account's lock and acts on the answer.

export type SavingsKind = "pokok" | "wajib" | "sukarela" | "berjangka";
export const SAVINGS_KINDS: readonly SavingsKind[] = ["pokok", "wajib", "sukarela", "berjangka"];

export type SavingsInterestMethod = "daily_balance" | "average_daily_balance" | "lowest_balance";
export const SAVINGS_INTEREST_METHODS: readonly SavingsInterestMethod[] = ["daily_balance", "average_daily_balance", "lowest_balance"];

export type WajibPeriod = "monthly" | "quarterly" | "yearly";
export const WAJIB_PERIODS: readonly WajibPeriod[] = ["monthly", "quarterly", "yearly"];

export type InterestPayout = "monthly" | "at_maturity";
export const INTEREST_PAYOUTS: readonly InterestPayout[] = ["monthly", "at_maturity"];

/**
 * The most one counter transaction may move: Rp1 triliun less a rupiah. An
 * amount past it is a typing slip (an extra zero or two), not cash a teller
 * counts at a window.
 */
export const MAX_COUNTER_AMOUNT = 999_999_999_999;

/** Why an amount typed at the counter is refused, or undefined when it is a whole positive Rupiah within reason. */
export function counterAmountIssue(amount: number): "amount_not_integer" | "amount_not_positive" | "amount_too_large" | undefined {
  if (!Number.isSafeInteger(amount)) return Number.isFinite(amount) && Number.isInteger(amount) ? "amount_too_large" : "amount_not_integer";
  if (amount <= 0) return "amount_not_positive";
  if (amount > MAX_COUNTER_AMOUNT) return "amount_too_large";
  return undefined;
}

/** What stands between an account's balance and what may be withdrawn. */
export interface AvailabilityInput {
  readonly balance: number;
  /** Holds (dana ditahan) not yet released, summed. */
  readonly held: number;
  /** The product's saldo minimum. */
  readonly minBalance: number;
}

/** Balance less holds less the minimum to keep; never below zero. */
export function availableBalance(input: AvailabilityInput): number {
  return Math.max(0, input.balance - input.held - input.minBalance);
}

export type WithdrawalRefusal =
  | "not_a_member"
  | "account_closed"
  | "account_dormant"
  | "kind_not_withdrawable"
  | "exceeds_available";

export interface WithdrawalCheck extends AvailabilityInput {
  readonly kind: SavingsKind;
  readonly memberStatus: string;
  readonly accountStatus: "open" | "closed";
  readonly dormant: boolean;
  readonly amount: number;
}

/**
 * Why a withdrawal at the counter is refused, or undefined when it may go
 * ahead. Pokok and wajib are the member's capital: not withdrawable while
 * she is a member (they are paid out when she leaves, by the leaving
 * settlement). Term deposits leave through their own maturity or early
 * withdrawal, never over the counter as cash on demand.
 */
export function withdrawalRefusal(check: WithdrawalCheck): WithdrawalRefusal | undefined {
  if (check.memberStatus !== "aktif") return "not_a_member";
  if (check.accountStatus !== "open") return "account_closed";
  if (check.kind !== "sukarela") return "kind_not_withdrawable";
  if (check.dormant) return "account_dormant";
  if (check.amount > availableBalance(check)) return "exceeds_available";
  return undefined;
}

export type DepositRefusal = "not_a_member" | "account_closed" | "kind_not_depositable" | "pokok_exceeded";

export interface DepositCheck {
  readonly memberStatus: string;
  readonly accountStatus: "open" | "closed";
  readonly kind: SavingsKind;
  readonly balance: number;
  readonly amount: number;
  /** The product's simpanan pokok, paid once; null when the terms set none. */
  readonly pokokAmount: number | null;
}

/**
 * Why a deposit is refused. A dormant account takes deposits: money coming
 * in is the movement that wakes it. Simpanan pokok is paid once, so it takes
 * no more than what is still owed of it; a term deposit is placed by its
 * contract, not topped up at the counter.
 */
export function depositRefusal(check: DepositCheck): DepositRefusal | undefined {
  if (check.memberStatus !== "aktif") return "not_a_member";
  if (check.accountStatus !== "open") return "account_closed";
  if (check.kind === "berjangka") return "kind_not_depositable";
  if (check.kind === "pokok" && check.pokokAmount !== null && check.balance + check.amount > check.pokokAmount) return "pokok_exceeded";
  return undefined;
}

/**
 * Dormant: no movement for `months` whole months. An account without any
 * movement counts from the day it opened. `months` null: the product has no
 * dormancy rule. The anniversary is inclusive: opened 31 January, dormant
 * after one month on the last day of February.
 */
/**
 * Postings the cooperative makes on its own (month-end interest, the wajib
 * auto-debit) are not the member's movement: an account kept alive only by
 * them still goes dormant.
 */
export const SOURCES_NOT_MOVEMENT: readonly JournalSource[] = ["savings_interest", "wajib_auto_debit"];

export function isDormant(lastMovement: BusinessDate, today: BusinessDate, months: number | null): boolean {
  if (months === null) return false;
  return today >= addMonths(lastMovement, months);
}

/** A withdrawal above the threshold waits for a second person; null: none does. */
export function needsSecondPerson(amount: number, threshold: number | null): boolean {
  return threshold !== null && amount > threshold;
}

/**
 * The terms in force on a date, from a product's dated history: the latest
 * that starts on or before it. Before the first (an account older than its
 * product's history), the first.
 */
export function termsInForce<T extends { readonly effectiveFrom: BusinessDate }>(history: readonly T[], date: BusinessDate): T | undefined {
  const sorted = [...history].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));
  let found = sorted[0];
  for (const terms of sorted) if (terms.effectiveFrom <= date) found = terms;
  return found;
}

/**
 * An annual rate in percent as a decimal string ("3", "3.5", "12.2500"):
 * 0 to 100 with at most four decimals. Returns it normalised ("3.5"), or
 * undefined when it is not one. A string, so no float ever holds a rate.
 */
export function normalizeRatePercent(text: string): string | undefined {
  const match = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text);
  if (!match) return undefined;
  const whole = Number(match[1]);
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (whole > 100 || (whole === 100 && fraction !== "")) return undefined;
  return fraction ? `${whole}.${fraction}` : String(whole);
}
