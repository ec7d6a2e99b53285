import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { authorityGained, businessDateOf, grantsFromTerms, uuidv7, type BusinessDate, type Holding, type Role, timeZoneOr } from "@koperasi/domain";
import type { KoperasiUser } from "@koperasi/contracts";
import type { z } from "zod";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { invalidField } from "../errors/app-error";
import { nextFreeMemberNumber } from "../members/member-number";
import { recordInitialStatus } from "../members/member-status";
import { currentTermsOfKoperasiUser } from "../structure/term-grants";
import { visibleEmail } from "./phone-only";
import { requestRoleGrant, type RoleGrantRequestDto } from "./role-grants";
import { userError } from "./user-errors";

type KoperasiUserDto = z.infer<typeof KoperasiUser>;

export interface KoperasiUserChange {
  roles?: Role[] | undefined;
  positions?: string[] | undefined;
  status?: "active" | "disabled" | undefined;
  /** What the login held when the change was asked for: an approval applies it only to that. */
  before?: { roles: string[]; positions: string[]; status: string } | undefined;
}

function sameHolding(a: { roles: readonly string[]; positions: readonly string[]; status: string }, b: { roles: readonly string[]; positions: readonly string[]; status: string }): boolean {
  const key = (h: typeof a) => JSON.stringify([[...h.roles].sort(), [...h.positions].sort(), h.status]);
  return key(a) === key(b);
}

/**
 * The logins with the terms of office `today` falls within. The table keeps
 * its own name (no alias): the terms' subquery refers to it by that name.
 */
