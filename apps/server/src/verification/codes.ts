import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { uuidv7 } from "@koperasi/domain";
import type { AppContext } from "../context";
import { AppError } from "../errors/app-error";

// One-time codes sent to an email address or a phone (table verification_code).
// Only an HMAC of the code is stored, keyed with the server's pepper and bound
// to what it proves (purpose, channel, subject), so a leaked row is useless.
// Only the latest code for a subject and channel counts: asking for a new one
// retires the old one.

export type CodeChannel = "email" | "phone";

export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
/** Sending limits per target (address or number), across purposes: a minute, an hour, a day. */
export const CODE_SEND_LIMITS = [
  { windowMs: 60 * 1000, max: 1 },
  { windowMs: 60 * 60 * 1000, max: 5 },
  { windowMs: 24 * 60 * 60 * 1000, max: 10 },
] as const;

export interface CodeSubject {
  /** What the code proves, e.g. "registration". */
  purpose: string;
  channel: CodeChannel;
  /** The record the code belongs to (a registration id, a user id). */
  subjectId: string;
}

export interface IssuedCode {
  code: string;
  expiresAt: Date;
}

function hashCode(ctx: AppContext, subject: CodeSubject, code: string): string {
  return createHmac("sha256", ctx.secrets.tokenPepper).update(`code:${subject.purpose}:${subject.channel}:${subject.subjectId}:${code}`).digest("hex");
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}

function rateLimited(retryAfterSeconds: number): AppError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const wait = seconds < 120 ? `${seconds} detik` : `${Math.ceil(seconds / 60)} menit`;
  const waitEn = seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return new RateLimitedError(
    seconds,
    `Kode baru saja dikirim. Anda dapat meminta kode lagi dalam ${wait}.`,
    `A code was sent recently. You can ask for another in ${waitEn}.`,
  );
}

/** 429 `code_rate_limited`; carries the wait so a route can send Retry-After. */
export class RateLimitedError extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    messageId: string,
    messageEn: string,
  ) {
    super(429, "code_rate_limited", messageId, messageEn);
  }
}

/** How long until another code may be sent to this target; 0 when it may be sent now. */
async function waitBeforeSending(trx: Transaction<DB>, channel: CodeChannel, target: string, now: Date): Promise<number> {
  const longest = Math.max(...CODE_SEND_LIMITS.map((l) => l.windowMs));
  const recent = await trx
    .selectFrom("verification_code")
    .select("created_at")
    .where("channel", "=", channel)
    .where("target", "=", target)
    .where("created_at", ">", new Date(now.getTime() - longest))
    .orderBy("created_at", "desc")
    .execute();
  let waitMs = 0;
  for (const limit of CODE_SEND_LIMITS) {
    const inWindow = recent.filter((r) => r.created_at.getTime() > now.getTime() - limit.windowMs);
    if (inWindow.length >= limit.max) {
      // The window frees a slot when the oldest send counted in it leaves.
      const oldestCounted = inWindow[limit.max - 1]!.created_at.getTime();
      waitMs = Math.max(waitMs, oldestCounted + limit.windowMs - now.getTime());
    }
  }
  return waitMs;
}

/** Throws 429 `code_rate_limited` when the target may not get a code now (checks only; sends nothing). */
export async function assertMaySend(ctx: AppContext, channel: CodeChannel, target: string): Promise<void> {
  const waitMs = await ctx.database.platform((trx) => waitBeforeSending(trx, channel, target, ctx.now()));
  if (waitMs > 0) throw rateLimited(waitMs / 1000);
}

/**
 * Creates a code for the subject, retiring earlier ones, within the sending
 * limits of the target. The caller delivers it; the code is returned only so
 * it can be put in the message, and must never be logged.
 */
