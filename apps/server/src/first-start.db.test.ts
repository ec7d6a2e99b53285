import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, sessionCookie, type TestApp } from "./testing/harness";
import { DEMO_SLUG, ensureFirstStart } from "./first-start";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { demo: true } });
});
afterAll(async () => {
  await t?.close();
});

describe("first start", () => {
  it("creates the demo cooperative with members and working logins, once", async () => {
    const silent = { info: () => {} } as unknown as Parameters<typeof ensureFirstStart>[1];
    const logins = await ensureFirstStart(t.ctx, silent);
    expect(logins.map((l) => l.label)).toEqual(["Operator platform", "Admin", "Pengurus (bendahara)", "Pengawas", "Kasir", "Anggota"]);
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").selectAll().where("slug", "=", DEMO_SLUG).executeTakeFirstOrThrow();
    expect(koperasi.status).toBe("approved");
    const members = await t.ctx.database.tenant({ koperasiId: koperasi.id }, (trx) => trx.selectFrom("member").select("member_number").orderBy("member_number").execute());
    expect(members).toHaveLength(25);
    expect(members[0]?.member_number).toBe("SBR-000001");
    const accounts = await t.ctx.database.tenant({ koperasiId: koperasi.id }, (trx) => trx.selectFrom("gl_account").select("code").execute());
    expect(accounts.length).toBeGreaterThan(20);
    for (const login of logins) await expect(sessionCookie(t.ctx, login.email, login.password)).resolves.toMatch(/kp\./);
    expect(await ensureFirstStart(t.ctx, silent)).toEqual([]);
  });

  it("creates no account at all when the demo is off (PostgreSQL deployments)", async () => {
    const other = await createTestApp({ config: { demo: false } });
    try {
      expect(await ensureFirstStart(other.ctx, { info: () => {} } as unknown as Parameters<typeof ensureFirstStart>[1])).toEqual([]);
      const users = await other.ctx.database.db.selectFrom("user").select("id").execute();
      expect(users).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
