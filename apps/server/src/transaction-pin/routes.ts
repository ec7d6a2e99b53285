import { KoperasiParams, PinCodeSent, RequestPinCode, SetTransactionPin, TransactionPinStatus } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { unauthenticated } from "../errors/app-error";
import { withRetryAfter } from "../http/retry-after";
import { sessionCookieOf, sessionTokenOf } from "../http/session-token";
import { admission, command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { pinStatus, sendPinCode, setTransactionPin } from "./pin";

// The signed-in person's own transaction PIN. Sending and using the code run
// in their own transactions ("own"): a wrong code counts against its limit
// even when the PIN is not set.

const tags = ["keamanan"];

export async function transactionPinRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/transaction-pin",
    {
      schema: { tags, summary: "Status PIN transaksi saya (sudah dibuat, dikunci sampai kapan)", params: KoperasiParams, response: { 200: TransactionPinStatus } },
      config: { gate: { action: "payments.pin_self" } },
    },
    async (request, reply) => {
      const cmd = command(request);
      reply.header("cache-control", "private, no-store");
      return pinStatus(cmd.trx, cmd.actor.userId, cmd.now);
    },
  );

  app.post(
    "/koperasi/:koperasiId/transaction-pin/code",
    {
      schema: { tags, summary: "Kirim kode untuk membuat atau mengatur ulang PIN transaksi ke HP atau email saya yang terverifikasi", params: KoperasiParams, body: RequestPinCode, response: { 202: PinCodeSent } },
      config: { rateLimit: { max: 30, timeWindow: "10 minutes" }, gate: { action: "payments.pin_self", transaction: "own" } },
    },
    async (request, reply) => {
      const granted = admission(request);
      const sent = await withRetryAfter(reply, () => sendPinCode(ctx, granted.actor.userId, granted.koperasi.id, request.body.channel));
      reply.status(202).header("cache-control", "no-store");
      return sent;
    },
  );

  app.put(
    "/koperasi/:koperasiId/transaction-pin",
    {
      schema: { tags, summary: "Membuat atau mengatur ulang PIN transaksi (sesaat setelah masuk, dengan kode)", params: KoperasiParams, body: SetTransactionPin, response: { 200: TransactionPinStatus } },
      config: { rateLimit: { max: 30, timeWindow: "10 minutes" }, gate: { action: "payments.pin_self", transaction: "own" } },
    },
    async (request, reply) => {
      const granted = admission(request);
      const sessionToken = sessionTokenOf(request, await sessionCookieOf(ctx.auth));
      if (!sessionToken) throw unauthenticated();
      await setTransactionPin(ctx, { userId: granted.actor.userId, sessionToken, ...request.body });
      reply.header("cache-control", "private, no-store");
      return ctx.database.platform((trx) => pinStatus(trx, granted.actor.userId, ctx.now()));
    },
  );
}
