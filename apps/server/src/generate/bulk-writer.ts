import { sql } from "kysely";
import type { Database } from "@koperasi/db";
import { formatVoucherNumber, periodStartOf, voucherSequenceId, voucherYearOf } from "@koperasi/domain";
import { rupiahFromDb } from "../ledger/amounts";
import { postingDraft, type PostEntryCommand } from "../ledger/post-entry";
import { postingRows, type JournalEntryRow, type JournalLineRow, type LogLeafRow, type PostingAccount } from "../ledger/posting-rows";

// Writes many postings at once, exactly as the posting path would have
// written them one by one (posting-rows.ts, proven against the database
// function by posting-rows.db.test.ts): the same draft, the voucher numbers
// the counters would have given in this order, the same rows, the member
// balances after them. It does what the database function checks before
// writing — the period is open, the accounts take postings, no sub-ledger
// goes below zero — and the database's own constraints and triggers check
// every row again (balanced entries, line counts, control accounts only
// through member accounts, balance ≥ 0).
//
// Each flush is one tenant transaction: entries, lines and leaves by
// multi-row INSERT … SELECT FROM unnest(…), then the touched member
// balances and the voucher counters, so the books hold together at every
// commit, as they do between postings.
//
// One writer per cooperative at a time: it assumes nothing else posts while
// it runs (the generator owns its cooperative; the demo is created in one go).

export interface BulkWriterAccount extends PostingAccount {
  open: boolean;
  isGroup: boolean;
  isControl: boolean;
}

export class BulkPostingWriter {
  readonly #database: Database;
  readonly #koperasiId: string;
  readonly #accounts: Map<string, BulkWriterAccount>;
  readonly #counters: Map<string, number>;
  readonly #balances: Map<string, number>;
  readonly #memberAccountControl: Map<string, string>;
  readonly #closedPeriods: Set<string>;
  #entries: JournalEntryRow[] = [];
  #lines: JournalLineRow[] = [];
  #leaves: LogLeafRow[] = [];
  #touched = new Set<string>();
  #dirtyCounters = new Set<string>();
  #written = 0;
  #analyzeAt = 1000;

  private constructor(
    database: Database,
    koperasiId: string,
    state: {
      accounts: Map<string, BulkWriterAccount>;
      counters: Map<string, number>;
      balances: Map<string, number>;
      memberAccountControl: Map<string, string>;
      closedPeriods: Set<string>;
    },
  ) {
    this.#database = database;
    this.#koperasiId = koperasiId;
    this.#accounts = state.accounts;
    this.#counters = state.counters;
    this.#balances = state.balances;
    this.#memberAccountControl = state.memberAccountControl;
    this.#closedPeriods = state.closedPeriods;
  }

  /** Reads what posting would find: the chart, the voucher counters, open member accounts and their balances, closed months. */
  static async open(database: Database, koperasiId: string): Promise<BulkPostingWriter> {
    const state = await database.tenant({ koperasiId }, async (trx) => {
      const accounts = await trx
        .selectFrom("gl_account")
        .select(["id", "code", "normal_balance", "status", "is_group", "is_control"])
        .where("koperasi_id", "=", koperasiId)
        .execute();
      const counters = await trx
        .selectFrom("tenant_sequence")
        .select(["id", "last_value"])
        .where("koperasi_id", "=", koperasiId)
        .where("id", "like", "voucher/%")
        .execute();
      const memberAccounts = await trx
        .selectFrom("member_account")
        .select(["id", "account_id", "balance", "allow_negative"])
        .where("koperasi_id", "=", koperasiId)
        .where("status", "=", "open")
        .execute();
      const closed = await trx
        .selectFrom("closed_period")
        .select(sql<string>`to_char(period_start, 'YYYY-MM-DD')`.as("start"))
        .where("koperasi_id", "=", koperasiId)
        .execute();
      return { accounts, counters, memberAccounts, closed };
    });
    return new BulkPostingWriter(database, koperasiId, {
      accounts: new Map(
        state.accounts.map((a) => [a.id, { code: a.code, normalBalance: a.normal_balance, open: a.status === "open", isGroup: a.is_group, isControl: a.is_control }]),
      ),
      counters: new Map(state.counters.map((c) => [c.id, Number(c.last_value)])),
      balances: new Map(state.memberAccounts.filter((m) => !m.allow_negative).map((m) => [m.id, rupiahFromDb(m.balance)])),
      memberAccountControl: new Map(state.memberAccounts.map((m) => [m.id, m.account_id])),
      closedPeriods: new Set(state.closed.map((c) => c.start)),
    });
  }

