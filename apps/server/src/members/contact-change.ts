import type { Transaction } from "kysely";
import type { z } from "zod";
import { MemberEmail, type ConfirmContactChange, type ContactChangeSent, type RequestContactChange } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import { maskPhone, normalizePhone } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import type { CommandRunner } from "./command-runner";
import type { AppContext } from "../context";
import { invalidField, notFound } from "../errors/app-error";
import { consumeCode, issueCode, type CodeSubject } from "../verification/codes";
import { blindIndex, blindIndexesForLookup, open, openMemberIdentity, seal, sealMemberIdentity, type SealTarget } from "./member-pii";
import { memberError } from "./errors";
import { hasSharedPhone, keyringOf, phoneInvalid, readMemberDetail, type MemberDetailDto } from "./members";

// A member changes her own phone or e-mail. The new value waits, sealed like
// the register's identifiers, in member_contact_change until she enters the
// six-digit code sent to it; only then does it replace the one on her record,
// as a staff correction would (phone sealed with its blind index, e-mail in
// lower case), audited without the value. A pending row names the code sent
// for it (its expiry), so when two requests race, the code of one can never
// confirm the value of the other.

type Channel = "phone" | "email";


/** Where the sending and confirming are logged (without the value). */
export interface ContactChangeLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(details: Record<string, unknown>, message: string): void;
}

export const CONTACT_CHANGE_PURPOSE = "member_contact_change";

/** Who may change her own contact: a member whose record is open. Leavers ask the office. */
const OPEN_STATUSES = new Set(["aktif", "calon"]);

const subjectOf = (memberId: string, channel: Channel): CodeSubject => ({ purpose: CONTACT_CHANGE_PURPOSE, channel, subjectId: memberId });
const pendingTarget = (koperasiId: string, memberId: string, channel: Channel): SealTarget => ({
  koperasiId,
  rowId: memberId,
  field: channel === "phone" ? "pending_phone" : "pending_email",
});

const channelName = (channel: Channel) => (channel === "phone" ? { id: "nomor HP", en: "phone number" } : { id: "email", en: "e-mail address" });

/** "siti@contoh.id" → "s***@contoh.id": enough to recognise her own address, not to read it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "***";
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** The value as the register stores it; refusals on `body.value`. */
function normalised(channel: Channel, value: string): string {
  if (channel === "phone") {
    try {
      return normalizePhone(value);
    } catch {
      throw phoneInvalid("body.value");
    }
  }
  const email = MemberEmail.safeParse(value.trim());
  if (!email.success) throw invalidField("body.value", "invalid_email", "Alamat email tidak sah.", "Not a valid e-mail address.");
  return email.data.toLowerCase();
}

async function ownRecord(cmd: CommandContext, forUpdate = false) {
  let query = cmd.trx
    .selectFrom("member")
    .select(["id", "member_number", "status", "email", "nik_sealed", "phone_sealed", "mother_maiden_name_sealed"])
    .where("koperasi_id", "=", cmd.koperasiId)
    .where("user_id", "=", cmd.actor.userId);
  if (forUpdate) query = query.forUpdate();
  const member = await query.executeTakeFirst();
  if (!member) throw notFound("Data keanggotaan Anda", "Your membership record");
  if (!OPEN_STATUSES.has(member.status)) throw memberError("member_not_open");
  return member;
}

const channelVars = (channel: Channel) => ({ channel: channelName(channel).id, channelEn: channelName(channel).en });

const noPendingChange = (channel: Channel) => memberError("contact_change_not_requested", { field: "body.code", vars: channelVars(channel) });

const superseded = () => memberError("contact_change_superseded", { field: "body.code" });

/**
 * Checks the new value, sends a code to it and keeps it (sealed) until she
 * confirms. Refuses her current value (400 `contact_unchanged`), a record
 * that is not open (409), too many codes to one target (429 from codes.ts).
 * Asking again replaces the change waiting on that channel.
 */
