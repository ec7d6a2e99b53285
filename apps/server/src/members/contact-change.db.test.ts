import type { Transaction } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "@koperasi/db";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

// A member changing her own phone or e-mail over HTTP: the code goes to the
// new number or address, her record changes only when she confirms with it,
// and neither the pending table, the code table nor the audit log ever
// holds the new value in the clear.

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let kasir: Awaited<ReturnType<typeof signedInAs>>;
let siti: Awaited<ReturnType<typeof signedInAs>> & { memberId: string };
let budi: Awaited<ReturnType<typeof signedInAs>> & { memberId: string };
let familyMemberId: string;
// The clock moves on between tests, so the one-code-a-minute limit per target never gets in the way.
let offsetMs = 0;

const url = (path = "") => `/api/v1/koperasi/${admin.koperasiId}/members/me/contact-change${path}`;
const tenant = <T>(fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> => t.ctx.database.tenant({ koperasiId: admin.koperasiId }, fn);

function ask(cookie: string, payload: { channel: string; value: string }) {
  return t.app.inject({ method: "POST", url: url(), headers: { cookie }, payload });
}
function confirm(cookie: string, payload: { channel: string; code: string }) {
  return t.app.inject({ method: "POST", url: url("/confirm"), headers: { cookie }, payload });
}
function ownRecord(who: { cookie: string; memberId: string }) {
  return t.app.inject({ method: "GET", url: `/api/v1/koperasi/${admin.koperasiId}/members/${who.memberId}`, headers: { cookie: who.cookie } });
}

/** The six digits of the latest message sent to this number or address. */
async function codeSentTo(recipient: string): Promise<string> {
  const message = await t.ctx.database.db
    .selectFrom("outbound_message")
    .select("body")
    .where("recipient", "=", recipient)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  return /\b(\d{6})\b/.exec(message.body)![1]!;
}

async function memberWithLogin(fullName: string, phone: string, email: string) {
  const who = await signedInAs(t.ctx, ["anggota"], { koperasiId: admin.koperasiId });
  const created = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${admin.koperasiId}/members`,
    headers: { cookie: admin.cookie },
    payload: { fullName, phone, email },
  });
  expect(created.statusCode, created.body).toBe(201);
  const memberId = created.json().id as string;
  await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) => trx.updateTable("member").set({ user_id: who.userId }).where("id", "=", memberId).execute());
  return { ...who, memberId };
}

async function auditEntries() {
  return tenant<{ details: unknown; actor_user_id: string | null; target_id: string | null }[]>((trx) =>
    trx.selectFrom("audit_log").select(["details", "actor_user_id", "target_id"]).where("action", "=", "member.contact_change").orderBy("id").execute(),
  );
}

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(Date.now() + offsetMs) });
  admin = await signedInAs(t.ctx, ["admin"]);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
  siti = await memberWithLogin("Siti Rahmawati", "0812-3456-7001", "siti@contoh.id");
  budi = await memberWithLogin("Budi Santoso", "081234567002", "budi@contoh.id");
  const family = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${admin.koperasiId}/members`,
    headers: { cookie: admin.cookie },
    payload: { fullName: "Ibu Sumarni", phone: "+6281234567999" },
  });
  familyMemberId = family.json().id;
}, 120_000);

beforeEach(() => {
  offsetMs += 2 * 60 * 60 * 1000;
});

afterAll(async () => {
  await t?.close();
});

