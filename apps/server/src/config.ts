import { isIP } from "node:net";
import { resolve } from "node:path";
import { parseVerifierKey } from "@koperasi/tlog";

/** A witness elsewhere (c2sp.org/tlog-witness) that each checkpoint is submitted to. */
export interface ExternalWitness {
  /** Submission prefix: checkpoints go to POST <url>/add-checkpoint. */
  url: string;
  /** Its verifier key (vkey); only cosignatures by this key are kept. */
  verifierKey: string;
}

/** Every setting, with a default that serves the embedded mode (`npm start`). */
export interface Config {
  port: number;
  host: string;
  /** Public origin used in links, e-mails and better-auth. */
  publicUrl: string;
  dataDir: string;
  /** postgres://… selects PostgreSQL; unset means embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  /** smtp://user:pass@host:port; unset: e-mails stay in the outbox for the operator. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** HTTP SMS gateway; unset: SMS stay in the outbox. */
  smsGatewayUrl: string | undefined;
  smsGatewayToken: string | undefined;
  /** Registrations approved without operator review (default: embedded mode only). */
  autoApprove: boolean;
  /** Create the demo cooperative on first start (default: embedded mode only). */
  demo: boolean;
  /** Operator login created on first start when set (PostgreSQL deployments). */
  operatorEmail: string | undefined;
  logLevel: string;
  /**
   * "lines": one short line per request and plain messages, for a person
   * at a terminal (development); "json": every field, for log collectors
   * (NODE_ENV=production, or LOG_LEVEL or LOG_FORMAT=json set).
   */
  logFormat: "lines" | "json";
  webDist: string;
  secureCookies: boolean;
  /** LOG_WITNESSES="<url> <vkey>;…": external witnesses every checkpoint is submitted to. */
  logWitnesses: ExternalWitness[];
  /** LOG_COTENANT_WITNESSES: how many other cooperatives here cosign each checkpoint (0–10, default 3). */
  cotenantWitnesses: number;
  /** Pause between checkpoint publishing rounds (LOG_PUBLISH_INTERVAL_MS); 0 turns the publisher off in this process. */
  logPublishIntervalMs: number;
  /**
   * TRUST_PROXY: the reverse proxies whose X-Forwarded-For / -Proto / -Host are
   * believed (addresses, CIDR ranges, or loopback / linklocal / uniquelocal).
   * Empty (the default): the client's address is the connection's, whatever a header says.
   */
  trustProxy: string[];
  /** Pause between the end-of-day scheduler's checks (JOBS_CHECK_INTERVAL_MS); 0 turns it off in this process. */
  jobsCheckIntervalMs: number;
  /** Minutes after a cooperative's local midnight before the day just ended is run (JOBS_RUN_AFTER_MINUTES, 0–720). */
  jobsRunAfterMinutes: number;
  /**
   * BACKUP_DIR: where the server's daily backup goes, a directory or s3://bucket/prefix (docs/operasi/cadangan.md).
   * Embedded default DATA_DIR/backups; on PostgreSQL none unless set; "off" turns it off.
   */
  backupDir: string | undefined;
  /** METRICS_TOKEN: the bearer token a Prometheus scraper sends to /metrics; unset, /metrics answers 404. */
  metricsToken: string | undefined;
  /** Hours an idempotency record is kept for a client's retry (IDEMPOTENCY_RETENTION_HOURS, at least 24, default 72). */
  idempotencyRetentionHours: number;
  /** Pause between cleanup rounds (CLEANUP_INTERVAL_MS, default an hour); 0 turns them off in this process. */
  cleanupIntervalMs: number;
}

type Env = Record<string, string | undefined>;

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === "") return fallback;
  return ["1", "true", "yes", "on"].includes(value.toLowerCase());
}

function nonNegativeInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new Error(`${name} tidak sah: ${value}`);
  return number;
}

/** Up to 12 hours after midnight: later, the day's counter would open before the night's jobs ran. */
function jobsRunAfterMinutes(value: string | undefined): number {
  const minutes = nonNegativeInteger("JOBS_RUN_AFTER_MINUTES", value, 30);
  if (minutes > 720) throw new Error(`JOBS_RUN_AFTER_MINUTES tidak sah: ${value} (0–720)`);
  return minutes;
}

function backupDir(value: string | undefined, databaseUrl: string | undefined, dataDir: string): string | undefined {
  if (value === "off") return undefined;
  if (value) return value.startsWith("s3://") ? value : resolve(value);
  return databaseUrl ? undefined : resolve(dataDir, "backups");
}

/** A retry must find its answer for at least a day: a shorter retention would let a late retry post twice. */
function idempotencyRetentionHours(value: string | undefined): number {
  const hours = nonNegativeInteger("IDEMPOTENCY_RETENTION_HOURS", value, 72);
  if (hours < 24) throw new Error(`IDEMPOTENCY_RETENTION_HOURS tidak sah: ${value} (paling sedikit 24 jam)`);
  return hours;
}

