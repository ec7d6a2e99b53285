import { sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { CreateMember } from "@koperasi/contracts";
import type { ApplicationState, DB } from "@koperasi/db";
import { businessDateOf, uuidv7, type BusinessDate, timeZoneOr } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { notFound } from "../errors/app-error";
import { changeMemberStatus } from "../members/member-status";
import type { MemberKeyring } from "../members/member-keys";
import { checkNewMember, mapRegistryConflicts, registerMember } from "../members/members";
import { membershipError } from "./errors";
import { openJoiningAccounts } from "./joining-accounts";
import { blockingMatchCount, screenApplicant } from "./screening";

// Joining: an application is a member row with status calon plus a
// membership_application saying how it came (she applied herself, or the
// counter typed it in for her) and what was decided. Every application is
// screened as it arrives. A pengurus with members.approve accepts it — never
// the staff member who typed it in — and in the same transaction she becomes
// aktif and her joining accounts open; or rejects it with a reason, and the
// record stays.

export type ApplicationFields = Omit<z.infer<typeof CreateMember>, "status" | "memberNumber" | "joinedOn">;

export interface ApplicationView {
  id: string;
  memberId: string;
  memberNumber: string;
  fullName: string;
  channel: "mandiri" | "loket";
  state: ApplicationState;
  enteredBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  heldMatches: number;
  createdAt: string;
}

/** Today in the cooperative's time zone, for an application filed outside a command (from the public page). */
export function businessToday(ctx: AppContext, timeZone: string): BusinessDate {
  return businessDateOf(ctx.now(), timeZoneOr(timeZone));
}

/** Writes the application inside the caller's tenant transaction: the calon member, her first status row, the application, the screening. */
export async function fileApplication(
  trx: Transaction<DB>,
  keyring: MemberKeyring,
  koperasi: { id: string; member_number_prefix: string },
  fields: ApplicationFields,
  how: { channel: "mandiri" | "loket"; enteredBy: string | null; verifiedContact: string | null; applicantUserId?: string | null; today: BusinessDate },
): Promise<{ applicationId: string; memberId: string; memberNumber: string; heldMatches: number }> {
  const checked = checkNewMember({ ...fields, status: "calon" }, how.today);
  const { id: memberId, memberNumber } = await registerMember(trx, keyring, koperasi, checked, how.enteredBy);
  const applicationId = uuidv7();
  await trx
    .insertInto("membership_application")
    .values({
      koperasi_id: koperasi.id,
      id: applicationId,
      member_id: memberId,
      channel: how.channel,
      entered_by: how.enteredBy,
      applicant_user_id: how.applicantUserId ?? null,
      verified_contact: how.verifiedContact,
    })
    .execute();
  const heldMatches = await screenApplicant(trx, koperasi.id, {
    memberId,
    fullName: checked.fullName,
    nik: checked.identity.nik,
    birthDate: checked.record.birthDate,
  });
  return { applicationId, memberId, memberNumber, heldMatches };
}

/** Staff at the counter enter an application for someone without a login. */
export async function enterApplication(cmd: CommandContext, keyring: MemberKeyring, fields: ApplicationFields): Promise<ApplicationView> {
  const { trx, koperasiId } = cmd;
  const filed = await mapRegistryConflicts(() =>
    fileApplication(trx, keyring, cmd.koperasi, fields, { channel: "loket", enteredBy: cmd.actor.userId, verifiedContact: null, today: cmd.today }),
  );
  await cmd.audit({
    action: "membership.apply",
    targetType: "membership_application",
    targetId: filed.applicationId,
    details: { memberNumber: filed.memberNumber, channel: "loket", heldMatches: filed.heldMatches },
  });
  return (await readApplication(trx, koperasiId, filed.applicationId))!;
}

function selectApplications(trx: Transaction<DB>, koperasiId: string) {
  return trx
    .selectFrom("membership_application as a")
    .innerJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "a.koperasi_id").onRef("m.id", "=", "a.member_id"))
    .select([
      "a.id",
      "a.member_id",
      "m.member_number",
      "m.full_name",
      "a.channel",
      "a.state",
      "a.entered_by",
      "a.decided_by",
      "a.decided_at",
      "a.rejection_reason",
      "a.created_at",
      (eb) =>
        eb
          .selectFrom("screening_match as s")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("s.koperasi_id", "=", "a.koperasi_id")
          .whereRef("s.member_id", "=", "a.member_id")
          .where("s.state", "=", "held")
          .as("held_matches"),
    ])
    .where("a.koperasi_id", "=", koperasiId);
}

type ApplicationRow = Awaited<ReturnType<ReturnType<typeof selectApplications>["executeTakeFirstOrThrow"]>>;

