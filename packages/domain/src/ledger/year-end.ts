import { rupiahFromBigInt, rupiahToBigInt, ZERO_RUPIAH, type Rupiah } from "../money";
import type { AccountType } from "./accounts";
import type { JournalLine } from "./journal";

// Tutup buku: at the end of a book year every pendapatan and beban account is
// brought to zero by one closing entry, and the difference — the year's SHU,
// or its loss — moves into the equity account SHU tahun berjalan, where the
// RAT later decides its split (DOMAIN.md, "SHU").

/** SHU tahun berjalan in every chart template (ekuitas); the closing entry's counter-account. */
export const SHU_TAHUN_BERJALAN_CODE = "3-4100";

/** The account types the closing entry brings to zero: the perhitungan hasil usaha. */
export const RESULT_ACCOUNT_TYPES: readonly AccountType[] = ["pendapatan", "beban"];

export interface ResultAccountTotals<Ref = string> {
  readonly account: Ref;
  readonly type: AccountType;
  /** Everything posted to it up to the last day of the year. */
  readonly debit: Rupiah;
  readonly credit: Rupiah;
}

export interface ClosingEntry<Ref = string> {
  /** One line per result account with a balance, on its other side, then SHU tahun berjalan. Empty when nothing is to close. */
  readonly lines: JournalLine<Ref>[];
  /** Income minus expenses: positive is SHU (credited to SHU tahun berjalan), negative a loss (debited). */
  readonly netResult: Rupiah;
}

/**
 * The closing entry's lines, in the order the accounts are given. Accounts of
 * other types are ignored; accounts already at zero get no line. The entry
 * balances by construction: the SHU line is the sum of the others.
 */
export function closingEntryLines<Ref>(totals: readonly ResultAccountTotals<Ref>[], shuAccount: Ref): ClosingEntry<Ref> {
  const lines: JournalLine<Ref>[] = [];
  let net = 0n; // credit minus debit over the result accounts: the SHU
  for (const row of totals) {
    if (!RESULT_ACCOUNT_TYPES.includes(row.type)) continue;
    const balance = rupiahToBigInt(row.debit) - rupiahToBigInt(row.credit);
    if (balance === 0n) continue;
    net -= balance;
    lines.push(
      balance > 0n
        ? { account: row.account, memberAccountId: null, debit: ZERO_RUPIAH, credit: rupiahFromBigInt(balance) }
        : { account: row.account, memberAccountId: null, debit: rupiahFromBigInt(-balance), credit: ZERO_RUPIAH },
    );
  }
  if (net > 0n) lines.push({ account: shuAccount, memberAccountId: null, debit: ZERO_RUPIAH, credit: rupiahFromBigInt(net) });
  if (net < 0n) lines.push({ account: shuAccount, memberAccountId: null, debit: rupiahFromBigInt(-net), credit: ZERO_RUPIAH });
  return { lines, netResult: rupiahFromBigInt(net) };
}
