import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@koperasi/db/testing";
import { uuidv7, type Position, type Role } from "@koperasi/domain";
import { buildApp } from "../app";
import { loadConfig, type Config } from "../config";
import type { AppContext } from "../context";
import type { ZodApp } from "../http/zod-app";
import { createContext, type ContextOverrides } from "../server";

export interface TestApp {
  app: ZodApp;
  ctx: AppContext;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The real app on a fresh database (PGlite, or PostgreSQL under the pg project), with a throwaway DATA_DIR. */
export async function createTestApp(options: { config?: Partial<Config> } & Omit<ContextOverrides, "database"> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "koperasi-test-"));
  const db = await createTestDatabase();
  const config: Config = { ...loadConfig({ DATA_DIR: dataDir, WEB_DIST: join(dataDir, "no-web") }), logLevel: "silent", ...options.config };
  const { config: _c, ...overrides } = options;
  const ctx = await createContext(config, { ...overrides, database: db.database });
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return {
    app,
    ctx,
    db,
    close: async () => {
      await app.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

/** A login (email verified) through better-auth itself. */
export async function createUser(ctx: AppContext, opts: { name?: string; email?: string; password?: string; phone?: string } = {}) {
  counter += 1;
  const email = opts.email ?? `pengguna${counter}-${Date.now()}@contoh.id`;
  const password = opts.password ?? "kopi-tubruk-pagi-hari";
  const result = await ctx.auth.api.signUpEmail({ body: { name: opts.name ?? `Pengguna ${counter}`, email, password } });
  await ctx.database.db
    .updateTable("user")
    .set({ emailVerified: true, ...(opts.phone ? { phoneNumber: opts.phone, phoneNumberVerified: true } : {}) })
    .where("id", "=", result.user.id)
    .execute();
  return { userId: result.user.id, email, password };
}

/** An approved cooperative, inserted directly (registration has its own tests). */
export async function createKoperasi(ctx: AppContext, createdBy: string, opts: { name?: string; status?: "pending" | "approved" } = {}) {
  const id = uuidv7();
  // Never six digits on their own: tests read one-time codes as the only six-digit number in a message.
  const name = opts.name ?? `Koperasi Uji K${id.slice(-6)}`;
  await ctx.database.db
    .insertInto("koperasi")
    .values({
      id,
      slug: `kop-${id.slice(-12)}`,
      name,
      type: "ksp",
      address: "Jl. Merdeka 1",
      city: "Malang",
      province: "Jawa Timur",
      time_zone: "Asia/Jakarta",
      email: "koperasi@contoh.id",
      phone: "+6281234567890",
      status: opts.status ?? "approved",
      created_by: createdBy,
    })
    .execute();
  return { koperasiId: id, name };
}

export async function addToKoperasi(ctx: AppContext, koperasiId: string, userId: string, roles: Role[], positions: Position[] = []) {
  await ctx.database.tenant({ koperasiId }, (trx) =>
    trx.insertInto("koperasi_user").values({ koperasi_id: koperasiId, id: uuidv7(), user_id: userId, roles, positions }).execute(),
  );
}

/** Signs in through better-auth and returns the Cookie header to send. */
export async function sessionCookie(ctx: AppContext, email: string, password: string): Promise<string> {
  const { headers } = await ctx.auth.api.signInEmail({ body: { email, password }, returnHeaders: true });
  const cookies = headers.getSetCookie().map((c) => c.split(";")[0]);
  if (cookies.length === 0) throw new Error("sign-in returned no cookie");
  return cookies.join("; ");
}

/** A signed-in person with the given roles in a cooperative (a new one unless given). */
export async function signedInAs(ctx: AppContext, roles: Role[], opts: { koperasiId?: string; positions?: Position[] } = {}) {
  const user = await createUser(ctx);
  const koperasiId = opts.koperasiId ?? (await createKoperasi(ctx, user.userId)).koperasiId;
  await addToKoperasi(ctx, koperasiId, user.userId, roles, opts.positions ?? []);
  return { ...user, koperasiId, cookie: await sessionCookie(ctx, user.email, user.password) };
}

/** The Cookie header a browser would send back after this response (cleared cookies left out). */
export function cookiesFrom(res: { headers: Record<string, unknown> }): string {
  const raw = res.headers["set-cookie"];
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === "string" ? [raw] : [];
  return list
    .map((c) => c.split(";")[0] ?? "")
    .filter((c) => !/=$/.test(c))
    .join("; ");
}
