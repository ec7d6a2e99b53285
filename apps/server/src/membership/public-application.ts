import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import type { PublicMembershipApplication } from "@koperasi/contracts";
import type { KoperasiTable } from "@koperasi/db";
import type { Selectable } from "kysely";
import type { AppContext } from "../context";
import { AppError } from "../http/problem";
import { mapRegistryConflicts } from "../members/members";
import { consumeCode, issueCode, type CodeSubject } from "../verification/codes";
import { fileApplication } from "./applications";

// Applying by oneself, from the cooperative's public page. Against spam: she
// must prove she holds an e-mail address (a six-digit code, the same codes
// and sending limits as registration), the route is rate-limited per IP, and
// the cooperative must be open for business (approved).

const PURPOSE = "membership_application";

const subjectFor = (koperasiId: string, email: string): CodeSubject => ({ purpose: PURPOSE, channel: "email", subjectId: `${koperasiId}:${email.toLowerCase()}` });

function assertOpen(koperasi: Selectable<KoperasiTable>): void {
  if (koperasi.status !== "approved") {
    throw new AppError(409, "koperasi_not_open", "Koperasi ini belum menerima pendaftaran anggota.", "This cooperative is not taking applications.");
  }
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

/** Files her application once the code checks out; the application waits for the pengurus. */
export async function submitPublicApplication(
  ctx: AppContext,
  koperasi: Selectable<KoperasiTable>,
  body: z.infer<typeof PublicMembershipApplication>,
  request: FastifyRequest,
): Promise<{ applicationId: string; memberNumber: string }> {
  assertOpen(koperasi);
  const { email, code, ...fields } = body;
  const target = email.toLowerCase();
  await consumeCode(ctx, subjectFor(koperasi.id, target), code);
  return mapRegistryConflicts(() =>
    ctx.database.tenant({ koperasiId: koperasi.id }, async (trx) => {
      const filed = await fileApplication(trx, ctx, koperasi, { ...fields, email: target }, { channel: "mandiri", enteredBy: null, verifiedContact: target });
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
          ip: request.ip,
          user_agent: request.headers["user-agent"]?.slice(0, 300) ?? null,
        })
        .execute();
      return { applicationId: filed.applicationId, memberNumber: filed.memberNumber };
    }),
  );
}
