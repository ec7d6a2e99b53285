import { describe, expect, it } from "vitest";
import { encodeVerifierKey, generateSignerKey } from "@koperasi/tlog";
import { loadConfig, parseLogWitnesses, parseTrustProxy } from "./config";

describe("LOG_WITNESSES", () => {
  const vkey = encodeVerifierKey(generateSignerKey("saksi.contoh.id", "cosignature/v1"));
  const other = encodeVerifierKey(generateSignerKey("saksi-2.contoh.id", "cosignature/v1"));

  it("reads url and vkey pairs separated by semicolons or newlines, without trailing slashes", () => {
    expect(parseLogWitnesses(undefined)).toEqual([]);
    expect(parseLogWitnesses(` https://saksi.contoh.id/ ${vkey} ;\nhttp://127.0.0.1:3100 ${other}\n`)).toEqual([
      { url: "https://saksi.contoh.id", verifierKey: vkey },
      { url: "http://127.0.0.1:3100", verifierKey: other },
    ]);
    expect(loadConfig({ LOG_WITNESSES: `https://saksi.contoh.id ${vkey}` }).logWitnesses).toHaveLength(1);
  });

  it("refuses what it cannot use, naming the setting", () => {
    expect(() => parseLogWitnesses("https://saksi.contoh.id")).toThrow(/LOG_WITNESSES/);
    expect(() => parseLogWitnesses(`saksi.contoh.id ${vkey}`)).toThrow(/LOG_WITNESSES/);
    expect(() => parseLogWitnesses(`https://saksi.contoh.id ${vkey} lebih`)).toThrow(/LOG_WITNESSES/);
    expect(() => parseLogWitnesses("https://saksi.contoh.id saksi+00000000+AAAA")).toThrow(/kunci saksi/);
  });

  it("co-tenant witnesses default to 3, 0 turns them off, anything else beyond 10 is refused", () => {
    expect(loadConfig({}).cotenantWitnesses).toBe(3);
    expect(loadConfig({ LOG_COTENANT_WITNESSES: "0" }).cotenantWitnesses).toBe(0);
    expect(() => loadConfig({ LOG_COTENANT_WITNESSES: "11" })).toThrow(/LOG_COTENANT_WITNESSES/);
    expect(() => loadConfig({ LOG_COTENANT_WITNESSES: "dua" })).toThrow(/LOG_COTENANT_WITNESSES/);
  });
});

describe("TRUST_PROXY", () => {
  it("trusts no proxy unless told, then the addresses, ranges and named ranges listed", () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(parseTrustProxy(" 10.0.0.1, 10.1.0.0/16 ,loopback, fd00::/8 ")).toEqual(["10.0.0.1", "10.1.0.0/16", "loopback", "fd00::/8"]);
  });

  it("refuses what is not an address or a range, naming the setting", () => {
    expect(() => parseTrustProxy("true")).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/TRUST_PROXY/);
    expect(() => parseTrustProxy("proxy.contoh.id")).toThrow(/TRUST_PROXY/);
  });
});

describe("log format", () => {
  it("is short lines at a terminal, JSON in production or when a log level is asked for", () => {
    expect(loadConfig({}).logFormat).toBe("lines");
    expect(loadConfig({ NODE_ENV: "production" }).logFormat).toBe("json");
    expect(loadConfig({ LOG_LEVEL: "info" }).logFormat).toBe("json");
    expect(loadConfig({ LOG_FORMAT: "json" }).logFormat).toBe("json");
  });
});

describe("BACKUP_DIR", () => {
  it("defaults to DATA_DIR/backups on PGlite, to none on PostgreSQL; off turns it off; an s3:// address is kept as written", () => {
    expect(loadConfig({ DATA_DIR: "/srv/data" }).backupDir).toBe("/srv/data/backups");
    expect(loadConfig({ DATA_DIR: "/srv/data", DATABASE_URL: "postgres://p@db/k" }).backupDir).toBeUndefined();
    expect(loadConfig({ DATA_DIR: "/srv/data", BACKUP_DIR: "off" }).backupDir).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: "postgres://p@db/k", BACKUP_DIR: "s3://cadangan/koperasi" }).backupDir).toBe("s3://cadangan/koperasi");
    expect(loadConfig({ DATABASE_URL: "postgres://p@db/k", BACKUP_DIR: "/mnt/cadangan" }).backupDir).toBe("/mnt/cadangan");
  });
});

describe("monitoring and cleanup settings", () => {
  it("serves no metrics without METRICS_TOKEN and refuses a token short enough to guess", () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: "" }).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: "0123456789abcdef" }).metricsToken).toBe("0123456789abcdef");
    expect(() => loadConfig({ METRICS_TOKEN: "rahasia" })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ METRICS_TOKEN: "0123456789 abcdef" })).toThrow(/METRICS_TOKEN/);
  });

  it("keeps idempotency records 72 hours unless told, and never less than a day", () => {
    expect(loadConfig({}).idempotencyRetentionHours).toBe(72);
    expect(loadConfig({ IDEMPOTENCY_RETENTION_HOURS: "24" }).idempotencyRetentionHours).toBe(24);
    expect(() => loadConfig({ IDEMPOTENCY_RETENTION_HOURS: "23" })).toThrow(/IDEMPOTENCY_RETENTION_HOURS/);
    expect(() => loadConfig({ IDEMPOTENCY_RETENTION_HOURS: "sehari" })).toThrow(/IDEMPOTENCY_RETENTION_HOURS/);
  });

  it("cleans up every hour unless told, 0 turning it off", () => {
    expect(loadConfig({}).cleanupIntervalMs).toBe(3_600_000);
    expect(loadConfig({ CLEANUP_INTERVAL_MS: "0" }).cleanupIntervalMs).toBe(0);
    expect(() => loadConfig({ CLEANUP_INTERVAL_MS: "-1" })).toThrow(/CLEANUP_INTERVAL_MS/);
  });
});