export async function issueCode(ctx: AppContext, subject: CodeSubject, target: string): Promise<IssuedCode> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
  await ctx.database.platform(async (trx) => {
    // One sender at a time per target, so two requests cannot both pass the limit.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`verification_code:${subject.channel}:${target}`}))`.execute(trx);
    const waitMs = await waitBeforeSending(trx, subject.channel, target, now);
    if (waitMs > 0) throw rateLimited(waitMs / 1000);
    await trx
      .updateTable("verification_code")
      .set({ expires_at: now })
      .where("purpose", "=", subject.purpose)
      .where("subject_id", "=", subject.subjectId)
      .where("channel", "=", subject.channel)
      .where("consumed_at", "is", null)
      .where("expires_at", ">", now)
      .execute();
    await trx
      .insertInto("verification_code")
      .values({
        id: uuidv7(),
        purpose: subject.purpose,
        channel: subject.channel,
        target,
        subject_id: subject.subjectId,
        code_hash: hashCode(ctx, subject, code),
        expires_at: expiresAt,
        consumed_at: null,
        created_at: now,
      })
      .execute();
  });
  return { code, expiresAt };
}

const codeInvalid = (remaining: number) =>
  new AppError(
    400,
    "code_invalid",
    remaining > 0 ? `Kode salah. Sisa ${remaining} kali percobaan.` : "Kode salah. Kode ini tidak dapat dipakai lagi; minta kode baru.",
    remaining > 0 ? `Wrong code. ${remaining} attempts left.` : "Wrong code. This code can no longer be used; ask for a new one.",
    [{ path: "body.code", code: "code_invalid", message: "Kode salah." }],
  );

/**
 * Checks a code against the latest one issued for the subject and consumes it.
 * Wrong → 400 `code_invalid` (at most five tries, then the code is dead:
 * `code_attempts_exceeded`); past ten minutes → `code_expired`; already
 * used → `code_used`.
 */
export async function consumeCode(ctx: AppContext, subject: CodeSubject, code: string): Promise<void> {
  const now = ctx.now();
  const latest = await ctx.database.platform((trx) =>
    trx
      .selectFrom("verification_code")
      .selectAll()
      .where("purpose", "=", subject.purpose)
      .where("subject_id", "=", subject.subjectId)
      .where("channel", "=", subject.channel)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst(),
  );
  if (!latest) throw codeInvalid(0);
  const matches = sameHash(latest.code_hash, hashCode(ctx, subject, code));
  if (latest.consumed_at !== null) {
    if (matches) throw new AppError(400, "code_used", "Kode ini sudah dipakai. Minta kode baru bila perlu.", "This code has already been used.");
    throw codeInvalid(0);
  }
  if (latest.expires_at.getTime() <= now.getTime()) {
    throw new AppError(400, "code_expired", "Kode sudah kedaluwarsa. Minta kode baru.", "The code has expired. Ask for a new one.");
  }
  if (latest.attempts >= CODE_MAX_ATTEMPTS) throw attemptsExceeded();
  if (!matches) {
    const counted = await ctx.database.platform((trx) =>
      trx
        .updateTable("verification_code")
        .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
        .where("id", "=", latest.id)
        .where("attempts", "<", CODE_MAX_ATTEMPTS)
        .returning("attempts")
        .executeTakeFirst(),
    );
    if (!counted) throw attemptsExceeded();
    throw codeInvalid(CODE_MAX_ATTEMPTS - counted.attempts);
  }
  // Single use even when two requests race with the right code.
  const consumed = await ctx.database.platform((trx) =>
    trx
      .updateTable("verification_code")
      .set({ consumed_at: now })
      .where("id", "=", latest.id)
      .where("consumed_at", "is", null)
      .where("attempts", "<", CODE_MAX_ATTEMPTS)
      .returning("id")
      .executeTakeFirst(),
  );
  if (!consumed) throw new AppError(400, "code_used", "Kode ini sudah dipakai. Minta kode baru bila perlu.", "This code has already been used.");
}

function attemptsExceeded(): AppError {
  return new AppError(
    400,
    "code_attempts_exceeded",
    "Terlalu banyak percobaan kode yang salah. Minta kode baru.",
    "Too many wrong attempts. Ask for a new code.",
  );
}
