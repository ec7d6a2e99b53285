import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

type Directives = Record<string, string[]>;

function policy(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(" "))
    .join("; ");
}

/**
 * The web app: its own scripts only (no inline or remote script). Mantine
 * writes <style> elements and style attributes at run time, so styles alone
 * may be inline. Images may be data:/blob: URLs (QR codes, photo previews).
 */
export function appPolicy(https: boolean): Directives {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "script-src-attr": ["'none'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    ...(https ? { "upgrade-insecure-requests": [] } : {}),
  };
}

/**
 * Every API answer (JSON, and files: attachments, documents, exports) is
 * data, never a page: nothing in it may run, load or be framed, even when a
 * browser is led to open it directly.
 */
export const API_POLICY = policy({ "default-src": ["'none'"], "frame-ancestors": ["'none'"], sandbox: [] });

/**
 * The API documentation (Swagger UI) runs its own scripts from its own files
 * and sets inline styles; its online validator badge is turned off, so it
 * loads nothing from elsewhere.
 */
export const DOCS_POLICY = policy({
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "script-src-attr": ["'none'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:"],
  "font-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
});

const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Security headers on every response (@fastify/helmet): the content security
 * policy, no framing, no type sniffing, no referrer, and HSTS when the public
 * address is https (over plain http the header would be meaningless, and on
 * a test machine harmful).
 */
export async function installSecurityHeaders(app: FastifyInstance, publicUrl: string): Promise<void> {
  const https = publicUrl.startsWith("https://");
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: appPolicy(https) },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false } : false,
    referrerPolicy: { policy: "no-referrer" },
    xFrameOptions: { action: "deny" },
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
  // Set before the handler runs, so a route serving a file with a policy of its own (an SVG logo) can still replace it.
  app.addHook("onRequest", async (request, reply) => {
    const path = request.url;
    if (path.startsWith("/api/") && !path.startsWith("/api/docs")) reply.header("content-security-policy", API_POLICY);
  });
}
