import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from "fastify";
import { fromNodeHeaders } from "better-auth/node";
import { sql, type Transaction } from "kysely";
import type { DB } from "@koperasi/db";
import { isUuid, uuidv7 } from "@koperasi/domain";
import { writeAudit, type AuditOrigin } from "../audit";
import type { AppContext } from "../context";
import { auditActorOf, type AuditRecord, type CommandContext } from "../command/command-context";
import { AppError, notFound, unauthenticated } from "../errors/app-error";
import { problemOfStored, recordOutcome, recordRefusal, storedResponse } from "../ledger/idempotency";
import { hashRequest, idempotencyKeyOf } from "./idempotency-key";
import { ledgerError, asAppError } from "../ledger/errors";
import { admit, readGate, type Admission, type Gate, type GateRow } from "./gate";
import { refreshIsDue, sessionCookieOf, sessionTokenOf, type SessionCookie } from "./session-token";
import type { ZodApp } from "./zod-app";
import { lockTransactionPin } from "../transaction-pin/pin";
import { RefusalWithRecord } from "../command/refusal-with-record";

// The request pipeline of every route under /koperasi/:koperasiId. A route
// declares its gate (`config: { gate }`); this scope refuses to register one
// that does not, and wraps each handler so that, before it runs, one
// transaction is open and its first statement (request_gate()) has read the
// session, the cooperative, the membership with its roles and terms, the
// module switches and — when money moves — claimed the Idempotency-Key. The
// handler then works inside that transaction through `command(request)`, and
// the pipeline commits before the response is sent: a client never hears of
// a write that did not commit. Handlers return their body (after setting the
// status or headers); they never send it themselves.

declare module "fastify" {
  interface FastifyContextConfig {
    /** What a route under /koperasi/:koperasiId needs; see `Gate`. */
    gate?: Gate;
  }
}

export const TENANT_PATH = "/koperasi/:koperasiId";

const commands = new WeakMap<FastifyRequest, CommandContext>();
const admissions = new WeakMap<FastifyRequest, Admission>();
const insideTransaction = new WeakSet<FastifyRequest>();
const WRAPPED = Symbol("gated");

/** The command context the pipeline opened for this request. Only in a handler of a gated route. */
export function command(request: FastifyRequest): CommandContext {
  const context = commands.get(request);
  if (!context) throw new Error(`command() outside a gated route's transaction: ${request.method} ${request.routeOptions.url}`);
  return context;
}

/** What the gate granted, for a route declared `transaction: "own"` (which opens its own transactions). */
export function admission(request: FastifyRequest): Admission {
  const granted = admissions.get(request);
  if (!granted) throw new Error(`admission() outside a gated route: ${request.method} ${request.routeOptions.url}`);
  return granted;
}

/**
 * For a route declared `transaction: "own"`: one tenant transaction with a
 * command context for the admitted person, e.g. for work done after the
 * response started or in the background.
 */
export function runCommand<T>(ctx: AppContext, request: FastifyRequest, fn: (command: CommandContext) => Promise<T>): Promise<T> {
  const granted = admission(request);
  return ctx.database.tenant({ koperasiId: granted.koperasi.id, userId: granted.actor.userId }, (trx) =>
    fn(commandContext(trx, granted, originOf(request), ctx.now(), undefined)),
  );
}

/** A gated route as declared: what the isolation and permission tests enumerate. */
export interface GatedRoute {
  method: string;
  url: string;
  gate: Gate;
}

const declaredRoutes = new WeakMap<AppContext, GatedRoute[]>();

/** Every route the pipeline gates in the app built on this context, with its declaration. */
export function gatedRoutes(ctx: AppContext): readonly GatedRoute[] {
  return declaredRoutes.get(ctx) ?? [];
}

