import { describe, expect, it } from "vitest";
import { accountsLeftUnsettled, payoutDescription, planSavingsPayout, type SettlementAccount } from "./member-settlement";

const account = (memberAccountId: string, code: string, balance: number, normalBalance: "debit" | "credit" = "credit"): SettlementAccount => ({
  memberAccountId,
  accountId: `acc-${code}`,
  accountCode: code,
  accountName: code,
  normalBalance,
  balance,
});

describe("planSavingsPayout", () => {
  it("debits every savings account to zero and credits the total to the payout account", () => {
    const plan = planSavingsPayout([account("pokok", "3-1100", 100_000), account("wajib", "3-1200", 240_000), account("sukarela", "2-1100", 0)], {
      creditAccountId: "kas",
      description: "Pengembalian",
    });
    expect(plan).toEqual({
      step: "simpanan",
      description: "Pengembalian",
      lines: [
        { accountId: "acc-3-1100", memberAccountId: "pokok", debit: 100_000, credit: 0 },
        { accountId: "acc-3-1200", memberAccountId: "wajib", debit: 240_000, credit: 0 },
        { accountId: "kas", memberAccountId: null, debit: 0, credit: 340_000 },
      ],
      settles: ["pokok", "wajib"],
      total: 340_000,
    });
  });

  it("plans nothing when no savings hold money", () => {
    expect(planSavingsPayout([account("sukarela", "2-1100", 0), account("pinjaman", "1-1300", 500_000, "debit")], { creditAccountId: "kas", description: "x" })).toBeNull();
  });
});

describe("accountsLeftUnsettled", () => {
  it("leaves loans and negative balances to their own steps", () => {
    const accounts = [account("wajib", "3-1200", 50_000), account("pinjaman", "1-1300", 500_000, "debit"), account("minus", "2-1100", -1)];
    const plan = planSavingsPayout(accounts, { creditAccountId: "kas", description: "x" });
    expect(accountsLeftUnsettled(accounts, plan ? [plan] : []).map((a) => a.memberAccountId)).toEqual(["pinjaman", "minus"]);
    expect(accountsLeftUnsettled([account("nol", "2-1100", 0)], [])).toEqual([]);
  });
});

describe("payoutDescription", () => {
  it("names the heir for a deceased member", () => {
    expect(payoutDescription({ memberNumber: "AGT-0001", fullName: "Siti" }, { heirName: "Budi", heirRelationship: "anak" })).toBe(
      "Pengembalian simpanan AGT-0001 Siti (meninggal) kepada ahli waris Budi, anak",
    );
    expect(payoutDescription({ memberNumber: "AGT-0001", fullName: "Siti" }, { heirName: null })).toBe("Pengembalian simpanan AGT-0001 Siti (anggota keluar)");
  });
});
