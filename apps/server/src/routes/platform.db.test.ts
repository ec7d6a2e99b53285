import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { requireApproved } from "../registration/approval";
import {
  PDF_BYTES,
  latestCode,
  multipart,
  registrationBody,
  startRegistration,
  submit,
  verify,
  type Started,
} from "../registration/test-support";
import { createTestApp, createUser, sessionCookie, signedInAs, type TestApp } from "../testing/harness";

// The operator's console on a deployment that reviews registrations
// (autoApprove off), with no SMTP or SMS gateway: codes are read from the
// outbox, as the embedded default's operator would.

let t: TestApp;
let operatorCookie: string;
let operatorId: string;
const OPERATOR_EMAIL = "operator@platform.contoh.id";

beforeAll(async () => {
  t = await createTestApp({ config: { autoApprove: false, operatorEmail: OPERATOR_EMAIL } });
  const operator = await createUser(t.ctx, { email: OPERATOR_EMAIL, name: "Operator Platform" });
  await t.ctx.database.db.insertInto("platform_operator").values({ user_id: operator.userId }).execute();
  operatorId = operator.userId;
  operatorCookie = await sessionCookie(t.ctx, operator.email, operator.password);
});
afterAll(async () => {
  await t?.close();
});

const outboxAsOperator = async () => {
  const res = await t.app.inject({ url: "/api/v1/platform/outbox", headers: { cookie: operatorCookie } });
  expect(res.statusCode).toBe(200);
  return res.json() as { id: string; channel: string; recipient: string; subject: string | null; body: string; status: string; createdAt: string }[];
};

/** Registers a cooperative to the end, reading both codes from GET /platform/outbox. */
async function registerPending(): Promise<{ started: Started; koperasiId: string; cookie: string }> {
  const started = await startRegistration(t.app, registrationBody());
  const pdf = multipart("file", "akta.pdf", "application/pdf", PDF_BYTES);
  await t.app.inject({ method: "PUT", url: `/api/v1/registrations/${started.id}/documents/akta`, headers: { "x-resume-token": started.token, ...pdf.headers }, payload: pdf.payload });
  const outbox = await outboxAsOperator();
  for (const [channel, to] of [
    ["email", started.email],
    ["phone", started.phone],
  ] as const) {
    const message = outbox.find((m) => m.recipient === to && m.status === "held");
    const code = /\b(\d{6})\b/.exec(message!.body)![1]!;
    expect((await verify(t.app, started, channel, code)).statusCode).toBe(200);
  }
  const res = await submit(t.app, started);
  expect(res.statusCode).toBe(201);
  const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  return { started, koperasiId: res.json().koperasi.id, cookie: cookies };
}

describe("platform routes are for the operator only", () => {
  it("answers 401 without a session and 403 for a cooperative admin", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    for (const [method, url] of [
      ["GET", "/api/v1/platform/registrations"],
      ["GET", "/api/v1/platform/outbox"],
      ["POST", `/api/v1/platform/koperasi/${admin.koperasiId}/review`],
    ] as const) {
      const payload = method === "POST" ? { decision: "approve" } : undefined;
      const anonymous = await t.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(anonymous.statusCode).toBe(401);
      const notOperator = await t.app.inject({ method, url, headers: { cookie: admin.cookie }, ...(payload ? { payload } : {}) });
      expect(notOperator.statusCode).toBe(403);
      expect(notOperator.json().detail).toBe("Hanya operator platform yang dapat melakukan ini.");
    }
  });
});

