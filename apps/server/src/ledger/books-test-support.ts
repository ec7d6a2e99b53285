// Shared by the tests of closing the books and attachments only.
import { expect } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import type { TestApp } from "../testing/harness";
import { headers, type LedgerKoperasi, type Person } from "./test-support";

export interface JournalLineSpec {
  code: string;
  debit?: number;
  credit?: number;
}

/** POST with a fresh Idempotency-Key (or the one given). */
export function postAs(t: TestApp, person: Person, url: string, body?: unknown, key: string = uuidv7()) {
  return t.app.inject({ method: "POST", url, headers: headers(person, key), ...(body === undefined ? {} : { payload: body as object }) });
}

/** A manual journal by the bendahara, left pending; returns its id. */
export async function pendingJournal(t: TestApp, k: LedgerKoperasi, businessDate: string, description: string, lines: readonly JournalLineSpec[]): Promise<string> {
  const created = await postAs(t, k.bendahara, `/api/v1/koperasi/${k.koperasiId}/journals`, {
    businessDate,
    description,
    lines: lines.map((line) => ({ accountId: k.account(line.code), debit: line.debit, credit: line.credit })),
  });
  expect(created.statusCode, created.body).toBe(201);
  return (created.json() as { id: string }).id;
}

/** A manual journal made by the bendahara and approved by the ketua; returns the posted entry. */
export async function postedJournal(
  t: TestApp,
  k: LedgerKoperasi,
  businessDate: string,
  description: string,
  lines: readonly JournalLineSpec[],
): Promise<{ id: string; voucherNo: string }> {
  const id = await pendingJournal(t, k, businessDate, description, lines);
  const approved = await postAs(t, k.ketua, `/api/v1/koperasi/${k.koperasiId}/journals/${id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json() as { id: string; voucherNo: string };
}

/** The cooperative's audit records of one action, oldest first. */
export async function auditOf(t: TestApp, koperasiId: string, action: string) {
  return t.ctx.database.tenant({ koperasiId }, (trx) =>
    trx
      .selectFrom("audit_log")
      .select(["actor_user_id", "target_id", "details"])
      .where("koperasi_id", "=", koperasiId)
      .where("action", "=", action)
      .orderBy("id")
      .execute(),
  );
}
