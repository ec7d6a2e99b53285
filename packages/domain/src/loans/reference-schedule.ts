// Used by the *.test.ts files only; not exported from the package.
//
// A second, independent reading of DOMAIN.md's schedule rules for tests to
// compare against: the rate as an integer count of millionths (percent with
// at most four decimals), plain BigInt half-up division, and the annuity
// installment from the balance recurrence Bₖ = Bₖ₋₁(1 + r) − E with Bₙ = 0
// summed as a geometric series — not the closed formula the schedule uses.

export type ReferenceMethod = "flat" | "equal_principal" | "annuity";

export interface ReferenceRow {
  period: number;
  principal: number;
  interest: number;
  installment: number;
  balance: number;
}

/** "1.5" → 15000 millionths of one (the fraction 0,015). At most four decimals of a percent. */
export function millionths(percentText: string): bigint {
  const [whole = "0", decimals = ""] = percentText.split(".");
  return BigInt(whole) * 10_000n + BigInt(decimals.padEnd(4, "0"));
}

const halfUp = (numerator: bigint, denominator: bigint) => (2n * numerator + denominator) / (2n * denominator);
const ceilTo = (value: bigint, multiple: bigint) => ((value + multiple - 1n) / multiple) * multiple;

export function referenceSchedule(input: {
  principal: number;
  installments: number;
  percentPerMonth: string;
  method: ReferenceMethod;
  periodsPerYear: 12 | 52;
  roundTo: number;
}): ReferenceRow[] | "exhausted" {
  const P = BigInt(input.principal);
  const n = BigInt(input.installments);
  const m = BigInt(input.roundTo);
  // Rate per period = millionths × 12 / (10⁶ × periods a year).
  const num = millionths(input.percentPerMonth) * 12n;
  const den = 1_000_000n * BigInt(input.periodsPerYear);
  const interestOn = (balance: bigint) => halfUp(balance * num, den);
  const equalPrincipal = halfUp(P, n);

  let annuity = 0n;
  if (input.method === "annuity") {
    // E = P·xⁿ / (d · Σₖ₌₀ⁿ⁻¹ xᵏ·dⁿ⁻¹⁻ᵏ), x = d + num: Bₙ = 0 in the recurrence.
    const x = den + num;
    // The series is symmetric in x and d, so Horner's scheme sums it as Σ dᵏ·xⁿ⁻¹⁻ᵏ.
    let series = 0n;
    let dPower = 1n;
    for (let k = 0n; k < n; k += 1n) {
      series = series * x + dPower;
      dPower *= den;
    }
    annuity = halfUp(P * x ** n, den * series);
  }

  const rows: ReferenceRow[] = [];
  let balance = P;
  for (let period = 1; period <= input.installments; period += 1) {
    const interest = input.method === "flat" ? interestOn(P) : interestOn(balance);
    let principal: bigint;
    if (period === input.installments) principal = balance;
    else {
      const due = input.method === "annuity" ? annuity : equalPrincipal + interest;
      principal = ceilTo(due, m) - interest;
      if (principal >= balance) return "exhausted";
    }
    balance -= principal;
    rows.push({ period, principal: Number(principal), interest: Number(interest), installment: Number(principal + interest), balance: Number(balance) });
  }
  return rows;
}
