import type { Bank } from "./bank-setup";
import type { Random } from "./random";
import { sleep } from "./server-process";

// A Jepsen-style "bank" workload over HTTP. Concurrent clients, each acting
// as one bendahara, move random amounts between member accounts through
// POST /koperasi/:id/transfers and behave like real clients on a bad network:
// - a request that gets no answer (timeout, connection refused or reset —
//   the server may be dead) is retried with the SAME Idempotency-Key and body
//   until a definite answer comes, as is 409 idempotency_in_progress and 5xx;
// - some requests use a very short timeout, so the client gives up while
//   the server may still commit: the retry must then get the stored answer;
// - some transfers are sent two or three times at once with one key;
// - settled keys are sent again later (the stored answer must come back, a
//   refusal included) and a few with another body (422 idempotency_key_reused);
// - a few amounts exceed all the money in the bank (must be refused).
// Every answer is recorded per key; bank-checks.ts compares that history with
// what the database holds.

export interface TransferBody {
  fromMemberAccountId: string;
  toMemberAccountId: string;
  amount: number;
}

/** A definite answer: one that will not change if the same request is sent again. */
export interface Answer {
  status: number;
  code?: string | undefined;
  /** The journal entry a 201 names. */
  entryId?: string | undefined;
  /** The amount and member accounts of that entry's lines, as answered. */
  lines?: { memberAccountId: string | null; debit: number; credit: number }[] | undefined;
  /** Idempotent-Replayed: true — the stored answer of an earlier execution. */
  replayed: boolean;
}

export interface KeyRecord {
  key: string;
  /** Index into bank.tellers: keys are scoped per user. */
  teller: number;
  body: TransferBody;
  /** More than all the money in the bank: can only be refused. */
  overdraft: boolean;
  /** Definite answers to `body`, in the order they arrived. */
  answers: Answer[];
  /** Definite answers to another body sent with this key later. */
  reuseAnswers: Answer[];
  /**
   * Attempts with this body that were sent but got no answer (timed out, or
   * the connection dropped mid-request): the server may have committed them.
   */
  interrupted: number;
}

export type KeyOutcome = "acknowledged" | "refused" | "unsettled" | "unexpected";

/** What the first definite answer said; every later one must say the same (bank-checks.ts). */
export function outcomeOf(record: KeyRecord): KeyOutcome {
  const first = record.answers[0];
  if (!first) return "unsettled";
  if (first.status === 201 && first.entryId) return "acknowledged";
  if (first.status === 409 && first.code === "insufficient_balance") return "refused";
  return "unexpected";
}

export interface WorkloadMix {
  /** Share of fresh transfers sent 2–3 times at once with one key. */
  concurrentDuplicates: number;
  /** Share of operations that resend a settled key with its body. */
  replays: number;
  /** Share of operations that send a settled key with another body. */
  reuses: number;
  /** Share of fresh transfers whose amount exceeds all the money in the bank. */
  overdrafts: number;
  /** Share of attempts sent with a timeout of a few milliseconds. */
  shortTimeouts: number;
  /** Timeout of an ordinary attempt. */
  requestTimeoutMs: number;
}

export const DEFAULT_MIX: WorkloadMix = {
  concurrentDuplicates: 0.1,
  replays: 0.1,
  reuses: 0.04,
  overdrafts: 0.04,
  shortTimeouts: 0.06,
  requestTimeoutMs: 15_000,
};

export interface WorkloadCounts {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Fresh keys (distinct transfers asked for). */
  transfers: number;
  timeouts: number;
  /** Connection refused: no server listening (it was dead or starting). */
  refusedConnections: number;
  /** Connection dropped mid-request: the server died while handling it. */
  cutConnections: number;
  inProgress: number;
  serverErrors: number;
  /** First lines of 5xx bodies and answers nobody expected, for the report. */
  anomalies: string[];
}

export interface Workload {
  records: KeyRecord[];
  counts: WorkloadCounts;
}

