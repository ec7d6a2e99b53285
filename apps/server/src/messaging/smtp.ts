import nodemailer from "nodemailer";
import type { EmailTransport } from "./messenger";

/** Real SMTP delivery through nodemailer (SMTP_URL, e.g. smtp://user:pass@mail.example:587). */
export function smtpTransport(url: string, from: string): EmailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async deliver(message) {
      await transporter.sendMail({ from, to: message.to, subject: message.subject, text: message.text, ...(message.html ? { html: message.html } : {}) });
    },
  };
}
