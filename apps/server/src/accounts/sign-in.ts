import type { FastifyRequest } from "fastify";
import { normalizePhone } from "@koperasi/domain";
import type { AppContext } from "../context";
import { AppError } from "../errors/app-error";
import { authErrorCode, authHeaders, authHeadersWithCookies } from "./auth-bridge";
import { passwordHashing } from "./password-hashing";
import { beginSignInAttempt, LOCK_MS, SignInThrottled, signInSucceeded, wrongPassword } from "./sign-in-throttle";

export type SignInOutcome =
  | { kind: "signed_in"; userId: string; headers: Headers }
  /** Password right, second factor still owed: better-auth set its short-lived two-factor cookie instead of a session. */
  | { kind: "two_factor_required"; headers: Headers };

/** The account an attempt names, written one way: case, spacing and the way a phone number is written change nothing. */
function attemptedAccount(input: { email?: string | undefined; phone?: string | undefined }): string {
  if (input.email !== undefined) return `email:${input.email.trim().toLowerCase()}`;
  return `phone:${normalizePhone(input.phone ?? "")}`;
}

/**
 * First step of signing in, by email or by a verified phone number. The
 * same refusal, after the same work (one password hash), whether or not
 * the account exists; failures slow down and then lock the account.
 */
export async function signInWithPassword(
  ctx: AppContext,
  request: FastifyRequest,
  input: { email?: string | undefined; phone?: string | undefined; password: string },
): Promise<SignInOutcome> {
  const account = attemptedAccount(input);
  const { waitIfWrongMs } = await beginSignInAttempt(ctx, account).catch((error: unknown) => {
    if (error instanceof SignInThrottled) request.log.warn({ event: "sign_in_throttled", code: error.code }, "sign-in refused: the account must wait");
    throw error;
  });
  if (waitIfWrongMs >= LOCK_MS) request.log.warn({ event: "account_lock_armed" }, "a wrong password on this attempt locks the account for a while");
  const headers = authHeaders(request);
  let result: { headers: Headers; response: unknown };
  try {
    if (input.email !== undefined) {
      result = await ctx.auth.api.signInEmail({ body: { email: input.email, password: input.password }, headers, returnHeaders: true });
    } else {
      const phoneNumber = normalizePhone(input.phone ?? "");
      // Only a number the person has proved she holds can sign her in.
      const holder = await ctx.database.db
        .selectFrom("user")
        .select("id")
        .where("phoneNumber", "=", phoneNumber)
        .where("phoneNumberVerified", "=", true)
        .executeTakeFirst();
      if (!holder) {
        // What checking a password would have cost, so the answer comes no sooner.
        await passwordHashing.hash(input.password);
        throw wrongPassword(waitIfWrongMs);
      }
      result = await ctx.auth.api.signInPhoneNumber({ body: { phoneNumber, password: input.password }, headers, returnHeaders: true });
    }
  } catch (error) {
    if (authErrorCode(error) !== undefined) throw wrongPassword(waitIfWrongMs);
    throw error;
  }
  const response = result.response as { twoFactorRedirect?: boolean; user?: { id: string } };
  if (response.twoFactorRedirect === true) {
    await signInSucceeded(ctx, account);
    return { kind: "two_factor_required", headers: result.headers };
  }
  if (!response.user) throw wrongPassword(waitIfWrongMs);
  await signInSucceeded(ctx, account);
  return { kind: "signed_in", userId: response.user.id, headers: result.headers };
}

const TWO_FACTOR_COOKIES = /two_factor|dont_remember/;

/**
 * Second step: a TOTP code or one recovery code completes the sign-in that
 * the two-factor cookie stands for. Decided by that cookie alone.
 */
export async function completeTwoFactorSignIn(
  ctx: AppContext,
  request: FastifyRequest,
  input: { code: string; kind: "totp" | "backup" },
): Promise<{ userId: string; headers: Headers }> {
  const headers = authHeadersWithCookies(request, TWO_FACTOR_COOKIES);
  if (!headers.has("cookie")) throw twoFactorChallengeGone();
  try {
    const result =
      input.kind === "backup"
        ? await ctx.auth.api.verifyBackupCode({ body: { code: input.code }, headers, returnHeaders: true })
        : await ctx.auth.api.verifyTOTP({ body: { code: input.code.replace(/\s/g, "") }, headers, returnHeaders: true });
    return { userId: result.response.user.id, headers: result.headers };
  } catch (error) {
    throw twoFactorError(authErrorCode(error)) ?? error;
  }
}

function twoFactorChallengeGone() {
  return new AppError(
    401,
    "two_factor_expired",
    "Langkah verifikasi sudah tidak berlaku. Silakan masuk kembali dengan email dan kata sandi.",
    "The verification step has expired. Please sign in again with your email and password.",
  );
}

/** better-auth's two-factor refusals as our problems; undefined when the error is not one of them. */
export function twoFactorError(code: string | undefined): AppError | undefined {
  switch (code) {
    case undefined:
      return undefined;
    case "INVALID_TWO_FACTOR_COOKIE":
      return twoFactorChallengeGone();
    case "INVALID_CODE":
    case "INVALID_BACKUP_CODE":
      return new AppError(400, "invalid_code", "Kode salah atau sudah dipakai.", "The code is wrong or already used.", [
        { path: "body.code", code: "invalid_code", message: "Kode salah atau sudah dipakai." },
      ]);
    case "TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE":
      return new AppError(
        429,
        "too_many_attempts",
        "Terlalu banyak kode salah. Silakan masuk kembali dengan email dan kata sandi.",
        "Too many wrong codes. Please sign in again.",
      );
    case "ACCOUNT_TEMPORARILY_LOCKED":
      return new AppError(
        429,
        "account_locked",
        "Terlalu banyak kode salah. Verifikasi dua langkah dikunci sementara; coba lagi dalam 15 menit.",
        "Too many wrong codes. Two-factor verification is locked for a while; try again in 15 minutes.",
      );
    case "TOTP_NOT_ENABLED":
    case "BACKUP_CODES_NOT_ENABLED":
    case "TWO_FACTOR_NOT_ENABLED":
      return new AppError(400, "two_factor_not_enabled", "Verifikasi dua langkah belum aktif.", "Two-factor authentication is not enabled.");
    default:
      return new AppError(400, "two_factor_failed", "Verifikasi dua langkah gagal. Silakan coba lagi.", "Two-factor verification failed.");
  }
}

/** Ends the session better-auth holds for this request; returns the cookies that clear it. */
export async function signOut(ctx: AppContext, request: FastifyRequest): Promise<Headers> {
  const result = await ctx.auth.api.signOut({ headers: authHeaders(request), returnHeaders: true });
  return result.headers;
}
