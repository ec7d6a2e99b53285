import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { rupiah } from "../money";
import { expectDomainError } from "../test-support";
import { addRatio, mulRatio, parsePercent, ratio, roundRatio, subRatio } from "./ratio";
import { referenceSchedule } from "./reference-schedule";
import { annuityInstallment, INTEREST_METHODS, MAX_INSTALLMENTS, repaymentSchedule, type InterestMethod, type LoanTerms } from "./schedule";

// DOMAIN.md, "Pinjaman": Rp10.000.000, 12 monthly installments, 1,5% a month.
const EXAMPLE = { principal: rupiah(10_000_000), installments: 12, monthlyRate: parsePercent("1.5") } as const;

const column = (terms: LoanTerms, key: "principal" | "interest" | "installment" | "balance") =>
  repaymentSchedule(terms).installments.map((row) => row[key]);

describe("the worked examples, whole Rupiah half-up", () => {
  it("flat: interest 150.000 + principal 833.333 (the last 833.337), total interest 1.800.000", () => {
    const schedule = repaymentSchedule({ ...EXAMPLE, method: "flat" });
    expect(schedule.installments[0]).toEqual({ period: 1, principal: 833_333, interest: 150_000, installment: 983_333, balance: 9_166_667 });
    expect(column({ ...EXAMPLE, method: "flat" }, "interest")).toEqual(Array(12).fill(150_000));
    expect(column({ ...EXAMPLE, method: "flat" }, "principal")).toEqual([...Array(11).fill(833_333), 833_337]);
    expect(schedule.installments[11]).toEqual({ period: 12, principal: 833_337, interest: 150_000, installment: 983_337, balance: 0 });
    expect(schedule.totalInterest).toBe(1_800_000);
    expect(schedule.totalPayment).toBe(11_800_000);
    expect(schedule.totalPrincipal).toBe(10_000_000);
  });

  it("annuity: 916.800 × 11 and the last 916.799; month 1 = 150.000 + 766.800, month 2 = 138.498 + 778.302; total interest 1.001.599", () => {
    const schedule = repaymentSchedule({ ...EXAMPLE, method: "annuity" });
    expect(column({ ...EXAMPLE, method: "annuity" }, "installment")).toEqual([...Array(11).fill(916_800), 916_799]);
    expect(schedule.installments[0]).toEqual({ period: 1, principal: 766_800, interest: 150_000, installment: 916_800, balance: 9_233_200 });
    expect(schedule.installments[1]).toEqual({ period: 2, principal: 778_302, interest: 138_498, installment: 916_800, balance: 8_454_898 });
    expect(schedule.totalInterest).toBe(1_001_599);
    expect(schedule.totalPayment).toBe(11_001_599);
  });

  it("menurun: month 1 983.333, month 2 970.833, month 12 845.837 (833.337 + 12.500); total interest 975.000", () => {
    const schedule = repaymentSchedule({ ...EXAMPLE, method: "equal_principal" });
    const installments = column({ ...EXAMPLE, method: "equal_principal" }, "installment");
    expect(installments[0]).toBe(983_333);
    expect(installments[1]).toBe(970_833);
    expect(schedule.installments[11]).toEqual({ period: 12, principal: 833_337, interest: 12_500, installment: 845_837, balance: 0 });
    expect(schedule.totalInterest).toBe(975_000);
    expect(schedule.totalPayment).toBe(10_975_000);
  });
});

