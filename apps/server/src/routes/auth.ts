import {
  DisableTwoFactor,
  EnableTwoFactor,
  ForgotPassword,
  Login,
  LoginResult,
  LoginTwoFactor,
  Ok,
  ResetPassword,
  SessionIdParams,
  SessionInfo,
  SignedInSession,
  SwitchKoperasi,
  TwoFactorSetup,
  VerifyTwoFactor,
} from "@koperasi/contracts";
import {
  activeKoperasiPreference,
  clearActiveKoperasiCookie,
  forwardAuthCookies,
  setActiveKoperasiCookie,
} from "../accounts/auth-bridge";
import { requestPasswordReset, resetPassword } from "../accounts/password-reset";
import { limitPerCookie, limitPerIdentifier } from "../accounts/rate-limits";
import { loadSessionInfo, sessionInfoIn } from "../accounts/session-info";
import { completeTwoFactorSignIn, signInWithPassword, signOut } from "../accounts/sign-in";
import { disableTwoFactor, finishTwoFactorSetup, startTwoFactorSetup } from "../accounts/two-factor";
import type { AppContext } from "../context";
import { z } from "zod";
import { AppError } from "../errors/app-error";
import { asSignedIn, requireUser } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { endSession, listSessions } from "../accounts/sessions";

const tags = ["auth"];

const SessionQuery = z.object({ ifSignedIn: z.literal("1").optional() });

