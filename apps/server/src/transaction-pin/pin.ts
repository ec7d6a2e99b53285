import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { maskPhone, rupiahFromBigInt, type Rupiah } from "@koperasi/domain";
import { passwordHashing } from "../accounts/password-hashing";
import { waitInWords } from "../accounts/sign-in-throttle";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import type { AppError } from "../errors/app-error";
import { maskEmail } from "../members/contact-change";
import { consumeCode, issueCode, type CodeChannel, type CodeSubject } from "../verification/codes";
import { RefusalWithRecord } from "../command/refusal-with-record";
import { pinError } from "./errors";

// The transaction PIN: six digits, separate from the password, hashed by the
// same scrypt hasher as passwords. A money route that asks for it declares
// `gate: { pin: true }`: the pipeline then locks the login's PIN row before
// the command runs, so tries on one login are checked one after another, and
// a wrong try is written after the command's writes are undone, so it counts
// even though the request is refused.

export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MS = 30 * 60 * 1000;
/** A PIN is set or reset only this soon after signing in. */
export const PIN_FRESH_LOGIN_MS = 15 * 60 * 1000;
const PIN_CODE_PURPOSE = "transaction_pin";
const PIN_FORMAT = /^\d{6}$/;

const lockedRows = new WeakSet<CommandContext>();

/** The pipeline's step for a `pin` route: the actor's PIN row, locked until the commit. */
export async function lockTransactionPin(trx: Transaction<DB>, userId: string, context: CommandContext): Promise<void> {
  await trx.selectFrom("transaction_pin").select("user_id").where("user_id", "=", userId).forUpdate().execute();
  lockedRows.add(context);
}

function pinLocked(lockedUntil: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  const wait = waitInWords(seconds * 1000);
  return Object.assign(pinError("pin_locked", { vars: { wait: wait.id, waitEn: wait.en } }), { retryAfterSeconds: seconds });
}

/**
 * Checks the actor's transaction PIN inside a money command. Refuses a PIN
 * not set (409), a locked one (429 with Retry-After and how long), a wrong
 * one (403, counted; the fifth locks it for 30 minutes). A right one
 * forgets earlier wrong tries.
 */
export async function verifyTransactionPin(cmd: CommandContext, pin: unknown): Promise<void> {
  if (!lockedRows.has(cmd)) throw new Error("verifyTransactionPin: the route must declare gate.pin so tries are counted one after another");
  if (typeof pin !== "string" || !PIN_FORMAT.test(pin)) throw pinError("pin_format", { field: "body.pin" });
  const userId = cmd.actor.userId;
  const row = await cmd.trx.selectFrom("transaction_pin").selectAll().where("user_id", "=", userId).executeTakeFirst();
  if (!row) throw pinError("pin_not_set");
  const now = cmd.now;
  if (row.locked_until && row.locked_until.getTime() > now.getTime()) throw pinLocked(row.locked_until, now);
  // A lock that has run out starts the count again.
  const failures = row.locked_until ? 0 : row.failures;
  if (await passwordHashing.verify({ hash: row.pin_hash, password: pin })) {
    if (row.failures > 0 || row.locked_until) {
      await cmd.trx.updateTable("transaction_pin").set({ failures: 0, locked_until: null }).where("user_id", "=", userId).execute();
    }
    return;
  }
  const after = failures + 1;
  const lockedUntil = after >= PIN_MAX_FAILURES ? new Date(now.getTime() + PIN_LOCK_MS) : null;
  const record = async (trx: Transaction<DB>) => {
    await trx.updateTable("transaction_pin").set({ failures: after, locked_until: lockedUntil }).where("user_id", "=", userId).execute();
  };
  if (lockedUntil) {
    const locked = pinLocked(lockedUntil, now);
    throw new RefusalWithRecord(locked, record, Math.ceil(PIN_LOCK_MS / 1000));
  }
  throw new RefusalWithRecord(pinError("pin_wrong", { field: "body.pin", vars: { left: PIN_MAX_FAILURES - after } }), record);
}

/** Whether a staff member's movement of this amount needs her PIN (a member's own always does). */
export async function staffNeedsPin(cmd: CommandContext, amount: Rupiah): Promise<boolean> {
  const setting = await cmd.trx
    .selectFrom("koperasi_payment_setting")
    .select("staff_pin_above")
    .where("koperasi_id", "=", cmd.koperasiId)
    .executeTakeFirst();
  const above = setting ? rupiahFromBigInt(setting.staff_pin_above) : 0;
  return amount > above;
}

