import { sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { RoleGrantRequest } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import type { AuthorityGrant, BusinessDate } from "@koperasi/domain";
import type { FastifyBaseLogger } from "fastify";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { defer } from "./deferred-work";
import { listKoperasiUsers } from "./koperasi-users";

// Changes that give money or admin authority wait in role_grant_request for a
// second person (packages/domain/src/role-grants.ts says who). This module
// files them and reads them; role-grant-decisions.ts decides them.

export type RoleGrantRequestDto = z.infer<typeof RoleGrantRequest>;

export interface GrantRequestInput {
  kind: "user_roles" | "term";
  subjectUserId: string | null;
  koperasiUserId?: string | undefined;
  memberId?: string | undefined;
  change: Record<string, unknown>;
  grants: readonly AuthorityGrant[];
}

function selectRequests(trx: Transaction<DB>, koperasiId: string) {
  return trx
    .selectFrom("role_grant_request as r")
    .leftJoin("user as s", "s.id", "r.subject_user_id")
    .leftJoin("member as m", (join) => join.onRef("m.koperasi_id", "=", "r.koperasi_id").onRef("m.id", "=", "r.member_id"))
    .innerJoin("user as q", "q.id", "r.requested_by")
    .select([
      "r.id",
      "r.kind",
      "r.subject_user_id",
      "r.change",
      "r.grants",
      "r.requested_by",
      "r.requested_at",
      "r.status",
      "r.decided_by",
      "r.decided_at",
      sql<string>`coalesce(m.full_name, s.name, '')`.as("subject_name"),
      "q.name as requested_by_name",
    ])
    .where("r.koperasi_id", "=", koperasiId);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>["executeTakeFirstOrThrow"]>>;

function toDto(row: RequestRow): RoleGrantRequestDto {
  return {
    id: row.id,
    kind: row.kind,
    subjectName: row.subject_name,
    subjectUserId: row.subject_user_id,
    grants: row.grants,
    change: (row.change ?? {}) as Record<string, unknown>,
    requestedBy: row.requested_by,
    requestedByName: row.requested_by_name,
    requestedAt: new Date(row.requested_at).toISOString(),
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at).toISOString(),
  };
}

export async function readRoleGrantRequest(trx: Transaction<DB>, koperasiId: string, id: string): Promise<RoleGrantRequestDto | undefined> {
  const row = await selectRequests(trx, koperasiId).where("r.id", "=", id).executeTakeFirst();
  return row && toDto(row);
}

/** Files the change for approval instead of applying it; audited as `role_grant.request`. */
export async function requestRoleGrant(cmd: CommandContext, input: GrantRequestInput): Promise<RoleGrantRequestDto> {
  const id = cmd.newId();
  await cmd.trx
    .insertInto("role_grant_request")
    .values({
      koperasi_id: cmd.koperasiId,
      id,
      kind: input.kind,
      subject_user_id: input.subjectUserId,
      koperasi_user_id: input.koperasiUserId ?? null,
      member_id: input.memberId ?? null,
      change: JSON.stringify(input.change),
      grants: [...input.grants],
      requested_by: cmd.actor.userId,
      requested_at: cmd.now,
    })
    .execute();
  await cmd.audit({
    action: "role_grant.request",
    targetType: "role_grant_request",
    targetId: id,
    details: { kind: input.kind, subjectUserId: input.subjectUserId, grants: input.grants, change: input.change },
  });
  const request = await readRoleGrantRequest(cmd.trx, cmd.koperasiId, id);
  if (!request) throw new Error("role grant request vanished");
  return request;
}

/** Waiting requests first (oldest first), then the latest decisions. */
export async function listRoleGrantRequests(trx: Transaction<DB>, koperasiId: string): Promise<RoleGrantRequestDto[]> {
  const pending = await selectRequests(trx, koperasiId).where("r.status", "=", "pending").orderBy("r.requested_at").orderBy("r.id").execute();
  const decided = await selectRequests(trx, koperasiId).where("r.status", "<>", "pending").orderBy("r.decided_at", "desc").orderBy("r.id").limit(20).execute();
  return [...pending, ...decided].map(toDto);
}

/** The e-mail addresses of the cooperative's pengawas today (a stored role or a current term), to be told of a request. */
export async function pengawasAddresses(trx: Transaction<DB>, koperasiId: string, today: BusinessDate): Promise<string[]> {
  const users = await listKoperasiUsers(trx, koperasiId, today);
  return users
    .filter((u) => u.status === "active" && (u.roles.includes("pengawas") || u.termGrants.roles.includes("pengawas")))
    .map((u) => u.email)
    .filter((email) => email !== "");
}

const GRANT_LABELS: Record<string, string> = { admin: "admin", pengurus: "pengurus", kasir: "kasir", bendahara: "bendahara" };

/** The pengawas' notice of a waiting request (sent after the request commits). */
export function grantNotice(koperasiName: string, request: RoleGrantRequestDto): { subject: string; text: string } {
  const grants = request.grants.map((g) => GRANT_LABELS[g] ?? g).join(", ");
  return {
    subject: `Permintaan pemberian peran keuangan di ${koperasiName}`,
    text:
      `${request.requestedByName} meminta pemberian peran ${grants} kepada ${request.subjectName}.\n\n` +
      `Perubahan ini baru berlaku setelah disetujui orang kedua (admin lain atau ketua). ` +
      `Sebagai pengawas Anda menerima pemberitahuan ini; periksa di menu Pengguna › Persetujuan peran.`,
  };
}

/**
 * Tells the pengawas of a request just filed. The addresses are read in the
 * request's transaction; the e-mails go out once the answer is on its way.
 */
export async function notifyPengawas(ctx: AppContext, log: FastifyBaseLogger, cmd: CommandContext, request: RoleGrantRequestDto): Promise<void> {
  const addresses = await pengawasAddresses(cmd.trx, cmd.koperasiId, cmd.today);
  const notice = grantNotice(cmd.koperasi.name, request);
  defer(ctx, log, "role_grant_notice", async () => {
    for (const to of addresses) await ctx.messenger.sendEmail({ to, subject: notice.subject, text: notice.text, koperasiId: cmd.koperasiId });
  });
}
