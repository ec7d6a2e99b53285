import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import fastifyStatic from "@fastify/static";
import type { ZodApp } from "./zod-app";

const ASSET_EXTENSION = /\.(js|mjs|css|map|png|svg|ico|jpg|jpeg|webp|woff2?|json|webmanifest|txt|html)$/i;

/** Built files under assets/ carry a hash of their content in their name: a new build gives them new names. */
const IMMUTABLE = "public, max-age=31536000, immutable";
/** Everything else (index.html, the manifest, the service worker, icons) is checked with the server on each use. */
const REVALIDATE = "no-cache";

/** By the file's place in the build (not by its absolute path, which may pass through any folder named assets). */
export function cacheControlFor(dist: string, filePath: string): string {
  return relative(dist, filePath).startsWith(`assets${sep}`) ? IMMUTABLE : REVALIDATE;
}

/**
 * The built PWA: files precompressed at build (brotli, gzip) sent as the
 * browser accepts them, hashed assets cached for a year, the rest
 * revalidated; every unknown non-API GET answered by index.html (client-side routes).
 */
export async function serveWebApp(app: ZodApp, dist: string): Promise<void> {
  if (!existsSync(join(dist, "index.html"))) return;
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: ["index.html"],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => reply.header("cache-control", cacheControlFor(dist, path)),
  });
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    // Only a missing asset is a 404; a client route may contain a dot (an invitation token).
    if (path.startsWith("/api/") || ASSET_EXTENSION.test(path)) {
      return reply.status(404).type("application/problem+json").send({
        type: "https://koperasi-pintar.id/problems/not_found",
        title: "not found",
        status: 404,
        code: "not_found",
        detail: "Alamat tidak ditemukan.",
      });
    }
    return reply.sendFile("index.html");
  });
}
