import { DomainError } from "../errors";
import { sumRupiah, type Rupiah } from "../money";
import { PERIODS_PER_YEAR, type RepaymentFrequency } from "./rate";
import { ratio, scaledToDecimal, type Ratio } from "./ratio";
import type { RepaymentSchedule } from "./schedule";

// The effective rate shown to members beside the contract rate: the internal
// rate of return of her own cash flows — what she receives at disbursement,
// then each installment one period apart. Flat 1,5% a month is 2,643% a
// month effective (DOMAIN.md, "Pinjaman").
//
// No floating point: the rate is never computed as a number. Because the
// present value of the installments falls as the rate rises, the rounded
// answer is found by asking, with exact BigInt arithmetic, on which side of
// each rounding boundary (…,6425% / …,6435%) the true rate lies.

export interface EffectiveRate {
  /** Per month, in percent, 3 decimals, half-up: "2.643". */
  readonly monthlyPercent: string;
  /**
   * Per year, in percent, 2 decimals, half-up: 12 × the monthly rate
   * (nominal, the way Indonesian disclosures state it; not compounded):
   * "31.72". Computed from the unrounded monthly rate.
   */
  readonly annualPercent: string;
}

/**
 * The sign of the net present value at `rate` per period, multiplied through
 * by (1 + rate)^n so it stays an integer: with rate = p/q and x = q + p,
 * −received·xⁿ + Σ installmentₖ·qᵏ·xⁿ⁻ᵏ (Horner's scheme).
 */
function presentValueSign(received: Rupiah, installments: readonly Rupiah[], rate: Ratio): -1 | 0 | 1 {
  const q = rate.denominator;
  const x = q + rate.numerator;
  let value = -BigInt(received);
  let qPower = 1n;
  for (const installment of installments) {
    qPower *= q;
    value = value * x + BigInt(installment) * qPower;
  }
  return value < 0n ? -1 : value > 0n ? 1 : 0;
}

/** round-half-up(IRR per period × scale), for an IRR ≥ 0. */
function roundedRate(received: Rupiah, installments: readonly Rupiah[], scale: Ratio): bigint {
  const total = BigInt(sumRupiah(installments));
  const lent = BigInt(received);
  // The value rounds up past m exactly when the IRR reaches the boundary
  // (m + ½) / scale, i.e. when the present value there is not negative.
  const boundary = (m: bigint) => ratio((2n * m + 1n) * scale.denominator, 2n * scale.numerator);
  // Above (total − received) / received the present value is negative for sure.
  let high = (scale.numerator * (total - lent) + scale.denominator * lent - 1n) / (scale.denominator * lent);
  let low = 0n;
  while (low < high) {
    const middle = (low + high) / 2n;
    if (presentValueSign(received, installments, boundary(middle)) < 0) high = middle;
    else low = middle + 1n;
  }
  return low;
}

/**
 * The effective rate of a loan from the member's cash flows: `received` at
 * the start (the principal less any charges she pays at disbursement), then
 * `installments` one period apart. A weekly rate converts to a month as
 * Fineract's nominal rates do: × 52 / 12. Throws
 * `loan_repays_less_than_received` when the installments add up to less than
 * she receives (no non-negative rate exists).
 */
export function effectiveRate(received: Rupiah, installments: readonly Rupiah[], frequency: RepaymentFrequency = "monthly"): EffectiveRate {
  if (!Number.isSafeInteger(received) || received <= 0) throw new DomainError("loan_principal_invalid");
  if (installments.length === 0) throw new DomainError("loan_tenor_invalid");
  if (installments.some((installment) => !Number.isSafeInteger(installment) || installment < 0)) throw new DomainError("amount_invalid");
  if (sumRupiah(installments) < received) throw new DomainError("loan_repays_less_than_received");
  const periodsPerYear = BigInt(PERIODS_PER_YEAR[frequency]);
  // percent × 10^3 of the monthly rate; percent × 10^2 of the annual one.
  const monthly = roundedRate(received, installments, ratio(periodsPerYear * 100n * 1000n, 12n));
  const annual = roundedRate(received, installments, ratio(periodsPerYear * 100n * 100n));
  return { monthlyPercent: scaledToDecimal(monthly, 3), annualPercent: scaledToDecimal(annual, 2) };
}

/** The effective rate of a schedule, the member receiving `received` (default: the whole principal). */
export function effectiveRateOfSchedule(
  schedule: RepaymentSchedule,
  frequency: RepaymentFrequency = "monthly",
  received: Rupiah = schedule.totalPrincipal,
): EffectiveRate {
  return effectiveRate(
    received,
    schedule.installments.map((row) => row.installment),
    frequency,
  );
}
