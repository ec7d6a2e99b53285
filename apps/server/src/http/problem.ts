import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { isDomainError } from "@koperasi/domain";
import { AppError, type FieldError } from "../errors/app-error";

function prefersEnglish(request: FastifyRequest): boolean {
  return /^en\b/i.test(request.headers["accept-language"] ?? "");
}

function send(request: FastifyRequest, reply: FastifyReply, status: number, code: string, id: string, en: string, errors?: FieldError[]) {
  const english = prefersEnglish(request);
  return reply
    .status(status)
    .type("application/problem+json")
    .send({
      type: `https://koperasi-pintar.id/problems/${code}`,
      title: code.replace(/_/g, " "),
      status,
      code,
      detail: english ? en : id,
      instance: request.url,
      ...(errors && errors.length > 0 ? { errors: errors.map((e) => fieldErrorIn(e, english)) } : {}),
    });
}

/** A field error as the client sees it: one message, in her language when it is known in both. */
function fieldErrorIn(error: FieldError, english: boolean): { path: string; code: string; message: string } {
  return { path: error.path, code: error.code, message: english && error.messageEn ? error.messageEn : error.message };
}

/** One place turns every failure into RFC 9457 problem+json; a 5xx never leaks its message. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => send(request, reply, 404, "not_found", "Alamat tidak ditemukan.", "Not found."));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return send(request, reply, error.status, error.code, error.messageId, error.messageEn, error.errors);
    if (isDomainError(error)) {
      const status = error.kind === "forbidden" ? 403 : 400;
      return send(request, reply, status, error.code, error.messageId, error.messageEn);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => {
        // The Zod issue's code is the keyword; its other fields (such as `keys`) are the params.
        const keys = v.keyword === "unrecognized_keys" && Array.isArray(v.params.keys) ? (v.params.keys as unknown[]).map(String) : undefined;
        return {
          path: [error.validationContext, ...String(v.instancePath).split("/").filter(Boolean)].join("."),
          code: String(v.keyword),
          message: keys ? `Kolom tidak dikenal: ${keys.join(", ")}.` : (v.message ?? "Tidak sah."),
        };
      });
      return send(request, reply, 400, "invalid_input", "Data yang dikirim tidak sah.", "The request is invalid.", errors);
    }
    if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error instanceof SyntaxError) {
      return send(request, reply, 400, "malformed_json", "Isi permintaan bukan JSON yang sah.", "The request body is not valid JSON.");
    }
    if (error.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
      return send(request, reply, 400, "empty_body", "Isi permintaan kosong.", "The request body is empty.");
    }
    if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
      return send(request, reply, 415, "unsupported_media_type", "Jenis isi permintaan tidak didukung.", "Unsupported content type.");
    }
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE" || error.code === "FST_REQ_FILE_TOO_LARGE") {
      return send(request, reply, 413, "too_large", "Berkas atau isi permintaan terlalu besar.", "The upload is too large.");
    }
    if (error.statusCode === 429) {
      return send(request, reply, 429, "rate_limited", "Terlalu banyak permintaan. Coba lagi sebentar lagi.", "Too many requests.");
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(request, reply, error.statusCode, "bad_request", "Permintaan tidak dapat diproses.", error.message);
    }
    if (isResponseSerializationError(error)) request.log.error({ err: error }, "response does not match its schema");
    else request.log.error({ err: error }, "unhandled error");
    return send(request, reply, 500, "internal", "Terjadi kesalahan di server. Silakan coba lagi.", "Internal server error.");
  });
}