describe("a member changing her own phone", () => {
  it("sends the code to the new number, changes nothing until she confirms, then shows the new number", async () => {
    const sent = await ask(siti.cookie, { channel: "phone", value: "0813 1111 2222" });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toEqual({ channel: "phone", sentTo: "+62813****222", expiresAt: expect.any(String), sharedPhone: false });
    const code = await codeSentTo("+6281311112222");

    // Not yet: her record still has the old number.
    expect((await ownRecord(siti)).json().phone).toBe("+6281234567001");

    // Nothing in the clear: not the pending value, not the code's target.
    const pending = await tenant<Record<string, unknown>[]>((trx) => trx.selectFrom("member_contact_change").selectAll().where("member_id", "=", siti.memberId).execute());
    expect(pending).toHaveLength(1);
    expect(JSON.stringify(pending)).not.toMatch(/81311112222|1111.?2222/);
    expect(pending[0]!.value_sealed).toMatch(/^v1\./);
    const codes = await t.ctx.database.db.selectFrom("verification_code").selectAll().where("subject_id", "=", siti.memberId).execute();
    expect(codes.length).toBeGreaterThan(0);
    expect(JSON.stringify(codes)).not.toMatch(/81311112222/);

    const confirmed = await confirm(siti.cookie, { channel: "phone", code });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ id: siti.memberId, phone: "+6281311112222", phoneMasked: "+62813****222", identityVisible: true, sharedPhone: false });
    expect((await ownRecord(siti)).json().phone).toBe("+6281311112222");

    // Stored as a staff correction would: sealed, blind-indexed, findable by the new number only.
    const row = await tenant<{ phone_sealed: string | null }>((trx) => trx.selectFrom("member").select("phone_sealed").where("id", "=", siti.memberId).executeTakeFirstOrThrow());
    expect(row.phone_sealed).toMatch(/^v1\./);
    const found = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${admin.koperasiId}/members/search`, headers: { cookie: admin.cookie }, payload: { phone: "081311112222" } });
    expect(found.json().items.map((m: { id: string }) => m.id)).toEqual([siti.memberId]);
    expect(await tenant<unknown[]>((trx) => trx.selectFrom("member_contact_change").selectAll().where("member_id", "=", siti.memberId).execute())).toEqual([]);

    // Audited: which field, by whom — never the number.
    const audit = await auditEntries();
    expect(audit.at(-1)).toMatchObject({ actor_user_id: siti.userId, target_id: siti.memberId, details: { changed: ["phone"], verifiedBy: "code" } });
    expect(JSON.stringify(audit)).not.toMatch(/81311112222|81234567001/);

    // The code is spent.
    const again = await confirm(siti.cookie, { channel: "phone", code });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("contact_change_not_requested");
  });

  it("refuses a wrong code and changes nothing", async () => {
    const before = (await ownRecord(siti)).json().phone;
    expect((await ask(siti.cookie, { channel: "phone", value: "081322223333" })).statusCode).toBe(202);
    const code = await codeSentTo("+6281322223333");
    const wrong = await confirm(siti.cookie, { channel: "phone", code: code === "000000" ? "111111" : "000000" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: "code_invalid", errors: [{ path: "body.code" }] });
    expect((await ownRecord(siti)).json().phone).toBe(before);
  });

  it("refuses her current number and a number that is none, on the field", async () => {
    const current = (await ownRecord(siti)).json().phone as string;
    const same = await ask(siti.cookie, { channel: "phone", value: `0${current.slice(3)}` });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ code: "contact_unchanged", errors: [{ path: "body.value", code: "contact_unchanged" }] });
    expect(same.json().detail).toMatch(/sudah nomor HP Anda/);
    const invalid = await ask(siti.cookie, { channel: "phone", value: "12" });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: "phone_invalid", errors: [{ path: "body.value" }] });
  });

  it("warns about a phone another member has, and still allows it", async () => {
    const sent = await ask(budi.cookie, { channel: "phone", value: "0812-3456-7999" });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json().sharedPhone).toBe(true);
    const confirmed = await confirm(budi.cookie, { channel: "phone", code: await codeSentTo("+6281234567999") });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ phone: "+6281234567999", sharedPhone: true });
    expect(familyMemberId).toBeTruthy();
  });

  it("keeps only the latest request: the first code no longer confirms", async () => {
    expect((await ask(siti.cookie, { channel: "phone", value: "081344445555" })).statusCode).toBe(202);
    const first = await codeSentTo("+6281344445555");
    expect((await ask(siti.cookie, { channel: "phone", value: "081366667777" })).statusCode).toBe(202);
    const second = await codeSentTo("+6281366667777");
    const pending = await tenant<unknown[]>((trx) => trx.selectFrom("member_contact_change").selectAll().where("member_id", "=", siti.memberId).where("channel", "=", "phone").execute());
    expect(pending).toHaveLength(1);
    if (first !== second) expect((await confirm(siti.cookie, { channel: "phone", code: first })).statusCode).toBe(400);
    const confirmed = await confirm(siti.cookie, { channel: "phone", code: second });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().phone).toBe("+6281366667777");
  });
});

describe("a member changing her own e-mail", () => {
  it("sends the code to the new address and applies it in lower case on confirmation", async () => {
    const sent = await ask(siti.cookie, { channel: "email", value: "Siti.Baru@Contoh.ID" });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toMatchObject({ channel: "email", sentTo: "s***@contoh.id", sharedPhone: false });
    const code = await codeSentTo("siti.baru@contoh.id");
    expect((await ownRecord(siti)).json().email).toBe("siti@contoh.id");
    const pending = await tenant<Record<string, unknown>[]>((trx) => trx.selectFrom("member_contact_change").selectAll().where("member_id", "=", siti.memberId).execute());
    expect(JSON.stringify(pending)).not.toMatch(/siti\.baru/i);

    const confirmed = await confirm(siti.cookie, { channel: "email", code });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().email).toBe("siti.baru@contoh.id");
    const audit = await auditEntries();
    expect(audit.at(-1)).toMatchObject({ details: { changed: ["email"] } });
    expect(JSON.stringify(audit)).not.toMatch(/siti\.baru|siti@/i);
  });

  it("refuses an address that is none, and her current one", async () => {
    const invalid = await ask(siti.cookie, { channel: "email", value: "bukan-email" });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ errors: [{ path: "body.value", code: "invalid_email" }] });
    const same = await ask(siti.cookie, { channel: "email", value: "SITI.BARU@contoh.id" });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ code: "contact_unchanged", errors: [{ path: "body.value" }] });
  });
});

describe("whose code confirms what", () => {
  it("refuses a code sent for another channel or to another member", async () => {
    const before = (await ownRecord(siti)).json();
    expect((await ask(siti.cookie, { channel: "phone", value: "081388889999" })).statusCode).toBe(202);
    expect((await ask(siti.cookie, { channel: "email", value: "siti.lain@contoh.id" })).statusCode).toBe(202);
    expect((await ask(budi.cookie, { channel: "phone", value: "081377778888" })).statusCode).toBe(202);
    const phoneCode = await codeSentTo("+6281388889999");
    const emailCode = await codeSentTo("siti.lain@contoh.id");
    const budisCode = await codeSentTo("+6281377778888");

    if (emailCode !== phoneCode) expect((await confirm(siti.cookie, { channel: "phone", code: emailCode })).statusCode).toBe(400);
    if (budisCode !== phoneCode) expect((await confirm(siti.cookie, { channel: "phone", code: budisCode })).statusCode).toBe(400);
    const after = (await ownRecord(siti)).json();
    expect({ phone: after.phone, email: after.email }).toEqual({ phone: before.phone, email: before.email });
  });

  it("lets neither the kasir nor another member confirm for her", async () => {
    expect((await ask(siti.cookie, { channel: "email", value: "siti.ketiga@contoh.id" })).statusCode).toBe(202);
    const code = await codeSentTo("siti.ketiga@contoh.id");

    const byKasir = await confirm(kasir.cookie, { channel: "email", code });
    expect(byKasir.statusCode).toBe(403);
    expect((await ask(kasir.cookie, { channel: "email", value: "kasir.baru@contoh.id" })).statusCode).toBe(403);

    // Budi's own record has no e-mail change waiting; Siti's stays untouched.
    const byBudi = await confirm(budi.cookie, { channel: "email", code });
    expect(byBudi.statusCode).toBe(409);
    expect((await ownRecord(siti)).json().email).toBe("siti.baru@contoh.id");
    expect((await ownRecord(budi)).json().email).toBe("budi@contoh.id");

    // She still can.
    const mine = await confirm(siti.cookie, { channel: "email", code });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().email).toBe("siti.ketiga@contoh.id");
  });

  it("answers 409 when nothing waits, and refuses a member whose record is closed", async () => {
    const nothing = await confirm(budi.cookie, { channel: "email", code: "123456" });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().detail).toMatch(/Minta kode terlebih dahulu/);

    await tenant((trx) => trx.updateTable("member").set({ status: "keluar" }).where("id", "=", budi.memberId).execute());
    const closed = await ask(budi.cookie, { channel: "email", value: "budi.baru@contoh.id" });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe("member_not_open");
    await tenant((trx) => trx.updateTable("member").set({ status: "aktif" }).where("id", "=", budi.memberId).execute());
  });

  it("limits codes to one number, with Retry-After", async () => {
    expect((await ask(budi.cookie, { channel: "phone", value: "081355556666" })).statusCode).toBe(202);
    const soon = await ask(budi.cookie, { channel: "phone", value: "081355556666" });
    expect(soon.statusCode).toBe(429);
    expect(soon.json().code).toBe("code_rate_limited");
    expect(Number(soon.headers["retry-after"])).toBeGreaterThan(0);
  });
});
