import { describe, expect, it } from "vitest";
import { DomainError } from "../errors";
import { expectDomainError } from "../test-support";
import { checkJournalLines, MAX_JOURNAL_LINES, positiveAmountIssue, reversedLines, totalsOf, validateJournalLines } from "./journal";

const line = (account: string, debit: number, credit: number) => ({ account, debit, credit });

describe("journal validation", () => {
  it("accepts a balanced entry and brands its amounts", () => {
    const lines = validateJournalLines([line("kas", 250_000, 0), { account: "simpanan", memberAccountId: "m1", credit: 250_000 }]);
    expect(lines).toEqual([
      { account: "kas", memberAccountId: null, debit: 250_000, credit: 0 },
      { account: "simpanan", memberAccountId: "m1", debit: 0, credit: 250_000 },
    ]);
    expect(totalsOf(lines)).toEqual({ debit: 250_000, credit: 250_000 });
  });

  it("accepts many lines on either side", () => {
    expect(checkJournalLines([line("a", 100, 0), line("b", 0, 60), line("c", 0, 40)])).toEqual([]);
  });

  it("needs at least two lines", () => {
    expect(checkJournalLines([])).toEqual([{ path: "lines", code: "journal_too_few_lines" }]);
    expectDomainError(() => validateJournalLines([line("a", 100, 0)]), "journal_too_few_lines");
  });

  it("bounds the number of lines", () => {
    const many = Array.from({ length: MAX_JOURNAL_LINES + 1 }, (_, i) => line("a", i === 0 ? MAX_JOURNAL_LINES : 0, i === 0 ? 0 : 1));
    expect(checkJournalLines(many)).toEqual([{ path: "lines", code: "journal_too_many_lines" }]);
  });

  it("refuses debits and credits that differ, even by one Rupiah", () => {
    const error = expectDomainError(() => validateJournalLines([line("a", 100_001, 0), line("b", 0, 100_000)]), "journal_unbalanced");
    expect(error.details).toEqual({ path: "lines" });
  });

  it("refuses a line with both sides, or neither", () => {
    expect(checkJournalLines([line("a", 100, 100), line("b", 0, 0), line("c", 0, 100), line("d", 100, 0)])).toEqual([
      { path: "lines.0", code: "journal_line_one_side" },
      { path: "lines.1", code: "amount_not_positive" },
    ]);
    expect(checkJournalLines([{ account: "a" }, line("b", 0, 1)])).toContainEqual({ path: "lines.0", code: "amount_not_positive" });
  });

  it("refuses negative, fractional, non-finite and unsafe amounts, naming the field", () => {
    expect(checkJournalLines([line("a", -100, 0), line("b", 0, -100)])).toEqual([
      { path: "lines.0.debit", code: "amount_not_positive" },
      { path: "lines.1.credit", code: "amount_not_positive" },
    ]);
    expect(checkJournalLines([line("a", 100.5, 0), line("b", 0, 100.5)])).toEqual([
      { path: "lines.0.debit", code: "amount_not_integer" },
      { path: "lines.1.credit", code: "amount_not_integer" },
    ]);
    expect(checkJournalLines([line("a", Number.NaN, 0), line("b", 0, Infinity)]).map((i) => i.code)).toEqual([
      "amount_not_integer",
      "amount_not_integer",
    ]);
    expect(checkJournalLines([line("a", 2 ** 53, 0), line("b", 0, 2 ** 53)]).map((i) => i.code)).toEqual(["amount_unsafe", "amount_unsafe"]);
  });

  it("balances totals beyond the safe-integer range exactly", () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(checkJournalLines([line("a", big, 0), line("b", big, 0), line("c", 0, big), line("d", 0, big - 1)])).toEqual([
      { path: "lines", code: "journal_unbalanced" },
    ]);
  });

  it("throws a DomainError whose details say where", () => {
    try {
      validateJournalLines([line("a", 100, 0), line("b", 0, 0.5)]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details).toEqual({ path: "lines.1.credit" });
    }
  });

  it("names why a single amount cannot move", () => {
    expect(positiveAmountIssue(1)).toBeUndefined();
    expect(positiveAmountIssue(0)).toBe("amount_not_positive");
    expect(positiveAmountIssue(-5)).toBe("amount_not_positive");
    expect(positiveAmountIssue(0.5)).toBe("amount_not_integer");
    expect(positiveAmountIssue(Number.NaN)).toBe("amount_not_integer");
    expect(positiveAmountIssue(2 ** 53)).toBe("amount_unsafe");
  });

  it("mirrors an entry for its reversal", () => {
    const lines = validateJournalLines([line("kas", 0, 75_000), { account: "simpanan", memberAccountId: "m1", debit: 75_000 }]);
    expect(reversedLines(lines)).toEqual([
      { account: "kas", memberAccountId: null, debit: 75_000, credit: 0 },
      { account: "simpanan", memberAccountId: "m1", debit: 0, credit: 75_000 },
    ]);
  });
});
