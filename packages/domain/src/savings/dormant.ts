import { addMonths } from "../calendar";
import { DomainError } from "../errors";
import { parseBusinessDate, type BusinessDate } from "../time";

// An account with no transaction by its owner for a product's number of
// months becomes dormant: it refuses money movements until reactivated, and
// interest postings by the cooperative do not count as her activity.

/** Whether an account last used on `lastActivityOn` is dormant on `asOf`. */
export function isDormantOn(lastActivityOn: BusinessDate, asOf: BusinessDate, dormantAfterMonths: number): boolean {
  parseBusinessDate(asOf);
  if (!Number.isSafeInteger(dormantAfterMonths) || dormantAfterMonths < 1) throw new DomainError("savings_terms_invalid");
  return addMonths(lastActivityOn, dormantAfterMonths) <= asOf;
}
