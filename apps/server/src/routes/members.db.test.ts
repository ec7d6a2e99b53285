import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let kasir: Awaited<ReturnType<typeof signedInAs>>;
const now = new Date("2026-03-10T20:30:00Z"); // 11 March, 03.30 WIB

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  admin = await signedInAs(t.ctx, ["admin"]);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
});
afterAll(async () => {
  await t?.close();
});

const base = () => `/api/v1/koperasi/${admin.koperasiId}/members`;

function create(cookie: string, payload: unknown) {
  return t.app.inject({ method: "POST", url: base(), headers: { cookie }, payload: payload as object });
}

function list(cookie: string, query: Record<string, string | number>) {
  return t.app.inject({ url: base(), query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])), headers: { cookie } });
}

describe("members", () => {
  it("adds members with gap-free numbers from the cooperative's prefix, audited", async () => {
    const first = await create(admin.cookie, { fullName: "  Siti   Rahmawati ", joinedOn: "2026-01-05" });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      id: expect.any(String),
      memberNumber: "AGT-000001",
      fullName: "Siti Rahmawati",
      status: "aktif",
      joinedOn: "2026-01-05",
      hasLogin: false,
      memberType: "perorangan",
      nik: null,
      phone: null,
    });
    // Without a date: today in the cooperative's zone (WIB), not UTC.
    const second = await create(admin.cookie, { fullName: "José Ramírez" });
    expect(second.json()).toMatchObject({ memberNumber: "AGT-000002", joinedOn: "2026-03-11" });

    const audit = await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) =>
      trx.selectFrom("audit_log").selectAll().where("action", "=", "member.create").orderBy("id").execute(),
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_user_id: admin.userId, target_type: "member", target_id: first.json().id });
    expect(audit[0]?.details).toMatchObject({ memberNumber: "AGT-000001", fullName: "Siti Rahmawati" });

    // The prefix is the cooperative's own.
    await t.ctx.database.db.updateTable("koperasi").set({ member_number_prefix: "KSM" }).where("id", "=", admin.koperasiId).execute();
    const third = await create(admin.cookie, { fullName: "Budi Santoso" });
    expect(third.json().memberNumber).toBe("KSM-000003");
    await t.ctx.database.db.updateTable("koperasi").set({ member_number_prefix: "AGT" }).where("id", "=", admin.koperasiId).execute();
    for (const name of ["Dewi Lestari", "Ni Made Ayu", "Agus 100% Jaya", "Wayan_Sudarta"]) {
      expect((await create(admin.cookie, { fullName: name })).statusCode).toBe(201);
    }
  });

  it("refuses bad input with per-field errors and creates nothing", async () => {
    const count = async () =>
      (await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) => trx.selectFrom("member").select("id").execute())).length;
    const before = await count();
    const cases: [unknown, string][] = [
      [{}, "body.fullName"],
      [{ fullName: "A" }, "body.fullName"],
      [{ fullName: "Rina", joinedOn: "2026-02-30" }, "body.joinedOn"],
      [{ fullName: "Rina", joinedOn: "11/03/2026" }, "body.joinedOn"],
      [{ fullName: "Rina", joinedOn: "2026-03-12" }, "body.joinedOn"],
      [{ fullName: "Rina", nomorKtp: "3507123456780001" }, "body"],
      [{ fullName: "Rina", nik: "3507123456780001" }, "body.nik"],
    ];
    for (const [payload, path] of cases) {
      const res = await create(admin.cookie, payload);
      expect([JSON.stringify(payload), res.statusCode]).toEqual([JSON.stringify(payload), 400]);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await count()).toBe(before);
    // The sequence was not advanced by the refusals.
    expect((await create(admin.cookie, { fullName: "Rina Wulandari" })).json().memberNumber).toBe("AGT-000008");
  });

  it("lets only members.create roles add members", async () => {
    const res = await create(kasir.cookie, { fullName: "Tono" });
    expect(res.statusCode).toBe(403);
    const sekretaris = await signedInAs(t.ctx, ["pengurus"], { koperasiId: admin.koperasiId, positions: ["sekretaris"] });
    expect((await create(sekretaris.cookie, { fullName: "Tini Suryani" })).statusCode).toBe(201);
  });

  it("searches by member number prefix or name, ignoring case and accents", async () => {
    const names = async (q: string) => (await list(kasir.cookie, { q })).json().items.map((m: { fullName: string }) => m.fullName);
    expect(await names("jose")).toEqual(["José Ramírez"]);
    expect(await names("RAMIREZ")).toEqual(["José Ramírez"]);
    expect(await names("josé ramírez")).toEqual(["José Ramírez"]);
    expect(await names("agt-000001")).toEqual(["Siti Rahmawati"]);
    expect(await names("KSM")).toEqual(["Budi Santoso"]);
    expect(await names("made")).toEqual(["Ni Made Ayu"]);
    // LIKE wildcards in the query are plain characters: they match only themselves, at the start of a word.
    expect(await names("100%")).toEqual(["Agus 100% Jaya"]);
    expect(await names("%")).toEqual([]);
    expect(await names("wayan_")).toEqual(["Wayan_Sudarta"]);
    expect(await names("_")).toEqual([]);
    expect(await names("sudarta")).toEqual(["Wayan_Sudarta"]);
    expect(await names("000001x")).toEqual([]);
  });

  it("pages the list in member-number order", async () => {
    const page1 = (await list(kasir.cookie, { pageSize: 3 })).json();
    expect(page1).toMatchObject({ page: 1, pageSize: 3, total: 9 });
    expect(page1.items.map((m: { memberNumber: string }) => m.memberNumber)).toEqual(["AGT-000001", "AGT-000002", "AGT-000004"]);
    const page3 = (await list(kasir.cookie, { pageSize: 3, page: 3 })).json();
    expect(page3.items.map((m: { memberNumber: string }) => m.memberNumber)).toEqual(["AGT-000008", "AGT-000009", "KSM-000003"]);
    expect((await list(kasir.cookie, { pageSize: 3, page: 4 })).json()).toMatchObject({ items: [], total: 9 });
    const allNumbers = (await list(kasir.cookie, { pageSize: 100 })).json().items.map((m: { memberNumber: string }) => m.memberNumber) as string[];
    // A search counts all its matches whichever page it shows, a page past its end included.
    const agt = (page: number) => list(kasir.cookie, { q: "agt", pageSize: 2, page }).then((res) => res.json());
    const agtNumbers = allNumbers.filter((n) => n.startsWith("AGT-"));
    expect(await agt(1)).toMatchObject({ total: agtNumbers.length, items: agtNumbers.slice(0, 2).map((memberNumber) => ({ memberNumber })) });
    expect(await agt(2)).toMatchObject({ total: agtNumbers.length, items: agtNumbers.slice(2, 4).map((memberNumber) => ({ memberNumber })) });
    expect(await agt(9)).toMatchObject({ total: agtNumbers.length, items: [] });
    expect((await list(kasir.cookie, { q: "zzz" })).json()).toMatchObject({ total: 0, items: [] });
    for (const query of [{ pageSize: 101 }, { page: 0 }, { sort: "name" }, { q: "x".repeat(101) }] as Record<string, string | number>[]) {
      const res = await list(kasir.cookie, query);
      expect([JSON.stringify(query), res.statusCode]).toEqual([JSON.stringify(query), 400]);
    }
  });

  it("shows a member to staff, and to an anggota only her own record", async () => {
    const all = (await list(admin.cookie, { pageSize: 100 })).json().items as { id: string; fullName: string }[];
    const siti = all.find((m) => m.fullName === "Siti Rahmawati")!;
    const budi = all.find((m) => m.fullName === "Budi Santoso")!;
    const staff = await t.app.inject({ url: `${base()}/${siti.id}`, headers: { cookie: kasir.cookie } });
    expect(staff.statusCode).toBe(200);
    expect(staff.json()).toMatchObject({ id: siti.id, memberNumber: "AGT-000001", hasLogin: false });

    const anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: admin.koperasiId });
    await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) =>
      trx.updateTable("member").set({ user_id: anggota.userId }).where("id", "=", siti.id).execute(),
    );
    const own = await t.app.inject({ url: `${base()}/${siti.id}`, headers: { cookie: anggota.cookie } });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: siti.id, hasLogin: true });
    const other = await t.app.inject({ url: `${base()}/${budi.id}`, headers: { cookie: anggota.cookie } });
    expect(other.statusCode).toBe(404);
    const listing = await list(anggota.cookie, {});
    expect(listing.statusCode).toBe(403);

    expect((await t.app.inject({ url: `${base()}/${uuidv7()}`, headers: { cookie: kasir.cookie } })).statusCode).toBe(404);
    const badId = await t.app.inject({ url: `${base()}/bukan-uuid`, headers: { cookie: kasir.cookie } });
    expect(badId.statusCode).toBe(400);
  });
});
