import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { ledgerKoperasi, memberWithAccount } from "../ledger/test-support";
import { createLogPublisher } from "../transparency/publisher";

// /metrics as a Prometheus scraper sees it: only with the bearer token, and
// with the deployment's figures as totals, not a series per cooperative.

const TOKEN = "uji-metrik-0123456789abcdef";
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { metricsToken: TOKEN } });
});
afterAll(async () => {
  await t?.close();
});

const scrape = () => t.app.inject({ url: "/metrics", headers: { authorization: `Bearer ${TOKEN}` } });

/** The value of one series, e.g. `koperasi_log_leaves_waiting` or `koperasi_http_requests_total{method="GET",route="/x",status="200"}`. */
function valueOf(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  if (line === undefined) return undefined;
  const value = line.slice(series.length + 1);
  return value === "+Inf" ? Number.POSITIVE_INFINITY : Number(value);
}

const statementsIn = (text: string) => valueOf(text, "koperasi_db_statements_total");

describe("/metrics", () => {
  it("does not exist without METRICS_TOKEN", async () => {
    const without = await createTestApp();
    try {
      const response = await without.app.inject({ url: "/metrics" });
      expect(response.statusCode).toBe(404);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
    } finally {
      await without.close();
    }
  });

  it("answers 401 problem+json without the token, with another token, or with it outside a bearer header", async () => {
    for (const headers of [{}, { authorization: "Bearer uji-metrik-0123456789abcdeX" }, { authorization: `Basic ${TOKEN}` }, { authorization: `Bearer ${TOKEN}x` }]) {
      const response = await t.app.inject({ url: "/metrics", headers, remoteAddress: "127.0.0.1" });
      expect(response.statusCode).toBe(401);
      expect(response.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(response.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(response.json()).toMatchObject({ status: 401, code: "metrics_unauthorized" });
      expect(response.body).not.toContain("koperasi_");
    }
  });

  it("serves the token holder wherever she scrapes from, and counts the statements a request sends", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const before = statementsIn((await scrape()).body)!;
    await t.app.inject({ url: "/api/v1/auth/session", headers: { cookie: admin.cookie } });
    const after = await t.app.inject({ url: "/metrics", headers: { authorization: `bearer ${TOKEN}` }, remoteAddress: "203.0.113.7" });
    expect(after.statusCode).toBe(200);
    expect(after.headers["content-type"]).toMatch(/^text\/plain/);
    expect(statementsIn(after.body)! - before).toBe(4);
    expect(after.body).toMatch(/^process_cpu_seconds_total /m);
    expect(after.body).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it("counts requests by route pattern and status and times them, never by the URL", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    const url = `/api/v1/koperasi/${admin.koperasiId}/members`;
    const route = "/api/v1/koperasi/:koperasiId/members";
    const series = `koperasi_http_requests_total{method="GET",route="${route}",status="200"}`;
    const before = valueOf((await scrape()).body, series) ?? 0;
    expect((await t.app.inject({ url, headers: { cookie: admin.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url, headers: { cookie: admin.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/tidak-ada/${admin.koperasiId}` })).statusCode).toBe(404);
    const text = (await scrape()).body;
    expect(valueOf(text, series)).toBe(before + 2);
    expect(valueOf(text, `koperasi_http_requests_total{method="GET",route="unmatched",status="404"}`)).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, `koperasi_http_request_duration_seconds_count{method="GET",route="${route}"}`)).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`koperasi_http_request_duration_seconds_bucket{le="0.1",method="GET",route="${route}"}`);
    expect(text).not.toContain(admin.koperasiId);
  });

  it("counts a refused sign-in", async () => {
    const before = valueOf((await scrape()).body, 'koperasi_sign_in_failures_total{reason="invalid_credentials"}') ?? 0;
    const refused = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email: "tidak-ada@contoh.id", password: "salah-sekali-123" } });
    expect(refused.statusCode, refused.body).toBe(401);
    expect(valueOf((await scrape()).body, 'koperasi_sign_in_failures_total{reason="invalid_credentials"}')).toBe(before + 1);
  });

  it("tells postings, the receipts waiting for a checkpoint, how long they wait and how many cooperatives are stale", async () => {
    await t.ctx.transparency.publishNow();
    const first = await scrape();
    expect(valueOf(first.body, "koperasi_log_leaves_waiting")).toBe(0);
    expect(valueOf(first.body, "koperasi_log_oldest_checkpoint_age_seconds")).toBe(0);
    const postingsBefore = valueOf(first.body, "koperasi_postings_total")!;

    const one = await ledgerKoperasi(t);
    const two = await ledgerKoperasi(t);
    await memberWithAccount(t, one, { balance: 100_000 });
    await memberWithAccount(t, one, { balance: 200_000 });
    await memberWithAccount(t, two, { balance: 300_000 });
    // Leaves are stamped by the database's clock: the first cooperative's are made to have waited 460 s, the other's 60 s.
    await t.db.superuser.query(`ALTER TABLE log_leaf DISABLE TRIGGER log_leaf_guard`);
    await t.db.superuser.query(`UPDATE log_leaf SET created_at = now() - interval '460 seconds' WHERE koperasi_id = $1`, [one.koperasiId]);
    await t.db.superuser.query(`UPDATE log_leaf SET created_at = now() - interval '60 seconds' WHERE koperasi_id = $1`, [two.koperasiId]);
    await t.db.superuser.query(`ALTER TABLE log_leaf ENABLE TRIGGER log_leaf_guard`);

    const waiting = (await scrape()).body;
    expect(valueOf(waiting, "koperasi_postings_total")).toBe(postingsBefore + 3);
    expect(valueOf(waiting, "koperasi_log_leaves_waiting")).toBe(3);
    expect(valueOf(waiting, "koperasi_log_cooperatives_waiting")).toBe(2);
    // One has waited 460 s (stale after 300 s), the other 60 s.
    expect(valueOf(waiting, "koperasi_log_stale_cooperatives")).toBe(1);
    expect(valueOf(waiting, "koperasi_log_oldest_checkpoint_age_seconds")).toBeGreaterThanOrEqual(460);
    expect(valueOf(waiting, "koperasi_log_oldest_checkpoint_age_seconds")).toBeLessThan(470);
    expect(waiting).not.toContain(one.koperasiId);

    await t.ctx.transparency.publishNow();
    const published = (await scrape()).body;
    expect(valueOf(published, "koperasi_log_leaves_waiting")).toBe(0);
    expect(valueOf(published, "koperasi_log_stale_cooperatives")).toBe(0);
  });

  it("tells how many cooperatives' checkpoints cannot be made, without naming them", async () => {
    const k = await ledgerKoperasi(t);
    await memberWithAccount(t, k, { balance: 10_000 });
    const own = t.ctx.transparency;
    // Its log key made and sealed by this deployment, then one more posting waiting.
    await own.publishNow();
    await memberWithAccount(t, k, { balance: 20_000 });
    // A publisher holding another deployment's seal secret: the cooperative's log key does not open.
    const wrong = createLogPublisher({ database: t.ctx.database, keyring: { publicUrl: t.ctx.config.publicUrl, sealSecret: "rahasia-deployment-lain" }, now: () => new Date(), intervalMs: 0 });
    wrong.start({ error: () => {}, info: () => {} });
    t.ctx.transparency = wrong;
    try {
      expect(valueOf((await scrape()).body, "koperasi_log_failing_cooperatives")).toBe(0);
      await wrong.publishNow();
      const text = (await scrape()).body;
      expect(valueOf(text, "koperasi_log_failing_cooperatives")).toBe(1);
      expect(text).not.toContain(k.koperasiId);
    } finally {
      t.ctx.transparency = own;
      await own.publishNow();
    }
  });

  it("tells failing job-dates per job, the latest verification and that no backup is recorded", async () => {
    const admin = await signedInAs(t.ctx, ["admin"]);
    await t.db.superuser.query(
      `INSERT INTO job_run (koperasi_id, job, business_date, status, started_at, finished_at, error)
       VALUES ($1, 'wajib_billing', '2026-03-30', 'failed', now(), now(), 'gagal'), ($1, 'wajib_billing', '2026-03-31', 'failed', now(), now(), 'gagal'),
              ($1, 'dormant_marking', '2026-03-30', 'succeeded', now(), now(), NULL)`,
      [admin.koperasiId],
    );
    await t.db.superuser.query(`INSERT INTO verify_run (started_at, finished_at, cooperatives, failed) VALUES ('2026-03-31T01:00:00Z', '2026-03-31T01:05:00Z', 40, 2)`);
    const text = (await scrape()).body;
    expect(valueOf(text, 'koperasi_jobs_failing{job="wajib_billing"}')).toBe(2);
    expect(valueOf(text, 'koperasi_jobs_failing{job="dormant_marking"}')).toBeUndefined();
    expect(valueOf(text, "koperasi_verify_failed_cooperatives")).toBe(2);
    expect(valueOf(text, "koperasi_verify_last_run_timestamp_seconds")).toBe(Date.parse("2026-03-31T01:05:00Z") / 1000);
    expect(valueOf(text, "koperasi_backup_age_seconds")).toBe(Number.POSITIVE_INFINITY);
    expect(valueOf(text, "koperasi_backup_last_failed")).toBe(0);
    // A good backup, then a failed attempt: the age counts from the good one, and the failure shows at once.
    await t.db.superuser.query(
      `INSERT INTO backup_run (id, started_at, finished_at, status, database_kind, location, file_name, size_bytes, sha256, error)
       VALUES (gen_random_uuid(), now() - interval '2 hours', now() - interval '2 hours', 'succeeded', 'pglite', '/cadangan', 'a.kpb', 10, repeat('a', 64), NULL),
              (gen_random_uuid(), now() - interval '1 hour', now() - interval '1 hour', 'failed', 'pglite', '/cadangan', NULL, NULL, NULL, 'disk penuh')`,
    );
    const after = (await scrape()).body;
    expect(valueOf(after, "koperasi_backup_last_failed")).toBe(1);
    expect(valueOf(after, "koperasi_backup_age_seconds")).toBeGreaterThan(7000);
  });

  it("tells the database pool's use", async () => {
    const text = (await scrape()).body;
    const max = valueOf(text, 'koperasi_db_pool_connections{state="max"}')!;
    expect(max).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, 'koperasi_db_pool_connections{state="busy"}')! + valueOf(text, 'koperasi_db_pool_connections{state="idle"}')!).toBeLessThanOrEqual(max);
    expect(valueOf(text, "koperasi_db_pool_waiting")).toBe(0);
  });
});