describe("rounding up to a multiple", () => {
  it("flat to Rp1.000: 984.000 × 11 (principal 834.000 each), the last settles the balance: 826.000 + 150.000", () => {
    const terms = { ...EXAMPLE, method: "flat", roundTo: 1000 } as const;
    expect(column(terms, "installment")).toEqual([...Array(11).fill(984_000), 976_000]);
    expect(column(terms, "principal")).toEqual([...Array(11).fill(834_000), 826_000]);
    expect(repaymentSchedule(terms).totalInterest).toBe(1_800_000);
  });

  it("flat to Rp100: 983.400 × 11, the last 982.600", () => {
    expect(column({ ...EXAMPLE, method: "flat", roundTo: 100 }, "installment")).toEqual([...Array(11).fill(983_400), 982_600]);
  });

  it("annuity to Rp100 changes nothing (916.800 is already a multiple); to Rp1.000 it is 917.000 with a smaller last one", () => {
    expect(repaymentSchedule({ ...EXAMPLE, method: "annuity", roundTo: 100 })).toEqual(repaymentSchedule({ ...EXAMPLE, method: "annuity" }));
    const thousand = repaymentSchedule({ ...EXAMPLE, method: "annuity", roundTo: 1000 });
    expect(thousand.installments.slice(0, 11).map((row) => row.installment)).toEqual(Array(11).fill(917_000));
    expect(thousand.installments[0]).toEqual({ period: 1, principal: 767_000, interest: 150_000, installment: 917_000, balance: 9_233_000 });
    // 900.877 left: its interest 13.513,155 → 13.513.
    expect(thousand.installments[11]).toEqual({ period: 12, principal: 900_877, interest: 13_513, installment: 914_390, balance: 0 });
  });

  it("menurun to Rp100: 983.333 → 983.400 with principal 833.400; month 2 on the lower balance 9.166.600", () => {
    const schedule = repaymentSchedule({ ...EXAMPLE, method: "equal_principal", roundTo: 100 });
    expect(schedule.installments[0]).toEqual({ period: 1, principal: 833_400, interest: 150_000, installment: 983_400, balance: 9_166_600 });
    // 9.166.600 × 1,5% = 137.499 → 833.333 + 137.499 = 970.832 → 970.900.
    expect(schedule.installments[1]).toEqual({ period: 2, principal: 833_401, interest: 137_499, installment: 970_900, balance: 8_333_199 });
  });
});

describe("weekly repayment", () => {
  it("flat, 52 weeks at 1,5% a month: 10.000.000 × 1,5% × 12/52 = 34.615,38 → Rp34.615 a week, principal 192.308 (the last 192.292)", () => {
    const schedule = repaymentSchedule({ ...EXAMPLE, installments: 52, method: "flat", frequency: "weekly" });
    expect(schedule.installments[0]).toEqual({ period: 1, principal: 192_308, interest: 34_615, installment: 226_923, balance: 9_807_692 });
    expect(schedule.installments[51]).toEqual({ period: 52, principal: 192_292, interest: 34_615, installment: 226_907, balance: 0 });
    expect(schedule.totalInterest).toBe(52 * 34_615);
  });

  it("charges a year of weekly interest as a year of monthly interest (flat, exact rates)", () => {
    const weekly = repaymentSchedule({ principal: rupiah(5_200_000), installments: 52, monthlyRate: parsePercent("1"), method: "flat", frequency: "weekly" });
    const monthly = repaymentSchedule({ principal: rupiah(5_200_000), installments: 12, monthlyRate: parsePercent("1"), method: "flat" });
    // 5.200.000 × 1% × 12/52 = 12.000 a week exactly; 52.000 a month.
    expect(weekly.installments[0]?.interest).toBe(12_000);
    expect(weekly.totalInterest).toBe(monthly.totalInterest);
  });

  it("annuity weekly pays the balance off in equal weekly installments", () => {
    const schedule = repaymentSchedule({ ...EXAMPLE, installments: 26, method: "annuity", frequency: "weekly" });
    const first = schedule.installments[0]?.installment;
    expect(schedule.installments.slice(0, 25).every((row) => row.installment === first)).toBe(true);
    expect(schedule.installments.at(-1)?.balance).toBe(0);
  });
});

describe("edge terms", () => {
  it("a single installment repays everything with one period's interest", () => {
    for (const method of INTEREST_METHODS) {
      expect(repaymentSchedule({ ...EXAMPLE, installments: 1, method }).installments).toEqual([
        { period: 1, principal: 10_000_000, interest: 150_000, installment: 10_150_000, balance: 0 },
      ]);
    }
  });

  it("a zero rate gives the same principal-only schedule for every method", () => {
    const flat = repaymentSchedule({ ...EXAMPLE, monthlyRate: parsePercent("0"), method: "flat" });
    expect(flat.totalInterest).toBe(0);
    expect(repaymentSchedule({ ...EXAMPLE, monthlyRate: parsePercent("0"), method: "annuity" })).toEqual(flat);
    expect(repaymentSchedule({ ...EXAMPLE, monthlyRate: parsePercent("0"), method: "equal_principal" })).toEqual(flat);
  });

  it("the exact annuity installment leaves exactly nothing after the last period: Bₖ = Bₖ₋₁ × (1 + r) − E", () => {
    const rate = parsePercent("1.5");
    const exact = annuityInstallment(rupiah(10_000_000), rate, 12);
    let balance = ratio(10_000_000n);
    for (let period = 0; period < 12; period += 1) balance = subRatio(mulRatio(balance, addRatio(ratio(1n), rate)), exact);
    expect(balance).toEqual(ratio(0n));
    // 916.799,96… rounds to the 916.800 of the worked example.
    expect(roundRatio(exact)).toBe(916_800);
    expect(annuityInstallment(rupiah(1200), ratio(0n), 12)).toEqual(ratio(100n));
  });
});

