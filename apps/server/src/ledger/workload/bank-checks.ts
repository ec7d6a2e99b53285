import type { Database, SqlRunner } from "@koperasi/db";
import { leafHash } from "@koperasi/tlog";
import { runVerify } from "../../transparency/verify-command";
import { subLedgerMismatches } from "../reconcile";
import { sleep } from "./server-process";
import type { Bank } from "./bank-setup";
import { outcomeOf, type Answer, type KeyRecord, type Workload } from "./bank-workload";

// After the workload: does the database agree with what the clients were
// told? Read as a superuser (no row-level security in the way), so the
// whole database is seen, not only what the application role may see.

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

interface PostedLine {
  entry_id: string;
  source: string;
  voucher_no: string | null;
  line_no: number;
  member_account_id: string | null;
  debit: string;
  credit: string;
}

interface IdempotencyRow {
  user_id: string;
  key: string;
  status: string;
  response_status: number | null;
  response_body: { id?: string; problem?: { code?: string } } | null;
}

interface TransferEntry {
  id: string;
  voucherNo: string | null;
  lines: { memberAccountId: string | null; debit: number; credit: number }[];
}

/** At most this many offending items are named in a failed check's detail. */
const SHOWN = 5;

export async function checkBank(database: Database, superuser: SqlRunner, bank: Bank, workload: Workload): Promise<CheckResult[]> {
  const { koperasiId } = bank;
  const balances = new Map(
    (await superuser.query<{ id: string; balance: string }>("SELECT id, balance::text FROM member_account WHERE koperasi_id = $1", [koperasiId])).map((r) => [
      r.id,
      Number(r.balance),
    ]),
  );
  const lines = await superuser.query<PostedLine>(
    `SELECT l.entry_id, e.source, e.voucher_no, l.line_no, l.member_account_id, l.debit::text, l.credit::text
       FROM journal_line l JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id
      WHERE e.koperasi_id = $1 AND e.status = 'posted' ORDER BY l.entry_id, l.line_no`,
    [koperasiId],
  );
  const transfers = transferEntries(lines);
  const records = await superuser.query<IdempotencyRow>(
    "SELECT user_id, key, status, response_status, response_body FROM idempotency_key WHERE koperasi_id = $1",
    [koperasiId],
  );
  const stored = new Map(records.map((r) => [`${r.user_id}/${r.key}`, r]));
  const storedOf = (record: KeyRecord) => stored.get(`${bank.tellers[record.teller]?.userId}/${record.key}`);

  const sent = workload.records;
  const acknowledged = sent.filter((r) => outcomeOf(r) === "acknowledged");
  const refused = sent.filter((r) => outcomeOf(r) === "refused");
  const unsettled = sent.filter((r) => outcomeOf(r) === "unsettled");
  const unexpected = sent.filter((r) => outcomeOf(r) === "unexpected");

  const results: CheckResult[] = [];
  const check = (name: string, failures: string[], okDetail: string) =>
    results.push({ name, ok: failures.length === 0, detail: failures.length === 0 ? okDetail : `${failures.length}: ${failures.slice(0, SHOWN).join("; ")}` });

  const sum = [...balances.values()].reduce((s, v) => s + v, 0);
  check("sum of member balances unchanged", sum === bank.total ? [] : [`${sum} ≠ ${bank.total}`], `${sum} = ${bank.total}`);
  check(
    "no member balance negative",
    [...balances].filter(([, v]) => v < 0).map(([id, v]) => `${id}: ${v}`),
    `${balances.size} accounts ≥ 0`,
  );

  check("every answer was expected", unexpectedAnswers(sent), `${sent.length} keys: 201, 409 insufficient_balance or 422 only`);
  check("answers to one key agree", disagreements(sent), "replays and duplicates got the first answer");

  // Acknowledged (201) ⇒ posted exactly once, with the lines asked for, under its key's record.
  const entryKeys = new Map<string, string[]>();
  for (const row of records) {
    const id = row.response_status === 201 ? row.response_body?.id : undefined;
    if (id) entryKeys.set(id, [...(entryKeys.get(id) ?? []), row.key]);
  }
  check(
    "every acknowledged transfer posted exactly once",
    acknowledged.flatMap((r) => {
      const answer = r.answers[0];
      const entry = answer?.entryId ? transfers.get(answer.entryId) : undefined;
      const row = storedOf(r);
      if (!answer?.entryId || !entry) return [`${r.key}: acknowledged entry ${answer?.entryId} not posted`];
      if (row?.response_status !== 201 || row.response_body?.id !== entry.id) return [`${r.key}: its stored response does not name ${entry.id}`];
      if ((entryKeys.get(entry.id) ?? []).length !== 1) return [`${entry.id}: named by keys ${entryKeys.get(entry.id)?.join(", ")}`];
      if (!movesAsAsked(entry, r)) return [`${r.key}: entry ${entry.id} lines ${JSON.stringify(entry.lines)} ≠ body ${JSON.stringify(r.body)}`];
      return [];
    }),
    `${acknowledged.length} acknowledged, each one entry`,
  );

  // Nothing posted that no client asked for: each transfer entry is the stored 201 of one key the
  // workload sent and was told was posted (or never got an answer for).
  const explaining = new Map<string, KeyRecord>();
  for (const r of [...acknowledged, ...unsettled]) {
    const id = storedOf(r)?.response_body?.id;
    if (id && storedOf(r)?.response_status === 201) explaining.set(id, r);
  }
  check(
    "no posting without an acknowledged or unanswered key",
    [...transfers.keys()].filter((id) => !explaining.has(id)).map((id) => `entry ${id} (${transfers.get(id)?.voucherNo}) explained by no key`),
    `${transfers.size} transfer entries = ${acknowledged.length} acknowledged + ${transfers.size - acknowledged.length} of ${unsettled.length} unanswered`,
  );
  check(
    "refusals posted nothing and stay refused",
    [
      ...refused.flatMap((r) => {
        const row = storedOf(r);
        return row?.response_status === 409 && row.response_body?.problem?.code === "insufficient_balance" ? [] : [`${r.key}: stored ${row?.response_status}`];
      }),
      ...sent.filter((r) => r.overdraft && outcomeOf(r) === "acknowledged").map((r) => `${r.key}: overdraft of ${r.body.amount} acknowledged`),
    ],
    `${refused.length} refused (${sent.filter((r) => r.overdraft).length} overdrafts)`,
  );

  // Each account's balance = its opening + what the posted transfers moved, and = Σ of its own lines.
  const moved = new Map<string, number>();
  for (const entry of transfers.values())
    for (const line of entry.lines) if (line.memberAccountId) moved.set(line.memberAccountId, (moved.get(line.memberAccountId) ?? 0) + line.credit - line.debit);
  const lineSums = new Map<string, number>();
  for (const line of lines)
    if (line.member_account_id) lineSums.set(line.member_account_id, (lineSums.get(line.member_account_id) ?? 0) + Number(line.credit) - Number(line.debit));
  check(
    "each balance = opening + posted transfers = Σ of its lines",
    bank.accounts.flatMap((a) => {
      const balance = balances.get(a.memberAccountId);
      const expected = a.opening + (moved.get(a.memberAccountId) ?? 0);
      return balance === expected && balance === lineSums.get(a.memberAccountId) ? [] : [`${a.memberNumber}: ${balance} vs ${expected} vs ${lineSums.get(a.memberAccountId)}`];
    }),
    `${bank.accounts.length} accounts`,
  );

  const mismatches = await database.tenant({ koperasiId }, (trx) => subLedgerMismatches(trx, koperasiId));
  check("sub-ledgers equal control accounts", mismatches.map((m) => `${m.code}: GL ${m.glBalance} ≠ Σ sub ${m.subLedgerBalance}`), "every control account");

  const [totals] = await superuser.query<{ debit: string; credit: string; entries: string }>(
    `SELECT coalesce(sum(l.debit), 0)::text AS debit, coalesce(sum(l.credit), 0)::text AS credit, count(DISTINCT (e.koperasi_id, e.id))::text AS entries
       FROM journal_line l JOIN journal_entry e ON e.koperasi_id = l.koperasi_id AND e.id = l.entry_id WHERE e.status = 'posted'`,
  );
  const unbalanced = await superuser.query<{ id: string }>(
    `SELECT e.id FROM journal_entry e JOIN journal_line l ON l.koperasi_id = e.koperasi_id AND l.entry_id = e.id
      WHERE e.status = 'posted' GROUP BY e.koperasi_id, e.id HAVING sum(l.debit) <> sum(l.credit) OR count(*) < 2`,
  );
  check(
    "Σ debits = Σ credits over the database",
    [...(totals?.debit === totals?.credit ? [] : [`Σ debit ${totals?.debit} ≠ Σ credit ${totals?.credit}`]), ...unbalanced.map((e) => `entry ${e.id} unbalanced`)],
    `${totals?.entries} posted entries, Σ ${totals?.debit}`,
  );

  check("every posted entry has one log leaf", await leafProblems(superuser, koperasiId), "one leaf per posted entry, leaf hash = H(0x00 ‖ leaf data)");
  const waiting = await unsequencedAfter(superuser, koperasiId, SEQUENCING_WAIT_MS);
  check("the running server sequenced every leaf", waiting === 0 ? [] : [`${waiting} leaves still without a tree position`], "all leaves in the tree");
  const verify = await verifyAll(database);
  check("koperasi verify --all", verify.exitCode === 0 ? [] : [`exit ${verify.exitCode}`, ...verify.lines.slice(-3)], verify.lines.filter((l) => l.trim()).slice(-1)[0] ?? "exit 0");
  check("transfer voucher numbers gap-free", voucherGaps(transfers), `TRF 1..${transfers.size}`);
  check(
    "no server error, every key settled",
    [
      ...workload.counts.anomalies,
      ...(workload.counts.serverErrors > workload.counts.anomalies.length ? [`${workload.counts.serverErrors} answers 5xx`] : []),
      ...unsettled.map((r) => `${r.key}: no definite answer`),
      ...unexpected.map((r) => `${r.key}: first answer ${r.answers[0]?.status} ${r.answers[0]?.code ?? ""}`),
    ],
    "no 5xx",
  );
  return results;
}

