import { addDays, addMonths } from "../calendar";
import { DomainError } from "../errors";
import type { BusinessDate } from "../time";
import type { RepaymentFrequency } from "./rate";

/**
 * The due date of each installment of a loan disbursed on `disbursedOn`:
 * the same day of each following month (a day the month lacks becomes its
 * last day: 31 January → 28 or 29 February, then 31 March), or every seven
 * days for a weekly loan.
 */
export function installmentDueDates(disbursedOn: BusinessDate, installments: number, frequency: RepaymentFrequency): BusinessDate[] {
  if (!Number.isSafeInteger(installments) || installments < 1) throw new DomainError("loan_tenor_invalid");
  return Array.from({ length: installments }, (_, i) => (frequency === "weekly" ? addDays(disbursedOn, 7 * (i + 1)) : addMonths(disbursedOn, i + 1)));
}