describe("refusals", () => {
  it("refuses a principal of zero or less, a tenor of zero or a fraction, an unknown method or rounding", () => {
    expectDomainError(() => repaymentSchedule({ ...EXAMPLE, principal: rupiah(0), method: "flat" }), "loan_principal_invalid");
    expectDomainError(() => repaymentSchedule({ ...EXAMPLE, principal: rupiah(-1), method: "flat" }), "loan_principal_invalid");
    expectDomainError(() => repaymentSchedule({ ...EXAMPLE, installments: 0, method: "flat" }), "loan_tenor_invalid");
    expectDomainError(() => repaymentSchedule({ ...EXAMPLE, installments: 1.5, method: "flat" }), "loan_tenor_invalid");
    expectDomainError(() => repaymentSchedule({ ...EXAMPLE, installments: MAX_INSTALLMENTS + 1, method: "flat" }), "loan_tenor_invalid");
    expectDomainError(() => repaymentSchedule({ ...EXAMPLE, method: "balloon" as InterestMethod }), "loan_method_invalid");
    expectDomainError(() => repaymentSchedule({ ...EXAMPLE, method: "flat", roundTo: 0 }), "rounding_invalid");
    expectDomainError(() => repaymentSchedule({ ...EXAMPLE, monthlyRate: ratio(-1n, 100n), method: "flat" }), "percent_invalid");
  });

  it("refuses a rounding so coarse that the principal would be gone before the last installment", () => {
    // Rp10.000 over 12 months at 0%: 833 a month, rounded up to 1.000, pays it off in the 10th.
    expectDomainError(() => repaymentSchedule({ principal: rupiah(10_000), installments: 12, monthlyRate: parsePercent("0"), method: "flat", roundTo: 1000 }), "loan_rounding_too_coarse");
    expect(repaymentSchedule({ principal: rupiah(10_000), installments: 12, monthlyRate: parsePercent("0"), method: "flat", roundTo: 1 }).totalPrincipal).toBe(10_000);
  });

  it("refuses a small principal whose annuity, dear and long, the Rupiah rounding would repay early", () => {
    // 6,48% a month over 152 months: the installment 64.804,6… rounds to 64.805, and
    // the 0,4 paid over each month compounds at 6,48% until it clears Rp1.000.000 early.
    const terms = { principal: rupiah(1_000_000), installments: 152, monthlyRate: parsePercent("6.48"), method: "annuity" } as const;
    expectDomainError(() => repaymentSchedule(terms), "loan_principal_too_small");
    expect(referenceSchedule({ principal: 1_000_000, installments: 152, percentPerMonth: "6.48", method: "annuity", periodsPerYear: 12, roundTo: 1 })).toBe("exhausted");
    // Ten times the principal absorbs the same rounding.
    expect(repaymentSchedule({ ...terms, principal: rupiah(10_000_000) }).installments.at(-1)?.balance).toBe(0);
  });

  it("refuses a principal too small for the tenor even in whole Rupiah", () => {
    // Rp30 over 20 months: 1,5 → 2 a month pays it off in the 15th.
    expectDomainError(() => repaymentSchedule({ principal: rupiah(30), installments: 20, monthlyRate: parsePercent("0"), method: "flat" }), "loan_principal_too_small");
    expectDomainError(() => repaymentSchedule({ principal: rupiah(30), installments: 20, monthlyRate: parsePercent("0"), method: "flat", roundTo: 100 }), "loan_principal_too_small");
  });
});

// Many random products against the independent reading in reference-schedule.ts.
const percentText = fc.integer({ min: 0, max: 100_000 }).map((units) => `${Math.floor(units / 10_000)}.${String(units % 10_000).padStart(4, "0")}`);
const product = fc.record({
  principal: fc.integer({ min: 50_000, max: 5_000_000_000 }),
  method: fc.constantFrom<InterestMethod>(...INTEREST_METHODS),
  weekly: fc.boolean(),
  installments: fc.integer({ min: 1, max: 360 }),
  percent: percentText,
  roundTo: fc.constantFrom(1, 100, 1000),
});
type Product = typeof product extends fc.Arbitrary<infer T> ? T : never;

