import { DomainError } from "../errors";
import { roundToMultiple, rupiah, sumRupiah, type Rupiah } from "../money";
import { periodicRate, type RepaymentFrequency } from "./rate";
import { applyRate, ratio, roundRatio, type Ratio } from "./ratio";

// The repayment schedule of a loan: the same code answers the public
// simulator and fixes a real loan's schedule at disbursement. Worked examples
// and the rounding rule: DOMAIN.md, "Pinjaman".

/**
 * How interest is charged (Apache Fineract's names in brackets):
 * - `flat`: on the original principal every period (FLAT);
 * - `equal_principal`: on the balance, principal repaid in equal parts —
 *   Indonesian "menurun" (DECLINING_BALANCE, EQUAL_PRINCIPAL);
 * - `annuity`: on the balance, equal installments — "anuitas"
 *   (DECLINING_BALANCE, EQUAL_INSTALLMENTS).
 */
export type InterestMethod = "flat" | "equal_principal" | "annuity";
export const INTEREST_METHODS: readonly InterestMethod[] = ["flat", "equal_principal", "annuity"];

/** Thirty years of weekly installments: beyond any cooperative product, and it keeps the exact arithmetic small. */
export const MAX_INSTALLMENTS = 1560;

export interface LoanTerms {
  readonly principal: Rupiah;
  /** How many installments: months for a monthly loan, weeks for a weekly one. */
  readonly installments: number;
  /** The product's rate per month as an exact fraction (1,5% = 3/200; see `parsePercent`). */
  readonly monthlyRate: Ratio;
  readonly method: InterestMethod;
  /** Default monthly. */
  readonly frequency?: RepaymentFrequency;
  /**
   * 1 (default): whole Rupiah, half-up, the last installment absorbing the
   * difference. A multiple such as 100 or 1000: every installment but the
   * last rounds up to it (the cooperative never collects less than due), the
   * principal part takes the difference, the last settles the balance exactly.
   */
  readonly roundTo?: number;
}

export interface ScheduledInstallment {
  /** 1-based. */
  readonly period: number;
  readonly principal: Rupiah;
  readonly interest: Rupiah;
  /** principal + interest. */
  readonly installment: Rupiah;
  /** Principal left after this period's payment. */
  readonly balance: Rupiah;
}

export interface RepaymentSchedule {
  readonly installments: readonly ScheduledInstallment[];
  /** Always the principal lent. */
  readonly totalPrincipal: Rupiah;
  readonly totalInterest: Rupiah;
  readonly totalPayment: Rupiah;
}

/** What one period owes before any rounding to a multiple: its interest and the whole-Rupiah installment. */
type PeriodDue = (balance: Rupiah) => { interest: Rupiah; installment: Rupiah };

/** `P × r × (1+r)^n / ((1+r)^n − 1)` exactly, with r = a/b: `P·a·(b+a)^n / (b·((b+a)^n − b^n))`. */
export function annuityInstallment(principal: Rupiah, rate: Ratio, installments: number): Ratio {
  const n = BigInt(installments);
  if (rate.numerator === 0n) return ratio(BigInt(principal), n);
  const a = rate.numerator;
  const b = rate.denominator;
  const grown = (b + a) ** n;
  return ratio(BigInt(principal) * a * grown, b * (grown - b ** n));
}

function periodDue(method: InterestMethod, principal: Rupiah, rate: Ratio, installments: number): PeriodDue {
  const equalPrincipal = roundRatio(ratio(BigInt(principal), BigInt(installments)));
  switch (method) {
    case "flat": {
      // Interest on the original principal: the same every period, the last too.
      const interest = applyRate(principal, rate);
      return () => ({ interest, installment: rupiah(equalPrincipal + interest) });
    }
    case "equal_principal":
      return (balance) => {
        const interest = applyRate(balance, rate);
        return { interest, installment: rupiah(equalPrincipal + interest) };
      };
    case "annuity": {
      const installment = roundRatio(annuityInstallment(principal, rate, installments));
      return (balance) => ({ interest: applyRate(balance, rate), installment });
    }
    default:
      throw new DomainError("loan_method_invalid", { method: String(method) });
  }
}

function checkTerms(terms: LoanTerms): void {
  if (!Number.isSafeInteger(terms.principal) || terms.principal <= 0) throw new DomainError("loan_principal_invalid");
  if (!Number.isSafeInteger(terms.installments) || terms.installments < 1 || terms.installments > MAX_INSTALLMENTS) {
    throw new DomainError("loan_tenor_invalid");
  }
  if (terms.monthlyRate.numerator < 0n || terms.monthlyRate.denominator <= 0n) throw new DomainError("percent_invalid");
  const roundTo = terms.roundTo ?? 1;
  if (!Number.isSafeInteger(roundTo) || roundTo < 1) throw new DomainError("rounding_invalid");
}

/** The periods of a schedule, or the reason the terms cannot make one. */
function build(terms: LoanTerms, roundTo: number): ScheduledInstallment[] | "principal_exhausted" {
  const rate = periodicRate(terms.monthlyRate, terms.frequency ?? "monthly");
  const due = periodDue(terms.method, terms.principal, rate, terms.installments);
  const rows: ScheduledInstallment[] = [];
  let balance = terms.principal;
  for (let period = 1; period < terms.installments; period += 1) {
    const { interest, installment: whole } = due(balance);
    const installment = roundTo === 1 ? whole : roundToMultiple(whole, roundTo, "up");
    const principal = rupiah(installment - interest);
    // Each installment, the last included, repays some principal: a balance
    // gone before the last period would leave empty or negative installments.
    if (principal >= balance) return "principal_exhausted";
    balance = rupiah(balance - principal);
    rows.push({ period, principal, interest, installment, balance });
  }
  const { interest } = due(balance);
  rows.push({ period: terms.installments, principal: balance, interest, installment: rupiah(balance + interest), balance: rupiah(0) });
  return rows;
}

/**
 * The schedule of a loan. Throws `loan_principal_invalid`,
 * `loan_tenor_invalid`, `percent_invalid`, `rounding_invalid`, and
 * `loan_principal_too_small` or `loan_rounding_too_coarse` when the principal
 * would be repaid before the last installment.
 */
export function repaymentSchedule(terms: LoanTerms): RepaymentSchedule {
  checkTerms(terms);
  const roundTo = terms.roundTo ?? 1;
  const rows = build(terms, roundTo);
  if (rows === "principal_exhausted") {
    const tooSmallEvenUnrounded = roundTo === 1 || build(terms, 1) === "principal_exhausted";
    throw new DomainError(tooSmallEvenUnrounded ? "loan_principal_too_small" : "loan_rounding_too_coarse");
  }
  return {
    installments: rows,
    totalPrincipal: sumRupiah(rows.map((row) => row.principal)),
    totalInterest: sumRupiah(rows.map((row) => row.interest)),
    totalPayment: sumRupiah(rows.map((row) => row.installment)),
  };
}
