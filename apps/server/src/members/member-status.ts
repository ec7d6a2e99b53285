import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { canChangeMemberStatus, uuidv7, type BusinessDate, type MemberStatus } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { notFound } from "../errors/app-error";
import { openJoiningAccounts } from "../membership/joining-accounts";
import { memberError } from "./errors";

// A member's status and its dated, append-only history. The member row holds
// the current status; every change is a history row saying from what, to
// what, effective when, why and by whom. Joining and leaving approval,
// deaths and expulsions all come through changeMemberStatus.

export interface StatusChange {
  koperasiId: string;
  memberId: string;
  to: MemberStatus;
  /** The business date the change takes effect. */
  effectiveOn: BusinessDate;
  reason: string;
  /** The login that made the change; null for jobs and imports. */
  changedBy: string | null;
}

export interface StatusChangeRecord {
  id: string;
  fromStatus: MemberStatus | null;
  toStatus: MemberStatus;
  effectiveOn: string;
  reason: string;
  changedBy: string | null;
  createdAt: string;
}

const STATUS_LABELS: Readonly<Record<MemberStatus, string>> = {
  calon: "calon anggota",
  aktif: "aktif",
  keluar: "keluar",
  meninggal: "meninggal",
  diberhentikan: "diberhentikan",
};

/** The first history row, written with the member: entry into the book. */
export async function recordInitialStatus(
  trx: Transaction<DB>,
  entry: { koperasiId: string; memberId: string; status: MemberStatus; effectiveOn: BusinessDate; changedBy: string | null; reason?: string },
): Promise<void> {
  await trx
    .insertInto("member_status_change")
    .values({
      koperasi_id: entry.koperasiId,
      id: uuidv7(),
      member_id: entry.memberId,
      from_status: null,
      to_status: entry.status,
      effective_on: entry.effectiveOn,
      reason: entry.reason ?? (entry.status === "calon" ? "Pendaftaran calon anggota" : "Pendaftaran anggota"),
      changed_by: entry.changedBy,
    })
    .execute();
}

/**
 * Moves a member to another status inside the caller's (tenant) transaction:
 * locks the member row, checks the move is allowed from where she stands and
 * that it is not dated before her last change or her joining, updates the
 * row and appends the history. Throws 404 for an unknown member and 409
 * `member_status_transition` / 400 `member_status_date` otherwise. Writes
 * no audit entry: the caller records its own (what approved or decided it).
 */