/** How long the checks wait for the server's publisher to put the last leaves in the tree. */
const SEQUENCING_WAIT_MS = 60_000;

/** Leaves still without a position once the publisher had `waitMs` to sequence them (it runs every few seconds). */
async function unsequencedAfter(superuser: SqlRunner, koperasiId: string, waitMs: number): Promise<number> {
  const deadline = performance.now() + waitMs;
  for (;;) {
    const [row] = await superuser.query<{ n: number }>("SELECT count(*)::int AS n FROM log_leaf WHERE koperasi_id = $1 AND seq IS NULL", [koperasiId]);
    const waiting = row?.n ?? 0;
    if (waiting === 0 || performance.now() > deadline) return waiting;
    await sleep(250);
  }
}

/** `koperasi verify --all` on the database, as the CLI runs it: every leaf recomputed from the journal, the tree against every checkpoint. */
async function verifyAll(database: Database): Promise<{ exitCode: number; lines: string[] }> {
  const lines: string[] = [];
  const exitCode = await runVerify(database, { all: true }, { out: (line) => lines.push(line), err: (line) => lines.push(line) });
  return { exitCode, lines };
}

function transferEntries(lines: readonly PostedLine[]): Map<string, TransferEntry> {
  const entries = new Map<string, TransferEntry>();
  for (const line of lines) {
    if (line.source !== "transfer") continue;
    const entry = entries.get(line.entry_id) ?? { id: line.entry_id, voucherNo: line.voucher_no, lines: [] };
    entry.lines.push({ memberAccountId: line.member_account_id, debit: Number(line.debit), credit: Number(line.credit) });
    entries.set(line.entry_id, entry);
  }
  return entries;
}

