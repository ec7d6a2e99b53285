import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

// PostgreSQL only: the same grant approved by two people at the same moment
// is applied once. The request row is locked before its status is read.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("approving a role grant, concurrently", () => {
  it("two approvers at once: one approves, the other is told it is decided; one audit entry, roles set once", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const k = admin.koperasiId;
    const approvers = [await signedInAs(t.ctx, ["admin"], { koperasiId: k }), await signedInAs(t.ctx, ["pengurus"], { koperasiId: k, positions: ["ketua"] })];
    for (let round = 0; round < 4; round += 1) {
      const siti = await signedInAs(t.ctx, ["anggota"], { koperasiId: k });
      const id = (await t.db.superuser.query<{ id: string }>(`SELECT id FROM koperasi_user WHERE koperasi_id = $1 AND user_id = $2`, [k, siti.userId]))[0]?.id;
      const filed = await t.app.inject({ method: "PATCH", url: `/api/v1/koperasi/${k}/users/${id}`, headers: { cookie: admin.cookie }, payload: { roles: ["anggota", "kasir"] } });
      expect(filed.statusCode).toBe(202);
      const requestId = filed.json().request.id as string;

      const responses = await Promise.all(
        approvers.map((a) => t.app.inject({ method: "POST", url: `/api/v1/koperasi/${k}/role-grants/${requestId}/approve`, headers: { cookie: a.cookie } })),
      );
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(responses.find((r) => r.statusCode === 409)?.json().code).toBe("grant_already_decided");
      const applied = await t.db.superuser.query(`SELECT id FROM audit_log WHERE koperasi_id = $1 AND action = 'role_grant.approve' AND target_id = $2`, [k, requestId]);
      expect(applied).toHaveLength(1);
      const updates = await t.db.superuser.query(`SELECT id FROM audit_log WHERE koperasi_id = $1 AND action = 'user.update' AND target_id = $2`, [k, id]);
      expect(updates).toHaveLength(1);
    }
  });
});
