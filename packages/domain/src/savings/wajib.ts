import { addMonthsToMonth, lastDayOfMonth, monthOf, parseBusinessMonth, type BusinessMonth } from "../calendar";
import { DomainError } from "../errors";
import { isRupiah, rupiah, ZERO_RUPIAH, type Rupiah } from "../money";
import { parseBusinessDate, type BusinessDate } from "../time";

// Simpanan wajib: a fixed amount for each month of membership (DOMAIN.md,
// "Simpanan"), billed at month-end. What is billed and not yet paid is the
// member's arrears (tunggakan wajib); a payment settles the oldest months
// first, so the arrears always name the most recent months still open.

/** One month's bill and what has been paid against it. */
export interface WajibBill {
  readonly period: BusinessMonth;
  readonly amount: Rupiah;
  readonly paid: Rupiah;
}

export interface WajibArrears {
  readonly total: Rupiah;
  /** The months not paid in full, oldest first. */
  readonly periods: readonly BusinessMonth[];
}

function checkBills(bills: readonly WajibBill[]): void {
  let previous = "";
  for (const bill of bills) {
    parseBusinessMonth(bill.period);
    if (
      bill.period <= previous ||
      !isRupiah(bill.amount) ||
      !isRupiah(bill.paid) ||
      bill.amount < 0 ||
      bill.paid < 0 ||
      bill.paid > bill.amount
    ) {
      throw new DomainError("wajib_billing_invalid");
    }
    previous = bill.period;
  }
}

/**
 * The months to bill by `asOf` for a member who joined on `joinedOn`: every
 * month from the joining month whose month-end has come, not yet billed.
 */
export function wajibPeriodsToBill(joinedOn: BusinessDate, asOf: BusinessDate, alreadyBilled: readonly BusinessMonth[]): BusinessMonth[] {
  parseBusinessDate(joinedOn);
  parseBusinessDate(asOf);
  const billed = new Set(alreadyBilled);
  const periods: BusinessMonth[] = [];
  for (let period = monthOf(joinedOn); lastDayOfMonth(period) <= asOf; period = addMonthsToMonth(period, 1)) {
    if (!billed.has(period)) periods.push(period);
  }
  return periods;
}

/** The arrears of a billing history in period order. */
export function wajibArrears(bills: readonly WajibBill[]): WajibArrears {
  checkBills(bills);
  const open = bills.filter((bill) => bill.paid < bill.amount);
  return { total: rupiah(open.reduce((sum, bill) => sum + bill.amount - bill.paid, 0)), periods: open.map((bill) => bill.period) };
}

export interface WajibAllocation {
  readonly period: BusinessMonth;
  readonly amount: Rupiah;
}

/** A payment spread over the open months, oldest first; what exceeds the arrears is left unallocated. */
export function allocateWajibPayment(bills: readonly WajibBill[], payment: Rupiah): { allocations: WajibAllocation[]; unallocated: Rupiah } {
  checkBills(bills);
  if (!isRupiah(payment) || payment < 0) throw new DomainError("amount_invalid");
  let left = payment as number;
  const allocations: WajibAllocation[] = [];
  for (const bill of bills) {
    const owed = bill.amount - bill.paid;
    if (owed === 0 || left === 0) continue;
    const amount = Math.min(owed, left);
    allocations.push({ period: bill.period, amount: rupiah(amount) });
    left -= amount;
  }
  return { allocations, unallocated: rupiah(left) };
}

/** What an auto-debit takes from sukarela: the arrears, as far as the available balance reaches. */
export function wajibAutoDebitAmount(arrears: Rupiah, available: Rupiah): Rupiah {
  if (!isRupiah(arrears) || !isRupiah(available) || arrears < 0) throw new DomainError("amount_invalid");
  return available <= 0 ? ZERO_RUPIAH : rupiah(Math.min(arrears, available));
}
