// Shared by the loans' *.test.ts files only.

/** A flat 1,5% monthly product: provisi 1% deducted, administrasi Rp25.000 in cash, denda 0,1% a day after 3 grace days, 10% held in sukarela, a second approval above Rp20.000.000. */
export const productTerms = {
  effectiveFrom: "2026-01-01",
  interestMethod: "flat",
  monthlyRatePercent: "1.5",
  tenorMin: 3,
  tenorMax: 24,
  amountMin: 1_000_000,
  amountMax: 50_000_000,
  charges: [
    { kind: "provisi", type: "percent", percent: "1", collection: "deducted" },
    { kind: "administrasi", type: "flat", amount: 25_000, collection: "cash" },
  ],
  denda: { basis: "percent_per_day", percent: "0.1", graceDays: 3 },
  requiredSavingsPercent: "10",
  secondApprovalAbove: 20_000_000,
};
