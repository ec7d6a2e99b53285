import type { FastifyRequest } from "fastify";
import { sql, type Kysely, type Selectable } from "kysely";
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES, type KoperasiDetails, type RegistrationState, type StartRegistration } from "@koperasi/contracts";
import type { DB, RegistrationTable } from "@koperasi/db";
import { maskPhone, uuidv7 } from "@koperasi/domain";
import { isPhoneOnlyEmail } from "../accounts/phone-only";
import type { AppContext } from "../context";
import { detectAllowedType, type Upload } from "../files/upload";
import { AppError, notFound } from "../errors/app-error";
import { currentUser, type SignedInUser } from "../http/session";
import { assertMaySend, consumeCode, issueCode, type CodeChannel } from "../verification/codes";
import { normalizeRegistration, type NormalizedRegistration } from "./details";
import { emailCodeMessage, smsCodeMessage } from "./messages";
import { hashResumeToken, newResumeToken, resumeTokenMatches } from "./tokens";

// Daftar Sekarang: a cooperative registers itself and its first admin. A
// draft lives 24 hours and is resumed with its token; a newer draft for the
// same email or the same cooperative numbers replaces an older unsubmitted
// one, so an abandoned attempt never blocks a retry. Only a submitted
// registration (a koperasi row) blocks the same numbers.

export const REGISTRATION_TTL_MS = 24 * 60 * 60 * 1000;
export const CODE_PURPOSE = "registration";
export type DocumentKind = "akta" | "sk_badan_hukum";

/** What the registration row's `details` column holds. */
export interface StoredDetails {
  koperasi: KoperasiDetails;
  admin: { name: string };
  slugBase: string;
  /** The login was created by this registration (so submitting it may sign her in). */
  createdLogin: boolean;
}

export type RegistrationRow = Selectable<RegistrationTable>;

export function detailsOf(row: RegistrationRow): StoredDetails {
  return row.details as StoredDetails;
}

export function koperasiExists(fields: ("nomorIndukKoperasi" | "nomorBadanHukum")[]): AppError {
  const message = "Koperasi dengan nomor ini sudah terdaftar. Bila ini koperasi Anda, masuk dengan akun admin koperasi tersebut.";
  return new AppError(
    409,
    "koperasi_exists",
    "Koperasi ini sudah terdaftar di Koperasi Pintar (Nomor Induk Koperasi atau nomor badan hukum yang sama).",
    "This cooperative is already registered (same Nomor Induk Koperasi or legal entity number).",
    fields.map((field) => ({ path: `body.koperasi.${field}`, code: "koperasi_exists", message })),
  );
}

function emailRegistered(): AppError {
  return new AppError(
    409,
    "email_registered",
    "Email ini sudah terdaftar. Silakan masuk terlebih dahulu, lalu daftarkan koperasi dari akun Anda.",
    "This email is already registered. Sign in first, then register the cooperative from your account.",
    [{ path: "body.admin.email", code: "email_registered", message: "Email sudah terdaftar. Masuk terlebih dahulu." }],
  );
}

/** Which of the numbers already belong to a registered cooperative. */
export async function existingNumbers(
  db: Kysely<DB>,
  koperasi: Pick<KoperasiDetails, "nomorIndukKoperasi" | "nomorBadanHukum">,
): Promise<("nomorIndukKoperasi" | "nomorBadanHukum")[]> {
  const { nomorIndukKoperasi: nik, nomorBadanHukum: bh } = koperasi;
  if (!nik && !bh) return [];
  const rows = await db
    .selectFrom("koperasi")
    .select(["nomor_induk_koperasi", "nomor_badan_hukum"])
    .where((eb) => eb.or([...(nik ? [eb("nomor_induk_koperasi", "=", nik)] : []), ...(bh ? [eb("nomor_badan_hukum", "=", bh)] : [])]))
    .execute();
  const found = new Set<"nomorIndukKoperasi" | "nomorBadanHukum">();
  for (const row of rows) {
    if (nik && row.nomor_induk_koperasi === nik) found.add("nomorIndukKoperasi");
    if (bh && row.nomor_badan_hukum === bh) found.add("nomorBadanHukum");
  }
  return [...found];
}

interface Login {
  userId: string;
  createdLogin: boolean;
  emailVerified: boolean;
  phoneVerified: boolean;
}