function movesAsAsked(entry: TransferEntry, record: KeyRecord): boolean {
  const { fromMemberAccountId, toMemberAccountId, amount } = record.body;
  return (
    entry.lines.length === 2 &&
    entry.lines.some((l) => l.memberAccountId === fromMemberAccountId && l.debit === amount && l.credit === 0) &&
    entry.lines.some((l) => l.memberAccountId === toMemberAccountId && l.credit === amount && l.debit === 0)
  );
}

function unexpectedAnswers(records: readonly KeyRecord[]): string[] {
  return records.flatMap((r) => [
    ...r.answers
      .filter((a) => !(a.status === 201 || (a.status === 409 && a.code === "insufficient_balance")))
      .map((a) => `${r.key}: ${a.status} ${a.code ?? ""}`),
    ...r.reuseAnswers.filter((a) => !(a.status === 422 && a.code === "idempotency_key_reused")).map((a) => `${r.key} (other body): ${a.status} ${a.code ?? ""}`),
    ...(r.overdraft ? r.answers.filter((a) => a.status !== 409).map((a) => `${r.key}: overdraft answered ${a.status}`) : []),
  ]);
}

/** Every definite answer to one key says the same, and at most one of them is not a replay. */
function disagreements(records: readonly KeyRecord[]): string[] {
  const same = (a: Answer, b: Answer) => a.status === b.status && a.code === b.code && a.entryId === b.entryId;
  return records.flatMap((r) => {
    const [first] = r.answers;
    if (!first) return [];
    const problems = r.answers.filter((a) => !same(a, first)).map((a) => `${r.key}: ${first.status} ${first.entryId ?? first.code} then ${a.status} ${a.entryId ?? a.code}`);
    const executions = r.answers.filter((a) => !a.replayed).length;
    if (executions > 1) problems.push(`${r.key}: executed ${executions} times`);
    return problems;
  });
}

