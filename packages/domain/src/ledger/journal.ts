import { DomainError, type DomainErrorCode } from "../errors";
import { isRupiah, sumRupiah, type Rupiah } from "../money";

// The rules every journal entry obeys before it reaches the database (which
// enforces the same rules again): at least two lines, each line exactly one
// positive whole-Rupiah amount on one side, and debits equal to credits.

/** A line as it arrives: amounts not yet checked. An absent side is 0. */
export interface JournalLineInput<Ref = string> {
  readonly account: Ref;
  readonly memberAccountId?: string | null | undefined;
  readonly debit?: number | null | undefined;
  readonly credit?: number | null | undefined;
}

export interface JournalLine<Ref = string> {
  readonly account: Ref;
  readonly memberAccountId: string | null;
  readonly debit: Rupiah;
  readonly credit: Rupiah;
}

export interface JournalIssue {
  /** Where in the entry, e.g. `lines.2.debit`, or `lines` for the entry as a whole. */
  readonly path: string;
  readonly code: DomainErrorCode;
}

export const MIN_JOURNAL_LINES = 2;
/** A bound on one entry's size, so one request cannot post an unbounded statement. */
export const MAX_JOURNAL_LINES = 200;

/** Why an amount cannot be moved: not a whole Rupiah, too large to handle exactly, or not above zero. */
export function positiveAmountIssue(value: number): DomainErrorCode | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || !Number.isInteger(value)) return "amount_not_integer";
  if (!Number.isSafeInteger(value)) return "amount_unsafe";
  if (value <= 0) return "amount_not_positive";
  return undefined;
}

/** Every problem with the lines, so a form can mark them all at once. Empty when the entry may be posted. */
export function checkJournalLines<Ref>(lines: readonly JournalLineInput<Ref>[]): JournalIssue[] {
  const issues: JournalIssue[] = [];
  if (lines.length < MIN_JOURNAL_LINES) issues.push({ path: "lines", code: "journal_too_few_lines" });
  if (lines.length > MAX_JOURNAL_LINES) issues.push({ path: "lines", code: "journal_too_many_lines" });
  lines.forEach((line, i) => {
    const debit = line.debit ?? 0;
    const credit = line.credit ?? 0;
    const amountIssue = (side: "debit" | "credit", value: number): boolean => {
      // An absent side is 0; only a present one must be a positive amount.
      const code = value === 0 ? undefined : positiveAmountIssue(value);
      if (code) issues.push({ path: `lines.${i}.${side}`, code });
      return code !== undefined;
    };
    const bad = amountIssue("debit", debit) || amountIssue("credit", credit);
    if (!bad && (debit > 0) === (credit > 0)) {
      // Both zero is an empty line; both positive hides a net amount.
      issues.push({ path: `lines.${i}`, code: debit === 0 ? "amount_not_positive" : "journal_line_one_side" });
    }
  });
  if (issues.length === 0) {
    // Summed in BigInt: each amount is safe, their total need not be.
    let balance = 0n;
    for (const line of lines) balance += BigInt(line.debit ?? 0) - BigInt(line.credit ?? 0);
    if (balance !== 0n) issues.push({ path: "lines", code: "journal_unbalanced" });
  }
  return issues;
}

/** The lines with branded amounts; throws the first issue as a DomainError (details.path says where). */
export function validateJournalLines<Ref>(lines: readonly JournalLineInput<Ref>[]): JournalLine<Ref>[] {
  const [first] = checkJournalLines(lines);
  if (first) throw new DomainError(first.code, { path: first.path });
  return lines.map(normalise);
}

export function totalsOf<Ref>(lines: readonly JournalLine<Ref>[]): { debit: Rupiah; credit: Rupiah } {
  return { debit: sumRupiah(lines.map((l) => l.debit)), credit: sumRupiah(lines.map((l) => l.credit)) };
}

function normalise<Ref>(line: JournalLineInput<Ref>): JournalLine<Ref> {
  const debit = line.debit ?? 0;
  const credit = line.credit ?? 0;
  if (!isRupiah(debit) || !isRupiah(credit)) throw new DomainError("amount_not_integer");
  return { account: line.account, memberAccountId: line.memberAccountId ?? null, debit, credit };
}

/** The mirror image of an entry: what a reversing entry (jurnal koreksi) posts. */
export function reversedLines<Ref>(lines: readonly JournalLine<Ref>[]): JournalLine<Ref>[] {
  return lines.map((l) => ({ account: l.account, memberAccountId: l.memberAccountId, debit: l.credit, credit: l.debit }));
}