/** A signed-in person registers for herself: her email may already be verified, and her phone too. */
async function existingLogin(ctx: AppContext, user: SignedInUser, phone: string): Promise<Login> {
  const row = await ctx.database.db
    .selectFrom("user")
    .select(["emailVerified", "phoneNumber", "phoneNumberVerified"])
    .where("id", "=", user.id)
    .executeTakeFirstOrThrow();
  return {
    userId: user.id,
    createdLogin: false,
    emailVerified: row.emailVerified && !isPhoneOnlyEmail(user.email),
    phoneVerified: row.phoneNumber === phone && row.phoneNumberVerified === true,
  };
}

/**
 * Checks that the email may get a new login: free, or held only by an
 * abandoned attempt (unverified, in no cooperative, not an operator), which
 * is returned so it can be replaced.
 */
async function abandonedLoginFor(ctx: AppContext, email: string): Promise<string | null> {
  const holder = await ctx.database.db.selectFrom("user").select(["id", "emailVerified"]).where("email", "=", email).executeTakeFirst();
  if (!holder) return null;
  if (holder.emailVerified) throw emailRegistered();
  const operator = await ctx.database.db.selectFrom("platform_operator").select("user_id").where("user_id", "=", holder.id).executeTakeFirst();
  const membership = await ctx.database.platform(
    (trx) => trx.selectFrom("koperasi_user").select("id").where("user_id", "=", holder.id).limit(1).executeTakeFirst(),
    { userId: holder.id },
  );
  if (operator || membership) throw emailRegistered();
  return holder.id;
}

/** A phone-only login may take an email no other login holds. */
async function assertEmailFree(ctx: AppContext, email: string, userId: string): Promise<void> {
  const holder = await ctx.database.db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
  if (holder && holder.id !== userId) throw emailRegistered();
}

async function createLogin(ctx: AppContext, input: NormalizedRegistration["admin"], abandoned: string | null): Promise<Login> {
  if (abandoned) {
    // The WHERE re-checks "unverified" so a login verified meanwhile is never removed;
    // its sessions, credentials and old drafts go with it (ON DELETE CASCADE).
    try {
      await ctx.database.db.deleteFrom("user").where("id", "=", abandoned).where("emailVerified", "=", false).execute();
    } catch {
      // Referenced from a cooperative's records after all: it is not abandoned.
      throw emailRegistered();
    }
  }
  try {
    const result = await ctx.auth.api.signUpEmail({ body: { name: input.name, email: input.email, password: input.password! } });
    return { userId: result.user.id, createdLogin: true, emailVerified: false, phoneVerified: false };
  } catch (error) {
    const status = (error as { statusCode?: number; status?: unknown }).statusCode;
    if (status === 422 || status === 409 || (error as { status?: unknown }).status === "UNPROCESSABLE_ENTITY") throw emailRegistered();
    throw error;
  }
}

