import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { auditOf } from "./books-test-support";
import { createGlAccount } from "./accounts";
import { commandFor } from "../command/test-command";
import { ledgerKoperasi, type LedgerKoperasi, type Person } from "./test-support";

// Opening a member's account (the generic sub-ledger under a control
// account) over HTTP: who may, what it refuses, and that the new account
// takes postings through its control account.

let t: TestApp;
let k: LedgerKoperasi;
let kasir: Person;
let pengawas: Person;
const base = () => `/api/v1/koperasi/${k.koperasiId}`;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date("2026-03-16T03:00:00.000Z") });
  k = await ledgerKoperasi(t);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k.koperasiId });
  pengawas = await signedInAs(t.ctx, ["pengawas"], { koperasiId: k.koperasiId });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

let memberCounter = 0;
async function member(status: "aktif" | "calon" | "keluar" = "aktif"): Promise<string> {
  memberCounter += 1;
  const id = uuidv7();
  await t.ctx.database.tenant({ koperasiId: k.koperasiId }, (trx) =>
    trx
      .insertInto("member")
      .values({ koperasi_id: k.koperasiId, id, member_number: `BUKA-${String(memberCounter).padStart(4, "0")}`, full_name: `Calon Penabung ${memberCounter}`, status, joined_on: "2026-01-02" })
      .execute(),
  );
  return id;
}

const open = (body: unknown, who: Person = kasir) => t.app.inject({ method: "POST", url: `${base()}/member-accounts`, headers: { cookie: who.cookie }, payload: body as object });

describe("opening a member account", () => {
  it("lets the kasir open Simpanan Sukarela for an active member, at zero, audited", async () => {
    const memberId = await member();
    const res = await open({ memberId, accountId: k.account("2-1100") });
    expect(res.statusCode, res.body).toBe(201);
    const account = res.json();
    expect(account).toMatchObject({ memberId, memberNumber: "BUKA-0001", accountId: k.account("2-1100"), accountCode: "2-1100", accountName: "Simpanan Sukarela", balance: 0, status: "open" });
    expect(account).not.toHaveProperty("memberUserId");
    expect(await auditOf(t, k.koperasiId, "ledger.member_account_open")).toEqual([
      expect.objectContaining({ actor_user_id: kasir.userId, target_id: account.id, details: { memberNumber: "BUKA-0001", accountCode: "2-1100" } }),
    ]);
    // It is a real sub-ledger: its statement answers, at zero.
    const statement = await t.app.inject({ url: `${base()}/member-accounts/${account.id}/statement`, headers: { cookie: pengawas.cookie } });
    expect(statement.json()).toMatchObject({ openingBalance: 0, closingBalance: 0, items: [] });
  });

  it("opens one account per member and control account, and others under other control accounts", async () => {
    const memberId = await member();
    expect((await open({ memberId, accountId: k.account("3-1100") })).statusCode).toBe(201);
    const twice = await open({ memberId, accountId: k.account("3-1100") }, k.bendahara);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: "member_account_exists", errors: [{ path: "body.accountId" }] });
    expect((await open({ memberId, accountId: k.account("3-1200") })).statusCode).toBe(201);
  });

  it("refuses an account that is not a control account, a group, a closed or unknown one", async () => {
    const memberId = await member();
    for (const code of ["1-1100", "4-1100", "2-0000"]) {
      const res = await open({ memberId, accountId: k.account(code) });
      expect(res.statusCode, code).toBe(422);
      expect(res.json(), code).toMatchObject({
        code: "account_not_control",
        detail: "Rekening anggota hanya dapat dibuka di bawah akun kontrol (mis. Simpanan Sukarela).",
        errors: [{ path: "body.accountId" }],
      });
    }
    const closedControl = await t.ctx.database.tenant({ koperasiId: k.koperasiId }, async (trx) => {
      const cmd = await commandFor(trx, { koperasiId: k.koperasiId, userId: k.bendahara.userId });
      const row = await createGlAccount(cmd, { code: "2-1500", name: "Simpanan Khusus", type: "liabilitas", isControl: true });
      await trx.updateTable("gl_account").set({ status: "closed", closed_at: new Date() }).where("id", "=", row.id).execute();
      return row.id;
    });
    expect((await open({ memberId, accountId: closedControl })).json()).toMatchObject({ status: 422, code: "account_closed" });
    expect((await open({ memberId, accountId: uuidv7() })).json()).toMatchObject({ status: 422, code: "account_unknown", errors: [{ path: "body.accountId" }] });
  });

  it("refuses a member who is not active, or does not exist", async () => {
    for (const status of ["calon", "keluar"] as const) {
      const res = await open({ memberId: await member(status), accountId: k.account("2-1100") });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: "member_not_active", detail: "Rekening hanya dapat dibuka untuk anggota aktif.", errors: [{ path: "body.memberId" }] });
    }
    expect((await open({ memberId: uuidv7(), accountId: k.account("2-1100") })).json()).toMatchObject({ status: 422, code: "member_unknown" });
  });

  it("is refused to the pengawas and the ketua, and to malformed requests", async () => {
    const memberId = await member();
    expect((await open({ memberId, accountId: k.account("2-1100") }, pengawas)).statusCode).toBe(403);
    expect((await open({ memberId, accountId: k.account("2-1100") }, k.ketua)).statusCode).toBe(403);
    expect((await open({ memberId, accountId: "bukan-uuid" })).statusCode).toBe(400);
    expect((await open({ memberId, accountId: k.account("2-1100"), balance: 5 })).statusCode).toBe(400);
  });
});
