import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { hashInvitationToken } from "../accounts/invitation-token";
import { cookiesFrom, createTestApp, createUser, sessionCookie, signedInAs, type TestApp } from "../testing/harness";

let t: TestApp;
let now = new Date();
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});
afterAll(async () => {
  await t?.close();
});

let ip = 0;
function call(method: "GET" | "POST" | "DELETE", url: string, opts: { cookie?: string; payload?: unknown } = {}) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: opts.cookie ? { cookie: opts.cookie } : {},
    ...(opts.payload !== undefined ? { payload: opts.payload as Record<string, unknown> } : {}),
    remoteAddress: `10.3.${Math.floor((ip += 1) / 250)}.${ip % 250}`,
  });
}


/** The invitation link's token, as the recipient reads it in the outbox. */
async function tokenSentTo(recipient: string): Promise<string> {
  const messages = await t.ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "=", recipient).orderBy("created_at", "desc").execute();
  const match = /\/undangan\/([0-9a-f-]{36}\.[A-Za-z0-9_-]{43})/.exec(messages[0]?.body ?? "");
  if (!match) throw new Error(`no invitation link for ${recipient}`);
  return match[1]!;
}

const tables = {
  invitation: (koperasiId: string) => t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("invitation").selectAll().execute()),
  koperasi_user: (koperasiId: string) => t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("koperasi_user").selectAll().execute()),
  member: (koperasiId: string) => t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("member").selectAll().execute()),
  audit_log: (koperasiId: string) => t.ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("audit_log").selectAll().execute()),
};

