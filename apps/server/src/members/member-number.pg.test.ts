import { afterAll, beforeAll, expect, it } from "vitest";
import { createKoperasi, createTestApp, createUser, type TestApp } from "../testing/harness";
import { nextMemberNumber } from "./member-number";

// PostgreSQL only: PGlite is one connection, so it cannot race.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

it("hands out distinct, gap-free numbers to concurrent transactions", async () => {
  const { userId } = await createUser(t.ctx);
  const k = (await createKoperasi(t.ctx, userId)).koperasiId;
  const numbers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      t.ctx.database
        .tenant({ koperasiId: k }, async (trx) => {
          const n = await nextMemberNumber(trx, k, "AGT");
          // Every fifth transaction fails after drawing: its number must be reused.
          if (i % 5 === 4) throw new Error("rollback");
          return n;
        })
        .catch(() => null),
    ),
  );
  const drawn = numbers.filter((n): n is string => n !== null).sort();
  expect(drawn).toHaveLength(16);
  expect(drawn).toEqual(Array.from({ length: 16 }, (_, i) => `AGT-${String(i + 1).padStart(6, "0")}`));
});
