import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { uuidv7 } from "@koperasi/domain";
import type { AppContext } from "../../context";
import { addToKoperasi, createKoperasi, createUser, sessionCookie } from "../../testing/harness";
import { seedChartOfAccounts } from "../chart";
import { openMemberAccount } from "../member-accounts";
import { postEntry } from "../post-entry";
import type { TransferClientJob, TransferClientResult } from "./transfer-client";

// Transfers through HTTP under load: a cooperative with funded member
// accounts and a signed-in bendahara, then many concurrent POST /transfers
// from a separate process. Used to measure the posting path (and by the
// benchmark); the server under test is whatever listens at baseUrl.

export interface TransferScenario {
  koperasiId: string;
  /** Cookie header of a signed-in bendahara (may transfer). */
  cookie: string;
  memberAccountIds: string[];
}

/** A fresh approved cooperative with `members` accounts under Simpanan Sukarela, each opened with `balance`. */
export async function prepareTransferScenario(ctx: AppContext, options: { members?: number; balance?: number } = {}): Promise<TransferScenario> {
  const members = options.members ?? 1000;
  const balance = options.balance ?? 100_000_000;
  const user = await createUser(ctx);
  const { koperasiId } = await createKoperasi(ctx, user.userId);
  await addToKoperasi(ctx, koperasiId, user.userId, ["pengurus"], ["bendahara"]);
  const memberAccountIds = await ctx.database.tenant({ koperasiId }, async (trx) => {
    await seedChartOfAccounts(trx, koperasiId, "ksp");
    const accounts = await trx.selectFrom("gl_account").select(["id", "code"]).where("koperasi_id", "=", koperasiId).execute();
    const idOf = (code: string) => accounts.find((a) => a.code === code)?.id ?? "";
    const ids: string[] = [];
    for (let i = 0; i < members; i++) {
      const memberId = uuidv7();
      const memberAccountId = uuidv7();
      await trx
        .insertInto("member")
        .values({ koperasi_id: koperasiId, id: memberId, member_number: `BEBAN-${String(i + 1).padStart(6, "0")}`, full_name: `Anggota ${i + 1}`, joined_on: "2026-01-02" })
        .execute();
      await openMemberAccount(trx, { koperasiId, id: memberAccountId, memberId, controlAccountId: idOf("2-1100"), now: ctx.now() });
      await postEntry(trx, {
        koperasiId,
        source: "opening_balance",
        businessDate: "2026-01-02",
        description: `Saldo awal anggota ${i + 1}`,
        createdBy: null,
        lines: [
          { accountId: idOf("1-1100"), debit: balance },
          { accountId: idOf("2-1100"), memberAccountId, credit: balance },
        ],
        postedAt: ctx.now(),
        newId: uuidv7,
      });
      ids.push(memberAccountId);
    }
    return ids;
  });
  return { koperasiId, cookie: await sessionCookie(ctx, user.email, user.password), memberAccountIds };
}

export interface TransferLoadOptions {
  baseUrl: string;
  scenario: TransferScenario;
  concurrency?: number;
  durationMs?: number;
  /** Upper bound on requests, whatever the time (every loop is bounded). */
  maxRequests?: number;
  maxAmount?: number;
}

export interface TransferLoadResult extends Omit<TransferClientResult, "latencies"> {
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** Runs the load from a forked process and summarises it: posted transfers per second and latency percentiles. */
export async function driveTransfers(options: TransferLoadOptions): Promise<TransferLoadResult> {
  const job: TransferClientJob = {
    baseUrl: options.baseUrl,
    koperasiId: options.scenario.koperasiId,
    cookie: options.scenario.cookie,
    memberAccountIds: options.scenario.memberAccountIds,
    concurrency: options.concurrency ?? 16,
    durationMs: options.durationMs ?? 10_000,
    maxRequests: options.maxRequests ?? 1_000_000,
    maxAmount: options.maxAmount ?? 10_000,
  };
  const child = fork(fileURLToPath(new URL("./transfer-client.ts", import.meta.url)), { execArgv: ["--import", "tsx"] });
  const result = await new Promise<TransferClientResult>((resolve, reject) => {
    child.once("message", (message) => resolve(message as TransferClientResult));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`transfer client exited with ${code}`)));
    child.send(job);
  });
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const { latencies: _l, ...counts } = result;
  return { ...counts, perSecond: (result.posted * 1000) / result.elapsedMs, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) };
}
