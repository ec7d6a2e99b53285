import { describe, expect, it } from "vitest";
import { draftIssues, draftTotals, emptyLine, manualJournalBody, type DraftLine } from "./journal-form";

const KAS = "0190a000-0000-7000-8000-000000000001";
const BEBAN = "0190a000-0000-7000-8000-000000000002";

const line = (key: string, accountId: string, debit: number | "", credit: number | ""): DraftLine => ({ key, accountId, debit, credit });

describe("manual journal draft", () => {
  it("a balanced entry has no issues and becomes a body of started lines, one side each", () => {
    const lines = [line("a", BEBAN, 150_000, ""), emptyLine("b"), line("c", KAS, "", 150_000)];
    expect(draftTotals(lines)).toEqual({ debit: 150_000, credit: 150_000, difference: 0 });
    expect(draftIssues(lines)).toEqual([]);
    expect(manualJournalBody("2026-03-01", "  Bayar listrik  ", lines)).toEqual({
      businessDate: "2026-03-01",
      description: "Bayar listrik",
      lines: [
        { accountId: BEBAN, debit: 150_000 },
        { accountId: KAS, credit: 150_000 },
      ],
    });
  });

  it("names an unbalanced entry and its difference", () => {
    const lines = [line("a", BEBAN, 150_000, ""), line("b", KAS, "", 100_000)];
    expect(draftTotals(lines).difference).toBe(50_000);
    expect(draftIssues(lines)).toEqual([{ path: "lines", code: "journal_unbalanced" }]);
  });

  it("points at the draft's own rows, skipping blank ones", () => {
    const lines = [emptyLine("x"), line("a", "", 10_000, ""), line("b", KAS, 5_000, 5_000)];
    expect(draftIssues(lines)).toEqual([
      { path: "lines.1.accountId", code: "account_required" },
      { path: "lines.2", code: "journal_line_one_side" },
    ]);
  });

  it("needs two lines", () => {
    expect(draftIssues([line("a", KAS, 1_000, ""), emptyLine("b")])).toContainEqual({ path: "lines", code: "journal_too_few_lines" });
  });
});
