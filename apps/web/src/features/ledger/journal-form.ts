import { checkJournalLines, type JournalIssue } from "@koperasi/domain";

// The manual journal form's arithmetic, apart from React: the lines as typed,
// their totals, what keeps them from being posted (the domain's own rules,
// the same the server applies), and the request body.

export interface DraftLine {
  /** Stable key for React while lines are added and removed. */
  key: string;
  accountId: string;
  /** Whole Rupiah; empty while not typed. */
  debit: number | "";
  credit: number | "";
}

export interface DraftTotals {
  debit: number;
  credit: number;
  /** Debit minus credit: zero when balanced. */
  difference: number;
}

const amountOf = (value: number | ""): number => (value === "" ? 0 : value);

export function emptyLine(key: string): DraftLine {
  return { key, accountId: "", debit: "", credit: "" };
}

export function draftTotals(lines: readonly DraftLine[]): DraftTotals {
  let debit = 0;
  let credit = 0;
  for (const line of lines) {
    debit += amountOf(line.debit);
    credit += amountOf(line.credit);
  }
  return { debit, credit, difference: debit - credit };
}

/** A line the person has started: an account or an amount. Untouched blank lines are left out. */
function isStarted(line: DraftLine): boolean {
  return line.accountId !== "" || amountOf(line.debit) !== 0 || amountOf(line.credit) !== 0;
}

export type DraftIssue = JournalIssue | { path: string; code: "account_required" };

/**
 * Everything that stops the lines from being posted, with paths into the
 * draft (`lines.1.debit`, or `lines` for the whole entry). Empty means the
 * form may be submitted.
 */
export function draftIssues(lines: readonly DraftLine[]): DraftIssue[] {
  const started = lines.map((line, index) => ({ line, index })).filter(({ line }) => isStarted(line));
  const issues: DraftIssue[] = [];
  for (const { line, index } of started) if (line.accountId === "") issues.push({ path: `lines.${index}.accountId`, code: "account_required" });
  const domain = checkJournalLines(started.map(({ line }) => ({ account: line.accountId, debit: amountOf(line.debit), credit: amountOf(line.credit) })));
  for (const issue of domain) {
    // The domain numbers the started lines; point back at the draft's own rows.
    const match = /^lines\.(\d+)(.*)$/.exec(issue.path);
    const original = match ? started[Number(match[1])]?.index : undefined;
    issues.push(original === undefined ? issue : { ...issue, path: `lines.${original}${match?.[2] ?? ""}` });
  }
  return issues;
}

export interface ManualJournalBody {
  businessDate: string;
  description: string;
  lines: { accountId: string; debit?: number; credit?: number }[];
}

/** The request body: started lines only, each with its one side. */
export function manualJournalBody(businessDate: string, description: string, lines: readonly DraftLine[]): ManualJournalBody {
  return {
    businessDate,
    description: description.trim(),
    lines: lines.filter(isStarted).map((line) => {
      const debit = amountOf(line.debit);
      const credit = amountOf(line.credit);
      return debit > 0 ? { accountId: line.accountId, debit } : { accountId: line.accountId, credit };
    }),
  };
}