export async function startRegistration(ctx: AppContext, request: FastifyRequest, body: StartRegistration): Promise<RegistrationState> {
  const signedIn = await currentUser(ctx, request);
  const phoneOnly = signedIn !== null && isPhoneOnlyEmail(signedIn.email);
  const input = normalizeRegistration(body, signedIn ? { signedIn: true, email: phoneOnly ? null : signedIn.email.toLowerCase() } : { signedIn: false });

  const taken = await existingNumbers(ctx.database.db, input.koperasi);
  if (taken.length > 0) throw koperasiExists(taken);

  const abandoned = signedIn ? null : await abandonedLoginFor(ctx, input.admin.email);
  if (phoneOnly) await assertEmailFree(ctx, input.admin.email, signedIn.id);
  const preLogin = signedIn ? await existingLogin(ctx, signedIn, input.admin.phone) : null;
  // Refuse before creating anything when a code could not be sent now.
  if (!preLogin?.emailVerified) await assertMaySend(ctx, "email", input.admin.email);
  if (!preLogin?.phoneVerified) await assertMaySend(ctx, "phone", input.admin.phone);

  const login = preLogin ?? (await createLogin(ctx, input.admin, abandoned));
  const now = ctx.now();
  const token = newResumeToken();
  const id = uuidv7();
  const details: StoredDetails = { koperasi: input.koperasi, admin: { name: input.admin.name }, slugBase: input.slugBase, createdLogin: login.createdLogin };
  const { nomorIndukKoperasi: nik, nomorBadanHukum: bh } = input.koperasi;

  const row = await ctx.database.platform(async (trx) => {
    // A newer draft supersedes older unsubmitted ones for the same email or numbers.
    await trx
      .deleteFrom("registration")
      .where("submitted_at", "is", null)
      .where((eb) =>
        eb.or([
          eb("email", "=", input.admin.email),
          ...(nik ? [eb(sql<string>`details->'koperasi'->>'nomorIndukKoperasi'`, "=", nik)] : []),
          ...(bh ? [eb(sql<string>`details->'koperasi'->>'nomorBadanHukum'`, "=", bh)] : []),
        ]),
      )
      .execute();
    // Long-expired drafts are cleared on the way (kept a week so a late GET still says "expired").
    await trx
      .deleteFrom("registration")
      .where("submitted_at", "is", null)
      .where("expires_at", "<", new Date(now.getTime() - 7 * REGISTRATION_TTL_MS))
      .execute();
    return trx
      .insertInto("registration")
      .values({
        id,
        resume_token_hash: hashResumeToken(ctx.secrets.tokenPepper, token),
        details: JSON.stringify(details),
        user_id: login.userId,
        email: input.admin.email,
        phone: input.admin.phone,
        email_verified_at: login.emailVerified ? now : null,
        phone_verified_at: login.phoneVerified ? now : null,
        koperasi_id: null,
        submitted_at: null,
        expires_at: new Date(now.getTime() + REGISTRATION_TTL_MS),
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  request.log.info({ registrationId: id, phoneMasked: maskPhone(input.admin.phone), signedIn: signedIn !== null }, "registration started");

  for (const channel of ["email", "phone"] as const) {
    if ((channel === "email" ? row.email_verified_at : row.phone_verified_at) !== null) continue;
    try {
      await sendCode(ctx, row, channel);
    } catch (error) {
      // The draft stands; the person asks for the code again (POST …/resend).
      request.log.warn({ registrationId: id, channel, reason: (error as { code?: string }).code ?? "delivery_failed" }, "registration code not sent");
    }
  }
  return stateOf(ctx, row, token);
}

/** Sends a fresh code for the channel, in the cooperative's name. */
async function sendCode(ctx: AppContext, row: RegistrationRow, channel: CodeChannel): Promise<void> {
  const details = detailsOf(row);
  const target = channel === "email" ? row.email : row.phone;
  const { code } = await issueCode(ctx, { purpose: CODE_PURPOSE, channel, subjectId: row.id }, target);
  if (channel === "email") await ctx.messenger.sendEmail(emailCodeMessage(row.email, details.admin.name, details.koperasi.name, code));
  else await ctx.messenger.sendSms(smsCodeMessage(row.phone, details.koperasi.name, code));
}

/** The registration the X-Resume-Token opens: 404 unknown, 401/403 without the right token, 410 expired. */
export async function loadRegistration(ctx: AppContext, id: string, token: string | undefined): Promise<RegistrationRow> {
  if (!token) {
    throw new AppError(401, "resume_token_required", "Token pendaftaran (X-Resume-Token) wajib dikirim.", "Send the registration's X-Resume-Token.");
  }
  const row = await ctx.database.db.selectFrom("registration").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("Pendaftaran");
  if (!resumeTokenMatches(ctx.secrets.tokenPepper, token, row.resume_token_hash)) {
    throw new AppError(403, "resume_token_invalid", "Token pendaftaran tidak cocok.", "The registration token does not match.");
  }
  if (row.submitted_at === null && row.expires_at.getTime() <= ctx.now().getTime()) {
    throw new AppError(
      410,
      "registration_expired",
      "Pendaftaran ini sudah kedaluwarsa (lebih dari 24 jam). Silakan mulai pendaftaran baru.",
      "This registration has expired (after 24 hours). Please start again.",
    );
  }
  return row;
}

export function assertOpen(row: RegistrationRow): void {
  if (row.submitted_at !== null) {
    throw new AppError(409, "registration_submitted", "Pendaftaran ini sudah dikirim.", "This registration has already been submitted.");
  }
}

function alreadyVerified(channel: CodeChannel): AppError {
  return new AppError(
    409,
    "already_verified",
    channel === "email" ? "Email sudah terverifikasi." : "Nomor HP sudah terverifikasi.",
    channel === "email" ? "The email is already verified." : "The phone number is already verified.",
  );
}

export async function resendCode(ctx: AppContext, row: RegistrationRow, channel: CodeChannel): Promise<void> {
  assertOpen(row);
  if ((channel === "email" ? row.email_verified_at : row.phone_verified_at) !== null) throw alreadyVerified(channel);
  try {
    await sendCode(ctx, row, channel);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      502,
      "code_delivery_failed",
      channel === "email" ? "Email berisi kode gagal dikirim. Coba lagi sebentar lagi." : "SMS berisi kode gagal dikirim. Coba lagi sebentar lagi.",
      "The code could not be delivered. Try again shortly.",
    );
  }
}

export async function verifyRegistration(ctx: AppContext, row: RegistrationRow, channel: CodeChannel, code: string): Promise<RegistrationState> {
  assertOpen(row);
  await consumeCode(ctx, { purpose: CODE_PURPOSE, channel, subjectId: row.id }, code);
  const now = ctx.now();
  const updated = await ctx.database.platform(async (trx) => {
    if (channel === "email") {
      // A phone-only login takes the address it just proved as its own.
      const me = await trx.selectFrom("user").select("email").where("id", "=", row.user_id).executeTakeFirstOrThrow();
      if (me.email === row.email || isPhoneOnlyEmail(me.email)) {
        const holder = await trx.selectFrom("user").select("id").where("email", "=", row.email).where("id", "<>", row.user_id).executeTakeFirst();
        if (holder) throw emailRegistered();
        await trx.updateTable("user").set({ email: row.email, emailVerified: true, updatedAt: now }).where("id", "=", row.user_id).execute();
      }
    } else {
      // The number goes on the login unless another login verified it first
      // (a shared family phone) or her login already has another verified number.
      const holder = await trx.selectFrom("user").select(["id", "phoneNumberVerified"]).where("phoneNumber", "=", row.phone).executeTakeFirst();
      const me = await trx.selectFrom("user").select(["phoneNumber", "phoneNumberVerified"]).where("id", "=", row.user_id).executeTakeFirstOrThrow();
      const takenByOther = holder !== undefined && holder.id !== row.user_id && holder.phoneNumberVerified === true;
      const keepsOwn = me.phoneNumberVerified === true && me.phoneNumber !== null && me.phoneNumber !== row.phone;
      if (!takenByOther && !keepsOwn) {
        if (holder && holder.id !== row.user_id) {
          await trx.updateTable("user").set({ phoneNumber: null, phoneNumberVerified: false }).where("id", "=", holder.id).execute();
        }
        await trx.updateTable("user").set({ phoneNumber: row.phone, phoneNumberVerified: true, updatedAt: now }).where("id", "=", row.user_id).execute();
      }
    }
    return trx
      .updateTable("registration")
      .set(channel === "email" ? { email_verified_at: now } : { phone_verified_at: now })
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return stateOf(ctx, updated);
}

/** Stores (or replaces) an optional document: PDF, JPG or PNG by content, at most 5 MB. */
export async function putDocument(ctx: AppContext, row: RegistrationRow, kind: DocumentKind, upload: Upload): Promise<RegistrationState> {
  assertOpen(row);
  if (upload.bytes.length > DOCUMENT_MAX_BYTES) throw new AppError(413, "too_large", "Berkas terlalu besar. Ukuran maksimal 5 MB.", "The file is larger than 5 MB.");
  const type = await detectAllowedType(upload.bytes, DOCUMENT_TYPES, "PDF, JPG atau PNG");
  const storageKey = `registrations/${row.id}/${kind}`;
  const { sha256 } = await ctx.files.put(storageKey, upload.bytes);
  await ctx.database.platform((trx) =>
    trx
      .insertInto("registration_document")
      .values({
        registration_id: row.id,
        kind,
        file_name: upload.fileName,
        content_type: type.mime,
        size_bytes: upload.bytes.length,
        sha256,
        storage_key: storageKey,
        created_at: ctx.now(),
      })
      .onConflict((oc) =>
        oc.columns(["registration_id", "kind"]).doUpdateSet({
          file_name: upload.fileName,
          content_type: type.mime,
          size_bytes: upload.bytes.length,
          sha256,
          storage_key: storageKey,
        }),
      )
      .execute(),
  );
  return stateOf(ctx, row);
}

export async function stateOf(ctx: AppContext, row: RegistrationRow, resumeToken?: string): Promise<RegistrationState> {
  const details = detailsOf(row);
  const documents = await ctx.database.db
    .selectFrom("registration_document")
    .select(["kind", "file_name", "size_bytes"])
    .where("registration_id", "=", row.id)
    .orderBy("kind")
    .execute();
  return {
    registrationId: row.id,
    ...(resumeToken ? { resumeToken } : {}),
    expiresAt: row.expires_at.toISOString(),
    koperasi: details.koperasi,
    admin: { name: details.admin.name, email: row.email, phone: row.phone },
    emailVerified: row.email_verified_at !== null,
    phoneVerified: row.phone_verified_at !== null,
    documents: documents.map((d) => ({ kind: d.kind, fileName: d.file_name, sizeBytes: d.size_bytes })),
    submitted: row.submitted_at !== null,
  };
}
