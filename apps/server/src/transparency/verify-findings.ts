// What `koperasi verify` found wrong, in the order an auditor should read it:
// tree order first (the earliest position in the log), then entries that are
// not in the tree yet, then the books as a whole. Detection already runs in
// tree order, so keeping the first MAX_KEPT findings keeps the earliest ones
// and memory stays bounded however broken a log is.

export type FindingCode =
  | "leaf_altered"
  | "leaf_hash"
  | "leaf_without_entry"
  | "leaf_entry_not_posted"
  | "entry_without_leaf"
  | "entry_unbalanced"
  | "entry_line_count"
  | "seq_gap"
  | "node_altered"
  | "node_missing"
  | "node_extra"
  | "log_key_missing"
  | "log_key_not_pinned"
  | "checkpoint_signature"
  | "checkpoint_columns"
  | "checkpoint_root"
  | "checkpoint_beyond_tree"
  | "checkpoint_consistency"
  | "voucher_gap"
  | "voucher_beyond_counter"
  | "voucher_format"
  | "member_balance"
  | "subledger_control";

/** Where a finding sits: in the tree (by position), among entries outside it, or in the books as a whole. */
export type FindingPlace = "tree" | "outside_tree" | "books";

export interface Finding {
  code: FindingCode;
  place: FindingPlace;
  /** Orders findings within their place (tree: the position at which it was detected). */
  position: number;
  /** What differs, in Bahasa Indonesia. */
  detail: string;
  entryId?: string | undefined;
  voucherNo?: string | null | undefined;
  /** The tree position of the entry to name, when the finding knows only that. */
  entrySeq?: number | undefined;
}

const PLACE_RANK: Record<FindingPlace, number> = { tree: 0, outside_tree: 1, books: 2 };

/** At one position, the cause before its consequences: the entry, then the tree, then what was published. */
function causeRank(code: FindingCode): number {
  if (code === "seq_gap" || code.startsWith("leaf_") || code.startsWith("entry_")) return 0;
  if (code.startsWith("node_")) return 1;
  return 2;
}
const MAX_KEPT = 1000;

export class Findings {
  #kept: (Finding & { order: number })[] = [];
  #total = 0;

  add(finding: Finding): void {
    this.#total += 1;
    if (this.#kept.length < MAX_KEPT) this.#kept.push({ ...finding, order: this.#total });
  }

  get total(): number {
    return this.#total;
  }

  /** The kept findings, earliest first. */
  sorted(): Finding[] {
    return [...this.#kept]
      .sort(
        (a, b) =>
          PLACE_RANK[a.place] - PLACE_RANK[b.place] || a.position - b.position || causeRank(a.code) - causeRank(b.code) || a.order - b.order,
      )
      .map(({ order: _order, ...finding }) => finding);
  }
}

/** "TRF/2026/000003 (id 0190…)", or what is known of the entry. */
export function describeEntry(finding: Pick<Finding, "entryId" | "voucherNo" | "entrySeq">): string | undefined {
  if (finding.entryId) return `${finding.voucherNo ?? "tanpa nomor bukti"} (id ${finding.entryId})`;
  if (finding.voucherNo) return finding.voucherNo;
  if (finding.entrySeq !== undefined) return `posisi ${finding.entrySeq} di log`;
  return undefined;
}

/** One line: "entri X: detail" or just the detail. */
export function describeFinding(finding: Finding): string {
  const entry = describeEntry(finding);
  return entry ? `entri ${entry}: ${finding.detail}` : finding.detail;
}
