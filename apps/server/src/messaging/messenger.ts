import type { Database } from "@koperasi/db";
import { uuidv7 } from "@koperasi/domain";
import { brandedEmailHtml } from "./branded-email";

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  koperasiId?: string;
}
export interface SmsMessage {
  to: string;
  text: string;
  koperasiId?: string;
}

/** Delivers one message; throws on failure. */
export interface EmailTransport {
  deliver(message: EmailMessage): Promise<void>;
}
export interface SmsGateway {
  deliver(message: SmsMessage): Promise<void>;
}

export interface Messenger {
  sendEmail(message: EmailMessage): Promise<void>;
  sendSms(message: SmsMessage): Promise<void>;
}

/**
 * Every message is first written to outbound_message. With a transport it is
 * delivered and marked sent or failed; without one (the embedded default) it
 * is held there for the operator to read in the app.
 */
export function createMessenger(database: Database, transports: { email?: EmailTransport; sms?: SmsGateway }, publicUrl = ""): Messenger {
  /** An e-mail on a cooperative's behalf wears its name, colour and logo (whitelabel). */
  async function withBranding(m: EmailMessage): Promise<EmailMessage> {
    if (!m.koperasiId || m.html) return m;
    const k = await database.db
      .selectFrom("koperasi")
      .select(["name", "slug", "primary_color", "logo_file_id"])
      .where("id", "=", m.koperasiId)
      .executeTakeFirst();
    if (!k) return m;
    const brand = {
      name: k.name,
      primaryColor: k.primary_color,
      logoUrl: k.logo_file_id ? `${publicUrl}/api/v1/public/koperasi/${k.slug}/logo` : null,
      loginUrl: `${publicUrl}/k/${k.slug}/`,
    };
    return { ...m, html: brandedEmailHtml(brand, m.subject, m.text) };
  }

  async function record(
    channel: "email" | "sms",
    recipient: string,
    subject: string | null,
    body: string,
    html: string | null,
    koperasiId: string | undefined,
    deliver: (() => Promise<void>) | undefined,
  ): Promise<void> {
    const id = uuidv7();
    await database.platform((trx) =>
      trx
        .insertInto("outbound_message")
        .values({ id, channel, recipient, subject, body, html, koperasi_id: koperasiId ?? null, status: deliver ? "queued" : "held", error: null, sent_at: null })
        .execute(),
    );
    if (!deliver) return;
    try {
      await deliver();
      await database.platform((trx) => trx.updateTable("outbound_message").set({ status: "sent", sent_at: new Date() }).where("id", "=", id).execute());
    } catch (error) {
      await database.platform((trx) =>
        trx.updateTable("outbound_message").set({ status: "failed", error: (error as Error).message.slice(0, 500) }).where("id", "=", id).execute(),
      );
      throw error;
    }
  }
  return {
    sendEmail: async (message) => {
      const m = await withBranding(message);
      await record("email", m.to, m.subject, m.text, m.html ?? null, m.koperasiId, transports.email && (() => transports.email!.deliver(m)));
    },
    sendSms: (m) => record("sms", m.to, null, m.text, null, m.koperasiId, transports.sms && (() => transports.sms!.deliver(m))),
  };
}
