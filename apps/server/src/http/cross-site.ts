import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors/app-error";

// A page on another site can make the browser send a request here with the
// person's cookies (CSRF). SameSite=Lax stops most, not all (a sibling
// subdomain is "same-site"; old browsers ignore it). So a request that can
// change something and carries our cookies must come from our own pages:
// the browser's Sec-Fetch-Site must not say "cross-site", and its Origin, when
// sent, must be this deployment's. Requests without our cookies (the
// witness's checkpoints, command-line clients) act on nobody's behalf and
// pass; so do reads.

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Our cookies: better-auth's (session, two-factor challenge) and the active cooperative; with or without the __Secure- prefix. */
const OUR_COOKIE = /^(?:__Secure-|__Host-)?kp[._]/;

/**
 * Public endpoints that read no cookie, so a cross-site call acts on nobody's
 * behalf even when the browser attaches ours: a witness elsewhere submits
 * checkpoints to be cosigned (c2sp.org/tlog-witness).
 */
export const COOKIE_LESS_WRITES: ReadonlySet<string> = new Set(["/api/v1/witness/:slug/add-checkpoint"]);

function carriesOurCookies(request: FastifyRequest): boolean {
  return Object.keys(request.cookies ?? {}).some((name) => OUR_COOKIE.test(name));
}

function originOf(url: string): string {
  return new URL(url).origin;
}

/** Whether the request comes from another site than `ownOrigins` by what the browser says of it. */
export function isCrossSite(headers: FastifyRequest["headers"], ownOrigins: readonly string[]): boolean {
  if (headers["sec-fetch-site"] === "cross-site") return true;
  const origin = headers.origin;
  if (origin === undefined) return false;
  return !ownOrigins.includes(origin);
}

export function crossSiteRefused(): AppError {
  return new AppError(
    403,
    "cross_site_request",
    "Permintaan dari situs lain ditolak. Buka aplikasi dari alamatnya sendiri lalu coba lagi.",
    "A request from another site was refused. Open the app at its own address and try again.",
  );
}

/**
 * Refuses (403 problem+json) writes that carry our cookies and come from
 * another site. Our own origin is PUBLIC_URL's, or the address the request
 * itself was sent to (a phone on the same network opening the embedded
 * server by its IP address).
 */
export function installCrossSiteGuard(app: FastifyInstance, publicUrl: string): void {
  const publicOrigin = originOf(publicUrl);
  app.addHook("onRequest", async (request) => {
    if (READ_METHODS.has(request.method) || COOKIE_LESS_WRITES.has(request.routeOptions.url ?? "") || !carriesOurCookies(request)) return;
    const own = [publicOrigin, `${request.protocol}://${request.host}`];
    if (!isCrossSite(request.headers, own)) return;
    request.log.warn(
      { event: "cross_site_write_refused", route: request.routeOptions.url ?? null, fetchSite: request.headers["sec-fetch-site"] ?? null },
      "write with our cookies from another site refused",
    );
    throw crossSiteRefused();
  });
}
