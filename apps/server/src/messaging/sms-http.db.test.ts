import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registrationBody, startRegistration, verify } from "../registration/test-support";
import { createTestApp, type TestApp } from "../testing/harness";
import { httpSmsGateway } from "./sms-http";

// A fake SMS provider on loopback (node:http). The app is configured the way
// a deployment is — SMS_GATEWAY_URL and SMS_GATEWAY_TOKEN in the config — so
// server.ts wires the HTTP adapter itself.

interface ProviderRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: { to?: string; message?: string };
}

const requests: ProviderRequest[] = [];
/** How the provider answers the next request. */
let answer: (res: ServerResponse) => void = (res) => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"queued"}');
let provider: Server;
let baseUrl: string;
let t: TestApp;
const TOKEN = "rahasia-gateway-123";

beforeAll(async () => {
  provider = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") });
      answer(res);
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", () => resolve()));
  baseUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  t = await createTestApp({ config: { smsGatewayUrl: `${baseUrl}/v1/sms`, smsGatewayToken: TOKEN } });
});

afterAll(async () => {
  await t?.close();
  provider.closeAllConnections();
  await new Promise<void>((resolve) => provider.close(() => resolve()));
});

describe("the HTTP SMS adapter", () => {
  it("posts {to, message} as JSON with the bearer token", async () => {
    requests.length = 0;
    await httpSmsGateway({ url: `${baseUrl}/kirim`, token: TOKEN }).deliver({ to: "+6281234567890", text: "Halo" });
    expect(requests).toEqual([
      expect.objectContaining({
        method: "POST",
        path: "/kirim",
        headers: expect.objectContaining({ authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }),
        body: { to: "+6281234567890", message: "Halo" },
      }),
    ]);
  });

  it("fails on a non-2xx answer without repeating the number or the text", async () => {
    answer = (res) => res.writeHead(503).end("+6281234567890 Kode 123456 gagal");
    try {
      const error = await httpSmsGateway({ url: baseUrl, token: TOKEN })
        .deliver({ to: "+6281234567890", text: "Kode 123456" })
        .then(() => undefined, (e: Error) => e);
      expect(error?.message).toBe("SMS gateway answered HTTP 503");
    } finally {
      answer = (res) => res.writeHead(200).end("{}");
    }
  });

  it("gives up when the provider does not answer in time", async () => {
    answer = () => undefined; // never answers
    try {
      const started = Date.now();
      const error = await httpSmsGateway({ url: baseUrl, timeoutMs: 300 })
        .deliver({ to: "+6281234567890", text: "x" })
        .then(() => undefined, (e: Error) => e);
      expect(error?.message).toBe("SMS gateway did not answer within 300 ms");
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      answer = (res) => res.writeHead(200).end("{}");
    }
  });

  it("refuses a gateway URL that is not http(s)", () => {
    expect(() => httpSmsGateway({ url: "ftp://sms.example" })).toThrow(/http/);
  });
});

describe("registration with the SMS gateway configured", () => {
  it("sends the phone code through the provider; that code verifies; e-mail without SMTP is held", async () => {
    requests.length = 0;
    const started = await startRegistration(t.app, registrationBody());
    const sms = requests.find((r) => r.body.to === started.phone);
    expect(sms).toMatchObject({ path: "/v1/sms", headers: expect.objectContaining({ authorization: `Bearer ${TOKEN}` }) });
    const code = /\b(\d{6})\b/.exec(sms!.body.message ?? "")?.[1];
    expect(code).toMatch(/^\d{6}$/);

    const outbox = await t.ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "in", [started.email, started.phone]).execute();
    expect(outbox.find((m) => m.channel === "sms")).toMatchObject({ status: "sent", error: null });
    expect(outbox.find((m) => m.channel === "email")).toMatchObject({ status: "held", sent_at: null });

    const res = await verify(t.app, started, "phone", code!);
    expect(res.statusCode).toBe(200);
    expect(res.json().phoneVerified).toBe(true);
  });

  it("marks the SMS failed in the outbox when the provider refuses it", async () => {
    answer = (res) => res.writeHead(401).end();
    try {
      const started = await startRegistration(t.app, registrationBody());
      const sms = await t.ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "=", started.phone).executeTakeFirstOrThrow();
      expect(sms).toMatchObject({ status: "failed", error: "SMS gateway answered HTTP 401" });
    } finally {
      answer = (res) => res.writeHead(200).end("{}");
    }
  });
});