/** Registers the pipeline on a scope: every route registered there afterwards under the tenant path is gated. */
export function installTenantPipeline(app: ZodApp, ctx: AppContext): void {
  const declared: GatedRoute[] = [];
  declaredRoutes.set(ctx, declared);
  const sessionCookie = () => sessionCookieOf(ctx.auth);
  app.addHook("onRoute", (route) => {
    const path = route.url.slice((route.prefix ?? "").length);
    if (path !== TENANT_PATH && !path.startsWith(`${TENANT_PATH}/`)) return;
    const gate = route.config?.gate;
    if (!gate) throw new Error(`route ${String(route.method)} ${route.url} is under ${TENANT_PATH} and must declare config.gate`);
    const handler = route.handler as RouteHandlerMethod & { [WRAPPED]?: true };
    if (gate.money && gate.transaction === "own") throw new Error(`route ${String(route.method)} ${route.url}: a money route runs in the request's transaction`);
    if (gate.pin && gate.transaction === "own") throw new Error(`route ${String(route.method)} ${route.url}: a PIN route runs in the request's transaction`);
    if (handler[WRAPPED]) return; // HEAD routes reuse their GET's handler
    for (const method of [route.method].flat()) declared.push({ method, url: route.url, gate });
    route.handler = Object.assign(gated(ctx, gate, handler, sessionCookie), { [WRAPPED]: true as const });
  });
  // A gated handler that sends its reply itself would answer before the
  // commit; it is refused (500, and the transaction rolls back).
  app.addHook("onSend", async (request) => {
    if (insideTransaction.has(request)) throw new Error(`${request.method} ${request.routeOptions.url}: a gated handler must return its body, not send it`);
  });
}

type Outcome = { kind: "done"; body: unknown } | { kind: "replayed"; status: number; body: unknown } | { kind: "refused"; error: AppError; replayed?: true };

function gated(ctx: AppContext, gate: Gate, handler: RouteHandlerMethod, sessionCookie: () => Promise<SessionCookie>): RouteHandlerMethod {
  return async function gatedHandler(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
    const { koperasiId } = request.params as { koperasiId?: unknown };
    if (!isUuid(koperasiId)) throw notFound("Koperasi", "Cooperative");
    const cookie = await sessionCookie();
    const sessionToken = sessionTokenOf(request, cookie);
    if (!sessionToken) throw unauthenticated();
    const key = gate.money ? idempotencyKeyFrom(request) : undefined;
    const now = ctx.now();
    const origin = originOf(request);
    let row: GateRow | undefined;

    const outcome = await ctx.database.db.transaction().execute(async (trx): Promise<Outcome> => {
      row = await readGate(trx, { sessionToken, koperasiId, now, idempotency: key?.claim });
      const granted = admit(row, gate);
      if (granted.actor.viaOperator) {
        await writeAudit(
          trx,
          { ...auditActorOf({ koperasiId, actor: granted.actor }), actorRole: "operator", action: "operator.access", details: { route: request.routeOptions.url, permission: granted.action } },
          origin,
        );
      }
      // A missing or malformed key is refused after who-may-act, as before.
      if (key?.error) throw key.error;
      if (gate.transaction === "own") {
        admissions.set(request, granted);
        return { kind: "done", body: undefined };
      }
      const context = commandContext(trx, granted, origin, now, gate.audit);
      commands.set(request, context);
      if (gate.pin) await lockTransactionPin(trx, granted.actor.userId, context);
      if (!key?.claim && !gate.pin) return { kind: "done", body: await runHandler(this, handler, request, reply, context, gate) };
      if (!key?.claim) {
        // A wrong PIN is counted even though the command is refused: its writes are undone, the count is kept.
        await sql`SAVEPOINT command`.execute(trx);
        try {
          return { kind: "done", body: await runHandler(this, handler, request, reply, context, gate) };
        } catch (error) {
          if (!(error instanceof RefusalWithRecord)) throw error;
          await sql`ROLLBACK TO SAVEPOINT command`.execute(trx);
          await error.record(trx);
          return { kind: "refused", error };
        }
      }

      const claim = row.idempotency;
      if (!claim) throw new Error("a money route's gate claimed no Idempotency-Key");
      if (claim.outcome === "in_progress") throw ledgerError("idempotency_in_progress");
      if (claim.outcome === "stored") {
        const stored = storedResponse(claim, key.claim.requestHash);
        const problem = problemOfStored(stored);
        return problem ? { kind: "refused", error: problem, replayed: true } : { kind: "replayed", ...stored };
      }
      // The command runs in a savepoint: a refusal undoes its writes but is
      // itself recorded under the key, so a retry hears the same refusal.
      await sql`SAVEPOINT command`.execute(trx);
      try {
        const body = await runHandler(this, handler, request, reply, context, gate);
        await recordOutcome(trx, koperasiId, claim.record_id, { status: reply.statusCode, body }, now);
        return { kind: "done", body };
      } catch (error) {
        const refusal = asAppError(error);
        if (!refusal || refusal.status >= 500 || refusal.status === 404) throw error;
        await sql`ROLLBACK TO SAVEPOINT command`.execute(trx);
        if (refusal instanceof RefusalWithRecord) await refusal.record(trx);
        await recordRefusal(trx, koperasiId, claim.record_id, refusal, now);
        return { kind: "refused", error: refusal };
      }
    });

    if (row?.session_expires_at && refreshIsDue(new Date(row.session_expires_at), new Date(), cookie)) await refreshSession(ctx, request, reply);
    switch (outcome.kind) {
      case "refused":
        if (outcome.replayed) reply.header("idempotent-replayed", "true");
        throw outcome.error;
      case "replayed":
        reply.header("idempotent-replayed", "true").status(outcome.status);
        return outcome.body;
      case "done":
        if (gate.transaction === "own") return handler.call(this, request, reply);
        return outcome.body;
    }
  };
}