export interface PinStatus {
  set: boolean;
  lockedUntil: string | null;
  failures: number;
}

export async function pinStatus(trx: Transaction<DB>, userId: string, now: Date): Promise<PinStatus> {
  const row = await trx.selectFrom("transaction_pin").selectAll().where("user_id", "=", userId).executeTakeFirst();
  const locked = row?.locked_until && row.locked_until.getTime() > now.getTime() ? row.locked_until : null;
  // A lock that has run out leaves no tries counted.
  const failures = !row || (row.locked_until && !locked) ? 0 : row.failures;
  return { set: Boolean(row), lockedUntil: locked ? locked.toISOString() : null, failures };
}

const subjectOf = (userId: string, channel: CodeChannel): CodeSubject => ({ purpose: PIN_CODE_PURPOSE, channel, subjectId: userId });

/** Sends a one-time code for setting or resetting the PIN to her verified e-mail address or phone. */
export async function sendPinCode(ctx: AppContext, userId: string, koperasiId: string, channel: CodeChannel): Promise<{ channel: CodeChannel; sentTo: string; expiresAt: string }> {
  const user = await ctx.database.platform((trx) =>
    trx.selectFrom("user").select(["email", "emailVerified", "phoneNumber", "phoneNumberVerified"]).where("id", "=", userId).executeTakeFirstOrThrow(),
  );
  const target = channel === "email" ? (user.emailVerified ? user.email.toLowerCase() : null) : user.phoneNumberVerified ? user.phoneNumber : null;
  if (!target) throw pinError("contact_not_verified", { field: "body.channel" });
  const { code, expiresAt } = await issueCode(ctx, subjectOf(userId, channel), target);
  const text = [
    "Kode untuk membuat atau mengatur ulang PIN transaksi Anda:",
    "",
    `    ${code}`,
    "",
    "Kode berlaku 10 menit dan hanya dapat dipakai sekali. Jangan berikan kode ini kepada siapa pun, termasuk pengurus koperasi.",
  ].join("\n");
  if (channel === "email") await ctx.messenger.sendEmail({ to: target, koperasiId, subject: "Kode PIN transaksi", text });
  else await ctx.messenger.sendSms({ to: target, koperasiId, text: `Kode PIN transaksi: ${code}. Berlaku 10 menit. Jangan berikan kepada siapa pun.` });
  return { channel, sentTo: channel === "email" ? maskEmail(target) : maskPhone(target), expiresAt: expiresAt.toISOString() };
}

/**
 * Sets (or, once forgotten or locked, resets) the PIN: only soon after
 * signing in, and only with the one-time code sent to her. A new PIN starts
 * with no wrong tries and no lock.
 */
export async function setTransactionPin(
  ctx: AppContext,
  input: { userId: string; sessionToken: string; pin: string; code: string; channel: CodeChannel },
): Promise<void> {
  if (!PIN_FORMAT.test(input.pin)) throw pinError("pin_format", { field: "body.pin" });
  if (weakPin(input.pin)) throw pinError("pin_too_simple", { field: "body.pin" });
  const now = ctx.now();
  const session = await ctx.database.platform(async (trx) => {
    const { rows } = await sql<{ createdAt: Date }>`SELECT "createdAt" FROM "session" WHERE token = ${input.sessionToken} AND "userId" = ${input.userId}`.execute(trx);
    return rows[0];
  });
  if (!session || now.getTime() - new Date(session.createdAt).getTime() > PIN_FRESH_LOGIN_MS) throw pinError("login_not_fresh");
  await consumeCode(ctx, subjectOf(input.userId, input.channel), input.code);
  const pinHash = await passwordHashing.hash(input.pin);
  await ctx.database.platform((trx) =>
    trx
      .insertInto("transaction_pin")
      .values({ user_id: input.userId, pin_hash: pinHash, failures: 0, locked_until: null, set_at: now })
      .onConflict((oc) => oc.column("user_id").doUpdateSet({ pin_hash: pinHash, failures: 0, locked_until: null, set_at: now }))
      .execute(),
  );
}

/** Six of one digit or a straight run (123456, 654321): the first guesses anyone tries. */
export function weakPin(pin: string): boolean {
  if (/^(\d)\1{5}$/.test(pin)) return true;
  const steps = [...pin].slice(1).map((digit, i) => Number(digit) - Number(pin[i]));
  return steps.every((step) => step === 1) || steps.every((step) => step === -1);
}
