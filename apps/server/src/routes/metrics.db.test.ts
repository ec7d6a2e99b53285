import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const statementsIn = (text: string) => Number(/^koperasi_db_statements_total (\d+)$/m.exec(text)?.[1]);

describe("/metrics", () => {
  it("counts the statements a request sends, for a scraper on loopback", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const before = statementsIn((await t.app.inject({ url: "/metrics" })).body);
    await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: admin.cookie } });
    const after = await t.app.inject({ url: "/metrics" });
    expect(after.statusCode).toBe(200);
    expect(after.headers["content-type"]).toMatch(/^text\/plain/);
    expect(statementsIn(after.body) - before).toBe(4);
    expect(after.body).toMatch(/^process_cpu_seconds_total /m);
  });

  it("is refused to anyone not on loopback", async () => {
    const response = await t.app.inject({ url: "/metrics", remoteAddress: "203.0.113.7" });
    expect(response.json()).toMatchObject({ status: 403, code: "forbidden" });
  });
});
