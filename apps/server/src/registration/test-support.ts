import { randomInt } from "node:crypto";
import type { AppContext } from "../context";
import type { ZodApp } from "../http/zod-app";
import { onePagePdf } from "../testing/documents";

// Fixtures for registration tests: valid, unique cooperative numbers and
// phones, and the codes read back from the outbox the way an operator (or
// the person) would.

let sequence = 0;

export function uniqueNumbers(): { nomorIndukKoperasi: string; nomorBadanHukum: string; nib: string; phone: string } {
  sequence += 1;
  const stamp = `${Date.now()}`.slice(-9) + String(sequence).padStart(3, "0");
  return {
    nomorIndukKoperasi: `3${stamp}${randomInt(100, 999)}`, // 16 digits
    nomorBadanHukum: `AHU-${randomInt(1_000_000, 9_999_999)}${sequence}.AH.01.26.TAHUN 2023`,
    nib: `9${stamp}`, // 13 digits
    phone: `0812${randomInt(10_000_000, 99_999_999)}`,
  };
}

export const GOOD_PASSWORD = "teh-manis-di-pagi-hari";

export interface RegistrationInput {
  koperasi: Record<string, unknown>;
  admin: Record<string, unknown>;
}

export function registrationBody(overrides: { koperasi?: Record<string, unknown>; admin?: Record<string, unknown> } = {}): RegistrationInput {
  const n = uniqueNumbers();
  return {
    koperasi: {
      name: `Koperasi Sumber Rejeki ${sequence}`,
      type: "ksp",
      nomorIndukKoperasi: n.nomorIndukKoperasi,
      nomorBadanHukum: n.nomorBadanHukum,
      nib: n.nib,
      address: "Jl. Veteran No. 12, Kelurahan Kauman",
      city: "Kota Malang",
      province: "Jawa Timur",
      postalCode: "65119",
      timeZone: "Asia/Jakarta",
      ...overrides.koperasi,
    },
    admin: {
      name: "Siti Rahayu",
      email: `siti.${Date.now()}.${sequence}@contoh.id`,
      phone: n.phone,
      password: GOOD_PASSWORD,
      ...overrides.admin,
    },
  };
}

/** The six digits in the latest message to this recipient (an email address or an E.164 number). */
export async function latestCode(ctx: AppContext, recipient: string): Promise<string> {
  const message = await ctx.database.db
    .selectFrom("outbound_message")
    .select("body")
    .where("recipient", "=", recipient)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
  const code = /\b(\d{6})\b/.exec(message.body)?.[1];
  if (!code) throw new Error(`no code in the latest message to ${recipient}`);
  return code;
}

/** A wrong code that is certainly not the right one. */
export function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, "0");
}

export interface Started {
  id: string;
  token: string;
  email: string;
  phone: string;
  body: RegistrationInput;
}

/** POST /registrations and return what later steps need. */
export async function startRegistration(app: ZodApp, body: RegistrationInput, headers: Record<string, string> = {}): Promise<Started> {
  const res = await app.inject({ method: "POST", url: "/api/v1/registrations", payload: body, headers });
  if (res.statusCode !== 201) throw new Error(`start failed: ${res.statusCode} ${res.body}`);
  const state = res.json() as { registrationId: string; resumeToken: string; admin: { email: string; phone: string } };
  return { id: state.registrationId, token: state.resumeToken, email: state.admin.email, phone: state.admin.phone, body };
}

export async function verify(app: ZodApp, started: Started, channel: "email" | "phone", code: string) {
  return app.inject({
    method: "POST",
    url: `/api/v1/registrations/${started.id}/verify`,
    headers: { "x-resume-token": started.token },
    payload: { channel, code },
  });
}

/** Verifies both channels with the codes from the outbox. */
export async function verifyBoth(app: ZodApp, ctx: AppContext, started: Started): Promise<void> {
  for (const [channel, to] of [
    ["email", started.email],
    ["phone", started.phone],
  ] as const) {
    const res = await verify(app, started, channel, await latestCode(ctx, to));
    if (res.statusCode !== 200) throw new Error(`verify ${channel} failed: ${res.statusCode} ${res.body}`);
  }
}

export async function submit(app: ZodApp, started: Started, headers: Record<string, string> = {}) {
  return app.inject({ method: "POST", url: `/api/v1/registrations/${started.id}/submit`, headers: { "x-resume-token": started.token, ...headers } });
}

/** A multipart/form-data body with one file part. */
export function multipart(field: string, fileName: string, contentType: string, bytes: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----koperasi${randomInt(1_000_000, 9_999_999)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** A tiny but real PDF and PNG: uploads are opened as what they claim to be. */
export const PDF_BYTES = onePagePdf("Akta pendirian");
export const PNG_BYTES = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
