import nodemailer from "nodemailer";
import type { EmailTransport } from "./messenger";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * Real SMTP delivery through nodemailer (SMTP_URL, e.g.
 * smtp://user:pass@mail.example:587, or smtps:// for implicit TLS). STARTTLS
 * is used whenever the server offers it, except on loopback: a relay on the
 * same machine (or a test server) often offers it with a self-signed
 * certificate, and traffic that never leaves the host gains nothing from it.
 * Options in the URL's query (e.g. ?ignoreTLS=false) override these.
 */
export function smtpTransport(url: string, from: string): EmailTransport {
  const host = new URL(url).hostname;
  const transporter = nodemailer.createTransport({
    url,
    ...(LOOPBACK.has(host) ? { ignoreTLS: true, secure: false } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async deliver(message) {
      await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}) });
    },
  };
}
