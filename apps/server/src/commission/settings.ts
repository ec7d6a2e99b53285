import type { Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { DEFAULT_FEE_BEARER, rupiahFromBigInt, type FeeBearer } from "@koperasi/domain";
import type { CommandContext } from "../command/command-context";
import { commissionError } from "./errors";

// A cooperative's payment settings: above which amount its staff confirm a
// money movement with their PIN (0, the default, is every amount: a setting
// only loosens), and who bears the commission of each kind (the member
// unless the cooperative takes it on).

export interface PaymentSettings {
  staffPinAbove: number;
  feeBearers: Record<string, FeeBearer>;
}

export async function paymentSettings(trx: Transaction<DB>, koperasiId: string): Promise<PaymentSettings> {
  const setting = await trx.selectFrom("koperasi_payment_setting").select("staff_pin_above").where("koperasi_id", "=", koperasiId).executeTakeFirst();
  const bearers = await trx.selectFrom("koperasi_fee_bearer").select(["kind", "bearer"]).where("koperasi_id", "=", koperasiId).orderBy("kind").execute();
  return {
    staffPinAbove: setting ? rupiahFromBigInt(setting.staff_pin_above) : 0,
    feeBearers: Object.fromEntries(bearers.map((row) => [row.kind, row.bearer])),
  };
}

export async function feeBearerOf(trx: Transaction<DB>, koperasiId: string, kind: string): Promise<FeeBearer> {
  const row = await trx.selectFrom("koperasi_fee_bearer").select("bearer").where("koperasi_id", "=", koperasiId).where("kind", "=", kind).executeTakeFirst();
  return row?.bearer ?? DEFAULT_FEE_BEARER;
}

export async function updatePaymentSettings(
  cmd: CommandContext,
  input: { staffPinAbove?: number | undefined; feeBearers?: Record<string, FeeBearer> | undefined },
): Promise<PaymentSettings> {
  if (input.staffPinAbove !== undefined) {
    if (!Number.isSafeInteger(input.staffPinAbove) || input.staffPinAbove < 0) throw commissionError("staff_pin_above_invalid", { field: "body.staffPinAbove" });
    await cmd.trx
      .insertInto("koperasi_payment_setting")
      .values({ koperasi_id: cmd.koperasiId, staff_pin_above: input.staffPinAbove, updated_at: cmd.now })
      .onConflict((oc) => oc.column("koperasi_id").doUpdateSet({ staff_pin_above: input.staffPinAbove!, updated_at: cmd.now }))
      .execute();
  }
  for (const [kind, bearer] of Object.entries(input.feeBearers ?? {})) {
    await cmd.trx
      .insertInto("koperasi_fee_bearer")
      .values({ koperasi_id: cmd.koperasiId, kind, bearer, updated_at: cmd.now })
      .onConflict((oc) => oc.columns(["koperasi_id", "kind"]).doUpdateSet({ bearer, updated_at: cmd.now }))
      .execute();
  }
  await cmd.audit({ targetType: "koperasi", targetId: cmd.koperasiId, details: { ...input } });
  return paymentSettings(cmd.trx, cmd.koperasiId);
}
