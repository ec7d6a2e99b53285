import { describe, expect, it } from "vitest";
import { rupiah } from "../money";
import { expectDomainError } from "../test-support";
import { ACCOUNT_TYPES, balanceEffect, defaultNormalBalance, isAccountType, validateAccountCode } from "./accounts";

describe("account types", () => {
  it("grow on their normal side: assets and expenses by debit, the rest by credit", () => {
    expect(ACCOUNT_TYPES.map((t) => [t, defaultNormalBalance(t)])).toEqual([
      ["aset", "debit"],
      ["liabilitas", "credit"],
      ["ekuitas", "credit"],
      ["pendapatan", "credit"],
      ["beban", "debit"],
    ]);
    expect(isAccountType("aset")).toBe(true);
    expect(isAccountType("asset")).toBe(false);
  });

  it("measure a line's effect on the normal side", () => {
    expect(balanceEffect("debit", rupiah(100), rupiah(0))).toBe(100);
    expect(balanceEffect("debit", rupiah(0), rupiah(40))).toBe(-40);
    expect(balanceEffect("credit", rupiah(0), rupiah(250_000))).toBe(250_000);
    expect(balanceEffect("credit", rupiah(7), rupiah(0))).toBe(-7);
  });
});

describe("account codes", () => {
  it("accept digits with single separators, first digit by type", () => {
    expect(validateAccountCode("1-1100", "aset")).toBe("1-1100");
    expect(validateAccountCode(" 2.1.01 ", "liabilitas")).toBe("2.1.01");
    expect(validateAccountCode("5", "beban")).toBe("5");
    expect(validateAccountCode("41000", "pendapatan")).toBe("41000");
  });

  it("refuse other shapes", () => {
    for (const code of ["", "0-1000", "1--100", "1-", "-1", "1 100", "a-1000", "1-1100-", "1".repeat(21), "١-١١٠٠"]) {
      expectDomainError(() => validateAccountCode(code, "aset"), "account_code_invalid");
    }
  });

  it("refuse a code whose first digit names another type", () => {
    expectDomainError(() => validateAccountCode("2-1100", "aset"), "account_code_type_mismatch");
    expectDomainError(() => validateAccountCode("5-1000", "pendapatan"), "account_code_type_mismatch");
  });
});