export async function authRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  const secure = ctx.config.secureCookies;

  app.post(
    "/auth/login",
    {
      schema: { tags, summary: "Masuk dengan email (atau nomor HP) dan kata sandi", body: Login, response: { 200: LoginResult } },
      config: { rateLimit: limitPerIdentifier("login", 10, ["email", "phone"]) },
    },
    async (request, reply) => {
      const outcome = await signInWithPassword(ctx, request, request.body).catch((error: unknown) => {
        if (error instanceof AppError && error.code === "invalid_credentials") request.log.info({ event: "sign_in_refused" }, "sign-in refused");
        throw error;
      });
      forwardAuthCookies(reply, outcome.headers);
      if (outcome.kind === "two_factor_required") {
        request.log.info({ event: "sign_in_second_factor_owed" }, "password accepted; second factor owed");
        return { status: "two_factor_required" as const };
      }
      request.log.info({ event: "sign_in", userId: outcome.userId }, "signed in");
      return { status: "ok" as const, session: await loadSessionInfo(ctx, outcome.userId, activeKoperasiPreference(request)) };
    },
  );

  app.post(
    "/auth/login/two-factor",
    {
      schema: { tags, summary: "Langkah kedua masuk: kode TOTP atau kode cadangan", body: LoginTwoFactor, response: { 200: LoginResult } },
      config: { rateLimit: limitPerCookie("login-two-factor", 10, /two_factor/) },
    },
    async (request, reply) => {
      const { userId, headers } = await completeTwoFactorSignIn(ctx, request, request.body);
      forwardAuthCookies(reply, headers);
      request.log.info({ event: "sign_in", userId, secondFactor: request.body.kind }, "signed in with second factor");
      return { status: "ok" as const, session: await loadSessionInfo(ctx, userId, activeKoperasiPreference(request)) };
    },
  );

  app.post("/auth/logout", { schema: { tags, summary: "Keluar", response: { 200: Ok } } }, async (request, reply) => {
    const user = await requireUser(ctx, request);
    forwardAuthCookies(reply, await signOut(ctx, request));
    clearActiveKoperasiCookie(reply, secure);
    request.log.info({ event: "sign_out", userId: user.id }, "signed out");
    return { ok: true as const };
  });

  app.get(
    "/auth/session",
    {
      schema: {
        tags,
        summary: "Sesi yang sedang aktif",
        description: "401 bila belum masuk; dengan `ifSignedIn=1` (pemeriksaan halaman publik) 204 tanpa isi.",
        querystring: SessionQuery,
        response: { 200: SessionInfo, 204: z.null().describe("Belum masuk (hanya dengan ifSignedIn=1)") },
      },
    },
    async (request, reply) => {
      try {
        return await asSignedIn(ctx, request, (trx, user) => sessionInfoIn(trx, user, activeKoperasiPreference(request), ctx.now()));
      } catch (error) {
        // A page open to everyone asks whether someone is signed in: "no" is an answer, not an error.
        if (request.query.ifSignedIn === "1" && error instanceof AppError && error.code === "unauthenticated") return reply.status(204).send(null);
        throw error;
      }
    },
  );

  app.post(
    "/auth/switch",
    { schema: { tags, summary: "Pindah ke koperasi lain", body: SwitchKoperasi, response: { 200: SessionInfo } } },
    async (request, reply) => {
      const info = await asSignedIn(ctx, request, (trx, user) => sessionInfoIn(trx, user, request.body.koperasiId, ctx.now()));
      if (info.activeKoperasiId !== request.body.koperasiId) {
        throw new AppError(403, "not_a_member", "Anda bukan pengguna koperasi ini.", "You do not belong to this cooperative.");
      }
      setActiveKoperasiCookie(reply, request.body.koperasiId, secure);
      return info;
    },
  );

  app.post(
    "/auth/password/forgot",
    {
      schema: { tags, summary: "Minta kode atur ulang kata sandi (selalu 202)", body: ForgotPassword, response: { 202: Ok } },
      config: { rateLimit: limitPerIdentifier("password-forgot", 5, ["identifier"]) },
    },
    async (request, reply) => {
      await requestPasswordReset(ctx, request.log, request.body.identifier);
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    "/auth/password/reset",
    {
      schema: { tags, summary: "Atur ulang kata sandi dengan kode", body: ResetPassword, response: { 200: Ok } },
      config: { rateLimit: limitPerIdentifier("password-reset", 10, ["identifier"]) },
    },
    async (request, reply) => {
      await resetPassword(ctx, request.log, request.body);
      // Every session of that login is gone, including one this browser may hold.
      clearActiveKoperasiCookie(reply, secure);
      return { ok: true as const };
    },
  );

  app.post(
    "/auth/two-factor/enable",
    {
      schema: { tags, summary: "Mulai mengaktifkan verifikasi dua langkah (TOTP)", body: EnableTwoFactor, response: { 200: TwoFactorSetup } },
      config: { rateLimit: limitPerCookie("two-factor-enable", 10, /session_token/) },
    },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const setup = await startTwoFactorSetup(ctx, request, request.body.password);
      forwardAuthCookies(reply, setup.headers);
      request.log.info({ event: "two_factor_setup_started", userId: user.id }, "two-factor setup started");
      return { totpUri: setup.totpUri, backupCodes: setup.backupCodes };
    },
  );

  app.post(
    "/auth/two-factor/verify",
    {
      schema: { tags, summary: "Selesaikan pengaktifan dengan kode dari aplikasi autentikator", body: VerifyTwoFactor, response: { 200: Ok } },
      config: { rateLimit: limitPerCookie("two-factor-verify", 10, /session_token/) },
    },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const { headers, endedSessions } = await finishTwoFactorSetup(ctx, request, user.id, request.body.code);
      forwardAuthCookies(reply, headers);
      request.log.info({ event: "two_factor_enabled", userId: user.id, endedSessions }, "two-factor enabled; other sessions ended");
      return { ok: true as const };
    },
  );

  app.post(
    "/auth/two-factor/disable",
    {
      schema: { tags, summary: "Nonaktifkan verifikasi dua langkah (kata sandi dan kode dari aplikasi atau kode cadangan)", body: DisableTwoFactor, response: { 200: Ok } },
      config: { rateLimit: limitPerCookie("two-factor-disable", 10, /session_token/) },
    },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      forwardAuthCookies(reply, await disableTwoFactor(ctx, request, user.id, request.body));
      request.log.info({ event: "two_factor_disabled", userId: user.id }, "two-factor disabled");
      return { ok: true as const };
    },
  );

  app.get(
    "/auth/sessions",
    { schema: { tags, summary: "Perangkat yang sedang masuk dengan akun saya", response: { 200: z.array(SignedInSession) } } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      reply.header("cache-control", "private, no-store");
      return listSessions(ctx, request, user.id);
    },
  );

  app.delete(
    "/auth/sessions/:id",
    { schema: { tags, summary: "Mengakhiri satu sesi saya (perangkat lain atau yang ini)", params: SessionIdParams, response: { 200: Ok } } },
    async (request, reply) => {
      const user = await requireUser(ctx, request);
      const { current } = await endSession(ctx, request, user.id, request.params.id);
      if (current) clearActiveKoperasiCookie(reply, secure);
      request.log.info({ event: "session_ended", userId: user.id, current }, "session ended by its owner");
      return { ok: true as const };
    },
  );
}
