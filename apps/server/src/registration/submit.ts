import type { FastifyReply, FastifyRequest } from "fastify";
import type { Transaction } from "kysely";
import type { SubmittedRegistration as SubmittedSchema } from "@koperasi/contracts";
import type { z } from "zod";
import type { DB } from "@koperasi/db";
import { defaultModuleSettings, SLUG_MAX_LENGTH, uuidv7 } from "@koperasi/domain";
import { writeAudit } from "../audit";
import type { AppContext } from "../context";
import { AppError } from "../errors/app-error";
import { currentUser } from "../http/session";
import { operatorNoticeMessage, submittedMessage } from "./messages";
import { assertOpen, detailsOf, existingNumbers, koperasiExists, type RegistrationRow } from "./service";
import { startSession } from "./sign-in";
import { seedChartOfAccounts } from "../ledger/chart";
import { ensureLogKeys, keyringOf } from "../transparency/keys";

// Submitting turns a verified registration into a cooperative, all or
// nothing in one transaction: the koperasi row, the admin's membership, the
// module switches, the documents, the audit entry and the registration
// marked submitted. A failure at any step leaves none of them behind.

/** The first admin gets the `admin` role only: positions (ketua, bendahara…) are set later by the cooperative itself. */
export const FIRST_ADMIN_ROLES = ["admin"] as const;

export type SubmittedRegistration = z.infer<typeof SubmittedSchema>;
type Submitted = SubmittedRegistration["koperasi"];

/** The first free "<base>", "<base>-2", "<base>-3", … within the slug length limit. */
async function freeSlug(trx: Transaction<DB>, base: string): Promise<string> {
  for (let start = 1; ; start += 20) {
    const candidates = Array.from({ length: 20 }, (_, i) => {
      const n = start + i;
      if (n === 1) return base;
      const suffix = `-${n}`;
      return `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/, "")}${suffix}`;
    });
    const taken = new Set((await trx.selectFrom("koperasi").select("slug").where("slug", "in", candidates).execute()).map((r) => r.slug));
    const free = candidates.find((c) => !taken.has(c));
    if (free) return free;
  }
}

function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (e?.code !== "23505") return undefined;
  return typeof e.constraint === "string" ? e.constraint : String(e.message ?? "");
}

async function createKoperasi(ctx: AppContext, request: FastifyRequest, row: RegistrationRow): Promise<Submitted> {
  const details = detailsOf(row);
  const k = details.koperasi;
  const koperasiId = uuidv7();
  const status = ctx.config.autoApprove ? "approved" : "pending";
  const now = ctx.now();
  return ctx.database.tenant({ koperasiId, userId: row.user_id }, async (trx) => {
    // Claims the registration first: a concurrent submit waits on this row and then finds it taken.
    const claimed = await trx
      .updateTable("registration")
      .set({ submitted_at: now })
      .where("id", "=", row.id)
      .where("submitted_at", "is", null)
      .returning("id")
      .executeTakeFirst();
    if (!claimed) assertOpen({ ...row, submitted_at: now });

    const taken = await existingNumbers(trx, k);
    if (taken.length > 0) throw koperasiExists(taken);
    const slug = await freeSlug(trx, details.slugBase);

    await trx
      .insertInto("koperasi")
      .values({
        id: koperasiId,
        slug,
        name: k.name,
        type: k.type,
        nomor_induk_koperasi: k.nomorIndukKoperasi ?? null,
        nomor_badan_hukum: k.nomorBadanHukum ?? null,
        nib: k.nib ?? null,
        address: k.address,
        city: k.city,
        province: k.province,
        postal_code: k.postalCode ?? null,
        time_zone: k.timeZone,
        email: row.email,
        phone: row.phone,
        status,
        review_note: null,
        reviewed_at: null,
        reviewed_by: null,
        logo_file_id: null,
        created_by: row.user_id,
        created_at: now,
      })
      .execute();
    await trx.updateTable("registration").set({ koperasi_id: koperasiId }).where("id", "=", row.id).execute();

    await trx
      .insertInto("koperasi_user")
      .values({ koperasi_id: koperasiId, id: uuidv7(), user_id: row.user_id, roles: [...FIRST_ADMIN_ROLES], positions: [], created_at: now })
      .execute();

    const modules = Object.entries(defaultModuleSettings()).map(([id, enabled]) => ({ koperasi_id: koperasiId, id, enabled, updated_by: row.user_id, updated_at: now }));
    await trx.insertInto("koperasi_module").values(modules).execute();
    // Its books open with the chart of accounts for its type (SAK EP template).
    await seedChartOfAccounts(trx, koperasiId, k.type, row.user_id);
    // And its transparency log with its signing keys, so its origin is fixed from the start.
    await ensureLogKeys(trx, keyringOf(ctx), koperasiId, slug);

    const documents = await trx.selectFrom("registration_document").selectAll().where("registration_id", "=", row.id).orderBy("kind").execute();
    if (documents.length > 0) {
      await trx
        .insertInto("stored_file")
        .values(
          documents.map((d) => ({
            koperasi_id: koperasiId,
            id: uuidv7(),
            purpose: d.kind,
            file_name: d.file_name,
            content_type: d.content_type,
            size_bytes: d.size_bytes,
            sha256: d.sha256,
            storage_key: d.storage_key,
            created_by: row.user_id,
            created_at: now,
          })),
        )
        .execute();
    }

    await writeAudit(
      trx,
      {
        koperasiId,
        actorUserId: row.user_id,
        actorRole: "admin",
        action: "koperasi.registered",
        targetType: "koperasi",
        targetId: koperasiId,
        details: { registrationId: row.id, name: k.name, slug, status, documents: documents.map((d) => d.kind) },
      },
      request,
    );
    return { id: koperasiId, slug, name: k.name, status };
  });
}

