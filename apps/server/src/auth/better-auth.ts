import { betterAuth } from "better-auth";
import { emailOTP, phoneNumber, twoFactor } from "better-auth/plugins";
import type { Database } from "@koperasi/db";
import type { Config } from "../config";
import { passwordHashing } from "../accounts/password-hashing";
import type { Messenger } from "../messaging/messenger";

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
      useSecureCookies: config.secureCookies,
      database: { generateId: () => crypto.randomUUID() },
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
        allowedAttempts: 5,
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
        allowedAttempts: 5,
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
