import { addRupiah, balanceEffect, ZERO_RUPIAH, type NormalBalance, type Rupiah } from "@koperasi/domain";
import { logLeafRow } from "./log-leaf";
import { entrySummary, type PostingDraft } from "./post-entry";

// The rows a posting writes, built in TypeScript from the same draft the
// posting path hands to the database (postingDraft). For writers that know
// beforehand what the database would find — the voucher number, the
// accounts' codes, the member balances — and write many postings at once:
// the data generator. posting-rows.db.test.ts posts random drafts through
// ledger_post_entry() and asserts these rows equal, column for column and
// byte for byte, what it wrote.

export interface PostingAccount {
  code: string;
  normalBalance: NormalBalance;
}

export interface JournalEntryRow {
  koperasi_id: string;
  id: string;
  status: "posted";
  voucher_no: string;
  business_date: string;
  description: string;
  source: string;
  source_ref: string | null;
  line_count: number;
  reverses_entry_id: string | null;
  created_by: string | null;
  created_at: Date;
  approved_by: string | null;
  posted_at: Date;
}

export interface JournalLineRow {
  koperasi_id: string;
  entry_id: string;
  line_no: number;
  account_id: string;
  member_account_id: string | null;
  debit: Rupiah;
  credit: Rupiah;
}

export interface LogLeafRow {
  koperasi_id: string;
  entry_id: string;
  salt: Uint8Array;
  leaf_data: Uint8Array;
  leaf_hash: Uint8Array;
}

export interface PostingRows {
  entry: JournalEntryRow;
  lines: JournalLineRow[];
  leaf: LogLeafRow;
  /** Per member account touched: the change to its balance, on its control account's normal side. */
  balanceChanges: Map<string, Rupiah>;
}

/**
 * The rows of a directly posted draft (not a pending entry's approval) under
 * `voucherNo`. `accountOf` gives each line's GL account; checking that the
 * accounts take postings and that balances stay ≥ 0 is the caller's part,
 * as it is the database function's in the posting path.
 */
export function postingRows(draft: PostingDraft, voucherNo: string, accountOf: (accountId: string) => PostingAccount): PostingRows {
  if (draft.pendingEntry) throw new Error("postingRows: a pending entry is posted through postEntry");
  const { koperasiId, entryId, postedAt } = draft;
  const lines: JournalLineRow[] = draft.lines.map((line, i) => ({
    koperasi_id: koperasiId,
    entry_id: entryId,
    line_no: i + 1,
    account_id: line.account,
    member_account_id: line.memberAccountId,
    debit: line.debit,
    credit: line.credit,
  }));
  const balanceChanges = new Map<string, Rupiah>();
  for (const line of draft.lines) {
    if (!line.memberAccountId) continue;
    const effect = balanceEffect(accountOf(line.account).normalBalance, line.debit, line.credit);
    balanceChanges.set(line.memberAccountId, addRupiah(balanceChanges.get(line.memberAccountId) ?? ZERO_RUPIAH, effect));
  }
  const summary = entrySummary({
    koperasiId,
    entryId,
    voucherNo,
    businessDate: draft.businessDate,
    postedAt,
    lines: draft.lines.map((line) => ({ accountCode: accountOf(line.account).code, memberAccountId: line.memberAccountId, debit: line.debit, credit: line.credit })),
  });
  return {
    entry: {
      koperasi_id: koperasiId,
      id: entryId,
      status: "posted",
      voucher_no: voucherNo,
      business_date: draft.businessDate,
      description: draft.description,
      source: draft.source,
      source_ref: draft.sourceRef,
      line_count: lines.length,
      reverses_entry_id: draft.reversesEntryId,
      created_by: draft.createdBy,
      created_at: postedAt,
      approved_by: draft.approvedBy,
      posted_at: postedAt,
    },
    lines,
    leaf: logLeafRow(summary, draft.salt),
    balanceChanges,
  };
}