export async function submitRegistration(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, row: RegistrationRow): Promise<SubmittedRegistration> {
  assertOpen(row);
  const missing = [
    ...(row.email_verified_at === null ? [{ path: "emailVerified", code: "verification_incomplete", message: "Email belum diverifikasi." }] : []),
    ...(row.phone_verified_at === null ? [{ path: "phoneVerified", code: "verification_incomplete", message: "Nomor HP belum diverifikasi." }] : []),
  ];
  if (missing.length > 0) {
    throw new AppError(
      409,
      "verification_incomplete",
      "Verifikasi email dan nomor HP terlebih dahulu dengan kode yang kami kirim.",
      "Verify the email and the phone number with the codes we sent first.",
      missing,
    );
  }

  let koperasi: Submitted | undefined;
  // Two cooperatives with the same name submitted at the same instant can
  // pick the same slug; the loser of that race simply tries the next one.
  for (let attempt = 0; koperasi === undefined; attempt += 1) {
    try {
      koperasi = await createKoperasi(ctx, request, row);
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === undefined) throw error;
      if (constraint.includes("slug") && attempt < 3) continue;
      if (constraint.includes("nomor_induk_koperasi")) throw koperasiExists(["nomorIndukKoperasi"]);
      if (constraint.includes("nomor_badan_hukum")) throw koperasiExists(["nomorBadanHukum"]);
      throw error;
    }
  }
  request.log.info({ registrationId: row.id, koperasiId: koperasi.id, status: koperasi.status }, "registration submitted");

  await signInAdmin(ctx, request, reply, row);
  await notify(ctx, request, row, koperasi);
  return { koperasi };
}

/**
 * The admin leaves the wizard signed in. Only a login this registration
 * created is signed in here (she proved both her email and phone); a person
 * who registered while signed in keeps her session, and a login with
 * two-factor turned on must sign in through it.
 */
async function signInAdmin(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, row: RegistrationRow): Promise<void> {
  if (!detailsOf(row).createdLogin) return;
  const current = await currentUser(ctx, request);
  if (current?.id === row.user_id) return;
  const user = await ctx.database.db.selectFrom("user").select(["twoFactorEnabled"]).where("id", "=", row.user_id).executeTakeFirst();
  if (!user || user.twoFactorEnabled === true) return;
  await startSession(ctx, request, reply, row.user_id);
}

async function notify(ctx: AppContext, request: FastifyRequest, row: RegistrationRow, koperasi: Submitted): Promise<void> {
  const details = detailsOf(row);
  const messages = [submittedMessage(row.email, details.admin.name, koperasi.name, koperasi.id, koperasi.status === "approved")];
  if (koperasi.status === "pending" && ctx.config.operatorEmail) messages.push(operatorNoticeMessage(ctx.config.operatorEmail, koperasi.name, koperasi.id));
  for (const message of messages) {
    try {
      await ctx.messenger.sendEmail(message);
    } catch {
      // The cooperative exists; a lost notice is recorded as failed in the outbox.
      request.log.warn({ koperasiId: koperasi.id }, "registration notice not delivered");
    }
  }
}
