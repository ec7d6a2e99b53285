import type { EndOfDayJob } from "./end-of-day-job";
import { sukarelaInterestAccrual } from "./savings/sukarela-interest-accrual";
import { sukarelaInterestPosting } from "./savings/sukarela-interest-posting";
import { wajibBilling } from "./savings/wajib-billing";
import { dormantMarking } from "./savings/dormant-marking";

/**
 * The end-of-day jobs in the one order they run on each date (later jobs see
 * what earlier ones did on the same date):
 *
 * 1. sukarela_interest_accrual — each sukarela account's closing balance and
 *    terms for the day;
 * 2. sukarela_interest_posting — on a month's last day: the month's interest
 *    posted with the final tax withheld (it needs that day's accrual);
 * 3. wajib_billing — at the end of a wajib period: every active member
 *    billed, then arrears auto-debited from sukarela where the member chose
 *    it (after the interest, which adds to what is available);
 * 4. dormant_marking — accounts without movement for their product's months
 *    entered in the dormant register (after the day's postings, which wake
 *    an account);
 *
 * then the loans' jobs when they exist.
 */
export const END_OF_DAY_JOBS: readonly EndOfDayJob[] = [sukarelaInterestAccrual, sukarelaInterestPosting, wajibBilling, dormantMarking];
