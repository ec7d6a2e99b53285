import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { isDomainError } from "@koperasi/domain";
import { AppError, type FieldError } from "../errors/app-error";

function prefersEnglish(request: FastifyRequest): boolean {
  return /^en\b/i.test(request.headers["accept-language"] ?? "");
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  id: string,
  en: string,
  errors?: FieldError[],
  echoPath = true,
  extensions?: Record<string, unknown>,
) {
  const english = prefersEnglish(request);
  return reply
    .status(status)
    .type("application/problem+json")
    .send({
      // RFC 9457 extension members a refusal carries (e.g. a new quote), never overriding the standard ones.
      ...extensions,
      type: `https://koperasi-pintar.id/problems/${code}`,
      title: code.replace(/_/g, " "),
      status,
      code,
      detail: english ? en : id,
      // The path is named only when it routed: a refused URL is never repeated back.
      ...(echoPath ? { instance: request.url.split("?")[0] } : {}),
      ...(errors && errors.length > 0 ? { errors: errors.map((e) => fieldErrorIn(e, english)) } : {}),
    });
}

/** A field error as the client sees it: one message, in her language when it is known in both. */
function fieldErrorIn(error: FieldError, english: boolean): { path: string; code: string; message: string } {
  return { path: error.path, code: error.code, message: english && error.messageEn ? error.messageEn : error.message };
}

interface Refusal {
  code: string;
  id: string;
  en: string;
}

/** Fastify's, its router's and its plugins' own refusals, by status: a stable code and our words, never theirs (they repeat the input). */
const REFUSAL_BY_STATUS: Record<number, Refusal> = {
  400: { code: "bad_request", id: "Permintaan tidak dapat diproses.", en: "The request cannot be processed." },
  404: { code: "not_found", id: "Alamat tidak ditemukan.", en: "Not found." },
  405: { code: "method_not_allowed", id: "Metode permintaan tidak didukung di alamat ini.", en: "Method not allowed." },
  406: { code: "not_acceptable", id: "Format jawaban yang diminta tidak tersedia.", en: "Not acceptable." },
  408: { code: "request_timeout", id: "Permintaan terlalu lama. Silakan coba lagi.", en: "Request timeout." },
  411: { code: "length_required", id: "Panjang isi permintaan harus disebutkan.", en: "Length required." },
  413: { code: "too_large", id: "Berkas atau isi permintaan terlalu besar.", en: "The upload is too large." },
  414: { code: "uri_too_long", id: "Alamat permintaan terlalu panjang.", en: "The request address is too long." },
  415: { code: "unsupported_media_type", id: "Jenis isi permintaan tidak didukung.", en: "Unsupported content type." },
  429: { code: "rate_limited", id: "Terlalu banyak permintaan. Coba lagi sebentar lagi.", en: "Too many requests." },
  431: { code: "headers_too_large", id: "Kepala permintaan terlalu besar.", en: "Request headers too large." },
};

/** Refusals with their own code beyond their status. */
const REFUSAL_BY_FASTIFY_CODE: Record<string, { status: number } & Refusal> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: "malformed_json", id: "Isi permintaan bukan JSON yang sah.", en: "The request body is not valid JSON." },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "empty_body", id: "Isi permintaan kosong.", en: "The request body is empty." },
  FST_ERR_BAD_URL: { status: 400, code: "bad_url", id: "Alamat permintaan tidak sah.", en: "The request address is not valid." },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: "uri_too_long", id: "Alamat permintaan terlalu panjang.", en: "The request address is too long." },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: "too_large", id: "Berkas atau isi permintaan terlalu besar.", en: "The upload is too large." },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: "multipart_required", id: "Kirim berkas sebagai multipart/form-data.", en: "Send the file as multipart/form-data." },
};

/** Status, code and words for an error Fastify or a plugin raised; undefined when it is not a client error. */
export function frameworkRefusal(error: Pick<FastifyError, "code" | "statusCode">): ({ status: number } & Refusal) | undefined {
  const byCode = error.code ? REFUSAL_BY_FASTIFY_CODE[error.code] : undefined;
  if (byCode) return byCode;
  const status = error.statusCode;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  return { status, ...(REFUSAL_BY_STATUS[status] ?? REFUSAL_BY_STATUS[400]!) };
}

/**
 * Fastify's `frameworkErrors`: a URL its router cannot decode (400) or a path
 * parameter past the length limit (414) gets problem+json like every other refusal.
 */
export function sendFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const refusal = frameworkRefusal(error) ?? { status: 400, ...REFUSAL_BY_STATUS[400]! };
  void send(request, reply, refusal.status, refusal.code, refusal.id, refusal.en, undefined, false);
}

/** One place turns every failure into RFC 9457 problem+json; a 5xx never leaks its message. */
export function installProblemHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => send(request, reply, 404, "not_found", "Alamat tidak ditemukan.", "Not found.", undefined, false));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      // A refusal that knows when to try again says so to clients too.
      const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (error.status === 429 && typeof retryAfter === "number") reply.header("retry-after", String(Math.ceil(retryAfter)));
      // A path refused for its text is not repeated back.
      const echoPath = !error.errors?.some((e) => e.code === "invalid_text");
      return send(request, reply, error.status, error.code, error.messageId, error.messageEn, error.errors, echoPath, error.extensions);
    }
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
    // Two requests that each checked a value was free and then both stored it:
    // the database kept one and refused the other. Whatever it was, nothing of
    // the second was stored, and trying again finds the first.
    if ((error as { code?: unknown }).code === "23505") {
      request.log.warn({ constraint: (error as { constraint?: unknown }).constraint }, "unique violation answered 409");
      return send(request, reply, 409, "conflict", "Data yang sama baru saja disimpan oleh permintaan lain. Muat ulang, lalu coba lagi.", "The same data was just stored by another request. Reload, then try again.");
    }
    const refusal = frameworkRefusal(error) ?? (error instanceof SyntaxError ? REFUSAL_BY_FASTIFY_CODE.FST_ERR_CTP_INVALID_JSON_BODY : undefined);
    if (refusal) return send(request, reply, refusal.status, refusal.code, refusal.id, refusal.en, undefined, false);
    if (isResponseSerializationError(error)) request.log.error({ err: error }, "response does not match its schema");
    else request.log.error({ err: error }, "unhandled error");
    return send(request, reply, 500, "internal", "Terjadi kesalahan di server. Silakan coba lagi.", "Internal server error.");
  });
}