function toView(row: ApplicationRow): ApplicationView {
  return {
    id: row.id,
    memberId: row.member_id,
    memberNumber: row.member_number,
    fullName: row.full_name,
    channel: row.channel,
    state: row.state,
    enteredBy: row.entered_by,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at?.toISOString() ?? null,
    rejectionReason: row.rejection_reason,
    heldMatches: Number(row.held_matches ?? 0),
    createdAt: row.created_at.toISOString(),
  };
}

export async function readApplication(trx: Transaction<DB>, koperasiId: string, id: string): Promise<ApplicationView | undefined> {
  const row = await selectApplications(trx, koperasiId).where("a.id", "=", id).executeTakeFirst();
  return row && toView(row);
}

/** The queue: applications in one state, oldest first. */
export async function listApplications(trx: Transaction<DB>, koperasiId: string, state: ApplicationState): Promise<ApplicationView[]> {
  const rows = await selectApplications(trx, koperasiId).where("a.state", "=", state).orderBy("a.created_at").orderBy("a.id").limit(500).execute();
  return rows.map(toView);
}

/** Locks the application: concurrent decisions on it queue here, and the later one finds it decided. */
async function lockPending(trx: Transaction<DB>, koperasiId: string, id: string) {
  const row = await trx
    .selectFrom("membership_application")
    .select(["id", "member_id", "state", "entered_by", "applicant_user_id"])
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw notFound("Permohonan keanggotaan", "Membership application");
  if (row.state !== "diajukan") throw membershipError("application_decided");
  return row;
}

/**
 * Accepts an application: refused to the staff member who entered it
 * (maker–checker), and while a screening match is held or confirmed. She
 * becomes aktif from today and her joining accounts open, all in one
 * transaction.
 */
export async function approveApplication(cmd: CommandContext, id: string): Promise<ApplicationView> {
  const { trx, koperasiId } = cmd;
  const application = await lockPending(trx, koperasiId, id);
  if (application.entered_by === cmd.actor.userId) throw membershipError("application_same_person");
  const blocking = await blockingMatchCount(trx, koperasiId, application.member_id);
  if (blocking > 0) throw membershipError("application_screening_held");
  const change = await changeMemberStatus(trx, {
    koperasiId,
    memberId: application.member_id,
    to: "aktif",
    effectiveOn: cmd.today,
    reason: "Permohonan keanggotaan disetujui",
    changedBy: cmd.actor.userId,
  });
  const opened = await openJoiningAccounts(trx, koperasiId, application.member_id, cmd.now);
  if (application.applicant_user_id !== null) await admitApplicantLogin(trx, koperasiId, application.member_id, application.applicant_user_id);
  await trx
    .updateTable("membership_application")
    .set({ state: "disetujui", decided_by: cmd.actor.userId, decided_at: cmd.now })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", id)
    .execute();
  await cmd.audit({
    action: "membership.approve",
    targetType: "membership_application",
    targetId: id,
    details: { memberId: application.member_id, effectiveOn: change.effectiveOn, accountsOpened: opened },
  });
  return (await readApplication(trx, koperasiId, id))!;
}

/**
 * She applied signed in: her login becomes this member's (she sees her own
 * record, card and savings) and joins the cooperative as anggota — unless
 * that login already belongs here, in which case it is left as it is.
 */
async function admitApplicantLogin(trx: Transaction<DB>, koperasiId: string, memberId: string, userId: string): Promise<void> {
  const hasMember = await trx.selectFrom("member").select("id").where("koperasi_id", "=", koperasiId).where("user_id", "=", userId).executeTakeFirst();
  if (!hasMember) await trx.updateTable("member").set({ user_id: userId }).where("koperasi_id", "=", koperasiId).where("id", "=", memberId).execute();
  await trx
    .insertInto("koperasi_user")
    .values({ koperasi_id: koperasiId, id: uuidv7(), user_id: userId, roles: ["anggota"] })
    .onConflict((oc) => oc.columns(["koperasi_id", "user_id"]).doNothing())
    .execute();
}

/** Rejects an application with a reason. The member row stays calon and is kept, with the decision on the application. */
export async function rejectApplication(cmd: CommandContext, id: string, reason: string): Promise<ApplicationView> {
  const { trx, koperasiId } = cmd;
  await rejectLocked(trx, koperasiId, id, { reason, by: cmd.actor.userId, at: cmd.now });
  await cmd.audit({ action: "membership.reject", targetType: "membership_application", targetId: id, details: { reason } });
  return (await readApplication(trx, koperasiId, id))!;
}

export async function rejectLocked(trx: Transaction<DB>, koperasiId: string, id: string, decision: { reason: string; by: string; at: Date }): Promise<void> {
  await lockPending(trx, koperasiId, id);
  await trx
    .updateTable("membership_application")
    .set({ state: "ditolak", rejection_reason: decision.reason, decided_by: decision.by, decided_at: decision.at })
    .where("koperasi_id", "=", koperasiId)
    .where("id", "=", id)
    .execute();
}
