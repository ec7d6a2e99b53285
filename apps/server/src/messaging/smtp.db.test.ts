import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestCode, registrationBody, startRegistration, verify } from "../registration/test-support";
import { createTestApp, type TestApp } from "../testing/harness";
import type { EmailTransport } from "./messenger";
import { smtpTransport } from "./smtp";

// Real SMTP on loopback: smtp-server receives what nodemailer sends. The
// server offers STARTTLS with its self-signed certificate, as a local relay
// often does; the transport must still deliver on loopback.

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const received: Received[] = [];
let smtp: SMTPServer;
let port: number;
let t: TestApp;
/** The transport the app uses; a test swaps in one that cannot connect. */
let transport: EmailTransport;
const FROM = "Koperasi Pintar <no-reply@koperasi-pintar.local>";

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  port = (smtp.server.address() as AddressInfo).port;
  transport = smtpTransport(`smtp://127.0.0.1:${port}`, FROM);
  t = await createTestApp({ email: { deliver: (message) => transport.deliver(message) } });
});

afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** The plain-text body of a received message, decoded from quoted-printable. */
function bodyOf(raw: string): string {
  const body = raw.slice(raw.indexOf("\r\n\r\n") + 4);
  return body.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe("e-mail over SMTP", () => {
  it("delivers the registration code to a real SMTP server, and that code verifies", async () => {
    const started = await startRegistration(t.app, registrationBody());
    const mail = received.find((m) => m.to.includes(started.email));
    expect(mail).toBeDefined();
    expect(mail!.from).toBe("no-reply@koperasi-pintar.local");
    expect(mail!.raw).toMatch(/^Subject: Kode verifikasi pendaftaran/m);
    const code = /\b(\d{6})\b/.exec(bodyOf(mail!.raw))?.[1];
    expect(code).toMatch(/^\d{6}$/);
    // The outbox records it as sent (the SMS, with no gateway, is held).
    const outbox = await t.ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "in", [started.email, started.phone]).execute();
    expect(outbox.find((m) => m.channel === "email")).toMatchObject({ status: "sent", error: null });
    expect(outbox.find((m) => m.channel === "sms")).toMatchObject({ status: "held" });
    expect(await latestCode(t.ctx, started.email)).toBe(code);

    const res = await verify(t.app, started, "email", code!);
    expect(res.statusCode).toBe(200);
    expect(res.json().emailVerified).toBe(true);
  });

  it("records a failed delivery and still lets the person ask again", async () => {
    // A port nothing listens on.
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const p = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(p));
      });
    });
    const working = transport;
    transport = smtpTransport(`smtp://127.0.0.1:${closed}`, FROM);
    try {
      const started = await startRegistration(t.app, registrationBody());
      const failed = await t.ctx.database.db.selectFrom("outbound_message").selectAll().where("recipient", "=", started.email).executeTakeFirstOrThrow();
      expect(failed.status).toBe("failed");
      expect(failed.error).toBeTruthy();
      // A minute later the resend is allowed, fails again, and says so.
      await t.db.superuser.query("UPDATE verification_code SET created_at = created_at - interval '2 minutes' WHERE subject_id = $1", [started.id]);
      const resend = () =>
        t.app.inject({
          method: "POST",
          url: `/api/v1/registrations/${started.id}/resend`,
          headers: { "x-resume-token": started.token },
          payload: { channel: "email" },
        });
      const refused = await resend();
      expect(refused.statusCode).toBe(502);
      expect(refused.json()).toMatchObject({ code: "code_delivery_failed", detail: expect.stringContaining("gagal dikirim") });

      // Once SMTP is back, the next resend delivers a code that verifies.
      transport = working;
      await t.db.superuser.query("UPDATE verification_code SET created_at = created_at - interval '2 minutes' WHERE subject_id = $1", [started.id]);
      expect((await resend()).statusCode).toBe(202);
      const mail = received.filter((m) => m.to.includes(started.email)).at(-1);
      const code = /\b(\d{6})\b/.exec(bodyOf(mail!.raw))![1]!;
      expect((await verify(t.app, started, "email", code)).statusCode).toBe(200);
    } finally {
      transport = working;
    }
  });
});
