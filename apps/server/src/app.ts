import Fastify, { type FastifyServerOptions } from "fastify";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "./context";
import { settleDeferred } from "./accounts/deferred-work";
import { createLimitCounter, rateLimitStore } from "./accounts/limit-counter";
import { installCrossSiteGuard } from "./http/cross-site";
import { installProblemHandlers, sendFrameworkError } from "./http/problem";
import { installTextGuard } from "./http/request-text";
import { DOCS_POLICY, installSecurityHeaders } from "./http/security-headers";
import { installTenantPipeline } from "./http/tenant-pipeline";
import { loggerOptions } from "./http/terminal-log";
import { serveWebApp } from "./http/web-app";
import type { ZodApp } from "./http/zod-app";
import { auditRoutes } from "./routes/audit-log";
import { authRoutes } from "./routes/auth";
import { healthRoutes } from "./routes/health";
import { homeRoutes } from "./routes/home";
import { metricsRoutes } from "./routes/metrics";
import { invitationRoutes } from "./routes/invitations";
import { ledgerRoutes } from "./routes/ledger";
import { ledgerBookRoutes } from "./routes/ledger-books";
import { memberRoutes } from "./routes/members";
import { memberCardRoutes } from "./routes/member-card";
import { memberContactRoutes } from "./routes/member-contact";
import { memberImportRoutes } from "./routes/member-import";
import { openingBalanceRoutes } from "./routes/opening-balance";
import { membershipRoutes } from "./routes/membership";
import { personalDataRoutes } from "./routes/personal-data";
import { privacyRoutes } from "./privacy/routes";
import { moduleRoutes } from "./routes/modules";
import { platformRoutes } from "./routes/platform";
import { profileRoutes } from "./routes/profile";
import { manifestRoutes, publicRoutes } from "./routes/public";
import { registrationRoutes } from "./routes/registration";
import { structureRoutes } from "./routes/structure";
import { userRoutes } from "./routes/users";
import { witnessRoutes } from "./routes/witness";
import { installWitnessing } from "./witness/witnessing";
import { transparencyRoutes } from "./transparency/routes";
import { loanRoutes } from "./loans/routes";
import { savingsRoutes } from "./savings/routes";
import { savingsWithholdingRoutes } from "./routes/savings-withholding";
import { reportRoutes } from "./reports/routes";
import { transactionPinRoutes } from "./transaction-pin/routes";
import { commissionRoutes } from "./commission/routes";
import { DOCUMENT_MAX_BYTES } from "@koperasi/contracts";
import { backupRoutes } from "./routes/backups";
import { shuRoutes } from "./shu/routes";

/** Log redaction: no code, password, token or cookie ever reaches a log line. */
export const LOG_REDACT = [
  "req.headers.cookie",
  "req.headers.authorization",
  "req.headers['x-resume-token']",
  'res.headers["set-cookie"]',
  // @fastify/multipart logs the request headers at trace level.
  "busboyOptions.headers.cookie",
  "busboyOptions.headers.authorization",
  "busboyOptions.headers['x-resume-token']",
  "*.password",
  "*.code",
  "*.token",
  "*.newPassword",
  // Personal data and other secrets, should a body or a record ever be logged whole.
  "*.nik",
  "*.phone",
  "*.phoneNumber",
  "*.pin",
  "*.secret",
  "*.backupCodes",
  "*.resumeToken",
  "*.motherMaidenName",
  // The same keys at the top of a logged object ("*." matches one level down only).
  "password",
  "code",
  "token",
  "newPassword",
  "nik",
  "phone",
  "phoneNumber",
  "pin",
  "secret",
  "backupCodes",
  "resumeToken",
  "motherMaidenName",
];

