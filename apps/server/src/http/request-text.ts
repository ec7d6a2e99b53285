import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../errors/app-error";

// PostgreSQL stores text as UTF-8 without NUL: a NUL byte in any string that
// reaches a query fails there ("invalid byte sequence for encoding UTF8:
// 0x00"), a 500. A lone UTF-16 surrogate (JSON "\ud800") is not text either
// and would be stored silently replaced. Both are refused here once, before
// validation, for every route's path, query and body, instead of in each schema.

const MAX_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether the string holds a NUL or is not well-formed Unicode. */
export function isInvalidText(value: string): boolean {
  return value.includes("\u0000") || LONE_SURROGATE.test(value);
}

/** The dotted path of the first invalid string (as a value or a key) under `value`; undefined when all text is valid. */
export function findInvalidText(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === "string") return isInvalidText(value) ? path : undefined;
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH || Buffer.isBuffer(value)) return undefined;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = findInvalidText(value[index], `${path}.${index}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    // The key is not repeated back: it is the invalid text itself.
    if (isInvalidText(key)) return path;
    const found = findInvalidText(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

export function invalidText(path: string): AppError {
  return new AppError(400, "invalid_input", "Data yang dikirim tidak sah.", "The request is invalid.", [
    { path, code: "invalid_text", message: "Teks memuat karakter yang tidak diizinkan." },
  ]);
}

function assertValidText(request: FastifyRequest): void {
  const found =
    findInvalidText(request.params, "params") ?? findInvalidText(request.query, "query") ?? findInvalidText(request.body, "body");
  if (found) throw invalidText(found);
}

/** Refuses invalid text in every request's path, query and body with 400 problem+json, before any route sees it. */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    assertValidText(request);
  });
}
