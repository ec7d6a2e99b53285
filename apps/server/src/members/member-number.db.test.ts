import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";
import { formatMemberNumber, nextMemberNumber } from "./member-number";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("nextMemberNumber", () => {
  it("counts from 1 per cooperative, with the prefix and six digits", async () => {
    const { userId } = await createUser(t.ctx);
    const a = (await createKoperasi(t.ctx, userId)).koperasiId;
    const b = (await createKoperasi(t.ctx, userId)).koperasiId;
    const draw = (koperasiId: string, prefix = "AGT") => t.ctx.database.tenant({ koperasiId }, (trx) => nextMemberNumber(trx, koperasiId, prefix));
    expect(await draw(a)).toBe("AGT-000001");
    expect(await draw(a)).toBe("AGT-000002");
    expect(await draw(b, "KSP")).toBe("KSP-000001");
    expect(await draw(a)).toBe("AGT-000003");
  });

  it("gives a number back when its transaction rolls back (no gaps)", async () => {
    const { userId } = await createUser(t.ctx);
    const k = (await createKoperasi(t.ctx, userId)).koperasiId;
    const draw = () => t.ctx.database.tenant({ koperasiId: k }, (trx) => nextMemberNumber(trx, k, "AGT"));
    expect(await draw()).toBe("AGT-000001");
    await expect(
      t.ctx.database.tenant({ koperasiId: k }, async (trx) => {
        expect(await nextMemberNumber(trx, k, "AGT")).toBe("AGT-000002");
        throw new Error("langkah berikutnya gagal");
      }),
    ).rejects.toThrow("langkah berikutnya gagal");
    expect(await draw()).toBe("AGT-000002");
  });

  it("formats beyond six digits without truncating", () => {
    expect(formatMemberNumber("AGT", 1234567n)).toBe("AGT-1234567");
  });
});