  /** Member accounts opened after open(): balance 0, under `controlAccountId`. */
  addMemberAccounts(accounts: readonly { id: string; controlAccountId: string }[]): void {
    for (const a of accounts) {
      this.#memberAccountControl.set(a.id, a.controlAccountId);
      this.#balances.set(a.id, 0);
    }
  }

  get pending(): number {
    return this.#entries.length;
  }

  get written(): number {
    return this.#written;
  }

  /** Queues one posting; throws (like the posting path's refusal) if the books would refuse it. */
  add(command: PostEntryCommand): void {
    const draft = postingDraft(command);
    if (this.#closedPeriods.has(periodStartOf(draft.businessDate))) throw new Error(`period of ${draft.businessDate} is closed`);
    for (const line of draft.lines) {
      const account = this.#accounts.get(line.account);
      if (!account || !account.open || account.isGroup) throw new Error(`account ${line.account} takes no postings`);
      if (account.isControl !== (line.memberAccountId !== null)) throw new Error(`line on ${account.code}: member account and control account do not match`);
      if (line.memberAccountId !== null && this.#memberAccountControl.get(line.memberAccountId) !== line.account) {
        throw new Error(`member account ${line.memberAccountId} is not open under ${account.code}`);
      }
    }
    const counterId = voucherSequenceId(draft.voucherPrefix, voucherYearOf(draft.businessDate));
    const sequence = (this.#counters.get(counterId) ?? 0) + 1;
    const rows = postingRows(draft, formatVoucherNumber(draft.voucherPrefix, voucherYearOf(draft.businessDate), sequence), (id) => {
      const account = this.#accounts.get(id);
      if (!account) throw new Error(`unknown account ${id}`);
      return account;
    });
    const after = new Map<string, number>();
    for (const [id, change] of rows.balanceChanges) {
      const balance = this.#balances.get(id);
      if (balance === undefined) continue; // allow_negative: no floor to check
      const next = balance + change;
      if (next < 0) throw new Error(`insufficient balance in member account ${id} (${draft.description})`);
      after.set(id, next);
    }
    // Every check passed: now it counts.
    this.#counters.set(counterId, sequence);
    this.#dirtyCounters.add(counterId);
    for (const [id, balance] of after) {
      this.#balances.set(id, balance);
      this.#touched.add(id);
    }
    this.#entries.push(rows.entry);
    this.#lines.push(...rows.lines);
    this.#leaves.push(rows.leaf);
  }

  /** Writes what is queued in one transaction. */
  async flush(): Promise<void> {
    if (this.#entries.length === 0) return;
    const koperasiId = this.#koperasiId;
    const entries = this.#entries;
    const lines = this.#lines;
    const leaves = this.#leaves;
    const touched = [...this.#touched];
    const balances = touched.map((id) => this.#balances.get(id) ?? 0);
    const counters = [...this.#dirtyCounters];
    const counterValues = counters.map((id) => this.#counters.get(id) ?? 0);
    this.#entries = [];
    this.#lines = [];
    this.#leaves = [];
    this.#touched = new Set();
    this.#dirtyCounters = new Set();

    await this.#database.tenant({ koperasiId }, async (trx) => {
      await sql`
        INSERT INTO journal_entry (koperasi_id, id, status, voucher_no, business_date, description, source, source_ref, line_count,
                                   reverses_entry_id, created_by, created_at, approved_by, posted_at)
        SELECT ${koperasiId}::uuid, e.id, 'posted', e.voucher_no, e.business_date, e.description, e.source, e.source_ref, e.line_count,
               e.reverses_entry_id, e.created_by, e.posted_at, e.approved_by, e.posted_at
        FROM unnest(${entries.map((e) => e.id)}::uuid[], ${entries.map((e) => e.voucher_no)}::text[], ${entries.map((e) => e.business_date)}::date[],
                    ${entries.map((e) => e.description)}::text[], ${entries.map((e) => e.source)}::text[], ${entries.map((e) => e.source_ref)}::text[],
                    ${entries.map((e) => e.line_count)}::smallint[], ${entries.map((e) => e.reverses_entry_id)}::uuid[],
                    ${entries.map((e) => e.created_by)}::text[], ${entries.map((e) => e.approved_by)}::text[],
                    ${entries.map((e) => e.posted_at.toISOString())}::timestamptz[])
          AS e (id, voucher_no, business_date, description, source, source_ref, line_count, reverses_entry_id, created_by, approved_by, posted_at)`.execute(trx);
      await sql`
        INSERT INTO journal_line (koperasi_id, entry_id, line_no, account_id, member_account_id, debit, credit)
        SELECT ${koperasiId}::uuid, l.* FROM unnest(${lines.map((l) => l.entry_id)}::uuid[], ${lines.map((l) => l.line_no)}::smallint[],
                    ${lines.map((l) => l.account_id)}::uuid[], ${lines.map((l) => l.member_account_id)}::uuid[],
                    ${lines.map((l) => l.debit)}::bigint[], ${lines.map((l) => l.credit)}::bigint[]) AS l`.execute(trx);
      // created_at (the leaf's place in the sequencer's queue) is the entry's posting instant.
      await sql`
        INSERT INTO log_leaf (koperasi_id, entry_id, salt, leaf_data, leaf_hash, created_at)
        SELECT ${koperasiId}::uuid, f.entry_id, decode(f.salt, 'hex'), decode(f.leaf_data, 'hex'), decode(f.leaf_hash, 'hex'), f.created_at
        FROM unnest(${leaves.map((f) => f.entry_id)}::uuid[], ${leaves.map((f) => hex(f.salt))}::text[], ${leaves.map((f) => hex(f.leaf_data))}::text[],
                    ${leaves.map((f) => hex(f.leaf_hash))}::text[], ${entries.map((e) => e.posted_at.toISOString())}::timestamptz[])
          AS f (entry_id, salt, leaf_data, leaf_hash, created_at)`.execute(trx);
      if (touched.length > 0) {
        await sql`
          UPDATE member_account AS m SET balance = v.balance
          FROM unnest(${touched}::uuid[], ${balances}::bigint[]) AS v (id, balance)
          WHERE m.koperasi_id = ${koperasiId}::uuid AND m.id = v.id`.execute(trx);
      }
      await sql`
        INSERT INTO tenant_sequence AS s (koperasi_id, id, last_value)
        SELECT ${koperasiId}::uuid, c.id, c.last_value FROM unnest(${counters}::text[], ${counterValues}::bigint[]) AS c (id, last_value)
        ON CONFLICT (koperasi_id, id) DO UPDATE SET last_value = excluded.last_value`.execute(trx);
    });
    this.#written += entries.length;
    // Tables that grow from nothing need fresh statistics now and then, or
    // the foreign-key checks of the next chunks pick a scan over an index.
    if (this.#written >= this.#analyzeAt) {
      await refreshStatistics(this.#database);
      this.#analyzeAt = this.#written * 2;
    }
  }
}

/** ANALYZE of the ledger tables (ledger_refresh_statistics(), which runs as the owner). */
export async function refreshStatistics(database: Database): Promise<void> {
  await sql`SELECT ledger_refresh_statistics()`.execute(database.db);
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}