export interface WorkloadRun {
  /** Where the server answers now (it may move to another process after a kill). */
  baseUrl: () => string;
  bank: Bank;
  /** Cookie header per teller. */
  cookies: string[];
  clients: number;
  seed: number;
  mix: WorkloadMix;
  random: Random;
  /** No new operations once true (each client still completes its opening round, see OPENING). */
  stopping: () => boolean;
  /** Called with every definite answer (the chaos loop waits for one before it kills). */
  onAnswer?: ((answer: Answer) => void) | undefined;
  /** Past this instant (performance.now()), a key still without a definite answer is left unsettled. */
  giveUpAt: () => number;
}

export async function runBankWorkload(run: WorkloadRun): Promise<Workload> {
  const workload: Workload = {
    records: [],
    counts: { requests: 0, transfers: 0, timeouts: 0, refusedConnections: 0, cutConnections: 0, inProgress: 0, serverErrors: 0, anomalies: [] },
  };
  const streams = Array.from({ length: run.clients }, () => ({ plan: run.random.fork(), noise: run.random.fork() }));
  await Promise.all(streams.map((stream, index) => client(run, workload, index, stream.plan, stream.noise)));
  return workload;
}

type Operation = "transfer" | "duplicate" | "overdraft" | "replay" | "reuse";

/**
 * Every client starts with one operation of each kind, so that every kind
 * happens in every run however slow the machine; then it draws them by the mix.
 */
const OPENING: readonly Operation[] = ["transfer", "duplicate", "replay", "reuse", "overdraft"];

/**
 * One client: a sequence of operations decided by `plan` alone, so a seed
 * replays the same plan; `noise` (timeouts, back-off) depends on how many
 * retries timing caused and is kept apart.
 */
async function client(run: WorkloadRun, workload: Workload, index: number, plan: Random, noise: Random): Promise<void> {
  const teller = index % run.bank.tellers.length;
  const mine: KeyRecord[] = [];
  let n = 0;
  const send = async (record: KeyRecord, body: TransferBody) => {
    const answer = await settle(run, workload, record, body, noise);
    if (answer) run.onAnswer?.(answer);
    return answer;
  };

  for (let step = 0; step < OPENING.length || !run.stopping(); step += 1) {
    const settled = mine.filter((r) => r.answers.length > 0);
    const operation = OPENING[step] ?? nextOperation(run.mix, plan);
    if ((operation === "replay" || operation === "reuse") && settled.length > 0) {
      const record = plan.pick(settled);
      if (operation === "replay") {
        const answer = await send(record, record.body);
        if (answer) record.answers.push(answer);
      } else {
        const answer = await send(record, { ...record.body, amount: record.body.amount + 1 });
        if (answer) record.reuseAnswers.push(answer);
      }
      continue;
    }
    n += 1;
    const record = freshTransfer(run, plan, `bank-${run.seed}-c${index}-${n}`, teller, operation === "overdraft" || plan.chance(run.mix.overdrafts));
    workload.records.push(record);
    mine.push(record);
    workload.counts.transfers += 1;
    const copies = operation === "duplicate" || plan.chance(run.mix.concurrentDuplicates) ? plan.int(2, 3) : 1;
    const answers = await Promise.all(Array.from({ length: copies }, () => send(record, record.body)));
    for (const answer of answers) if (answer) record.answers.push(answer);
  }
}

function nextOperation(mix: WorkloadMix, plan: Random): Operation {
  const roll = plan.int(0, 999_999) / 1_000_000;
  if (roll < mix.replays) return "replay";
  if (roll < mix.replays + mix.reuses) return "reuse";
  return "transfer";
}

