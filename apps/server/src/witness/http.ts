import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors/app-error";
import type { WitnessAnswer } from "./add-checkpoint";

// HTTP for add-checkpoint, shared by the deployment's route and the
// standalone witness. The body is text in the spec's own format, whatever
// Content-Type a client sends (many send none, or text/plain), so the
// route's scope takes every body as raw bytes.

/** A checkpoint with 63 proof lines and a hundred signatures is well under this. */
export const ADD_CHECKPOINT_BODY_LIMIT = 64 * 1024;

/** In an encapsulated scope: every request body arrives as a Buffer, unparsed. */
export function acceptRawBodies(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: ADD_CHECKPOINT_BODY_LIMIT }, (_request, body, done) => done(null, body));
}

/** The request body as bytes (empty when there was none). */
export function rawBody(request: FastifyRequest): Uint8Array {
  return Buffer.isBuffer(request.body) ? request.body : new Uint8Array();
}

/**
 * 200 and the size conflict in the spec's text formats; every other refusal
 * as problem+json (the status is what C2SP clients act on), logged, since a
 * refusal of a validly signed checkpoint may be evidence of a log misbehaving.
 */
export function sendWitnessAnswer(request: FastifyRequest, reply: FastifyReply, answer: WitnessAnswer): FastifyReply {
  if ("body" in answer) return reply.status(answer.status).header("cache-control", "no-store").type(answer.contentType).send(answer.body);
  const level = answer.refusal === "root-conflict" || answer.refusal === "invalid-proof" ? "warn" : "info";
  request.log[level]({ origin: answer.origin, refusal: answer.refusal, reason: answer.reason }, "witness refused a checkpoint");
  throw new AppError(answer.status, answer.problem.code, answer.problem.id, answer.problem.en);
}
