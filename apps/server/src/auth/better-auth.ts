import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { emailOTP, phoneNumber, twoFactor } from "better-auth/plugins";
import type { Database } from "@koperasi/db";
import type { Config } from "../config";
import { CLIENT_IP_HEADER } from "../accounts/auth-bridge";
import { passwordHashing } from "../accounts/password-hashing";
import type { Messenger } from "../messaging/messenger";
import { hashStoredCode, phoneCodeIdentifier, storedCodeMatches, withPhoneCodeHashed } from "./stored-codes";

const CODE_ATTEMPTS = 5;

/** The phone plugin's own refusals, with its codes, for a check it hands to us. */
const phoneCodeRefusal = (code: "OTP_NOT_FOUND" | "OTP_EXPIRED" | "TOO_MANY_ATTEMPTS" | "INVALID_OTP") =>
  new APIError(code === "TOO_MANY_ATTEMPTS" ? "FORBIDDEN" : "BAD_REQUEST", { code, message: code });

export type Auth = ReturnType<typeof createAuth>;

/**
 * Identity, sessions, password hashing, TOTP and recovery codes come from
 * better-auth. Its HTTP handler is NOT mounted: our /api/v1/auth routes call
 * `auth.api.*` so every flow gets the same password policy, problem+json
 * errors, rate limits and audit trail.
 */
export function createAuth(config: Config, database: Database, secret: string, messenger: Messenger) {
  return betterAuth({
    appName: "Koperasi Pintar",
    baseURL: config.publicUrl,
    secret,
    database: { db: database.db, type: "postgres" },
    // A password reset signs every session out (the reset itself signs no one in).
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 128,
      autoSignIn: false,
      revokeSessionsOnPasswordReset: true,
      password: { hash: (password) => passwordHashing.hash(password), verify: (input) => passwordHashing.verify(input) },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    advanced: {
      cookiePrefix: "kp",
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      useSecureCookies: config.secureCookies,
      database: { generateId: () => crypto.randomUUID() },
    },
    // One-time codes are stored as an HMAC (see stored-codes.ts); e-mail codes through the plugin's own option.
    databaseHooks: {
      verification: { create: { before: async (row) => ({ data: withPhoneCodeHashed(secret, row) }) } },
    },
    rateLimit: { enabled: false },
    logger: { disabled: config.logLevel === "silent" },
    plugins: [
      twoFactor({
        issuer: "Koperasi Pintar",
        backupCodeOptions: { amount: 10, length: 10 },
        // Wrong second-factor codes lock the account, across fresh sign-in challenges (a new challenge does not reset the count).
        accountLockout: { enabled: true, maxFailedAttempts: 10, durationSeconds: 15 * 60 },
      }),
      emailOTP({
        otpLength: 6,
        expiresIn: 600,
        allowedAttempts: CODE_ATTEMPTS,
        storeOTP: { hash: async (otp) => hashStoredCode(secret, otp) },
        async sendVerificationOTP({ email, otp, type }) {
          const subject = type === "forget-password" ? "Kode atur ulang kata sandi" : "Kode verifikasi";
          await messenger.sendEmail({
            to: email,
            subject: `${subject} Koperasi Pintar`,
            text: `Kode Anda: ${otp}\n\nKode berlaku 10 menit dan hanya dapat dipakai sekali. Abaikan pesan ini bila Anda tidak memintanya.`,
          });
        },
      }),
      phoneNumber({
        otpLength: 6,
        expiresIn: 600,
        allowedAttempts: CODE_ATTEMPTS,
        /**
         * The stored code is an HMAC, so the check is ours: the row is taken
         * (one of two racing checks gets it), a wrong code puts it back with
         * one more attempt counted.
         */
        async verifyOTP({ phoneNumber: number, code }, ctx) {
          if (!ctx) throw phoneCodeRefusal("OTP_NOT_FOUND");
          const adapter = ctx.context.internalAdapter;
          const identifier = phoneCodeIdentifier(ctx.path, number);
          const row = await adapter.consumeVerificationValue(identifier);
          if (!row) throw phoneCodeRefusal("OTP_NOT_FOUND");
          if (row.expiresAt < new Date()) throw phoneCodeRefusal("OTP_EXPIRED");
          const separator = row.value.lastIndexOf(":");
          const stored = row.value.slice(0, separator);
          const attempts = Number(row.value.slice(separator + 1)) || 0;
          if (attempts >= CODE_ATTEMPTS) throw phoneCodeRefusal("TOO_MANY_ATTEMPTS");
          if (storedCodeMatches(secret, stored, code)) return true;
          await adapter.createVerificationValue({ identifier, value: `${stored}:${attempts + 1}`, expiresAt: row.expiresAt });
          throw phoneCodeRefusal("INVALID_OTP");
        },
        async sendOTP({ phoneNumber: to, code }) {
          await messenger.sendSms({ to, text: `Kode Koperasi Pintar: ${code}. Berlaku 10 menit. Jangan berikan kepada siapa pun.` });
        },
        async sendPasswordResetOTP({ phoneNumber: to, code }) {
          await messenger.sendSms({ to, text: `Kode atur ulang kata sandi Koperasi Pintar: ${code}. Berlaku 10 menit.` });
        },
      }),
    ],
  });
}