function freshTransfer(run: WorkloadRun, plan: Random, key: string, teller: number, overdraft: boolean): KeyRecord {
  const { accounts, total } = run.bank;
  const from = plan.int(0, accounts.length - 1);
  const to = (from + plan.int(1, accounts.length - 1)) % accounts.length;
  const average = Math.max(1, Math.floor(total / accounts.length));
  // Mostly small amounts, some up to an average balance (refused once an account runs low).
  const amount = overdraft ? total + plan.int(1, average) : plan.chance(0.75) ? plan.int(1, Math.max(1, Math.floor(average / 10))) : plan.int(1, average);
  return {
    key,
    teller,
    body: { fromMemberAccountId: accountId(run, from), toMemberAccountId: accountId(run, to), amount },
    overdraft,
    answers: [],
    reuseAnswers: [],
    interrupted: 0,
  };
}

function accountId(run: WorkloadRun, index: number): string {
  const account = run.bank.accounts[index];
  if (!account) throw new Error(`no account ${index}`);
  return account.memberAccountId;
}

/**
 * Sends until a definite answer; retries keep the key and the body. Returns
 * undefined when the run gives up first (the key stays unsettled: it may or
 * may not have been posted, and the checks allow either, once).
 */
async function settle(run: WorkloadRun, workload: Workload, record: KeyRecord, body: TransferBody, noise: Random): Promise<Answer | undefined> {
  const cookie = run.cookies[record.teller] ?? "";
  for (let attempt = 1; ; attempt += 1) {
    if (performance.now() > run.giveUpAt()) return undefined;
    const timeoutMs = noise.chance(run.mix.shortTimeouts) ? noise.int(1, 40) : run.mix.requestTimeoutMs;
    workload.counts.requests += 1;
    const sent = await postTransfer(`${run.baseUrl()}/api/v1/koperasi/${run.bank.koperasiId}/transfers`, cookie, record.key, body, timeoutMs);
    if (sent.kind === "answer") {
      if (sent.answer.status < 500 && sent.answer.code !== "idempotency_in_progress") return sent.answer;
      if (sent.answer.status >= 500) {
        workload.counts.serverErrors += 1;
        if (workload.counts.anomalies.length < 20) workload.counts.anomalies.push(`${record.key}: ${sent.answer.status} ${sent.answer.code ?? ""}`);
      } else {
        workload.counts.inProgress += 1;
      }
    } else if (sent.kind === "refused") {
      workload.counts.refusedConnections += 1;
    } else {
      workload.counts[sent.kind === "timeout" ? "timeouts" : "cutConnections"] += 1;
      if (body === record.body) record.interrupted += 1;
    }
    // Exponential back-off with jitter, at most a second: a restarting server is back within seconds.
    const ceiling = Math.min(1_000, 10 * 2 ** Math.min(attempt, 7));
    await sleep(noise.int(Math.floor(ceiling / 2), ceiling));
  }
}

type Sent = { kind: "answer"; answer: Answer } | { kind: "timeout" } | { kind: "refused" } | { kind: "cut" };

async function postTransfer(url: string, cookie: string, key: string, body: TransferBody, timeoutMs: number): Promise<Sent> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { cookie, "idempotency-key": key, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { kind: "answer", answer: answerOf(res.status, res.headers.get("idempotent-replayed") === "true", text) };
  } catch (error) {
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return { kind: "timeout" };
    // fetch wraps the socket's error: ECONNREFUSED before the request left, anything else after.
    const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
    return { kind: cause?.code === "ECONNREFUSED" ? "refused" : "cut" };
  }
}

interface EntryBody {
  id?: unknown;
  code?: unknown;
  lines?: { memberAccountId: string | null; debit: number; credit: number }[];
}

function answerOf(status: number, replayed: boolean, text: string): Answer {
  let parsed: EntryBody = {};
  try {
    parsed = JSON.parse(text) as EntryBody;
  } catch {
    // A body that is not JSON (a proxy's error page, say) still has a status.
  }
  return {
    status,
    replayed,
    code: typeof parsed.code === "string" ? parsed.code : undefined,
    entryId: status === 201 && typeof parsed.id === "string" ? parsed.id : undefined,
    lines: status === 201 ? parsed.lines?.map((l) => ({ memberAccountId: l.memberAccountId, debit: l.debit, credit: l.credit })) : undefined,
  };
}
