import type { BreachDrill } from "@koperasi/contracts";
import { BREACH_NOTICE_HOURS, breachNotice, formatTanggalJam, timeZoneOr, uuidv7 } from "@koperasi/domain";
import type { FastifyRequest } from "fastify";
import { writeAudit } from "../audit";
import type { CommandContext } from "../command/command-context";
import type { AppContext } from "../context";
import { notFound } from "../errors/app-error";
import { privacyError } from "./errors";

// The breach-notice drill: the operator sends one cooperative the notice it
// would receive after a personal-data breach, marked LATIHAN (in the app and
// by e-mail to its admins); the cooperative acknowledges it; both see how
// long that took against the 3 × 24 hours the law allows.

type DrillRow = {
  koperasi_id: string;
  id: string;
  started_at: Date;
  due_at: Date;
  notice_title: string;
  notice_body: string;
  acknowledged_at: Date | null;
};

const DRILL_COLUMNS = ["koperasi_id", "id", "started_at", "due_at", "notice_title", "notice_body", "acknowledged_at"] as const;

function drillDto(row: DrillRow): BreachDrill {
  const hours = row.acknowledged_at ? Math.round((row.acknowledged_at.getTime() - row.started_at.getTime()) / 360_000) / 10 : null;
  return {
    id: row.id,
    koperasiId: row.koperasi_id,
    startedAt: row.started_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    title: row.notice_title,
    body: row.notice_body,
    acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
    hoursToAcknowledge: hours,
    withinDeadline: row.acknowledged_at ? row.acknowledged_at <= row.due_at : null,
  };
}

/** The operator starts a drill for one approved cooperative: the notice in its app and in its admins' mailboxes. */
export async function startBreachDrill(ctx: AppContext, request: FastifyRequest, operatorId: string, koperasiId: string): Promise<BreachDrill> {
  const koperasi = await ctx.database.platform((trx) => trx.selectFrom("koperasi").select(["name", "email", "time_zone", "status"]).where("id", "=", koperasiId).executeTakeFirst());
  if (!koperasi || koperasi.status !== "approved") throw notFound("Koperasi", "Cooperative");
  const now = ctx.now();
  const { title, body } = breachNotice({
    koperasiName: koperasi.name,
    discoveredAt: formatTanggalJam(now, timeZoneOr(koperasi.time_zone)),
    dataKinds: ["nama", "nomor anggota", "nomor HP"],
    whatHappened: "Dalam latihan ini, daftar anggota dianggap terkirim ke alamat email yang salah.",
    measures: "Tanggapi latihan ini dengan menandai pemberitahuan telah diterima di aplikasi (Privasi → Latihan pemberitahuan), lalu periksa siapa yang harus diberi tahu dan bagaimana.",
    contact: koperasi.email,
    drill: true,
  });
  const { row, admins } = await ctx.database.tenant({ koperasiId }, async (trx) => {
    const inserted = await trx
      .insertInto("breach_drill")
      .values({ koperasi_id: koperasiId, id: uuidv7(), started_by: operatorId, started_at: now, due_at: new Date(now.getTime() + BREACH_NOTICE_HOURS * 3_600_000), notice_title: title, notice_body: body })
      .returning(DRILL_COLUMNS)
      .executeTakeFirstOrThrow();
    await trx.insertInto("koperasi_notice").values({ koperasi_id: koperasiId, id: uuidv7(), kind: "breach_drill", title, body }).execute();
    await writeAudit(trx, { koperasiId, actorUserId: operatorId, actorRole: "operator", action: "privacy.breach_drill_start", targetType: "breach_drill", targetId: inserted.id }, request);
    const emails = await trx
      .selectFrom("koperasi_user")
      .innerJoin("user", "user.id", "koperasi_user.user_id")
      .select("user.email")
      .where("koperasi_user.koperasi_id", "=", koperasiId)
      .where("koperasi_user.status", "=", "active")
      .where((eb) => eb(eb.val("admin"), "=", eb.fn.any("koperasi_user.roles")))
      .execute();
    return { row: inserted, admins: emails };
  });
  for (const admin of admins) await ctx.messenger.sendEmail({ to: admin.email, koperasiId, subject: title, text: body });
  return drillDto(row);
}

/** A cooperative's drills, newest first (for its admins, and for the operator through a tenant transaction). */
export async function listBreachDrills(ctx: AppContext, koperasiId: string): Promise<BreachDrill[]> {
  const rows = await ctx.database.tenant({ koperasiId }, (trx) => trx.selectFrom("breach_drill").select(DRILL_COLUMNS).orderBy("started_at", "desc").limit(50).execute());
  return rows.map(drillDto);
}

export async function ownBreachDrills(cmd: CommandContext): Promise<BreachDrill[]> {
  const rows = await cmd.trx.selectFrom("breach_drill").select(DRILL_COLUMNS).where("koperasi_id", "=", cmd.koperasiId).orderBy("started_at", "desc").limit(50).execute();
  return rows.map(drillDto);
}

/** The cooperative says it received the notice; the first acknowledgement counts. */
export async function acknowledgeBreachDrill(cmd: CommandContext, drillId: string): Promise<BreachDrill> {
  const current = await cmd.trx.selectFrom("breach_drill").select(["acknowledged_at"]).where("koperasi_id", "=", cmd.koperasiId).where("id", "=", drillId).forUpdate().executeTakeFirst();
  if (!current) throw privacyError("drill_unknown");
  if (!current.acknowledged_at) {
    await cmd.trx.updateTable("breach_drill").set({ acknowledged_by: cmd.actor.userId, acknowledged_at: cmd.now }).where("koperasi_id", "=", cmd.koperasiId).where("id", "=", drillId).execute();
  }
  await cmd.audit({ action: "privacy.breach_drill_acknowledge", targetType: "breach_drill", targetId: drillId });
  const row = await cmd.trx.selectFrom("breach_drill").select(DRILL_COLUMNS).where("koperasi_id", "=", cmd.koperasiId).where("id", "=", drillId).executeTakeFirstOrThrow();
  return drillDto(row);
}
