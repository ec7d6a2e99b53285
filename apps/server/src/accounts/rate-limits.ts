import type { FastifyRequest } from "fastify";
import type { RateLimitOptions } from "@fastify/rate-limit";
import { isValidPhone, normalizePhone } from "@koperasi/domain";
import { AppError } from "../errors/app-error";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

function bodyField(request: FastifyRequest, fields: readonly string[]): string {
  const body = request.body as Record<string, unknown> | null | undefined;
  if (!body || typeof body !== "object") return "";
  for (const field of fields) {
    const value = body[field];
    // Case, spacing and the way a phone number is written must not buy extra attempts.
    if (typeof value === "string" && value.trim() !== "") {
      const text = value.trim().toLowerCase();
      return !text.includes("@") && isValidPhone(text) ? normalizePhone(text) : text.replace(/\s/g, "");
    }
  }
  return "";
}

/**
 * A per-route limit keyed by client IP plus the account the request names
 * (email, phone or identifier in the body). It runs before validation, so
 * malformed attempts count too, and answers 429 problem+json.
 */
export function limitPerIdentifier(name: string, max: number, fields: readonly string[], timeWindow = FIFTEEN_MINUTES): RateLimitOptions {
  return {
    max,
    timeWindow,
    hook: "preValidation",
    keyGenerator: (request) => `${name}|${request.ip}|${bodyField(request, fields)}`,
    errorResponseBuilder: (_request, context) => {
      const minutes = Math.max(1, Math.ceil(context.ttl / 60_000));
      return new AppError(
        429,
        "rate_limited",
        `Terlalu banyak percobaan. Coba lagi dalam ${minutes} menit.`,
        `Too many attempts. Try again in ${minutes} minutes.`,
      );
    },
  };
}

/** A per-route limit keyed by client IP alone. */
export function limitPerIp(name: string, max: number, timeWindow = FIFTEEN_MINUTES): RateLimitOptions {
  return { ...limitPerIdentifier(name, max, [], timeWindow), keyGenerator: (request) => `${name}|${request.ip}` };
}

/**
 * A per-route limit keyed by client IP plus the value of the request's
 * cookies whose names match (the session, or the two-factor challenge), so
 * people behind one carrier-grade NAT address do not share a budget.
 */
export function limitPerCookie(name: string, max: number, cookieName: RegExp, timeWindow = FIFTEEN_MINUTES): RateLimitOptions {
  return {
    ...limitPerIdentifier(name, max, [], timeWindow),
    keyGenerator: (request) => {
      const cookies = Object.entries(request.cookies ?? {})
        .filter(([key]) => cookieName.test(key))
        .map(([, value]) => value ?? "")
        .join("|");
      return `${name}|${request.ip}|${cookies}`;
    },
  };
}
