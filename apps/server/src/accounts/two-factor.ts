import type { FastifyRequest } from "fastify";
import { requiresMfaSetup, type Role } from "@koperasi/domain";
import type { AppContext } from "../context";
import { AppError } from "../errors/app-error";
import { authErrorCode, authHeaders } from "./auth-bridge";
import { twoFactorError } from "./sign-in";
import { listMemberships } from "./session-info";
import { endOtherSessions, sessionCookieName, sessionTokenSet } from "./sessions";

// TOTP two-factor with recovery codes (better-auth's twoFactor plugin).
// Enabling is two steps: `enable` (password) returns the authenticator URI
// and ten single-use recovery codes; `verify` with a first code from the app
// switches it on. Until then sign-in is unaffected.

const wrongPassword = () =>
  new AppError(400, "invalid_password", "Kata sandi salah.", "Wrong password.", [
    { path: "body.password", code: "invalid_password", message: "Kata sandi salah." },
  ]);

function passwordStepError(code: string | undefined): AppError | undefined {
  switch (code) {
    case undefined:
      return undefined;
    case "INVALID_PASSWORD":
      return wrongPassword();
    case "TOTP_ALREADY_ENABLED":
      return new AppError(409, "two_factor_already_enabled", "Verifikasi dua langkah sudah aktif.", "Two-factor authentication is already on.");
    case "UNAUTHORIZED":
      return new AppError(401, "unauthenticated", "Silakan masuk terlebih dahulu.", "Please sign in first.");
    default:
      return twoFactorError(code);
  }
}

export async function startTwoFactorSetup(
  ctx: AppContext,
  request: FastifyRequest,
  password: string,
): Promise<{ totpUri: string; backupCodes: string[]; headers: Headers }> {
  try {
    const result = await ctx.auth.api.enableTwoFactor({ body: { password }, headers: authHeaders(request), returnHeaders: true });
    const response = result.response as { totpURI?: string; backupCodes?: string[] };
    if (!response.totpURI || !response.backupCodes) throw new Error("two-factor setup returned no TOTP URI");
    return { totpUri: response.totpURI, backupCodes: response.backupCodes, headers: result.headers };
  } catch (error) {
    throw passwordStepError(authErrorCode(error)) ?? error;
  }
}

/**
 * The first code from the authenticator app: switches two-factor on.
 * better-auth re-issues this session's cookie; every other session of hers
 * ends, since none of them proved a second factor.
 */
export async function finishTwoFactorSetup(ctx: AppContext, request: FastifyRequest, userId: string, code: string): Promise<{ headers: Headers; endedSessions: number }> {
  try {
    const result = await ctx.auth.api.verifyTOTP({ body: { code }, headers: authHeaders(request), returnHeaders: true });
    const kept = sessionTokenSet(result.headers, await sessionCookieName(ctx));
    if (kept === null) throw new Error("switching two-factor on issued no session cookie");
    return { headers: result.headers, endedSessions: await endOtherSessions(ctx, userId, kept) };
  } catch (error) {
    const mapped = authErrorCode(error);
    if (mapped === "TOTP_NOT_ENABLED") {
      throw new AppError(
        400,
        "two_factor_not_started",
        "Mulai pengaktifan verifikasi dua langkah terlebih dahulu.",
        "Start setting up two-factor authentication first.",
      );
    }
    throw passwordStepError(mapped) ?? error;
  }
}

export interface SecondFactor {
  code: string;
  kind: "totp" | "backup";
}

/**
 * A fresh second factor for a step that weakens the account: a code from
 * the app now, or one recovery code (spent). A session alone, or the
 * password alone, is not enough. Wrong codes count towards the same lockout
 * as at sign-in.
 */
export async function confirmSecondFactor(ctx: AppContext, request: FastifyRequest, factor: SecondFactor): Promise<void> {
  const headers = authHeaders(request);
  try {
    if (factor.kind === "backup") await ctx.auth.api.verifyBackupCode({ body: { code: factor.code, disableSession: true }, headers });
    else await ctx.auth.api.verifyTOTP({ body: { code: factor.code.replace(/\s/g, "") }, headers });
  } catch (error) {
    throw twoFactorError(authErrorCode(error)) ?? error;
  }
}

/**
 * Switches two-factor off: the password and a fresh second factor. Refused
 * while a cooperative she serves in a role that needs it makes it mandatory.
 */
export async function disableTwoFactor(ctx: AppContext, request: FastifyRequest, userId: string, input: { password: string } & SecondFactor): Promise<Headers> {
  const obliged = (await listMemberships(ctx, userId)).find((m) => requiresMfaSetup(m.roles as Role[], { mandatoryForKoperasi: m.mfaRequired }));
  if (obliged) {
    throw new AppError(
      409,
      "mfa_required",
      `${obliged.name} mewajibkan verifikasi dua langkah untuk peran Anda, sehingga tidak dapat dinonaktifkan.`,
      `${obliged.name} requires two-factor authentication for your role, so it cannot be switched off.`,
    );
  }
  await confirmSecondFactor(ctx, request, input);
  try {
    const result = await ctx.auth.api.disableTwoFactor({ body: { password: input.password }, headers: authHeaders(request), returnHeaders: true });
    return result.headers;
  } catch (error) {
    const code = authErrorCode(error);
    if (code === "INVALID_PASSWORD") throw wrongPassword();
    throw passwordStepError(code) ?? error;
  }
}
