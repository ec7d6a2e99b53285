import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, type TestApp } from "../testing/harness";
import { ledgerKoperasi, type LedgerKoperasi } from "./test-support";

// PostgreSQL only: the same account requested many times at once (a double
// tap, two tellers) opens exactly one, because the member's row is locked
// before the duplicate check.

let t: TestApp;
let k: LedgerKoperasi;

beforeAll(async () => {
  t = await createTestApp();
  k = await ledgerKoperasi(t);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("opening a member account, concurrently", () => {
  it("8 concurrent requests for the same member and control account open one account; the others are told it exists", async () => {
    const memberId = uuidv7();
    await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
      trx.insertInto("member").values({ koperasi_id: k.koperasiId, id: memberId, member_number: "SERENTAK-1", full_name: "Anggota Serentak", joined_on: "2026-01-02" }).execute(),
    );
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.app.inject({
          method: "POST",
          url: `/api/v1/koperasi/${k.koperasiId}/member-accounts`,
          headers: { cookie: k.bendahara.cookie },
          payload: { memberId, accountId: k.account("2-1100") },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const r of responses.filter((r) => r.statusCode === 409)) expect(r.json()).toMatchObject({ code: "member_account_exists" });
    const rows = await t.db.superuser.query(`SELECT id FROM member_account WHERE koperasi_id = $1 AND member_id = $2`, [k.koperasiId, memberId]);
    expect(rows).toHaveLength(1);
  });
});