export async function changeMemberStatus(trx: Transaction<DB>, change: StatusChange): Promise<StatusChangeRecord> {
  const member = await trx
    .selectFrom("member")
    .select(["status", sql<string>`to_char(joined_on, 'YYYY-MM-DD')`.as("joined_on")])
    .where("koperasi_id", "=", change.koperasiId)
    .where("id", "=", change.memberId)
    .forUpdate()
    .executeTakeFirst();
  if (!member) throw notFound("Anggota", "Member");
  if (!canChangeMemberStatus(member.status, change.to)) {
    throw memberError("member_status_transition", {
      field: "body.status",
      vars: { fromLabel: STATUS_LABELS[member.status], toLabel: STATUS_LABELS[change.to], from: member.status, to: change.to },
    });
  }
  await assertMayMove(trx, change);
  const last = await trx
    .selectFrom("member_status_change")
    .select(sql<string>`to_char(max(effective_on), 'YYYY-MM-DD')`.as("effective_on"))
    .where("koperasi_id", "=", change.koperasiId)
    .where("member_id", "=", change.memberId)
    .executeTakeFirst();
  const notBefore = [member.joined_on, last?.effective_on ?? member.joined_on].sort().at(-1)!;
  if (change.effectiveOn < notBefore) {
    throw memberError("member_status_date", { field: "body.effectiveOn", vars: { notBefore } });
  }
  await trx.updateTable("member").set({ status: change.to }).where("koperasi_id", "=", change.koperasiId).where("id", "=", change.memberId).execute();
  const row = await trx
    .insertInto("member_status_change")
    .values({
      koperasi_id: change.koperasiId,
      id: uuidv7(),
      member_id: change.memberId,
      from_status: member.status,
      to_status: change.to,
      effective_on: change.effectiveOn,
      reason: change.reason,
      changed_by: change.changedBy,
    })
    .returning(["id", "from_status", "to_status", sql<string>`to_char(effective_on, 'YYYY-MM-DD')`.as("effective_on"), "reason", "changed_by", "created_at"])
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

const LEAVING: readonly MemberStatus[] = ["keluar", "meninggal", "diberhentikan"];

/**
 * What every status change checks, whichever route asks for it: nobody
 * leaves with money still in an account (the settlement pays it out first,
 * apps/server/src/membership/leaving.ts), and nobody becomes aktif while a
 * screening match on her is held or confirmed.
 */
async function assertMayMove(trx: Transaction<DB>, change: StatusChange): Promise<void> {
  if (LEAVING.includes(change.to)) {
    const funded = await trx
      .selectFrom("member_account")
      .select("id")
      .where("koperasi_id", "=", change.koperasiId)
      .where("member_id", "=", change.memberId)
      .where("status", "=", "open")
      .where("balance", "<>", 0)
      .limit(1)
      .executeTakeFirst();
    if (funded) {
      throw memberError("member_has_balance");
    }
  }
  if (change.to === "aktif") {
    const held = await trx
      .selectFrom("screening_match")
      .select("id")
      .where("koperasi_id", "=", change.koperasiId)
      .where("member_id", "=", change.memberId)
      .where("state", "in", ["held", "confirmed"])
      .limit(1)
      .executeTakeFirst();
    if (held) {
      throw memberError("application_screening_held");
    }
  }
}

function toRecord(row: {
  id: string;
  from_status: MemberStatus | null;
  to_status: MemberStatus;
  effective_on: string;
  reason: string;
  changed_by: string | null;
  created_at: Date;
}): StatusChangeRecord {
  return {
    id: row.id,
    fromStatus: row.from_status,
    toStatus: row.to_status,
    effectiveOn: row.effective_on,
    reason: row.reason,
    changedBy: row.changed_by,
    createdAt: row.created_at.toISOString(),
  };
}

/** The member's history, oldest first. */
export async function memberStatusHistory(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<StatusChangeRecord[]> {
  const rows = await trx
    .selectFrom("member_status_change")
    .select(["id", "from_status", "to_status", sql<string>`to_char(effective_on, 'YYYY-MM-DD')`.as("effective_on"), "reason", "changed_by", "created_at"])
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .orderBy("effective_on")
    .orderBy("id")
    .execute();
  return rows.map(toRecord);
}

/** An application awaiting its decision is accepted through the application (maker–checker, screening), not around it. */
async function assertNoPendingApplication(trx: Transaction<DB>, koperasiId: string, memberId: string): Promise<void> {
  const pending = await trx
    .selectFrom("membership_application")
    .select("id")
    .where("koperasi_id", "=", koperasiId)
    .where("member_id", "=", memberId)
    .where("state", "=", "diajukan")
    .executeTakeFirst();
  if (pending) throw memberError("member_application_pending", { field: "body.status" });
}

/**
 * A status change made in the register by its keepers, audited as
 * member.status_change. Dated today unless told otherwise. A candidate the
 * book accepts becomes a member like any approved applicant: her joining
 * accounts open; one with an application waiting is decided there instead.
 */
export async function changeStatusInRegister(
  cmd: CommandContext,
  memberId: string,
  input: { status: MemberStatus; effectiveOn?: BusinessDate | undefined; reason: string },
): Promise<StatusChangeRecord> {
  const { trx, koperasiId } = cmd;
  if (input.status === "aktif") await assertNoPendingApplication(trx, koperasiId, memberId);
  const recorded = await changeMemberStatus(trx, {
    koperasiId,
    memberId,
    to: input.status,
    effectiveOn: input.effectiveOn ?? cmd.today,
    reason: input.reason,
    changedBy: cmd.actor.userId,
  });
  const accountsOpened = recorded.fromStatus === "calon" && recorded.toStatus === "aktif" ? await openJoiningAccounts(trx, koperasiId, memberId, cmd.now) : [];
  await cmd.audit({
    action: "member.status_change",
    targetType: "member",
    targetId: memberId,
    details: {
      from: recorded.fromStatus,
      to: recorded.toStatus,
      effectiveOn: recorded.effectiveOn,
      ...(accountsOpened.length > 0 ? { accountsOpened } : {}),
    },
  });
  return recorded;
}