async function leafProblems(superuser: SqlRunner, koperasiId: string): Promise<string[]> {
  const rows = await superuser.query<{ id: string; status: string | null; leaves: number; leaf_data: Buffer | null; leaf_hash: Buffer | null }>(
    `SELECT coalesce(e.id, f.entry_id) AS id, e.status, count(f.entry_id) OVER (PARTITION BY coalesce(e.id, f.entry_id))::int AS leaves, f.leaf_data, f.leaf_hash
       FROM (SELECT id, status FROM journal_entry WHERE koperasi_id = $1 AND status = 'posted') e
       FULL JOIN (SELECT entry_id, leaf_data, leaf_hash FROM log_leaf WHERE koperasi_id = $1) f ON f.entry_id = e.id`,
    [koperasiId],
  );
  return rows.flatMap((r) => {
    if (r.status !== "posted") return [`leaf for ${r.id}, which is not a posted entry`];
    if (r.leaves !== 1 || !r.leaf_data || !r.leaf_hash) return [`entry ${r.id} has ${r.leaves} leaves`];
    return Buffer.from(leafHash(r.leaf_data)).equals(r.leaf_hash) ? [] : [`leaf of ${r.id}: hash does not match its data`];
  });
}

/** Voucher numbers (TRF/<book year>/<n>) run 1..n in each book year: the first place they do not, if any. */
function voucherGaps(transfers: Map<string, TransferEntry>): string[] {
  const byYear = new Map<string, number[]>();
  for (const entry of transfers.values()) {
    const [, year = "?", number = "NaN"] = (entry.voucherNo ?? "").split("/");
    byYear.set(year, [...(byYear.get(year) ?? []), Number(number)]);
  }
  return [...byYear].flatMap(([year, numbers]) => {
    const sorted = numbers.sort((a, b) => a - b);
    const gap = sorted.findIndex((n, i) => n !== i + 1);
    return gap === -1 ? [] : [`TRF/${year}: position ${gap + 1} holds ${sorted[gap]}`];
  });
}