export async function requestContactChange(
  ctx: AppContext,
  run: CommandRunner,
  log: ContactChangeLog,
  body: z.infer<typeof RequestContactChange>,
): Promise<z.infer<typeof ContactChangeSent>> {
  const keyring = keyringOf(ctx);
  const { channel } = body;
  const value = normalised(channel, body.value);
  const { koperasiId, koperasi, userId, memberId, sharedPhone } = await run(async (cmd) => {
    const { trx, koperasiId } = cmd;
    const member = await ownRecord(cmd);
    const current = channel === "phone" ? openMemberIdentity(keyring, koperasiId, member).phone : member.email?.toLowerCase() ?? null;
    if (current === value) throw memberError("contact_unchanged", { field: "body.value", vars: channelVars(channel) });
    const shared = channel === "phone" && (await hasSharedPhone(trx, koperasiId, member.id, blindIndexesForLookup(keyring, koperasiId, "phone", value)));
    return { koperasiId, koperasi: cmd.koperasi, userId: cmd.actor.userId, memberId: member.id, sharedPhone: shared };
  });

  // The sending limits count per target; a number is counted by its blind index, so verification_code never holds it.
  const target = channel === "phone" ? blindIndex(keyring, koperasiId, "phone", value) : value;
  const { code, expiresAt } = await issueCode(ctx, subjectOf(memberId, channel), target);
  await run((cmd) =>
    cmd.trx
      .insertInto("member_contact_change")
      .values({
        koperasi_id: koperasiId,
        member_id: memberId,
        channel,
        value_sealed: seal(keyring, pendingTarget(koperasiId, memberId, channel), value),
        requested_by: userId,
        code_expires_at: expiresAt,
        created_at: cmd.now,
      })
      .onConflict((oc) =>
        oc.columns(["koperasi_id", "member_id", "channel"]).doUpdateSet((eb) => ({
          value_sealed: eb.ref("excluded.value_sealed"),
          requested_by: eb.ref("excluded.requested_by"),
          code_expires_at: eb.ref("excluded.code_expires_at"),
          created_at: eb.ref("excluded.created_at"),
        })),
      )
      .execute(),
  );

  try {
    if (channel === "phone") {
      await ctx.messenger.sendSms({
        to: value,
        koperasiId,
        text: `Kode ${koperasi.name} untuk mengganti nomor HP Anda: ${code}. Berlaku 10 menit. Jangan berikan kepada siapa pun.`,
      });
    } else {
      await ctx.messenger.sendEmail({
        to: value,
        koperasiId,
        subject: `Kode verifikasi email baru Anda di ${koperasi.name}`,
        text: [
          `Kode untuk memakai alamat email ini di data keanggotaan Anda di ${koperasi.name}:`,
          "",
          `    ${code}`,
          "",
          "Kode berlaku 10 menit dan hanya dapat dipakai sekali. Jangan berikan kode ini kepada siapa pun.",
          "Bila Anda tidak meminta perubahan ini, abaikan email ini.",
        ].join("\n"),
      });
    }
  } catch (error) {
    log.warn({ memberId, channel, reason: (error as { code?: string }).code ?? "delivery_failed" }, "contact change code not sent");
    throw memberError("code_not_sent");
  }
  log.info({ memberId, channel }, "contact change code sent");
  return { channel, sentTo: channel === "phone" ? maskPhone(value) : maskEmail(value), expiresAt: expiresAt.toISOString(), sharedPhone };
}

/**
 * Applies the waiting value once its code checks out, in one transaction
 * with the audit entry; returns her record as GET /members/:id does. Wrong,
 * expired or used codes are refused by codes.ts; no change waiting → 409.
 */
export async function confirmContactChange(
  ctx: AppContext,
  run: CommandRunner,
  log: ContactChangeLog,
  body: z.infer<typeof ConfirmContactChange>,
): Promise<MemberDetailDto> {
  const keyring = keyringOf(ctx);
  const { channel } = body;
  const pendingOf = (trx: Transaction<DB>, koperasiId: string, memberId: string, forUpdate = false) => {
    let query = trx
      .selectFrom("member_contact_change")
      .selectAll()
      .where("koperasi_id", "=", koperasiId)
      .where("member_id", "=", memberId)
      .where("channel", "=", channel);
    if (forUpdate) query = query.forUpdate();
    return query.executeTakeFirst();
  };

  const { memberId, codeExpiresAt } = await run(async (cmd) => {
    const member = await ownRecord(cmd);
    const pending = await pendingOf(cmd.trx, cmd.koperasiId, member.id);
    if (!pending) throw noPendingChange(channel);
    return { memberId: member.id, codeExpiresAt: pending.code_expires_at.getTime() };
  });
  const subject = subjectOf(memberId, channel);
  const latest = await ctx.database.platform((trx) =>
    trx
      .selectFrom("verification_code")
      .select("expires_at")
      .where("purpose", "=", subject.purpose)
      .where("subject_id", "=", subject.subjectId)
      .where("channel", "=", subject.channel)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst(),
  );
  if (latest && latest.expires_at.getTime() !== codeExpiresAt) throw superseded();
  await consumeCode(ctx, subject, body.code);

  return run(async (cmd) => {
    const { trx, koperasiId } = cmd;
    const member = await ownRecord(cmd, true);
    const pending = await pendingOf(trx, koperasiId, member.id, true);
    if (!pending) throw noPendingChange(channel);
    if (pending.code_expires_at.getTime() !== codeExpiresAt) throw superseded();
    let value: string;
    try {
      value = open(keyring, pendingTarget(koperasiId, member.id, channel), pending.value_sealed);
    } catch {
      // Sealed under a key no longer configured (a rotation finished meanwhile): she asks again.
      await trx.deleteFrom("member_contact_change").where("koperasi_id", "=", koperasiId).where("member_id", "=", member.id).where("channel", "=", channel).execute();
      throw noPendingChange(channel);
    }
    if (channel === "phone") {
      // Every sealed field afresh under the current key, so the row never mixes keys.
      const identity = openMemberIdentity(keyring, koperasiId, member);
      await trx
        .updateTable("member")
        .set({ ...sealMemberIdentity(keyring, koperasiId, member.id, { ...identity, phone: value }), updated_at: cmd.now })
        .where("koperasi_id", "=", koperasiId)
        .where("id", "=", member.id)
        .execute();
    } else {
      await trx.updateTable("member").set({ email: value, updated_at: cmd.now }).where("koperasi_id", "=", koperasiId).where("id", "=", member.id).execute();
    }
    await trx.deleteFrom("member_contact_change").where("koperasi_id", "=", koperasiId).where("member_id", "=", member.id).where("channel", "=", channel).execute();
    await cmd.audit({
      action: "member.contact_change",
      targetType: "member",
      targetId: member.id,
      // Which field, never its value: the audit log is read more widely than the register.
      details: { memberNumber: member.member_number, changed: [channel], verifiedBy: "code" },
    });
    log.info({ memberId: member.id, channel }, "contact change confirmed");
    return (await readMemberDetail(trx, keyring, koperasiId, member.id, { identityVisible: true }))!;
  });
}