async function runHandler(instance: FastifyInstance, handler: RouteHandlerMethod, request: FastifyRequest, reply: FastifyReply, context: CommandContext, gate: Gate): Promise<unknown> {
  insideTransaction.add(request);
  try {
    const body: unknown = await handler.call(instance, request, reply);
    if (reply.sent) throw new Error(`${request.method} ${request.routeOptions.url}: a gated handler sent its reply before the commit`);
    if (gate.audit && !audited.get(context)?.has(gate.audit)) throw new Error(`${request.method} ${request.routeOptions.url} declares audit ${gate.audit} but recorded none`);
    return body;
  } finally {
    insideTransaction.delete(request);
  }
}

/** The audit actions each command recorded: a route that declares one must have written it. */
const audited = new WeakMap<CommandContext, Set<string>>();

function commandContext(trx: Transaction<DB>, granted: Admission, origin: AuditOrigin, now: Date, declaredAudit: string | undefined): CommandContext {
  const context: CommandContext = {
    trx,
    koperasiId: granted.koperasi.id,
    koperasi: granted.koperasi,
    actor: granted.actor,
    action: granted.action,
    now,
    today: granted.today,
    newId: uuidv7,
    audit: async (record: AuditRecord) => {
      const action = record.action ?? declaredAudit;
      if (!action) throw new Error("an audit record needs an action");
      await writeAudit(trx, { ...auditActorOf(context), ...record, action }, origin);
      const written = audited.get(context) ?? new Set<string>();
      audited.set(context, written.add(action));
    },
  };
  return context;
}

function originOf(request: FastifyRequest): AuditOrigin {
  return { ip: request.ip, headers: { "user-agent": request.headers["user-agent"] } };
}

function idempotencyKeyFrom(request: FastifyRequest): { claim?: { key: string; requestHash: string; recordId: string }; error?: AppError } {
  try {
    return { claim: { key: idempotencyKeyOf(request), requestHash: hashRequest(request), recordId: uuidv7() } };
  } catch (error) {
    if (error instanceof AppError) return { error };
    throw error;
  }
}

/** better-auth slides a session's expiry once a day; on that request it is asked to, and its new cookie is passed on. */
async function refreshSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const { headers } = await ctx.auth.api.getSession({ headers: fromNodeHeaders(request.headers), returnHeaders: true });
  for (const cookie of headers.getSetCookie()) reply.header("set-cookie", cookie);
}
