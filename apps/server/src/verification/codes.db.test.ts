import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { AppError } from "../errors/app-error";
import { createTestApp, type TestApp } from "../testing/harness";
import { CODE_MAX_ATTEMPTS, consumeCode, issueCode, type CodeSubject } from "./codes";

let t: TestApp;
let offsetMs = 0;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date(Date.now() + offsetMs) });
});
afterAll(async () => {
  await t?.close();
});

let n = 0;
const subject = (channel: "email" | "phone" = "email"): CodeSubject => ({ purpose: "test", channel, subjectId: uuidv7() });
const target = () => `kode${(n += 1)}.${Date.now()}@contoh.id`;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("one-time codes", () => {
  it("are six random digits, stored only as an HMAC bound to their subject", async () => {
    const s = subject();
    const to = target();
    const { code, expiresAt } = await issueCode(t.ctx, s, to);
    expect(code).toMatch(/^\d{6}$/);
    expect(expiresAt.getTime() - (Date.now() + offsetMs)).toBeGreaterThan(9.9 * 60_000);
    expect(expiresAt.getTime() - (Date.now() + offsetMs)).toBeLessThanOrEqual(10 * 60_000);
    const row = await t.ctx.database.db.selectFrom("verification_code").selectAll().where("subject_id", "=", s.subjectId).executeTakeFirstOrThrow();
    expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.code_hash).not.toContain(code);
    // The same digits do not prove another subject.
    expect((await failure(consumeCode(t.ctx, { ...s, subjectId: uuidv7() }, code))).code).toBe("code_invalid");
    expect((await failure(consumeCode(t.ctx, { ...s, channel: "phone" }, code))).code).toBe("code_invalid");
    await consumeCode(t.ctx, s, code);
    expect((await failure(consumeCode(t.ctx, s, code))).code).toBe("code_used");
  });

  it("are single use even when two requests race with the right code", async () => {
    const s = subject("phone");
    const { code } = await issueCode(t.ctx, s, "+6281200000001");
    const results = await Promise.allSettled([consumeCode(t.ctx, s, code), consumeCode(t.ctx, s, code)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "code_used" });
  });

  it("die after five wrong attempts, even for the right code", async () => {
    const s = subject();
    const { code } = await issueCode(t.ctx, s, target());
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, "0");
    for (let i = 1; i <= CODE_MAX_ATTEMPTS; i += 1) {
      const refused = await failure(consumeCode(t.ctx, s, wrong));
      expect(refused.code).toBe("code_invalid");
      expect(refused.messageId).toContain(i < CODE_MAX_ATTEMPTS ? `Sisa ${CODE_MAX_ATTEMPTS - i} kali` : "tidak dapat dipakai lagi");
    }
    expect((await failure(consumeCode(t.ctx, s, code))).code).toBe("code_attempts_exceeded");
  });

  it("expire after ten minutes", async () => {
    const s = subject();
    const { code } = await issueCode(t.ctx, s, target());
    offsetMs += 10 * 60_000;
    try {
      expect((await failure(consumeCode(t.ctx, s, code))).code).toBe("code_expired");
    } finally {
      offsetMs -= 10 * 60_000;
    }
  });

  it("are sent at most once a minute and five times an hour per target, saying when to retry", async () => {
    const to = target();
    const s = subject();
    await issueCode(t.ctx, s, to);
    const tooSoon = await failure(issueCode(t.ctx, subject(), to));
    expect(tooSoon).toMatchObject({ status: 429, code: "code_rate_limited" });
    expect(tooSoon.messageId).toMatch(/dalam (59|60) detik/);
    const start = offsetMs;
    for (let i = 2; i <= 5; i += 1) {
      offsetMs += 61_000;
      await issueCode(t.ctx, s, to);
    }
    offsetMs += 61_000;
    const hourly = await failure(issueCode(t.ctx, s, to));
    expect(hourly.code).toBe("code_rate_limited");
    // The first of the five leaves the hour window about 55 minutes from now.
    expect(hourly.messageId).toMatch(/dalam 5[45] menit/);
    expect(hourly.messageEn).toMatch(/in 5[45] minutes/);
    offsetMs = start + 3600_000 + 1000;
    await expect(issueCode(t.ctx, s, to)).resolves.toMatchObject({ code: expect.stringMatching(/^\d{6}$/) });
    // Other targets were never limited by this one.
    await expect(issueCode(t.ctx, subject(), target())).resolves.toBeDefined();
  });

  it("are sent at most ten times a day per target", async () => {
    const to = target();
    const s = subject();
    const start = offsetMs;
    let sent = 0;
    for (let hour = 0; hour < 3; hour += 1) {
      offsetMs = start + hour * 3600_000 + 1000;
      for (let i = 0; i < 5; i += 1) {
        offsetMs += 61_000;
        if (await issueCode(t.ctx, s, to).then(() => true, () => false)) sent += 1;
      }
    }
    expect(sent).toBe(10);
    const daily = await failure(issueCode(t.ctx, s, to));
    expect(daily.code).toBe("code_rate_limited");
    expect(daily.messageId).toMatch(/dalam \d+ menit/);
    // The day slides: the first of the ten leaves it a day after it was sent.
    offsetMs = start + 24 * 3600_000 + 120_000;
    await expect(issueCode(t.ctx, s, to)).resolves.toBeDefined();
  });

  it("retire the previous code when a new one is issued", async () => {
    const s = subject();
    const to = target();
    const first = await issueCode(t.ctx, s, to);
    offsetMs += 61_000;
    const second = await issueCode(t.ctx, s, to);
    if (first.code !== second.code) expect((await failure(consumeCode(t.ctx, s, first.code))).code).toBe("code_invalid");
    await consumeCode(t.ctx, s, second.code);
  });
});
