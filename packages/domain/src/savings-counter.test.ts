import { describe, expect, it } from "vitest";
import type { BusinessDate } from "./time";
import { addMonths } from "./calendar";
import {
  availableBalance,
  counterAmountIssue,
  depositRefusal,
  isDormant,
  MAX_COUNTER_AMOUNT,
  needsSecondPerson,
  normalizeRatePercent,
  termsInForce,
  withdrawalRefusal,
  type WithdrawalCheck,
} from "./savings-counter";

const d = (s: string) => s as BusinessDate;
const sukarela: WithdrawalCheck = {
  kind: "sukarela",
  memberStatus: "aktif",
  accountStatus: "open",
  dormant: false,
  balance: 1_000_000,
  held: 200_000,
  minBalance: 10_000,
  amount: 790_000,
};

describe("amounts typed at the counter", () => {
  it("takes whole positive Rupiah up to just under a trillion", () => {
    expect(counterAmountIssue(1)).toBeUndefined();
    expect(counterAmountIssue(MAX_COUNTER_AMOUNT)).toBeUndefined();
  });
  it("refuses zero, negative, fractional, non-numbers and absurd amounts", () => {
    expect(counterAmountIssue(0)).toBe("amount_not_positive");
    expect(counterAmountIssue(-5_000)).toBe("amount_not_positive");
    expect(counterAmountIssue(1_000.5)).toBe("amount_not_integer");
    expect(counterAmountIssue(Number.NaN)).toBe("amount_not_integer");
    expect(counterAmountIssue(Number.POSITIVE_INFINITY)).toBe("amount_not_integer");
    expect(counterAmountIssue(MAX_COUNTER_AMOUNT + 1)).toBe("amount_too_large");
    expect(counterAmountIssue(2 ** 60)).toBe("amount_too_large");
  });
});

describe("what a member may withdraw", () => {
  it("is the balance less holds less the minimum balance, never negative", () => {
    expect(availableBalance(sukarela)).toBe(790_000);
    expect(availableBalance({ balance: 5_000, held: 0, minBalance: 10_000 })).toBe(0);
  });

  it("allows a sukarela withdrawal up to exactly the available balance", () => {
    expect(withdrawalRefusal(sukarela)).toBeUndefined();
    expect(withdrawalRefusal({ ...sukarela, amount: 790_001 })).toBe("exceeds_available");
  });

  it("keeps pokok and wajib (and term deposits) in while she is a member", () => {
    expect(withdrawalRefusal({ ...sukarela, kind: "pokok", held: 0, minBalance: 0, amount: 1 })).toBe("kind_not_withdrawable");
    expect(withdrawalRefusal({ ...sukarela, kind: "wajib", held: 0, minBalance: 0, amount: 1 })).toBe("kind_not_withdrawable");
    expect(withdrawalRefusal({ ...sukarela, kind: "berjangka", amount: 1 })).toBe("kind_not_withdrawable");
  });

  it("refuses a non-member, a closed account and a dormant one, in that order", () => {
    expect(withdrawalRefusal({ ...sukarela, memberStatus: "keluar", accountStatus: "closed" })).toBe("not_a_member");
    expect(withdrawalRefusal({ ...sukarela, memberStatus: "calon" })).toBe("not_a_member");
    expect(withdrawalRefusal({ ...sukarela, accountStatus: "closed", dormant: true })).toBe("account_closed");
    expect(withdrawalRefusal({ ...sukarela, dormant: true })).toBe("account_dormant");
  });

  it("takes deposits, but not for a non-member or into a closed account or a term deposit", () => {
    const deposit = { memberStatus: "aktif", accountStatus: "open" as const, kind: "sukarela" as const, balance: 0, amount: 50_000, pokokAmount: null };
    expect(depositRefusal(deposit)).toBeUndefined();
    expect(depositRefusal({ ...deposit, kind: "wajib" })).toBeUndefined();
    expect(depositRefusal({ ...deposit, memberStatus: "meninggal" })).toBe("not_a_member");
    expect(depositRefusal({ ...deposit, accountStatus: "closed" })).toBe("account_closed");
    expect(depositRefusal({ ...deposit, kind: "berjangka" })).toBe("kind_not_depositable");
  });

  it("takes simpanan pokok once: up to what is still owed of it", () => {
    const pokok = { memberStatus: "aktif", accountStatus: "open" as const, kind: "pokok" as const, balance: 60_000, amount: 40_000, pokokAmount: 100_000 };
    expect(depositRefusal(pokok)).toBeUndefined();
    expect(depositRefusal({ ...pokok, amount: 40_001 })).toBe("pokok_exceeded");
    expect(depositRefusal({ ...pokok, balance: 100_000, amount: 1 })).toBe("pokok_exceeded");
    expect(depositRefusal({ ...pokok, pokokAmount: null, amount: 1_000_000 })).toBeUndefined();
  });
});

describe("dormancy", () => {
  it("starts on the anniversary of the last movement", () => {
    expect(isDormant(d("2025-03-15"), d("2026-03-14"), 12)).toBe(false);
    expect(isDormant(d("2025-03-15"), d("2026-03-15"), 12)).toBe(true);
    expect(isDormant(d("2020-01-01"), d("2026-03-15"), null)).toBe(false);
  });
  it("counts months to the last day of a shorter month", () => {
    expect(addMonths(d("2026-01-31"), 1)).toBe("2026-02-28");
    expect(addMonths(d("2024-01-31"), 1)).toBe("2024-02-29");
    expect(addMonths(d("2026-11-30"), 3)).toBe("2027-02-28");
    expect(addMonths(d("2026-05-10"), 12)).toBe("2027-05-10");
  });
});

describe("maker–checker threshold", () => {
  it("needs a second person only above the threshold", () => {
    expect(needsSecondPerson(5_000_000, 5_000_000)).toBe(false);
    expect(needsSecondPerson(5_000_001, 5_000_000)).toBe(true);
    expect(needsSecondPerson(10 ** 11, null)).toBe(false);
  });
});

describe("dated terms", () => {
  const history = [
    { effectiveFrom: d("2026-07-01"), rate: "4" },
    { effectiveFrom: d("2026-01-01"), rate: "3" },
  ];
  it("applies a change from its date, keeping the old terms before it", () => {
    expect(termsInForce(history, d("2026-06-30"))?.rate).toBe("3");
    expect(termsInForce(history, d("2026-07-01"))?.rate).toBe("4");
    expect(termsInForce(history, d("2025-12-31"))?.rate).toBe("3");
    expect(termsInForce([], d("2026-07-01"))).toBeUndefined();
  });
});

describe("annual rates as decimal strings", () => {
  it("normalises 0–100 with up to four decimals", () => {
    expect(normalizeRatePercent("3")).toBe("3");
    expect(normalizeRatePercent("3.50")).toBe("3.5");
    expect(normalizeRatePercent("12.2500")).toBe("12.25");
    expect(normalizeRatePercent("0.0001")).toBe("0.0001");
    expect(normalizeRatePercent("100")).toBe("100");
    expect(normalizeRatePercent("100.0")).toBe("100");
  });
  it("refuses anything else", () => {
    for (const bad of ["", "-1", "3,5", "101", "100.01", "3.12345", "1e2", " 3", "abc"]) expect([bad, normalizeRatePercent(bad)]).toEqual([bad, undefined]);
  });
});
