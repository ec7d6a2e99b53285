import type { z } from "zod";
import type { PublicMembershipApplication } from "@koperasi/contracts";
import type { DB, KoperasiTable } from "@koperasi/db";
import type { Selectable, Transaction } from "kysely";
import type { AuditOrigin } from "../audit";
import type { AppContext } from "../context";
import { keyringOf, mapRegistryConflicts } from "../members/members";
import { consumeCode, issueCode, type CodeSubject } from "../verification/codes";
import { businessToday, fileApplication } from "./applications";
import { membershipError } from "./errors";

// Applying by oneself, from the cooperative's public page. Against spam: she
// must prove she holds an e-mail address (a six-digit code, the same codes
// and sending limits as registration), the route is rate-limited per IP, and
// the cooperative must be open for business (approved).

const PURPOSE = "membership_application";

async function assertNotInCooperative(trx: Transaction<DB>, koperasiId: string, userId: string): Promise<void> {
  const [inCooperative, applied] = await Promise.all([
    trx.selectFrom("koperasi_user").select("id").where("koperasi_id", "=", koperasiId).where("user_id", "=", userId).executeTakeFirst(),
    trx.selectFrom("membership_application").select("id").where("koperasi_id", "=", koperasiId).where("applicant_user_id", "=", userId).where("state", "=", "diajukan").executeTakeFirst(),
  ]);
  if (inCooperative || applied) throw membershipError("already_in_cooperative");
}

const subjectFor = (koperasiId: string, email: string): CodeSubject => ({ purpose: PURPOSE, channel: "email", subjectId: `${koperasiId}:${email.toLowerCase()}` });

function assertOpen(koperasi: Selectable<KoperasiTable>): void {
  if (koperasi.status !== "approved") throw membershipError("koperasi_not_open");
}

/** Sends a code to the address; 429 when one was sent too recently. */
export async function sendApplicationCode(ctx: AppContext, koperasi: Selectable<KoperasiTable>, email: string): Promise<void> {
  assertOpen(koperasi);
  const target = email.toLowerCase();
  const { code } = await issueCode(ctx, subjectFor(koperasi.id, target), target);
  await ctx.messenger.sendEmail({
    to: target,
    koperasiId: koperasi.id,
    subject: `Kode verifikasi permohonan anggota ${koperasi.name}`,
    text: [
      `Kode verifikasi untuk permohonan menjadi anggota ${koperasi.name}:`,
      "",
      `    ${code}`,
      "",
      "Kode berlaku 10 menit dan hanya dapat dipakai sekali. Jangan berikan kode ini kepada siapa pun.",
    ].join("\n"),
  });
}

/**
 * Files her application once the code checks out — or, signed in, on her
 * login (whose address was verified when she signed up), provided she is not
 * in this cooperative already. The application waits for the pengurus.
 */
export async function submitPublicApplication(
  ctx: AppContext,
  koperasi: Selectable<KoperasiTable>,
  body: z.infer<typeof PublicMembershipApplication>,
  origin: AuditOrigin,
  user: { id: string; email: string } | null,
): Promise<{ applicationId: string; memberNumber: string }> {
  assertOpen(koperasi);
  const { email, code, ...fields } = body;
  let target: string;
  if (user !== null && code === undefined) {
    target = user.email.toLowerCase();
  } else {
    if (email === undefined || code === undefined) throw membershipError("application_code_required");
    target = email.toLowerCase();
    await consumeCode(ctx, subjectFor(koperasi.id, target), code);
  }
  const applicantUserId = user !== null && code === undefined ? user.id : null;
  return mapRegistryConflicts(() =>
    ctx.database.tenant({ koperasiId: koperasi.id, ...(applicantUserId ? { userId: applicantUserId } : {}) }, async (trx) => {
      if (applicantUserId !== null) await assertNotInCooperative(trx, koperasi.id, applicantUserId);
      const filed = await fileApplication(trx, keyringOf(ctx), koperasi, { ...fields, email: target }, {
        channel: "mandiri",
        enteredBy: null,
        verifiedContact: target,
        applicantUserId,
        today: businessToday(ctx, koperasi.time_zone),
      });
      await trx
        .insertInto("audit_log")
        .values({
          koperasi_id: koperasi.id,
          id: filed.applicationId,
          actor_user_id: null,
          actor_role: "pemohon",
          action: "membership.apply",
          target_type: "membership_application",
          target_id: filed.applicationId,
          details: JSON.stringify({ memberNumber: filed.memberNumber, channel: "mandiri", heldMatches: filed.heldMatches }),
          ip: origin.ip ?? null,
          user_agent: origin.headers["user-agent"]?.slice(0, 300) ?? null,
        })
        .execute();
      return { applicationId: filed.applicationId, memberNumber: filed.memberNumber };
    }),
  );
}