describe("creating invitations", () => {
  it("invites by email with a link, stores only a keyed hash, and audits it", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const res = await call("POST", `/koperasi/${admin.koperasiId}/invitations`, {
      cookie: admin.cookie,
      payload: { name: "Budi Hartono", email: "Budi@Contoh.id", role: "pengurus", position: "Bendahara" },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: "Budi Hartono", email: "budi@contoh.id", phone: null, role: "pengurus", position: "bendahara", status: "pending" });
    const expiresIn = new Date(res.json().expiresAt).getTime() - now.getTime();
    expect(expiresIn).toBe(7 * 24 * 60 * 60 * 1000);

    const [mail] = await t.ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "=", "budi@contoh.id").execute();
    expect(mail).toMatchObject({ channel: "email", koperasi_id: admin.koperasiId, subject: expect.stringContaining("Undangan bergabung") });
    expect(mail!.body).toContain(`${t.ctx.config.publicUrl}/undangan/${admin.koperasiId}.`);
    expect(mail!.body).toContain("Pengurus (Bendahara)");
    // Whitelabel: the HTML version wears the cooperative's name and colour.
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").select(["name", "primary_color", "slug"]).where("id", "=", admin.koperasiId).executeTakeFirstOrThrow();
    expect(mail!.html).toContain(koperasi.name);
    expect(mail!.html).toContain(`background:${koperasi.primary_color}`);
    expect(mail!.html).toContain(`/k/${koperasi.slug}/`);

    const token = await tokenSentTo("budi@contoh.id");
    const [row] = await tables.invitation(admin.koperasiId);
    expect(row!.token_hash).toBe(hashInvitationToken(token, t.ctx.secrets.tokenPepper));
    expect(JSON.stringify(row)).not.toContain(token.split(".")[1]);

    const audit = (await tables.audit_log(admin.koperasiId)).find((a) => a.action === "invitation.create");
    expect(audit).toMatchObject({ actor_user_id: admin.userId, target_id: res.json().id });
  });

  it("invites by phone with an SMS, and replaces a pending invitation to the same address", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const first = await call("POST", `/koperasi/${k}/invitations`, { cookie: admin.cookie, payload: { name: "Wati", phone: "0812-3333-4444", role: "kasir" } });
    expect(first.statusCode).toBe(201);
    expect(first.json().phone).toBe("+6281233334444");
    const [sms] = await t.ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "=", "+6281233334444").execute();
    expect(sms).toMatchObject({ channel: "sms" });
    expect(sms!.body).toMatch(/\/undangan\//);

    const second = await call("POST", `/koperasi/${k}/invitations`, { cookie: admin.cookie, payload: { name: "Wati", phone: "+6281233334444", role: "kasir" } });
    expect(second.statusCode).toBe(201);
    const list = (await call("GET", `/koperasi/${k}/invitations`, { cookie: admin.cookie })).json();
    expect(list.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      [second.json().id, "pending"],
      [first.json().id, "revoked"],
    ]);
  });

  it("lets ketua and sekretaris invite, but only an admin invites an admin", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const sekretaris = await signedInAs(t.ctx, ["pengurus"], { koperasiId: k, positions: ["sekretaris"] });
    const ok = await call("POST", `/koperasi/${k}/invitations`, { cookie: sekretaris.cookie, payload: { name: "Anggota Baru", email: "baru@contoh.id", role: "anggota" } });
    expect(ok.statusCode).toBe(201);
    const adminInvite = await call("POST", `/koperasi/${k}/invitations`, { cookie: sekretaris.cookie, payload: { name: "Calon Admin", email: "calon.admin@contoh.id", role: "admin" } });
    expect(adminInvite.statusCode).toBe(403);
    expect(await t.ctx.database.db.selectFrom("outbound_message").select("id").where("recipient", "=", "calon.admin@contoh.id").execute()).toHaveLength(0);
    expect((await call("POST", `/koperasi/${k}/invitations`, { cookie: admin.cookie, payload: { name: "Calon Admin", email: "calon.admin@contoh.id", role: "admin" } })).statusCode).toBe(201);

    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: k });
    expect((await call("POST", `/koperasi/${k}/invitations`, { cookie: kasir.cookie, payload: { name: "X Y", email: "xy@contoh.id", role: "anggota" } })).statusCode).toBe(403);
    expect((await call("GET", `/koperasi/${k}/invitations`, { cookie: kasir.cookie })).statusCode).toBe(403);
  });

  it("refuses bad input with a message per field, and saves nothing", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const cases: [unknown, string][] = [
      [{ name: "Tanpa Alamat", role: "anggota" }, "body.email"],
      [{ name: "Salah Email", email: "bukan-email", role: "anggota" }, "body.email"],
      [{ name: "Salah HP", phone: "12345678", role: "anggota" }, "body.phone"],
      [{ name: "Peran Aneh", email: "a@contoh.id", role: "operator" }, "body.role"],
      [{ name: "Jabatan Kasir", email: "b@contoh.id", role: "kasir", position: "bendahara" }, "body.position"],
      [{ name: "X", email: "c@contoh.id", role: "anggota" }, "body.name"],
      [{ name: "Kolom Lebih", email: "d@contoh.id", role: "anggota", admin: true }, "body"],
    ];
    for (const [payload, path] of cases) {
      const res = await call("POST", `/koperasi/${k}/invitations`, { cookie: admin.cookie, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { path: string }) => e.path).join(" "), JSON.stringify(payload)).toContain(path);
    }
    expect(await tables.invitation(k)).toHaveLength(0);
  });

  it("refuses to invite someone who already belongs to the cooperative", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
    const res = await call("POST", `/koperasi/${admin.koperasiId}/invitations`, { cookie: admin.cookie, payload: { name: "Kasir Lagi", email: kasir.email, role: "anggota" } });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe("already_member");
  });
});

describe("revoking invitations", () => {
  it("revokes a pending invitation (audited); the link then answers 410", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const inv = (await call("POST", `/koperasi/${k}/invitations`, { cookie: admin.cookie, payload: { name: "Sari", email: "sari@contoh.id", role: "pengawas" } })).json();
    const token = await tokenSentTo("sari@contoh.id");
    const res = await call("DELETE", `/koperasi/${k}/invitations/${inv.id}`, { cookie: admin.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect((await tables.audit_log(k)).filter((a) => a.action === "invitation.revoke")).toHaveLength(1);

    const preview = await call("GET", `/invitations/${token}`);
    expect(preview.statusCode).toBe(410);
    expect(preview.json()).toMatchObject({ code: "invitation_revoked" });
    const accept = await call("POST", "/invitations/accept", { payload: { token, password: "daun pisang hijau segar" } });
    expect(accept.statusCode).toBe(410);
    expect(await t.ctx.database.db.selectFrom("user").select("id").where("email", "=", "sari@contoh.id").execute()).toHaveLength(0);
  });

  it("answers 404 for another cooperative's invitation", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const other = await signedInAs(t.ctx, ["admin"]);
    const inv = (await call("POST", `/koperasi/${other.koperasiId}/invitations`, { cookie: other.cookie, payload: { name: "Joko", email: "joko@contoh.id", role: "kasir" } })).json();
    const res = await call("DELETE", `/koperasi/${admin.koperasiId}/invitations/${inv.id}`, { cookie: admin.cookie });
    expect(res.statusCode).toBe(404);
    expect((await call("DELETE", `/koperasi/${admin.koperasiId}/invitations/${uuidv7()}`, { cookie: admin.cookie })).statusCode).toBe(404);
    const [row] = await tables.invitation(other.koperasiId);
    expect(row!.revoked_at).toBeNull();
  });
});

