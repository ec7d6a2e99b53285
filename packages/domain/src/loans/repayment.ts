import { DomainError } from "../errors";
import { rupiah, sumRupiah, type Rupiah } from "../money";
import type { BusinessDate } from "../time";

// A repayment's allocation over a loan's installments (DOMAIN.md, "Pinjaman"):
// by default denda first, then interest, then principal, each oldest
// installment first. Interest counts only for installments already due:
// money paid ahead of time goes to principal, so paying off early never
// charges the interest of months still to come.

/** What is still owed on one installment. */
export interface InstallmentOwed {
  readonly period: number;
  readonly dueDate: BusinessDate;
  /** Denda owed on it as of the repayment day, rounded half-up. */
  readonly denda: Rupiah;
  readonly interest: Rupiah;
  readonly principal: Rupiah;
}

export interface AllocatedToInstallment {
  readonly period: number;
  readonly denda: Rupiah;
  readonly interest: Rupiah;
  readonly principal: Rupiah;
}

export interface RepaymentAllocation {
  /** Only the installments the repayment touches, by period. */
  readonly installments: readonly AllocatedToInstallment[];
  readonly denda: Rupiah;
  readonly interest: Rupiah;
  readonly principal: Rupiah;
  readonly total: Rupiah;
}

export interface PayoffQuote {
  readonly denda: Rupiah;
  /** Interest of the installments due on or before the day; later interest is not charged. */
  readonly interest: Rupiah;
  /** All principal outstanding. */
  readonly principal: Rupiah;
  readonly total: Rupiah;
}

const isDue = (owed: InstallmentOwed, asOf: BusinessDate) => owed.dueDate <= asOf;

function checkOwed(owed: readonly InstallmentOwed[]): void {
  for (const row of owed) {
    for (const amount of [row.denda, row.interest, row.principal]) {
      if (!Number.isSafeInteger(amount) || amount < 0) throw new DomainError("allocation_invalid");
    }
  }
}

/**
 * The loan's payoff (pelunasan) on a day: every denda owed, the interest of
 * installments already due, and all principal outstanding.
 */
export function payoffQuote(owed: readonly InstallmentOwed[], asOf: BusinessDate): PayoffQuote {
  checkOwed(owed);
  const denda = sumRupiah(owed.map((row) => row.denda));
  const interest = sumRupiah(owed.filter((row) => isDue(row, asOf)).map((row) => row.interest));
  const principal = sumRupiah(owed.map((row) => row.principal));
  return { denda, interest, principal, total: sumRupiah([denda, interest, principal]) };
}

type Component = "denda" | "interest" | "principal";

/**
 * Splits `amount` over the installments: all denda (oldest first), then the
 * interest of installments due by `asOf` (oldest first), then principal
 * (oldest first). Throws `allocation_invalid` for an amount that is not a
 * positive whole Rupiah or exceeds the payoff on that day.
 */
export function allocateRepayment(owed: readonly InstallmentOwed[], amount: Rupiah, asOf: BusinessDate): RepaymentAllocation {
  checkOwed(owed);
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new DomainError("allocation_invalid");
  if (amount > payoffQuote(owed, asOf).total) throw new DomainError("allocation_invalid");
  const oldestFirst = [...owed].sort((a, b) => a.period - b.period);
  const taken = new Map<number, Record<Component, number>>(oldestFirst.map((row) => [row.period, { denda: 0, interest: 0, principal: 0 }]));
  let left: number = amount;
  const passes: [Component, (row: InstallmentOwed) => boolean][] = [
    ["denda", () => true],
    ["interest", (row) => isDue(row, asOf)],
    ["principal", () => true],
  ];
  for (const [component, applies] of passes) {
    for (const row of oldestFirst) {
      if (left === 0) break;
      if (!applies(row)) continue;
      const part = Math.min(left, row[component]);
      const entry = taken.get(row.period);
      if (entry && part > 0) {
        entry[component] += part;
        left -= part;
      }
    }
  }
  const installments = oldestFirst
    .map((row) => ({ period: row.period, ...taken.get(row.period) }) as { period: number } & Record<Component, number>)
    .filter((row) => row.denda + row.interest + row.principal > 0)
    .map((row) => ({ period: row.period, denda: rupiah(row.denda), interest: rupiah(row.interest), principal: rupiah(row.principal) }));
  const total = (component: Component) => sumRupiah(installments.map((row) => row[component]));
  return { installments, denda: total("denda"), interest: total("interest"), principal: total("principal"), total: amount };
}
