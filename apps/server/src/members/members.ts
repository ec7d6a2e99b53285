import type { FastifyRequest } from "fastify";
import { sql, type Transaction } from "kysely";
import type { z } from "zod";
import type { CreateMember, Member, MemberQuery } from "@koperasi/contracts";
import type { DB } from "@koperasi/db";
import { businessDateOf, isTimeZone, uuidv7, DEFAULT_TIME_ZONE } from "@koperasi/domain";
import { writeAudit } from "../audit";
import { auditActor } from "../audit-log/actor";
import type { AppContext } from "../context";
import { invalidField, notFound } from "../http/problem";
import type { TenantAccess } from "../http/session";
import { nextMemberNumber } from "./member-number";

// The minimal member record: number, name, status, date joined, link to a
// login. The member registry extends it; searching stays here.

type MemberDto = z.infer<typeof Member>;
type MemberRow = { id: string; member_number: string; full_name: string; status: MemberDto["status"]; user_id: string | null; joined_on: string };

/**
 * Accent folding for search, the same on PGlite and PostgreSQL without the
 * `unaccent` extension: every Latin letter with a diacritic (U+00C0–U+024F)
 * mapped to its lower-case base letter, used with SQL `translate()` on both
 * the stored name and the query so the two are folded identically.
 */
export const FOLD = buildFold();

function buildFold(): { from: string; to: string } {
  let from = "";
  let to = "";
  for (let code = 0xc0; code <= 0x24f; code += 1) {
    const char = String.fromCodePoint(code);
    const base = char.normalize("NFD").replace(/\p{M}/gu, "");
    if (base !== char && /^[A-Za-z]$/.test(base)) {
      from += char;
      to += base.toLowerCase();
    }
  }
  return { from, to };
}

/** A LIKE pattern that matches the text literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const folded = (expression: ReturnType<typeof sql>) => sql`lower(translate(${expression}, ${FOLD.from}, ${FOLD.to}))`;

export function toMember(row: MemberRow): MemberDto {
  return { id: row.id, memberNumber: row.member_number, fullName: row.full_name, status: row.status, joinedOn: row.joined_on, hasLogin: row.user_id !== null };
}

function selectMembers(trx: Transaction<DB>, koperasiId: string) {
  return trx
    .selectFrom("member")
    .select(["id", "member_number", "full_name", "status", "user_id", sql<string>`to_char(joined_on, 'YYYY-MM-DD')`.as("joined_on")])
    .where("koperasi_id", "=", koperasiId);
}

export async function listMembers(
  ctx: AppContext,
  access: TenantAccess,
  query: z.infer<typeof MemberQuery>,
): Promise<{ items: MemberDto[]; page: number; pageSize: number; total: number }> {
  const { koperasiId } = access;
  const q = query.q?.normalize("NFC");
  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    let base = trx.selectFrom("member").where("koperasi_id", "=", koperasiId);
    if (q) {
      const pattern = escapeLike(q);
      base = base.where((eb) =>
        eb.or([
          sql<boolean>`lower(member_number) LIKE lower(${pattern}) || '%'`,
          sql<boolean>`${folded(sql.ref("full_name"))} LIKE '%' || ${folded(sql`${pattern}`)} || '%'`,
        ]),
      );
    }
    const { total } = await base.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow();
    const rows = await base
      .select(["id", "member_number", "full_name", "status", "user_id", sql<string>`to_char(joined_on, 'YYYY-MM-DD')`.as("joined_on")])
      .orderBy("member_number")
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: rows.map(toMember), page: query.page, pageSize: query.pageSize, total: Number(total) };
  });
}

/** One member; with `onlyUserId`, only when that login is the member's own (an anggota looking at herself). */
export async function getMember(ctx: AppContext, access: TenantAccess, id: string, onlyUserId?: string): Promise<MemberDto> {
  const { koperasiId } = access;
  const row = await ctx.database.tenant({ koperasiId, userId: access.user.id }, (trx) => {
    let query = selectMembers(trx, koperasiId).where("id", "=", id);
    if (onlyUserId !== undefined) query = query.where("user_id", "=", onlyUserId);
    return query.executeTakeFirst();
  });
  if (!row) throw notFound("Anggota");
  return toMember(row);
}

export async function createMember(
  ctx: AppContext,
  access: TenantAccess,
  body: z.infer<typeof CreateMember>,
  request: FastifyRequest,
): Promise<MemberDto> {
  const { koperasiId, koperasi } = access;
  const today = businessDateOf(ctx.now(), isTimeZone(koperasi.time_zone) ? koperasi.time_zone : DEFAULT_TIME_ZONE);
  const joinedOn = body.joinedOn ?? today;
  if (joinedOn > today) throw invalidField("body.joinedOn", "future_date", "Tanggal masuk tidak boleh setelah hari ini.");
  const fullName = body.fullName.normalize("NFC").replace(/\s+/g, " ");

  return ctx.database.tenant({ koperasiId, userId: access.user.id }, async (trx) => {
    const memberNumber = await nextMemberNumber(trx, koperasiId, koperasi.member_number_prefix);
    const id = uuidv7();
    await trx.insertInto("member").values({ koperasi_id: koperasiId, id, member_number: memberNumber, full_name: fullName, joined_on: joinedOn }).execute();
    await writeAudit(
      trx,
      { ...auditActor(access), action: "member.create", targetType: "member", targetId: id, details: { memberNumber, fullName, joinedOn } },
      request,
    );
    const row = await selectMembers(trx, koperasiId).where("id", "=", id).executeTakeFirstOrThrow();
    return toMember(row);
  });
}
