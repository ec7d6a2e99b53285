import { join } from "node:path";
import { openDatabase, type Database } from "@koperasi/db";
import { createAuth } from "./auth/better-auth";
import type { Config } from "./config";
import type { AppContext } from "./context";
import { localFileStorage } from "./files/storage";
import { createMessenger, type EmailTransport, type SmsGateway } from "./messaging/messenger";
import { httpSmsGateway } from "./messaging/sms-http";
import { checkDeploymentKeys } from "./deployment-keys";
import { loadSecrets } from "./secrets";
import { keyringOf } from "./transparency/keys";
import { createLogPublisher } from "./transparency/publisher";

export interface ContextOverrides {
  database?: Database;
  email?: EmailTransport;
  sms?: SmsGateway;
  now?: () => Date;
}

/** Wires configuration to real parts: the database, better-auth, mail and SMS, file storage. */
export async function createContext(config: Config, overrides: ContextOverrides = {}): Promise<AppContext> {
  const secrets = loadSecrets(config.dataDir);
  const database = overrides.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: join(config.dataDir, "pglite") }));
  try {
    await checkDeploymentKeys(database, secrets);
  } catch (error) {
    if (!overrides.database) await database.close();
    throw error;
  }
  const transports = { email: overrides.email ?? (await emailTransportFor(config)), sms: overrides.sms ?? smsGatewayFor(config) };
  const messenger = createMessenger(database, transports, config.publicUrl);
  const now = overrides.now ?? (() => new Date());
  return {
    config,
    secrets,
    database,
    auth: createAuth(config, database, secrets.authSecret, messenger),
    messenger,
    files: localFileStorage(join(config.dataDir, "files")),
    now,
    transparency: createLogPublisher({ database, keyring: keyringOf({ config, secrets }), now, intervalMs: config.logPublishIntervalMs }),
  };
}

async function emailTransportFor(config: Config): Promise<EmailTransport | undefined> {
  if (!config.smtpUrl) return undefined;
  const { smtpTransport } = await import("./messaging/smtp");
  return smtpTransport(config.smtpUrl, config.mailFrom);
}

function smsGatewayFor(config: Config): SmsGateway | undefined {
  if (!config.smsGatewayUrl) return undefined;
  return httpSmsGateway({ url: config.smsGatewayUrl, token: config.smsGatewayToken });
}
