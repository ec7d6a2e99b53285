import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "./harness";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

it("signs a person in through better-auth and resolves her from the cookie", async () => {
  const who = await signedInAs(t.ctx, ["admin"]);
  const session = await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: who.cookie } });
  expect(session.json()).toMatchObject({ user: { id: who.userId, email: who.email, twoFactorEnabled: false }, platformOperator: false });
});
