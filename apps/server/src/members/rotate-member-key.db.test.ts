import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { keyringFrom, loadMemberKeyring, newMemberDataKey, type MemberKeyring } from "./member-keys";
import { blindIndex, findMemberIdsByNik, findMemberIdsByPhone, openMemberIdentity, open } from "./member-pii";
import { assertNikFree } from "./members";
import { rotateMemberKeys } from "./rotate-member-key";
import { rotateMemberKeyCommand } from "./rotate-member-key-command";

// Rotation: members sealed under one key are moved to a new one, lookups
// work before, during and after, and a run that stops part-way resumes.

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let other: Awaited<ReturnType<typeof signedInAs>>;
const people = [
  { fullName: "Budi Santoso", nik: "3515140508680001", phone: "081234567801", motherMaidenName: "Sumarni" },
  { fullName: "Siti Aminah", nik: "3515144508680002", phone: "081234567802", motherMaidenName: "Painem" },
  { fullName: "Agus Salim", nik: "3515140508680003", phone: "081234567803" },
  { fullName: "Dewi Lestari", nik: "3515144508680004", phone: "081234567801" },
  { fullName: "Joko Widodo", nik: "3515140508680005" },
];
const ids = new Map<string, string>();
let fresh: ReturnType<typeof newMemberDataKey>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signedInAs(t.ctx, ["admin"]);
  other = await signedInAs(t.ctx, ["admin"]);
  for (const person of people) {
    const res = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${admin.koperasiId}/members`, headers: { cookie: admin.cookie }, payload: person });
    expect(res.statusCode).toBe(201);
    ids.set(person.nik, res.json().id);
  }
  const budi = ids.get(people[0]!.nik)!;
  const heir = await t.app.inject({
    method: "POST",
    url: `/api/v1/koperasi/${admin.koperasiId}/members/${budi}/heirs`,
    headers: { cookie: admin.cookie },
    payload: { fullName: "Sri Wahyuni", relationship: "istri", phone: "081311112222" },
  });
  expect(heir.statusCode).toBe(201);
  // Another cooperative with the same NIK: its rows move too, and stay its own.
  const res = await t.app.inject({ method: "POST", url: `/api/v1/koperasi/${other.koperasiId}/members`, headers: { cookie: other.cookie }, payload: people[0] });
  expect(res.statusCode).toBe(201);
});
afterAll(async () => {
  await t?.close();
});

async function lookups(keyring: MemberKeyring, koperasiId = admin.koperasiId) {
  return t.ctx.database.tenant({ koperasiId }, async (trx) => ({
    byNik: await findMemberIdsByNik(trx, keyring, koperasiId, "3515-1405-0868-0001"),
    byPhone: await findMemberIdsByPhone(trx, keyring, koperasiId, "+6281234567801"),
    keyIds: (await trx.selectFrom("member").select("pii_key_id").where("koperasi_id", "=", koperasiId).execute()).map((r) => r.pii_key_id),
    rows: await trx.selectFrom("member").select(["id", "nik_sealed", "phone_sealed", "mother_maiden_name_sealed"]).where("koperasi_id", "=", koperasiId).execute(),
    heirs: await trx.selectFrom("member_heir").select(["id", "phone_sealed", "pii_key_id"]).where("koperasi_id", "=", koperasiId).execute(),
  }));
}

describe("rotating the member data key", () => {
  it("moves every row to the new key, resumably, and finds members by NIK and phone throughout", async () => {
    const old = t.ctx.secrets.memberDataKeys;
    fresh = newMemberDataKey(old.keys, new Date("2026-11-28"));
    const rotated = keyringFrom([fresh, ...old.keys], "env");
    const budi = ids.get("3515140508680001")!;
    const dewi = ids.get("3515144508680004")!;

    // Before: the new keyring finds rows sealed under the old key.
    const before = { ...(await lookups(rotated)), nikIndexOld: blindIndex(old, admin.koperasiId, "nik", "3515140508680001") };
    expect(before.byNik).toEqual([budi]);
    expect(before.byPhone.sort()).toEqual([budi, dewi].sort());

    // A run that stops after its first batch of two …
    let batches = 0;
    await expect(
      rotateMemberKeys(t.ctx.database, rotated, {
        batchSize: 2,
        koperasiIds: [admin.koperasiId],
        onBatch: () => {
          batches += 1;
          throw new Error("terhenti");
        },
      }),
    ).rejects.toThrow("terhenti");
    expect(batches).toBe(1);
    const during = await lookups(rotated);
    expect(during.keyIds.filter((k) => k === fresh.id)).toHaveLength(2);
    expect(during.byNik).toEqual([budi]);
    expect(during.byPhone.sort()).toEqual([budi, dewi].sort());

    // … is continued by the next, which does only what was left.
    const report = await rotateMemberKeys(t.ctx.database, rotated, { batchSize: 2 });
    expect(report).toEqual({ koperasi: 2, members: 3 + 1, heirs: 1 });
    expect(await rotateMemberKeys(t.ctx.database, rotated, { batchSize: 2 })).toEqual({ koperasi: 0, members: 0, heirs: 0 });

    // After: the new key alone opens and finds everything.
    const onlyNew = keyringFrom([fresh], "env");
    const after = await lookups(onlyNew);
    expect(after.keyIds.every((k) => k === fresh.id)).toBe(true);
    expect(after.byNik).toEqual([budi]);
    expect(after.byPhone.sort()).toEqual([budi, dewi].sort());
    const identities = after.rows.map((row) => openMemberIdentity(onlyNew, admin.koperasiId, row));
    expect(identities.map((i) => i.nik).sort()).toEqual(people.map((p) => p.nik).sort());
    expect(identities.find((i) => i.nik === "3515144508680002")).toEqual({ nik: "3515144508680002", phone: "+6281234567802", motherMaidenName: "Painem" });
    expect(after.heirs).toHaveLength(1);
    expect(after.heirs[0]?.pii_key_id).toBe(fresh.id);
    expect(open(onlyNew, { koperasiId: admin.koperasiId, rowId: after.heirs[0]!.id, field: "heir_phone" }, after.heirs[0]!.phone_sealed!)).toBe("+6281311112222");
    // The old key no longer opens anything.
    expect(() => openMemberIdentity(old, admin.koperasiId, after.rows[0]!)).toThrow();
    // The other cooperative's member moved too and is still found there only.
    expect((await lookups(onlyNew, other.koperasiId)).byNik).toHaveLength(1);

    // Uniqueness holds across keys: a row still under the old key blocks the same NIK sealed under the new one.
    await t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) =>
      trx.updateTable("member").set({ nik_index: before.nikIndexOld }).where("id", "=", budi).execute(),
    );
    await expect(t.ctx.database.tenant({ koperasiId: admin.koperasiId }, (trx) => assertNikFree(trx, rotated, admin.koperasiId, "3515140508680001"))).rejects.toMatchObject({
      code: "nik_taken",
    });
  });

  it("koperasi rotate-member-key --new-key adds a key to DATA_DIR/secrets and moves every row to it", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "koperasi-rotate-"));
    try {
      // A deployment whose keys were generated into its data directory, still holding the keys the rows were sealed with.
      const generated = loadMemberKeyring(dataDir, {});
      expect(generated.source).toBe("file");
      const current = keyringFrom([fresh, ...t.ctx.secrets.memberDataKeys.keys], "file");
      const ctx = { ...t.ctx, config: { ...t.ctx.config, dataDir }, secrets: { ...t.ctx.secrets, memberDataKeys: current } };
      const log: string[] = [];
      const original = console.log;
      console.log = (line: string) => log.push(line);
      try {
        expect(await rotateMemberKeyCommand(ctx, { newKey: true })).toBe(0);
      } finally {
        console.log = original;
      }
      const reloaded = loadMemberKeyring(dataDir, {});
      expect(reloaded.keys).toHaveLength(current.keys.length + 1);
      expect(log.at(-1)).toMatch(/^Selesai: 6 anggota dan 1 ahli waris di 2 koperasi/);
      const found = await lookups(keyringFrom([reloaded.current], "file"));
      expect(found.keyIds.every((k) => k === reloaded.current.id)).toBe(true);
      expect(found.byNik).toEqual([ids.get("3515140508680001")]);
      expect(log.join("\n")).not.toMatch(/3515140508680001|81234567801/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