/** A token short enough to guess protects nothing: at least 16 characters. */
function metricsToken(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  if (value.length < 16 || /\s/.test(value)) throw new Error("METRICS_TOKEN tidak sah: paling sedikit 16 karakter tanpa spasi");
  return value;
}

const PROXY_ADDRESS_NAMES = ["loopback", "linklocal", "uniquelocal"];

/** "10.0.0.1, 10.1.0.0/16, loopback" → the list; refuses anything that is not an address, a range or a named range. */
export function parseTrustProxy(value: string | undefined): string[] {
  const entries = (value ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
  for (const entry of entries) {
    const [address = "", bits, ...rest] = entry.split("/");
    const family = isIP(address);
    const maxBits = family === 6 ? 128 : 32;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits);
    if (PROXY_ADDRESS_NAMES.includes(entry)) continue;
    if (family === 0 || !validBits || rest.length > 0) {
      throw new Error(`TRUST_PROXY tidak sah: "${entry}" (tulis alamat IP, rentang CIDR, atau loopback/linklocal/uniquelocal, dipisah koma)`);
    }
  }
  return entries;
}

/** "<url> <vkey>" pairs separated by ";" (or newlines). */
export function parseLogWitnesses(value: string | undefined): ExternalWitness[] {
  return (value ?? "")
    .split(/[;\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== "")
    .map((item) => {
      const [url = "", verifierKey = "", ...rest] = item.split(/\s+/);
      if (!/^https?:\/\/[^\s]+$/.test(url) || verifierKey === "" || rest.length > 0) {
        throw new Error(`LOG_WITNESSES tidak sah: "${item}" (tulis "<url> <vkey>", dipisah ";")`);
      }
      try {
        parseVerifierKey(verifierKey);
      } catch (error) {
        throw new Error(`LOG_WITNESSES: kunci saksi ${verifierKey} tidak sah (${(error as Error).message})`);
      }
      return { url: url.replace(/\/+$/, ""), verifierKey };
    });
}

export function loadConfig(env: Env = process.env): Config {
  const cotenantWitnesses = Number(env.LOG_COTENANT_WITNESSES || 3);
  if (!Number.isInteger(cotenantWitnesses) || cotenantWitnesses < 0 || cotenantWitnesses > 10) {
    throw new Error(`LOG_COTENANT_WITNESSES tidak sah: ${env.LOG_COTENANT_WITNESSES}`);
  }
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT tidak sah: ${env.PORT}`);
  const databaseUrl = env.DATABASE_URL || undefined;
  const embedded = databaseUrl === undefined;
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, "");
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    publicUrl,
    dataDir: resolve(env.DATA_DIR ?? "data"),
    databaseUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? "Koperasi Pintar <no-reply@koperasi-pintar.local>",
    smsGatewayUrl: env.SMS_GATEWAY_URL || undefined,
    smsGatewayToken: env.SMS_GATEWAY_TOKEN || undefined,
    autoApprove: flag(env.KOPERASI_AUTO_APPROVE, embedded),
    demo: flag(env.KOPERASI_DEMO, embedded),
    operatorEmail: env.OPERATOR_EMAIL || undefined,
    logLevel: env.LOG_LEVEL ?? "info",
    logFormat: env.LOG_FORMAT === "json" || env.NODE_ENV === "production" || env.LOG_LEVEL !== undefined ? "json" : "lines",
    webDist: resolve(env.WEB_DIST ?? new URL("../../web/dist", import.meta.url).pathname),
    secureCookies: flag(env.SECURE_COOKIES, publicUrl.startsWith("https://")),
    logWitnesses: parseLogWitnesses(env.LOG_WITNESSES),
    cotenantWitnesses,
    logPublishIntervalMs: nonNegativeInteger("LOG_PUBLISH_INTERVAL_MS", env.LOG_PUBLISH_INTERVAL_MS, 1000),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    jobsCheckIntervalMs: nonNegativeInteger("JOBS_CHECK_INTERVAL_MS", env.JOBS_CHECK_INTERVAL_MS, 60_000),
    jobsRunAfterMinutes: jobsRunAfterMinutes(env.JOBS_RUN_AFTER_MINUTES),
    backupDir: backupDir(env.BACKUP_DIR, databaseUrl, resolve(env.DATA_DIR ?? "data")),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    idempotencyRetentionHours: idempotencyRetentionHours(env.IDEMPOTENCY_RETENTION_HOURS),
    cleanupIntervalMs: nonNegativeInteger("CLEANUP_INTERVAL_MS", env.CLEANUP_INTERVAL_MS, 60 * 60_000),
  };
}
