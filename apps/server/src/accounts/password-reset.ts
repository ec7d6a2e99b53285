import type { FastifyBaseLogger } from "fastify";
import { isDomainError, maskPhone, normalizePhone } from "@koperasi/domain";
import type { AppContext } from "../context";
import { assertAcceptablePassword } from "../auth/password-policy";
import { AppError, invalidField } from "../errors/app-error";
import { authErrorCode } from "./auth-bridge";
import { takeCodeBudget } from "./code-budget";
import { defer } from "./deferred-work";
import { isPhoneOnlyEmail } from "./phone-only";

// Password reset by a one-time code sent to a VERIFIED email address or
// phone number (better-auth's emailOTP / phoneNumber plugins: 6 digits,
// 10 minutes, 5 attempts, single use). It never signs anyone in: afterwards
// the person signs in as usual, second factor included, and every session
// she had is revoked by the reset.

export type ResetChannel = { channel: "email"; email: string } | { channel: "phone"; phoneNumber: string };

/** An email address or an Indonesian phone number, normalised; 400 for anything else. */
export function parseIdentifier(identifier: string, path = "body.identifier"): ResetChannel {
  const value = identifier.trim();
  if (value.includes("@")) {
    const email = value.toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalidField(path, "invalid_identifier", "Isi email atau nomor HP yang sah.");
    return { channel: "email", email };
  }
  try {
    return { channel: "phone", phoneNumber: normalizePhone(value) };
  } catch (error) {
    if (isDomainError(error)) throw invalidField(path, "invalid_identifier", "Isi email atau nomor HP yang sah.");
    throw error;
  }
}

interface ResetAccount {
  id: string;
  name: string;
  email: string;
  phoneNumber: string | null;
}

/** The login whose verified email / phone this is, or undefined. */
async function findVerifiedAccount(ctx: AppContext, target: ResetChannel): Promise<ResetAccount | undefined> {
  const query = ctx.database.db.selectFrom("user").select(["id", "name", "email", "phoneNumber"]);
  if (target.channel === "email") {
    if (isPhoneOnlyEmail(target.email)) return undefined;
    return query.where("email", "=", target.email).where("emailVerified", "=", true).executeTakeFirst();
  }
  return query.where("phoneNumber", "=", target.phoneNumber).where("phoneNumberVerified", "=", true).executeTakeFirst();
}

function describe(target: ResetChannel): Record<string, string> {
  return target.channel === "email" ? { channel: "email" } : { channel: "phone", phone: maskPhone(target.phoneNumber) };
}

/** Looks the target up and sends a reset code when it is the verified address of some login; otherwise does nothing. */
async function sendResetCode(ctx: AppContext, log: FastifyBaseLogger, target: ResetChannel): Promise<void> {
  const account = await findVerifiedAccount(ctx, target);
  if (!account) {
    log.info({ event: "password_reset_requested", ...describe(target), sent: false }, "password reset requested for no verified account");
    return;
  }
  try {
    if (target.channel === "email") await ctx.auth.api.requestPasswordResetEmailOTP({ body: { email: target.email } });
    else await ctx.auth.api.requestPasswordResetPhoneNumber({ body: { phoneNumber: target.phoneNumber } });
    log.info({ event: "password_reset_requested", ...describe(target), userId: account.id, sent: true }, "password reset code sent");
  } catch (error) {
    log.error({ event: "password_reset_requested", ...describe(target), userId: account.id, err: error }, "password reset code could not be sent");
  }
}

/** Where a reset request's lookup and sending go: after the answer, so it takes as long whether or not the account exists. */
export const resetCodeDelivery = {
  schedule(ctx: AppContext, log: FastifyBaseLogger, target: ResetChannel): void {
    defer(ctx, log, "password_reset_requested", () => sendResetCode(ctx, log, target));
  },
};

/**
 * Takes the request and answers: the recipient's code budget is counted
 * (429 when spent, for any address alike), and the lookup and sending run
 * afterwards. The caller answers 202, so neither the answer nor its timing
 * tells whether an account exists.
 */
export async function requestPasswordReset(ctx: AppContext, log: FastifyBaseLogger, identifier: string): Promise<void> {
  const target = parseIdentifier(identifier);
  await takeCodeBudget(ctx, "password-reset", target);
  resetCodeDelivery.schedule(ctx, log, target);
}

const invalidCode = () =>
  new AppError(400, "invalid_code", "Kode salah atau sudah tidak berlaku.", "The code is wrong or no longer valid.", [
    { path: "body.code", code: "invalid_code", message: "Kode salah atau sudah tidak berlaku." },
  ]);

function resetError(code: string | undefined): AppError | undefined {
  switch (code) {
    case undefined:
      return undefined;
    case "OTP_EXPIRED":
      return new AppError(400, "code_expired", "Kode sudah kedaluwarsa. Minta kode baru.", "The code has expired. Ask for a new one.", [
        { path: "body.code", code: "code_expired", message: "Kode sudah kedaluwarsa. Minta kode baru." },
      ]);
    case "TOO_MANY_ATTEMPTS":
      return new AppError(
        429,
        "too_many_attempts",
        "Terlalu banyak kode salah. Minta kode baru.",
        "Too many wrong codes. Ask for a new one.",
      );
    case "PASSWORD_TOO_SHORT":
    case "PASSWORD_TOO_LONG":
      return invalidField("body.newPassword", "invalid_password", "Panjang kata sandi harus 8 sampai 128 karakter.");
    default:
      return invalidCode();
  }
}

/**
 * Sets a new password with the code. Refuses weak passwords before the code
 * is spent; an unknown or unverified account gets the same answer as a wrong
 * code. Returns the user id whose password changed.
 */
export async function resetPassword(
  ctx: AppContext,
  log: FastifyBaseLogger,
  input: { identifier: string; code: string; newPassword: string },
): Promise<string> {
  const target = parseIdentifier(input.identifier);
  const account = await findVerifiedAccount(ctx, target);
  assertAcceptablePassword(input.newPassword, account ? { email: account.email, name: account.name, phone: account.phoneNumber } : {}, "body.newPassword");
  if (!account) throw invalidCode();
  try {
    if (target.channel === "email") {
      await ctx.auth.api.resetPasswordEmailOTP({ body: { email: target.email, otp: input.code, password: input.newPassword } });
    } else {
      await ctx.auth.api.resetPasswordPhoneNumber({ body: { phoneNumber: target.phoneNumber, otp: input.code, newPassword: input.newPassword } });
    }
  } catch (error) {
    const mapped = resetError(authErrorCode(error));
    if (mapped) {
      log.info({ event: "password_reset_refused", ...describe(target), reason: mapped.code }, "password reset refused");
      throw mapped;
    }
    throw error;
  }
  log.info({ event: "password_reset", ...describe(target), userId: account.id }, "password reset; sessions revoked");
  return account.id;
}
