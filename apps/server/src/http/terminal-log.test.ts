import { Writable } from "node:stream";
import Fastify from "fastify";
import { pino } from "pino";
import { expect, it } from "vitest";
import { OneLinePerRequest } from "./terminal-log";

it("writes one line per request, an invitation token masked, and nothing more for a refusal", async () => {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  const app = Fastify({ loggerInstance: pino(stream), logController: new OneLinePerRequest() });
  app.get("/ok", async () => ({ ok: true }));
  app.get("/refused", async (_request, reply) => reply.code(401).send({ status: 401 }));
  app.get("/api/v1/invitations/:token", async () => ({ ok: true }));
  app.get("/boom", async () => {
    throw new Error("rusak");
  });
  await app.inject({ url: "/ok" });
  await app.inject({ url: "/refused" });
  await app.inject({ url: "/api/v1/invitations/0193a0b2-1c2d-7e3f-8a4b-5c6d7e8f9a0b.AbCdEf123456GhIjKl7890" });
  await app.inject({ url: "/boom" });
  await app.close();
  const messages = lines.map((line) => line.msg.replace(/\d+ ms$/, "N ms"));
  expect(messages).toEqual([
    "GET /ok 200 N ms",
    "GET /refused 401 N ms",
    "GET /api/v1/invitations/[disamarkan] 200 N ms",
    "rusak",
    "GET /boom 500 N ms",
  ]);
});