export async function buildApp(ctx: AppContext, options: FastifyServerOptions = {}): Promise<ZodApp> {
  // Request URLs are logged with invitation tokens masked (they are secrets in the path).
  const logging = options.logger !== undefined || options.loggerInstance !== undefined ? {} : await loggerOptions(ctx.config, LOG_REDACT);
  const app = Fastify({
    ...logging,
    ...requestSafetyOptions(ctx),
    bodyLimit: 1024 * 1024,
    ...options,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  // Witnesses cosign each published checkpoint; their submissions finish
  // after the publisher's last round and before the database closes.
  const witnessing = installWitnessing(ctx, app.log);
  app.addHook("onClose", async () => {
    await ctx.transparency.stop();
    await witnessing.stop();
    await settleDeferred(ctx);
  });

  // Answers of 1 KiB or more leave compressed (brotli, else gzip) when the client accepts it; built files come precompressed.
  await app.register(compress, { global: true, encodings: ["br", "gzip"], threshold: 1024 });
  await app.register(cookie);
  await installRequestGuards(app, ctx);
  await app.register(multipart, { limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1, fields: 5 }, throwFileSizeLimit: true });
  await app.register(rateLimit, { global: false, store: sharedRateLimitStore(ctx) });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Koperasi Pintar API", version: "1", description: "API platform koperasi. Galat: RFC 9457 problem+json." },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", uiConfig: { validatorUrl: null }, staticCSP: DOCS_POLICY });
  app.get("/api/docs/openapi.json", { schema: { hide: true } }, () => app.swagger());

  await healthRoutes(app, ctx);
  await metricsRoutes(app, ctx);
  await manifestRoutes(app, ctx);
  await app.register(
    async (api) => {
      const routes = api as unknown as ZodApp;
      // Every route under /koperasi/:koperasiId registered below passes the declared gate.
      installTenantPipeline(routes, ctx);
      await publicRoutes(routes, ctx);
      await registrationRoutes(routes, ctx);
      await authRoutes(routes, ctx);
      await invitationRoutes(routes, ctx);
      await profileRoutes(routes, ctx);
      await moduleRoutes(routes);
      await memberRoutes(routes, ctx);
      await memberCardRoutes(routes, ctx);
      await memberContactRoutes(routes, ctx);
      await memberImportRoutes(routes, ctx);
      await openingBalanceRoutes(routes);
      await membershipRoutes(routes, ctx);
      await personalDataRoutes(routes, ctx);
      await privacyRoutes(routes, ctx);
      await structureRoutes(routes, ctx);
      await userRoutes(routes, ctx);
      await auditRoutes(routes);
      await ledgerRoutes(routes);
      await ledgerBookRoutes(routes, ctx);
      await platformRoutes(routes, ctx);
      await witnessRoutes(routes, ctx);
      await transparencyRoutes(routes, ctx);
      await loanRoutes(routes, ctx);
      await savingsRoutes(routes, ctx);
      await homeRoutes(routes);
      await savingsWithholdingRoutes(routes, ctx);
      await reportRoutes(routes, ctx);
      await transactionPinRoutes(routes, ctx);
      await commissionRoutes(routes, ctx);
      await backupRoutes(routes, ctx);
      await shuRoutes(routes, ctx);
    },
    { prefix: "/api/v1" },
  );

  await serveWebApp(app, ctx.config.webDist);
  return app;
}

/**
 * The client's address is the connection's unless it came through a proxy
 * named in TRUST_PROXY, so a forged X-Forwarded-For moves no rate limit and
 * no audit record; URLs the router refuses answer problem+json.
 */
function requestSafetyOptions(ctx: AppContext): Pick<FastifyServerOptions, "trustProxy" | "frameworkErrors"> {
  return { trustProxy: ctx.config.trustProxy.length > 0 ? ctx.config.trustProxy : false, frameworkErrors: sendFrameworkError };
}

/** Rate limits counted in the database: one budget per key across every server process. */
function sharedRateLimitStore(ctx: AppContext) {
  return rateLimitStore(createLimitCounter(ctx.database, ctx.secrets.tokenPepper, () => ctx.now()));
}

/** Security headers, writes from other sites refused, invalid text refused: for every route, registered before any. */
async function installRequestGuards(app: ZodApp, ctx: AppContext): Promise<void> {
  await installSecurityHeaders(app, ctx.config.publicUrl);
  installCrossSiteGuard(app, ctx.config.publicUrl);
  installTextGuard(app);
}
