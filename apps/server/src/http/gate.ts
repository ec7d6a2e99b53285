import { sql, type Kysely, type Transaction } from "kysely";
import type { DB, KoperasiStatus } from "@koperasi/db";
import {
  can,
  defaultModuleSettings,
  grantsFromTerms,
  OPERATOR_TENANT_ACCESS_ACTIONS,
  requiresMfaSetup,
  withTermGrants,
  type Action,
  type BusinessDate,
  type ModuleId,
  type Position,
  type Role,
  type Term,
} from "@koperasi/domain";
import type { Actor, Koperasi } from "../command/command-context";
import { AppError, forbidden, notFound, unauthenticated } from "../errors/app-error";
import { requireApproved } from "../registration/approval";
import { moduleDisabled } from "../modules/registry";
import type { IdempotencyClaim } from "../ledger/idempotency";

/**
 * What a route under /koperasi/:koperasiId declares it needs, in its route
 * options (`config: { gate: … }`). The tenant pipeline enforces it before the
 * handler runs; a route under that prefix without one fails start-up.
 */
export interface Gate {
  /** The permission, or several where any one suffices (the first the actor holds is granted, in this order). */
  readonly action: Action | readonly [Action, ...Action[]];
  /**
   * Moves money: an Idempotency-Key is required, the command and the key's
   * record share one transaction, and the cooperative must be approved.
   */
  readonly money?: boolean;
  /** The cooperative must be approved by the operator (implied by `money`). */
  readonly approved?: boolean;
  /** An optional module that must be switched on in the cooperative. */
  readonly module?: ModuleId;
  /** The audit action the handler records (through the context) whenever it succeeds. */
  readonly audit?: string;
  /**
   * "own": the handler opens its own transactions (a background job, a file
   * streamed after the response starts); the gate is checked in a short
   * transaction of its own first. Default: the handler works inside the
   * request's one transaction.
   */
  readonly transaction?: "own";
  /**
   * The handler confirms with the actor's transaction PIN
   * (`verifyTransactionPin`): her PIN row is locked before the command runs,
   * so concurrent tries are checked one after another, and a wrong try is
   * recorded after the command's own writes are undone.
   */
  readonly pin?: boolean;
}

export function gateActions(gate: Gate): readonly Action[] {
  return typeof gate.action === "string" ? [gate.action] : gate.action;
}

/** One row of request_gate(): everything the gate decides on, read in one round trip. */
export interface GateRow {
  session_id: string | null;
  session_expires_at: Date | null;
  session_updated_at: Date | null;
  user_id: string | null;
  user_name: string | null;
  user_email: string | null;
  user_phone: string | null;
  user_phone_verified: boolean | null;
  two_factor_enabled: boolean | null;
  platform_operator: boolean | null;
  koperasi: (Omit<Koperasi, "reviewed_at" | "created_at"> & { reviewed_at: string | null; created_at: string }) | null;
  business_date: string | null;
  member_status: string | null;
  roles: string[] | null;
  positions: string[] | null;
  terms: Pick<Term, "body" | "position" | "startOn" | "endOn">[] | null;
  modules: Record<string, boolean> | null;
  idempotency: IdempotencyClaim | null;
}


export interface GateQuery {
  sessionToken: string;
  koperasiId: string | null;
  /** The business clock (ctx.now()); sessions expire by the real one, as better-auth reads it. */
  now: Date;
  idempotency?: { key: string; requestHash: string; recordId: string } | undefined;
}

/**
 * Runs request_gate() as the transaction's first statement: it also selects
 * the cooperative and the login for every later statement (row-level
 * security), and claims the Idempotency-Key when one is given.
 */
export async function readGate(trx: Transaction<DB> | Kysely<DB>, query: GateQuery): Promise<GateRow> {
  const key = query.idempotency;
  const { rows } = await sql<GateRow>`SELECT * FROM request_gate(${query.sessionToken}, ${query.koperasiId}::uuid, ${query.now}::timestamptz, ${new Date()}::timestamptz,
    ${key?.key ?? null}, ${key?.requestHash ?? null}, ${key?.recordId ?? null}::uuid)`.execute(trx);
  const row = rows[0];
  if (!row) throw new Error("request_gate returned no row");
  return row;
}

/** Who is signed in, from a gate row; null when the session is unknown or expired. */
export function signedInOf(row: GateRow): Omit<Actor, "roles" | "positions" | "viaOperator"> | null {
  if (row.user_id === null) return null;
  return {
    userId: row.user_id,
    name: row.user_name ?? "",
    email: row.user_email ?? "",
    phone: row.user_phone,
    twoFactorEnabled: row.two_factor_enabled === true,
    platformOperator: row.platform_operator === true,
  };
}

export interface Admission {
  koperasi: Koperasi;
  actor: Actor;
  action: Action;
  today: BusinessDate;
}

/**
 * The decision, from what request_gate() read: signed in, the cooperative
 * exists, she belongs to it (or is an operator on a read-only visit), one of
 * the route's actions is hers, MFA set up where required, the cooperative
 * approved where the route needs it, and the module switched on.
 */
export function admit(row: GateRow, gate: Gate): Admission {
  const signedIn = signedInOf(row);
  if (!signedIn) throw unauthenticated();
  if (!row.koperasi || !row.business_date) throw notFound("Koperasi", "Cooperative");
  const koperasi: Koperasi = {
    ...row.koperasi,
    reviewed_at: row.koperasi.reviewed_at === null ? null : new Date(row.koperasi.reviewed_at),
    created_at: new Date(row.koperasi.created_at),
  };
  const today = row.business_date;
  const actions = gateActions(gate);
  let admission: Admission;
  if (row.member_status !== "active") {
    const action = signedIn.platformOperator ? actions.find((a) => OPERATOR_TENANT_ACCESS_ACTIONS.includes(a)) : undefined;
    if (!action) throw new AppError(403, "not_a_member", "Anda bukan pengguna koperasi ini.", "You do not belong to this cooperative.");
    admission = { koperasi, today, action, actor: { ...signedIn, roles: ["operator"], positions: [], viaOperator: true } };
  } else {
    const { roles, positions } = withTermGrants(
      { roles: (row.roles ?? []) as Role[], positions: (row.positions ?? []) as Position[] },
      grantsFromTerms(row.terms ?? [], today),
    );
    const action = actions.find((a) => can({ roles, positions }, a));
    if (!action) throw forbidden();
    if (requiresMfaSetup(roles, { mandatoryForKoperasi: koperasi.mfa_required }) && !signedIn.twoFactorEnabled) {
      throw new AppError(
        403,
        "mfa_setup_required",
        "Koperasi ini mewajibkan verifikasi dua langkah. Aktifkan di menu Keamanan terlebih dahulu.",
        "This cooperative requires two-factor authentication. Enable it under Security first.",
      );
    }
    admission = { koperasi, today, action, actor: { ...signedIn, roles, positions, viaOperator: false } };
  }
  if (gate.money || gate.approved) requireApproved({ status: koperasi.status as KoperasiStatus });
  if (gate.module && !moduleEnabled(row.modules ?? {}, gate.module)) throw moduleDisabled(gate.module);
  return admission;
}

/** A module's switch: the cooperative's stored choice, or the module's default. */
function moduleEnabled(stored: Record<string, boolean>, id: ModuleId): boolean {
  return stored[id] ?? defaultModuleSettings()[id];
}
