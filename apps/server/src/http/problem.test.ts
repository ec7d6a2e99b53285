import Fastify from "fastify";
import { afterAll, describe, expect, it } from "vitest";
import { installProblemHandlers } from "./problem";

// The last line of defence: a unique violation that a service's own check
// could not see coming (two requests storing the same value at once) is a
// 409 the client can act on, never a 500.

const app = Fastify({ logger: false });
installProblemHandlers(app);
app.get("/unik", async () => {
  throw Object.assign(new Error('duplicate key value violates unique constraint "loan_product_koperasi_id_code_key"'), { code: "23505", constraint: "loan_product_koperasi_id_code_key" });
});
app.get("/lain", async () => {
  throw Object.assign(new Error("sesuatu yang lain"), { code: "XX000" });
});
afterAll(() => app.close());

describe("database refusals", () => {
  it("answers a unique violation 409 problem+json in Indonesian, without the constraint's name", async () => {
    const res = await app.inject({ url: "/unik" });
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "conflict", status: 409 });
    expect(res.json().detail).toMatch(/coba lagi/);
    expect(res.body).not.toContain("loan_product");
  });
  it("keeps any other failure a 500 that tells nothing", async () => {
    const res = await app.inject({ url: "/lain" });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain("sesuatu");
  });
});