describe("accepting invitations", () => {
  it("previews, then creates the login, the membership and the member record, and signs the new person in", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    await call("POST", `/koperasi/${k}/invitations`, { cookie: admin.cookie, payload: { name: "Rina Wulandari", email: "rina@contoh.id", role: "anggota" } });
    const token = await tokenSentTo("rina@contoh.id");

    const preview = await call("GET", `/invitations/${token}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ name: "Rina Wulandari", role: "anggota", existingAccount: false, koperasiSlug: expect.any(String) });

    const weak = await call("POST", "/invitations/accept", { payload: { token, password: "password" } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ path: "body.password", code: "password_common" });
    const missing = await call("POST", "/invitations/accept", { payload: { token } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ path: "body.password" });
    expect(await t.ctx.database.db.selectFrom("user").select("id").where("email", "=", "rina@contoh.id").execute()).toHaveLength(0);

    const res = await call("POST", "/invitations/accept", { payload: { token, password: "bunga melati putih harum" } });
    expect(res.statusCode).toBe(200);
    const session = res.json();
    expect(session).toMatchObject({
      user: { name: "Rina Wulandari", email: "rina@contoh.id" },
      memberships: [{ koperasiId: k, roles: ["anggota"] }],
      activeKoperasiId: k,
    });
    const cookie = cookiesFrom(res);
    expect(cookie).toMatch(/kp\.session_token=/);
    expect((await call("GET", "/auth/session", { cookie })).json().user.id).toBe(session.user.id);

    const user = await t.ctx.database.db.selectFrom("user").selectAll().where("email", "=", "rina@contoh.id").executeTakeFirstOrThrow();
    expect(user.emailVerified).toBe(true);
    const members = await tables.member(k);
    expect(members).toEqual([expect.objectContaining({ user_id: user.id, full_name: "Rina Wulandari", member_number: "AGT-000001", status: "aktif" })]);
    const audit = (await tables.audit_log(k)).find((a) => a.action === "invitation.accept");
    expect(audit).toMatchObject({ actor_user_id: user.id });
    expect(audit!.details).toMatchObject({ newAccount: true, memberNumber: "AGT-000001" });

    // Used: the link is spent.
    expect((await call("GET", `/invitations/${token}`)).json().code).toBe("invitation_used");
    expect((await call("POST", "/invitations/accept", { payload: { token, password: "bunga melati putih harum" } })).statusCode).toBe(410);
    expect((await call("GET", `/koperasi/${k}/invitations`, { cookie: admin.cookie })).json()[0].status).toBe("accepted");
  });

  it("numbers members one after another", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    await t.ctx.database.db.updateTable("koperasi").set({ member_number_prefix: "KSR" }).where("id", "=", k).execute();
    for (const n of [1, 2]) {
      await call("POST", `/koperasi/${k}/invitations`, { cookie: admin.cookie, payload: { name: `Anggota ${n}`, email: `urut${n}@contoh.id`, role: "anggota" } });
      const token = await tokenSentTo(`urut${n}@contoh.id`);
      expect((await call("POST", "/invitations/accept", { payload: { token, password: "ombak pantai selatan jawa" } })).statusCode).toBe(200);
    }
    expect((await tables.member(k)).map((m) => m.member_number).sort()).toEqual(["KSR-000001", "KSR-000002"]);
  });

  it("makes a phone-only login for a phone invitation, who can then sign in with her number", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    await call("POST", `/koperasi/${k}/invitations`, { cookie: admin.cookie, payload: { name: "Mbok Sumi", phone: "081288889999", role: "anggota" } });
    const token = await tokenSentTo("+6281288889999");
    const res = await call("POST", "/invitations/accept", { payload: { token, password: "sambal terasi pedas sekali" } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: "Mbok Sumi", email: "", phone: "+6281288889999" });
    const user = await t.ctx.database.db.selectFrom("user").selectAll().where("phoneNumber", "=", "+6281288889999").executeTakeFirstOrThrow();
    expect(user.email).toMatch(/@telepon\.koperasi-pintar\.invalid$/);
    expect(user.emailVerified).toBe(false);
    expect(user.phoneNumberVerified).toBe(true);

    const login = await call("POST", "/auth/login", { payload: { phone: "0812 8888 9999", password: "sambal terasi pedas sekali" } });
    expect(login.json()).toMatchObject({ status: "ok", session: { activeKoperasiId: k } });
    // The synthetic address is not a way in for a password reset.
    await call("POST", "/auth/password/forgot", { payload: { identifier: user.email } });
    expect(await t.ctx.database.db.selectFrom("outbound_message").select("id").where("recipient", "=", user.email).execute()).toHaveLength(0);
  });

  it("adds a role to an existing login that is signed in as the invited address", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const elsewhere = await signedInAs(t.ctx, ["admin"]); // a ketua of another cooperative
    await call("POST", `/koperasi/${admin.koperasiId}/invitations`, {
      cookie: admin.cookie,
      payload: { name: "Ketua Lain", email: elsewhere.email, role: "pengurus", position: "ketua" },
    });
    const token = await tokenSentTo(elsewhere.email);
    expect((await call("GET", `/invitations/${token}`)).json().existingAccount).toBe(true);

    // Not signed in: asked to sign in first, nothing created.
    const anonymous = await call("POST", "/invitations/accept", { payload: { token, password: "apa saja yang panjang" } });
    expect(anonymous.statusCode).toBe(409);
    expect(anonymous.json().code).toBe("sign_in_required");

    // Signed in as someone else: refused.
    const stranger = await createUser(t.ctx);
    const strangerCookie = await sessionCookie(t.ctx, stranger.email, stranger.password);
    const wrong = await call("POST", "/invitations/accept", { cookie: strangerCookie, payload: { token } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe("invitation_for_another_account");

    const res = await call("POST", "/invitations/accept", { cookie: elsewhere.cookie, payload: { token } });
    expect(res.statusCode).toBe(200);
    expect(res.json().memberships.map((m: { koperasiId: string }) => m.koperasiId).sort()).toEqual([admin.koperasiId, elsewhere.koperasiId].sort());
    expect(res.json().activeKoperasiId).toBe(admin.koperasiId);
    expect(String(res.headers["set-cookie"])).toContain(`kp_koperasi=${admin.koperasiId}`);
    const [ku] = (await tables.koperasi_user(admin.koperasiId)).filter((r) => r.user_id === elsewhere.userId);
    expect(ku).toMatchObject({ roles: ["pengurus"], positions: ["ketua"], status: "active" });
    expect(await tables.member(admin.koperasiId)).toHaveLength(0);
  });

  it("refuses an expired link (410) and a link that is not ours (404)", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    await call("POST", `/koperasi/${admin.koperasiId}/invitations`, { cookie: admin.cookie, payload: { name: "Terlambat", email: "terlambat@contoh.id", role: "kasir" } });
    const token = await tokenSentTo("terlambat@contoh.id");
    const saved = now;
    now = new Date(saved.getTime() + 7 * 24 * 60 * 60 * 1000 + 1000);
    try {
      const preview = await call("GET", `/invitations/${token}`);
      expect(preview.statusCode).toBe(410);
      expect(preview.json()).toMatchObject({ code: "invitation_expired", detail: expect.stringContaining("kedaluwarsa") });
      expect((await call("POST", "/invitations/accept", { payload: { token, password: "hujan di bulan juni" } })).statusCode).toBe(410);
      expect((await call("GET", `/koperasi/${admin.koperasiId}/invitations`, { cookie: admin.cookie })).json()[0].status).toBe("expired");
    } finally {
      now = saved;
    }
    expect(await t.ctx.database.db.selectFrom("user").select("id").where("email", "=", "terlambat@contoh.id").execute()).toHaveLength(0);

    const forged = `${admin.koperasiId}.${"A".repeat(43)}`;
    expect((await call("GET", `/invitations/${forged}`)).statusCode).toBe(404);
    expect((await call("GET", `/invitations/${uuidv7()}.${"A".repeat(43)}`)).json().code).toBe("invitation_not_found");
    expect((await call("GET", `/invitations/${"x".repeat(30)}`)).statusCode).toBe(404);
    const malformed = await t.app.inject({ method: "POST", url: "/api/v1/invitations/accept", headers: { "content-type": "application/json" }, payload: "{token:" });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe("malformed_json");
  });
});
