import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";

// The member book's totals come from member_tally, kept by triggers on
// member. Whatever writes members — one at a time through the API, many in
// one statement as an import does, a status change, a rolled-back
// transaction — the tally must equal a count of the rows, and the list's
// total must equal the rows that match.

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let ketua: Awaited<ReturnType<typeof signedInAs>>;
let other: Awaited<ReturnType<typeof signedInAs>>;

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date("2026-03-10T03:00:00Z") });
  admin = await signedInAs(t.ctx, ["admin"]);
  ketua = await signedInAs(t.ctx, ["pengurus"], { koperasiId: admin.koperasiId, positions: ["ketua"] });
  other = await signedInAs(t.ctx, ["admin"]);
});
afterAll(async () => {
  await t?.close();
});

const tenant = <T>(koperasiId: string, fn: Parameters<TestApp["ctx"]["database"]["tenant"]>[1] extends (trx: infer X) => Promise<unknown> ? (trx: X) => Promise<T> : never) =>
  t.ctx.database.tenant({ koperasiId }, fn);

/** The tally and a real count, grouped the same way, for one cooperative. */
async function tallyAndCount(koperasiId: string) {
  return tenant(koperasiId, async (trx) => {
    const tally = await trx.selectFrom("member_tally").select(["status", "member_type", "n"]).where("n", ">", sql<string>`0`).orderBy("status").orderBy("member_type").execute();
    const counted = await trx
      .selectFrom("member")
      .select(["status", "member_type", (eb) => eb.fn.countAll<string>().as("n")])
      .groupBy(["status", "member_type"])
      .orderBy("status")
      .orderBy("member_type")
      .execute();
    return { tally: tally.map((r) => [r.status, r.member_type, Number(r.n)]), counted: counted.map((r) => [r.status, r.member_type, Number(r.n)]) };
  });
}

async function listTotal(query: string): Promise<number> {
  const res = await t.app.inject({ url: `/api/v1/koperasi/${admin.koperasiId}/members?${query}`, headers: { cookie: admin.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().total as number;
}

it("equals a count of the members after single adds, a bulk insert, status changes and a rollback, per cooperative", async () => {
  const add = async (payload: object) => {
    const res = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${admin.koperasiId}/members`, headers: { cookie: admin.cookie }, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  await add({ fullName: "Sri Rahayu" });
  const candidate = await add({ fullName: "Joko Susilo", status: "calon" });
  await add({ fullName: "KSU Tani Makmur", memberType: "badan_hukum", nomorBadanHukum: "AHU-0002.AH.01.26.2021" });

  // Many rows in one statement, as an import writes a batch.
  await tenant(admin.koperasiId, (trx) =>
    trx
      .insertInto("member")
      .values(
        Array.from({ length: 25 }, (_, i) => ({
          koperasi_id: admin.koperasiId,
          id: uuidv7(),
          member_number: `IMP-${String(i).padStart(4, "0")}`,
          full_name: `Anggota Impor ${i}`,
          joined_on: "2026-03-01",
          status: i % 5 === 0 ? ("calon" as const) : ("aktif" as const),
        })),
      )
      .execute(),
  );

  // A status change moves one member between groups; an update that changes no group writes nothing.
  const accepted = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${admin.koperasiId}/members/${candidate}/status`,
    headers: { cookie: ketua.cookie },
    payload: { status: "aktif", reason: "Rapat pengurus" },
  });
  expect(accepted.statusCode, accepted.body).toBe(201);
  await tenant(admin.koperasiId, (trx) => trx.updateTable("member").set({ occupation: "Petani" }).where("member_number", "like", "IMP-%").execute());

  // A transaction that adds members and then fails leaves the tally as it was.
  const before = await tallyAndCount(admin.koperasiId);
  await expect(
    tenant(admin.koperasiId, async (trx) => {
      await trx
        .insertInto("member")
        .values({ koperasi_id: admin.koperasiId, id: uuidv7(), member_number: "BATAL-1", full_name: "Tidak Jadi", joined_on: "2026-03-01" })
        .execute();
      throw new Error("batal");
    }),
  ).rejects.toThrow("batal");
  expect(await tallyAndCount(admin.koperasiId)).toEqual(before);

  const mine = await tallyAndCount(admin.koperasiId);
  expect(mine.tally).toEqual(mine.counted);
  expect(mine.tally.reduce((sum, [, , n]) => sum + (n as number), 0)).toBeGreaterThanOrEqual(28);
  // Another cooperative's tally is its own.
  const theirs = await tallyAndCount(other.koperasiId);
  expect(theirs.tally).toEqual(theirs.counted);
});

it("gives the list the same totals as counting the rows, for the whole book and each status and type", async () => {
  const { counted } = await tallyAndCount(admin.koperasiId);
  const sum = (pick: (row: (string | number)[]) => boolean) => counted.filter(pick).reduce((total, row) => total + (row[2] as number), 0);
  expect(await listTotal("page=1&pageSize=5")).toBe(sum(() => true));
  expect(await listTotal("status=aktif")).toBe(sum((row) => row[0] === "aktif"));
  expect(await listTotal("status=calon")).toBe(sum((row) => row[0] === "calon"));
  expect(await listTotal("memberType=badan_hukum")).toBe(sum((row) => row[1] === "badan_hukum"));
  expect(await listTotal("status=keluar")).toBe(0);
  // Narrowed lists are counted from their rows.
  expect(await listTotal("q=impor")).toBe(25);
});

it("cannot be written by the application for another cooperative", async () => {
  await expect(
    tenant(admin.koperasiId, (trx) => sql`UPDATE member_tally SET n = n + 1 WHERE koperasi_id = ${other.koperasiId}`.execute(trx)).then((r) => r.numAffectedRows),
  ).resolves.toBe(0n);
});
