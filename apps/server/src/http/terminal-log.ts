import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from "fastify";
import { pino } from "pino";
import type { Config } from "../config";
import { redactUrlSecrets, requestLogSerializer } from "../accounts/log-redaction";

/** For a person at a terminal: one short line per answered request (method, path with secrets masked, status, time); a server error adds its stack. */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = `${request.method} ${redactUrlSecrets(request.url)} ${reply.statusCode} ${Math.round(reply.elapsedTime)} ms`;
    if (error) reply.log.error({ err: error }, line);
    else reply.log.info(line);
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    // A refusal (4xx) is the request's own line; only a server error is told apart.
    if (reply.statusCode >= 500) reply.log.error({ err: error }, error.message);
  }
}

/**
 * The server's logger as configuration asks: full JSON lines (production, or
 * LOG_LEVEL set), or for a person at a terminal short plain lines, without
 * Fastify's list of interface addresses (the address to open is printed
 * once, as PUBLIC_URL).
 */
export async function loggerOptions(config: Config, redact: string[]): Promise<Pick<FastifyServerOptions, "logger" | "loggerInstance" | "logController">> {
  const options = { level: config.logLevel, redact, serializers: { req: requestLogSerializer } };
  if (config.logFormat === "json") return { logger: options };
  const { default: pretty } = await import("pino-pretty");
  const stream = pretty({ colorize: Boolean(process.stdout.isTTY), translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,reqId", singleLine: true });
  const loggerInstance = pino(
    {
      ...options,
      hooks: {
        logMethod(args, method) {
          if (typeof args[0] === "string" && args[0].startsWith("Server listening at")) return;
          method.apply(this, args);
        },
      },
    },
    stream,
  );
  return { loggerInstance, logController: new OneLinePerRequest() };
}