function selectUsers(trx: Transaction<DB>, today: BusinessDate) {
  return trx
    .selectFrom("koperasi_user")
    .innerJoin("user as u", "u.id", "koperasi_user.user_id")
    .select([
      "koperasi_user.id",
      "koperasi_user.user_id",
      "koperasi_user.roles",
      "koperasi_user.positions",
      "koperasi_user.status",
      "u.name",
      "u.email",
      "u.twoFactorEnabled",
      currentTermsOfKoperasiUser(today).as("terms"),
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>["executeTakeFirstOrThrow"]>>;

/** Terms give only pengurus or pengawas: tenant roles, never operator. */
function termGrantsOf(terms: UserRow["terms"], today: BusinessDate): KoperasiUserDto["termGrants"] {
  const { roles, positions } = grantsFromTerms(terms, today);
  return { roles: roles as KoperasiUserDto["termGrants"]["roles"], positions };
}

/** Stored roles and positions as the admin set them; what her terms add, apart, as the permission check reads them. */
function toDto(row: UserRow, today: BusinessDate): KoperasiUserDto {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    email: visibleEmail(row.email),
    roles: row.roles as KoperasiUserDto["roles"],
    positions: row.positions,
    status: row.status,
    twoFactorEnabled: row.twoFactorEnabled === true,
    termGrants: termGrantsOf(row.terms, today),
  };
}

/** The cooperative's logins, oldest first, with what their terms give them on `today`. */
export async function listKoperasiUsers(trx: Transaction<DB>, koperasiId: string, today: BusinessDate): Promise<KoperasiUserDto[]> {
  const rows = await selectUsers(trx, today).where("koperasi_user.koperasi_id", "=", koperasiId).orderBy("koperasi_user.created_at").orderBy("koperasi_user.id").execute();
  return rows.map((row) => toDto(row, today));
}

/** Roles without duplicates, in the matrix's order. */
function normaliseRoles(roles: readonly Role[]): Role[] {
  const order: Role[] = ["admin", "pengurus", "pengawas", "kasir", "anggota"];
  return order.filter((role) => roles.includes(role));
}

function normalisePositions(positions: readonly string[]): string[] {
  return [...new Set(positions.map((p) => p.trim().toLowerCase().replace(/\s+/g, "_")))];
}

/** Today in the cooperative's time zone, for work done outside a command (accepting an invitation). */
export function koperasiToday(ctx: AppContext, timeZone: string): string {
  return businessDateOf(ctx.now(), timeZoneOr(timeZone));
}

/**
 * Gives an anggota her minimal member record (number, name, login) unless
 * she already has one. Inside the caller's tenant transaction.
 */
export async function ensureMemberRecord(
  ctx: AppContext,
  trx: Transaction<DB>,
  koperasi: { id: string; member_number_prefix: string; time_zone: string },
  userId: string,
  fullName: string,
): Promise<{ id: string; memberNumber: string } | null> {
  return ensureMemberRecordOn(trx, koperasi, userId, fullName, koperasiToday(ctx, koperasi.time_zone));
}

/** The same, joining on the given business date. */
async function ensureMemberRecordOn(
  trx: Transaction<DB>,
  koperasi: { id: string; member_number_prefix: string },
  userId: string,
  fullName: string,
  joinedOn: BusinessDate,
): Promise<{ id: string; memberNumber: string } | null> {
  const existing = await trx.selectFrom("member").select("id").where("koperasi_id", "=", koperasi.id).where("user_id", "=", userId).executeTakeFirst();
  if (existing) return null;
  const id = uuidv7();
  const memberNumber = await nextFreeMemberNumber(trx, koperasi.id, koperasi.member_number_prefix);
  await trx
    .insertInto("member")
    .values({
      koperasi_id: koperasi.id,
      id,
      member_number: memberNumber,
      full_name: fullName.slice(0, 120),
      user_id: userId,
      joined_on: joinedOn,
    })
    .execute();
  await recordInitialStatus(trx, { koperasiId: koperasi.id, memberId: id, status: "aktif", effectiveOn: joinedOn, changedBy: userId });
  return { id, memberNumber };
}

const isActiveAdmin = (roles: readonly string[], status: string) => status === "active" && roles.includes("admin");

/** What a login holds while her status is what it is: a disabled login holds nothing. */
const holding = (roles: readonly string[], positions: readonly string[], status: string): Holding =>
  status === "active" ? { roles: roles as Role[], positions } : { roles: [], positions: [] };

export type KoperasiUserUpdate = { kind: "updated"; user: KoperasiUserDto } | { kind: "pending_approval"; request: RoleGrantRequestDto };

/**
 * Changes a person's roles, positions or status in the cooperative. A change
 * that gives money or admin authority (role-grants in the domain) is filed
 * for a second person's approval instead, unless it is that approval being
 * applied (`approved`). The cooperative always keeps at least one active
 * admin: every active admin row is locked (in id order, so two admins
 * demoting each other at once cannot both succeed) before the count is taken.
 */
export async function updateKoperasiUser(
  cmd: CommandContext,
  koperasiUserId: string,
  change: KoperasiUserChange,
  approved?: { requestId: string; requestedBy: string },
): Promise<KoperasiUserUpdate> {
  const { trx, koperasiId } = cmd;
  const admins = await trx
    .selectFrom("koperasi_user")
    .select(["id"])
    .where("koperasi_id", "=", koperasiId)
    .where("status", "=", "active")
    .where(sql<boolean>`'admin' = ANY(roles)`)
    .orderBy("id")
    .forUpdate()
    .execute();
  const current = await trx.selectFrom("koperasi_user").selectAll().where("koperasi_id", "=", koperasiId).where("id", "=", koperasiUserId).forUpdate().executeTakeFirst();
  if (!current) throw userError("user_not_found");
  // An approval decides the change as it was asked; if the login changed since
  // (disabled, given or denied other roles), applying it would undo that.
  if (approved && change.before && !sameHolding(change.before, current)) throw userError("grant_stale");

  const roles = change.roles ? normaliseRoles(change.roles) : (current.roles as Role[]);
  let positions = change.positions ? normalisePositions(change.positions) : current.positions;
  if (!roles.includes("pengurus")) {
    if (change.positions && positions.length > 0) throw invalidField("body.positions", "positions_need_pengurus", "Jabatan hanya untuk peran pengurus.", "Only a pengurus holds a position.");
    positions = []; // the term ends with the role
  }
  const status = change.status ?? current.status;

  const wasAdmin = isActiveAdmin(current.roles, current.status);
  const staysAdmin = isActiveAdmin(roles, status);
  if (wasAdmin && !staysAdmin && admins.filter((a) => a.id !== current.id).length === 0) {
    throw userError("last_admin");
  }

  const grants = authorityGained(holding(current.roles, current.positions, current.status), holding(roles, positions, status));
  if (grants.length > 0 && !approved) {
    const request = await requestRoleGrant(cmd, {
      kind: "user_roles",
      subjectUserId: current.user_id,
      koperasiUserId: current.id,
      change: { roles, positions, status, before: { roles: current.roles, positions: current.positions, status: current.status } },
      grants,
    });
    return { kind: "pending_approval", request };
  }

  await trx.updateTable("koperasi_user").set({ roles, positions, status }).where("koperasi_id", "=", koperasiId).where("id", "=", current.id).execute();
  const today = cmd.today;
  const row = await selectUsers(trx, today)
    .where("koperasi_user.koperasi_id", "=", koperasiId)
    .where("koperasi_user.id", "=", current.id)
    .executeTakeFirstOrThrow();

  let member: { id: string; memberNumber: string } | null = null;
  if (roles.includes("anggota") && !current.roles.includes("anggota")) {
    member = await ensureMemberRecordOn(trx, cmd.koperasi, current.user_id, row.name, today);
  }

  await cmd.audit({
    action: "user.update",
    targetType: "koperasi_user",
    targetId: current.id,
    details: {
      userId: current.user_id,
      before: { roles: current.roles, positions: current.positions, status: current.status },
      after: { roles, positions, status },
      ...(member ? { memberNumber: member.memberNumber } : {}),
      ...(approved ? { approvedRequestId: approved.requestId, requestedBy: approved.requestedBy } : {}),
    },
  });
  return { kind: "updated", user: toDto(row, today) };
}