describe("reviewing a registration", () => {
  it("lists a submitted cooperative as pending with its documents, and keeps money features locked", async () => {
    const { started, koperasiId } = await registerPending();
    const res = await t.app.inject({ url: "/api/v1/platform/registrations", headers: { cookie: operatorCookie } });
    expect(res.statusCode).toBe(200);
    const entry = (res.json() as { id: string }[]).find((k) => k.id === koperasiId);
    expect(entry).toMatchObject({
      status: "pending",
      name: started.body.koperasi.name,
      nomorBadanHukum: started.body.koperasi.nomorBadanHukum,
      documents: [{ kind: "akta", fileName: "akta.pdf", id: expect.any(String) }],
    });
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").selectAll().where("id", "=", koperasiId).executeTakeFirstOrThrow();
    expect(() => requireApproved(koperasi)).toThrowError(expect.objectContaining({ status: 403, code: "koperasi_not_approved" }));

    // The admin was told it is pending; the operator was told there is work.
    const outbox = await outboxAsOperator();
    expect(outbox.find((m) => m.recipient === started.email && m.subject === `Pendaftaran ${started.body.koperasi.name} diterima`)?.body).toContain("sedang ditinjau");
    expect(outbox.some((m) => m.recipient === OPERATOR_EMAIL && m.subject?.includes(String(started.body.koperasi.name)))).toBe(true);
  });

  it("lets the operator open a document (recorded in the cooperative's audit log)", async () => {
    const { koperasiId } = await registerPending();
    const list = (await t.app.inject({ url: "/api/v1/platform/registrations", headers: { cookie: operatorCookie } })).json() as { id: string; documents: { id: string }[] }[];
    const fileId = list.find((k) => k.id === koperasiId)!.documents[0]!.id;
    const res = await t.app.inject({ url: `/api/v1/platform/koperasi/${koperasiId}/documents/${fileId}`, headers: { cookie: operatorCookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(Buffer.compare(res.rawPayload, PDF_BYTES)).toBe(0);
    const audit = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("audit_log").selectAll().where("action", "=", "operator.access").execute());
    expect(audit).toEqual([expect.objectContaining({ actor_user_id: operatorId, actor_role: "operator", target_id: fileId })]);
    const missing = await t.app.inject({ url: `/api/v1/platform/koperasi/${koperasiId}/documents/${uuidv7()}`, headers: { cookie: operatorCookie } });
    expect(missing.statusCode).toBe(404);
  });

  it("approves: status, audit entry by the operator, and an e-mail to the admin; money features unlock", async () => {
    const { started, koperasiId } = await registerPending();
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/platform/koperasi/${koperasiId}/review`,
      headers: { cookie: operatorCookie },
      payload: { decision: "approve", note: "Dokumen lengkap." },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: koperasiId, status: "approved" });
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").selectAll().where("id", "=", koperasiId).executeTakeFirstOrThrow();
    expect(koperasi).toMatchObject({ status: "approved", review_note: "Dokumen lengkap.", reviewed_by: operatorId });
    expect(() => requireApproved(koperasi)).not.toThrow();
    const audit = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("audit_log").selectAll().where("action", "=", "koperasi.approved").execute());
    expect(audit).toEqual([expect.objectContaining({ actor_user_id: operatorId, actor_role: "operator", details: { note: "Dokumen lengkap.", previousStatus: "pending" } })]);
    const mail = (await outboxAsOperator()).find((m) => m.recipient === started.email && m.subject === `Pendaftaran ${started.body.koperasi.name} disetujui`);
    expect(mail?.body).toContain("DISETUJUI");

    const list = (await t.app.inject({ url: "/api/v1/platform/registrations", headers: { cookie: operatorCookie } })).json() as { id: string }[];
    expect(list.some((k) => k.id === koperasiId)).toBe(false);
    const again = await t.app.inject({ method: "POST", url: `/api/v1/platform/koperasi/${koperasiId}/review`, headers: { cookie: operatorCookie }, payload: { decision: "reject", note: "x" } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("koperasi_not_pending");
  });

  it("rejects only with a reason, and tells the admin why", async () => {
    const { started, koperasiId } = await registerPending();
    const noNote = await t.app.inject({ method: "POST", url: `/api/v1/platform/koperasi/${koperasiId}/review`, headers: { cookie: operatorCookie }, payload: { decision: "reject" } });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors).toEqual([expect.objectContaining({ path: "body.note", code: "required" })]);
    const bad = await t.app.inject({ method: "POST", url: `/api/v1/platform/koperasi/${koperasiId}/review`, headers: { cookie: operatorCookie }, payload: { decision: "maybe" } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain("Keputusan harus approve atau reject.");

    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/platform/koperasi/${koperasiId}/review`,
      headers: { cookie: operatorCookie },
      payload: { decision: "reject", note: "SK badan hukum tidak terbaca." },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe("rejected");
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").selectAll().where("id", "=", koperasiId).executeTakeFirstOrThrow();
    expect(() => requireApproved(koperasi)).toThrowError(expect.objectContaining({ code: "koperasi_not_approved" }));
    const mail = (await outboxAsOperator()).find((m) => m.recipient === started.email && m.subject?.endsWith("ditolak"));
    expect(mail?.body).toContain("Catatan operator: SK badan hukum tidak terbaca.");
    const audit = await t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("audit_log").select("action").orderBy("created_at").execute());
    expect(audit.map((a) => a.action)).toEqual(["koperasi.registered", "koperasi.rejected"]);
  });

  it("answers 404 for an unknown cooperative and 400 for a malformed id", async () => {
    const unknown = await t.app.inject({ method: "POST", url: `/api/v1/platform/koperasi/${uuidv7()}/review`, headers: { cookie: operatorCookie }, payload: { decision: "approve" } });
    expect(unknown.statusCode).toBe(404);
    const malformed = await t.app.inject({ method: "POST", url: "/api/v1/platform/koperasi/abc/review", headers: { cookie: operatorCookie }, payload: { decision: "approve" } });
    expect(malformed.statusCode).toBe(400);
  });
});

describe("the outbox", () => {
  it("shows the latest messages first, codes included, when no transport is configured", async () => {
    const started = await startRegistration(t.app, registrationBody());
    const outbox = await outboxAsOperator();
    expect(outbox.length).toBeLessThanOrEqual(200);
    const times = outbox.map((m) => m.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    const sms = outbox.find((m) => m.recipient === started.phone);
    expect(sms).toMatchObject({ channel: "sms", status: "held", subject: null });
    expect(sms!.body).toContain(await latestCode(t.ctx, started.phone));
  });
});
