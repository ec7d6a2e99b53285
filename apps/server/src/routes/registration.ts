import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  DOCUMENT_MAX_BYTES,
  DocumentKind,
  Ok,
  RegistrationState,
  ResendCode,
  StartRegistration,
  SubmittedRegistration,
  Uuid,
  VerifyRegistration,
} from "@koperasi/contracts";
import type { AppContext } from "../context";
import { withRetryAfter } from "../http/retry-after";
import { readSingleUpload } from "../http/multipart-upload";
import type { ZodApp } from "../http/zod-app";
import { loadRegistration, putDocument, resendCode, startRegistration, stateOf, verifyRegistration } from "../registration/service";
import { submitRegistration } from "../registration/submit";

const Params = z.object({ id: Uuid });
const DocumentParams = z.object({ id: Uuid, kind: DocumentKind });
/** The resume token handed out by POST /registrations. */
const ResumeHeaders = z.object({ "x-resume-token": z.string().max(200).optional() });

const tags = ["Pendaftaran"];

function token(request: FastifyRequest): string | undefined {
  const value = request.headers["x-resume-token"];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export async function registrationRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.post(
    "/registrations",
    {
      schema: { tags, summary: "Daftar Sekarang: mulai pendaftaran koperasi", body: StartRegistration, response: { 201: RegistrationState } },
      // Each start sends an email and an SMS: a per-address cap on top of the per-target code limits.
      config: { rateLimit: { max: 60, timeWindow: "10 minutes" } },
    },
    async (request, reply) => {
      const state = await withRetryAfter(reply, () => startRegistration(ctx, request, request.body));
      return reply.status(201).send(state);
    },
  );

  app.get(
    "/registrations/:id",
    { schema: { tags, summary: "Lanjutkan pendaftaran", params: Params, headers: ResumeHeaders, response: { 200: RegistrationState } } },
    async (request) => stateOf(ctx, await loadRegistration(ctx, request.params.id, token(request))),
  );

  app.post(
    "/registrations/:id/verify",
    {
      schema: { tags, summary: "Verifikasi email atau nomor HP dengan kode", params: Params, headers: ResumeHeaders, body: VerifyRegistration, response: { 200: RegistrationState } },
      config: { rateLimit: { max: 30, timeWindow: "10 minutes" } },
    },
    async (request) => {
      const row = await loadRegistration(ctx, request.params.id, token(request));
      return verifyRegistration(ctx, row, request.body.channel, request.body.code);
    },
  );

  app.post(
    "/registrations/:id/resend",
    { schema: { tags, summary: "Kirim ulang kode", params: Params, headers: ResumeHeaders, body: ResendCode, response: { 202: Ok } } },
    async (request, reply) => {
      const row = await loadRegistration(ctx, request.params.id, token(request));
      await withRetryAfter(reply, () => resendCode(ctx, row, request.body.channel));
      return reply.status(202).send({ ok: true });
    },
  );

  app.put(
    "/registrations/:id/documents/:kind",
    {
      schema: {
        tags,
        summary: `Unggah dokumen (multipart, kolom "file": PDF/JPG/PNG, maks. ${DOCUMENT_MAX_BYTES / (1024 * 1024)} MB)`,
        params: DocumentParams,
        headers: ResumeHeaders,
        response: { 200: RegistrationState },
      },
    },
    async (request) => {
      const row = await loadRegistration(ctx, request.params.id, token(request));
      const upload = await readSingleUpload(request, { maxBytes: DOCUMENT_MAX_BYTES, fallbackName: request.params.kind });
      return putDocument(ctx, row, request.params.kind, upload);
    },
  );

  app.post(
    "/registrations/:id/submit",
    { schema: { tags, summary: "Kirim pendaftaran (membuat koperasi dan memasukkan admin)", params: Params, headers: ResumeHeaders, response: { 201: SubmittedRegistration } } },
    async (request, reply) => {
      const row = await loadRegistration(ctx, request.params.id, token(request));
      const result = await submitRegistration(ctx, request, reply, row);
      return reply.status(201).send(result);
    },
  );
}
