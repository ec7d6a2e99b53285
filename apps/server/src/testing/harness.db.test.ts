import { afterAll, beforeAll, expect, it } from "vitest";
import { currentUser } from "../http/session";
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
  const request = { headers: { cookie: who.cookie } } as unknown as Parameters<typeof currentUser>[1];
  const user = await currentUser(t.ctx, request);
  expect(user).toMatchObject({ id: who.userId, email: who.email, platformOperator: false, twoFactorEnabled: false });
});
