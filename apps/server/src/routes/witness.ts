import { z } from "zod";
import type { AppContext } from "../context";
import { notFound } from "../errors/app-error";
import type { ZodApp } from "../http/zod-app";
import { cotenantAddCheckpoint, witnessingKoperasi } from "../witness/cotenant";
import { acceptRawBodies, rawBody, sendWitnessAnswer } from "../witness/http";

const WitnessParams = z.object({ slug: z.string().min(1).max(100) });

/**
 * C2SP tlog-witness on the deployment: the cooperative `slug` cosigns the
 * checkpoints of the other cooperatives' logs here (docs/witness.md). No
 * login: a valid log signature and consistency proof are the only
 * credentials the protocol has.
 */
export async function witnessRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  await app.register(async (scope) => {
    acceptRawBodies(scope);
    (scope as unknown as ZodApp).post(
      "/witness/:slug/add-checkpoint",
      {
        schema: {
          tags: ["log transparansi"],
          summary: "Saksi C2SP tlog-witness: koperasi ini menandatangani bersama checkpoint log koperasi lain",
          description:
            "Isi: `old <ukuran>`, baris bukti konsistensi (base64), baris kosong, lalu checkpoint bertanda tangan. 200: baris cosignature (text/plain); 409 text/x.tlog.size: ukuran terakhir yang ditandatangani saksi; 400/403/404/422: problem+json.",
          params: WitnessParams,
        },
        config: { rateLimit: { max: 600, timeWindow: "1 minute" } },
      },
      async (request, reply) => {
        const witness = await witnessingKoperasi(ctx, request.params.slug);
        if (!witness) throw notFound("Koperasi saksi");
        return sendWitnessAnswer(request, reply, await cotenantAddCheckpoint(ctx, witness, rawBody(request)));
      },
    );
  });
}