function termsOf(p: Product): LoanTerms {
  return {
    principal: rupiah(p.principal),
    installments: p.installments,
    monthlyRate: parsePercent(p.percent),
    method: p.method,
    frequency: p.weekly ? "weekly" : "monthly",
    roundTo: p.roundTo,
  };
}

/** The schedule, or the code it was refused with. */
function attempt(terms: LoanTerms) {
  try {
    return repaymentSchedule(terms);
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

describe("properties over random products", () => {
  it("equals the independent computation exactly, or both find the principal gone before the last installment", () => {
    fc.assert(
      fc.property(product, (p) => {
        const expected = referenceSchedule({ ...p, percentPerMonth: p.percent, periodsPerYear: p.weekly ? 52 : 12 });
        const actual = attempt(termsOf(p));
        if (expected === "exhausted") expect(["loan_rounding_too_coarse", "loan_principal_too_small"]).toContain(actual);
        else expect(typeof actual === "string" ? actual : actual.installments).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("principal parts sum to the principal, balances fall to exactly 0 and are never negative, each installment is its principal plus interest", () => {
    fc.assert(
      fc.property(product, (p) => {
        const schedule = attempt(termsOf(p));
        if (typeof schedule === "string") return;
        const rows = schedule.installments;
        expect(rows.reduce((sum, row) => sum + row.principal, 0)).toBe(p.principal);
        expect(schedule.totalPrincipal).toBe(p.principal);
        expect(schedule.totalPayment).toBe(schedule.totalInterest + p.principal);
        expect(rows.at(-1)?.balance).toBe(0);
        // One assertion per schedule (hundreds of rows each): the rows that break a rule.
        let balance = p.principal;
        const broken = rows.filter((row, index) => {
          balance -= row.principal;
          const ok =
            row.period === index + 1 &&
            row.principal >= 0 &&
            row.interest >= 0 &&
            row.installment === row.principal + row.interest &&
            row.balance === balance &&
            row.balance >= 0;
          return !ok;
        });
        expect(broken).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("rounded to a multiple, every installment but the last is a multiple, never below its whole-Rupiah amount and less than a multiple above it", () => {
    fc.assert(
      fc.property(product.filter((p) => p.roundTo > 1 && p.installments > 1), (p) => {
        const schedule = attempt(termsOf(p));
        const wholeRupiah = attempt({ ...termsOf(p), roundTo: 1 });
        if (typeof schedule === "string" || typeof wholeRupiah === "string") return;
        const broken = schedule.installments.slice(0, -1).filter((row) => {
          // The same period's amount before rounding: flat and annuity repeat
          // the whole-Rupiah installment; menurun's depends on this balance.
          const unrounded =
            p.method === "equal_principal"
              ? Math.floor(p.principal / p.installments + 0.5) + row.interest
              : (wholeRupiah.installments[0]?.installment ?? 0);
          return row.installment % p.roundTo !== 0 || row.installment < unrounded || row.installment - unrounded >= p.roundTo;
        });
        expect(broken).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("flat charges the same interest every period; menurun's interest never rises; annuity's installments are equal but the last", () => {
    fc.assert(
      fc.property(product, (p) => {
        const schedule = attempt(termsOf(p));
        if (typeof schedule === "string") return;
        const rows = schedule.installments;
        if (p.method === "flat") expect(new Set(rows.map((row) => row.interest)).size).toBe(1);
        if (p.method === "equal_principal") rows.slice(1).forEach((row, i) => expect(row.interest).toBeLessThanOrEqual(rows[i]?.interest ?? 0));
        if (p.method === "annuity") expect(new Set(rows.slice(0, -1).map((row) => row.installment)).size).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200 },
    );
  });

  it("for the same product, menurun costs no more interest than annuity, and annuity no more than flat", () => {
    fc.assert(
      fc.property(product.filter((p) => p.roundTo === 1 && p.principal >= 1_000_000), (p) => {
        const interest = (method: InterestMethod) => {
          const schedule = attempt({ ...termsOf(p), method });
          return typeof schedule === "string" ? undefined : schedule.totalInterest;
        };
        const [flat, annuity, menurun] = [interest("flat"), interest("annuity"), interest("equal_principal")];
        if (flat === undefined || annuity === undefined || menurun === undefined) return;
        // Each period's interest is rounded on its own: allow a Rupiah a period.
        expect(menurun).toBeLessThanOrEqual(annuity + p.installments);
        expect(annuity).toBeLessThanOrEqual(flat + p.installments);
      }),
      { numRuns: 200 },
    );
  });
});
