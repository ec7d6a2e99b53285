import { describe, expect, it } from "vitest";
import type autocannon from "autocannon";
import { dashboardRequests, REGISTRY_SEARCH_PREFIXES, registryRequests, transferRequests } from "./requests";

type Built = { path?: string; headers?: Record<string, string>; body?: string };

function build(request: autocannon.Request, context: object): Built {
  if (typeof request.setupRequest !== "function") throw new Error("no setupRequest");
  return request.setupRequest({ method: request.method ?? "GET", path: request.path ?? "/", headers: {} } as autocannon.Request, context) as Built;
}

describe("transferRequests", () => {
  const accounts = ["a", "b", "c", "d"];
  const [request] = transferRequests("kop", "kp.session=1", accounts, 1);

  it("sends a fresh Idempotency-Key and two different accounts with every request", () => {
    const sent = Array.from({ length: 200 }, () => build(request!, {}));
    const keys = new Set(sent.map((r) => r.headers?.["idempotency-key"]));
    expect(keys.size).toBe(200);
    for (const r of sent) {
      const body = JSON.parse(r.body ?? "{}") as { fromMemberAccountId: string; toMemberAccountId: string; amount: number };
      expect(accounts).toContain(body.fromMemberAccountId);
      expect(accounts).toContain(body.toMemberAccountId);
      expect(body.toMemberAccountId).not.toBe(body.fromMemberAccountId);
      expect(Number.isSafeInteger(body.amount) && body.amount > 0).toBe(true);
      expect(r.headers?.cookie).toBe("kp.session=1");
    }
  });
});

describe("dashboardRequests", () => {
  const members = [
    { cookie: "c1", memberId: "m1", memberAccountId: "a1" },
    { cookie: "c2", memberId: "m2", memberAccountId: "a2" },
  ];

  it("keeps one member through a cycle and takes the next member for the next cycle", () => {
    const cycle = dashboardRequests("kop", members);
    const first = {};
    const one = cycle.map((r) => build(r, first));
    expect(one.map((r) => r.headers?.cookie)).toEqual(["c1", "c1", "c1", "c1"]);
    expect(one.map((r) => r.path)).toEqual([
      "/api/v1/auth/session",
      "/api/v1/koperasi/kop/members/m1",
      "/api/v1/koperasi/kop/member-accounts",
      "/api/v1/koperasi/kop/member-accounts/a1/statement",
    ]);
    const second = {};
    expect(cycle.map((r) => build(r, second).headers?.cookie)).toEqual(["c2", "c2", "c2", "c2"]);
  });
});

describe("registryRequests", () => {
  it("asks for a list page, a name-prefix search and a member's record, with the staff cookie", () => {
    const cycle = registryRequests("kop", "kp.session=staff", ["m1", "m2", "m3"], 3);
    expect(cycle).toHaveLength(3);
    const paths = Array.from({ length: 50 }, () => cycle.map((r) => build(r, {}))).flat();
    for (const r of paths) expect(r.headers?.cookie).toBe("kp.session=staff");
    const [list, search, record] = [0, 1, 2].map((i) => paths.filter((_, j) => j % 3 === i).map((r) => r.path ?? ""));
    for (const path of list!) expect(path).toMatch(/^\/api\/v1\/koperasi\/kop\/members\?page=([1-9]|[1-4]\d|50)&pageSize=20$/);
    for (const path of search!) expect(REGISTRY_SEARCH_PREFIXES.map((p) => `/api/v1/koperasi/kop/members?q=${p}&pageSize=20`)).toContain(path);
    expect(new Set(record).size).toBeGreaterThan(1);
    for (const path of record!) expect(["m1", "m2", "m3"].map((id) => `/api/v1/koperasi/kop/members/${id}`)).toContain(path);
  });
});
