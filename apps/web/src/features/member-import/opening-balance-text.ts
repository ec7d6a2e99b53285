// Go-live balances as they are pasted from a spreadsheet: one line per row,
// cells separated by tabs (a copy from Excel), semicolons or commas; amounts
// in whole Rupiah, thousands dots allowed ("1.500.000"). A header line is
// skipped when its amount cells are not numbers.

export interface ParsedLines<T> {
  rows: T[];
  /** 1-based line numbers that could not be read. */
  unreadable: number[];
}

const cellsOf = (line: string) => line.split(/\t|;|,(?=\S)/).map((cell) => cell.trim());

/** "1.500.000" or "1500000" → 1500000; "" → 0; anything else → undefined. */
export function readRupiah(text: string): number | undefined {
  const compact = text.replace(/\s|Rp/gi, "");
  if (compact === "") return 0;
  if (!/^-?\d{1,3}(\.\d{3})*$|^-?\d+$/.test(compact)) return undefined;
  return Number(compact.replace(/\./g, ""));
}

function readLines<T>(text: string, width: number, build: (cells: string[]) => T | undefined): ParsedLines<T> {
  const rows: T[] = [];
  const unreadable: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const cells = cellsOf(line);
    const row = cells.length >= width ? build(cells) : undefined;
    if (row !== undefined) rows.push(row);
    else if (!(i === 0 && rows.length === 0)) unreadable.push(i + 1); // the first line may be a header
  });
  return { rows, unreadable };
}

/** Lines "account code; debit; credit". */
export function parseTrialBalance(text: string): ParsedLines<{ accountCode: string; debit: number; credit: number }> {
  return readLines(text, 2, ([code = "", debit = "", credit = ""]) => {
    const d = readRupiah(debit);
    const c = readRupiah(credit);
    if (code === "" || d === undefined || c === undefined) return undefined;
    return { accountCode: code, debit: d, credit: c };
  });
}

/** Lines "member number; account code; balance". */
export function parseMemberBalances(text: string): ParsedLines<{ memberNumber: string; accountCode: string; balance: number }> {
  return readLines(text, 3, ([memberNumber = "", code = "", balance = ""]) => {
    const amount = readRupiah(balance);
    if (memberNumber === "" || code === "" || amount === undefined) return undefined;
    return { memberNumber, accountCode: code, balance: amount };
  });
}
