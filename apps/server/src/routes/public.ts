import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { PublicKoperasi } from "@koperasi/contracts";
import type { AppContext } from "../context";
import { ICON_SIZES } from "../branding/icons";
import { webManifest } from "../branding/manifest";
import { toPublic } from "../branding/profile";
import { koperasiBySlug, readIcon, readLogo, type Asset } from "../branding/public-assets";
import type { ZodApp } from "../http/zod-app";

const SlugParams = z.object({ slug: z.string().min(1).max(100) });

/** An SVG opened on its own is a document: no script, no fetch, only its inline styles. */
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset) {
  // Revalidated on every use (cheap with the ETag), so a new logo shows at once.
  reply.header("cache-control", "public, no-cache").header("etag", asset.etag).header("x-content-type-options", "nosniff");
  if (asset.contentType === "image/svg+xml") reply.header("content-security-policy", SVG_CSP);
  if (request.headers["if-none-match"] === asset.etag) return reply.status(304).send();
  return reply.type(asset.contentType).send(asset.bytes);
}

export async function publicRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/public/koperasi/:slug",
    { schema: { tags: ["publik"], summary: "Identitas publik koperasi (halaman masuknya)", params: SlugParams, response: { 200: PublicKoperasi } } },
    async (request) => toPublic(await koperasiBySlug(ctx, request.params.slug)),
  );

  app.get(
    "/public/koperasi/:slug/logo",
    { schema: { tags: ["publik"], summary: "Logo koperasi (PNG atau SVG)", params: SlugParams } },
    async (request, reply) => sendAsset(request, reply, await readLogo(ctx, await koperasiBySlug(ctx, request.params.slug))),
  );

  for (const size of ICON_SIZES) {
    app.get(
      `/public/koperasi/:slug/icon-${size}.png`,
      { schema: { tags: ["publik"], summary: `Ikon aplikasi ${size}×${size}`, params: SlugParams } },
      async (request, reply) => sendAsset(request, reply, await readIcon(ctx, await koperasiBySlug(ctx, request.params.slug), size)),
    );
  }
}

/** The cooperative's own installable app. Registered on the root instance: the manifest lives beside the app, not under /api/v1. */
export async function manifestRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/k/:slug/manifest.webmanifest",
    { schema: { tags: ["publik"], summary: "Web manifest aplikasi koperasi", params: SlugParams } },
    async (request, reply) => {
      const koperasi = await koperasiBySlug(ctx, request.params.slug);
      const manifest = webManifest({ slug: koperasi.slug, name: koperasi.name, primaryColor: koperasi.primary_color });
      return reply.header("cache-control", "public, no-cache").type("application/manifest+json").send(JSON.stringify(manifest));
    },
  );
}
