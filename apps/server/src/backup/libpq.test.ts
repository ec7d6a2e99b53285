import { describe, expect, it } from "vitest";
import { libpqConnection } from "./libpq";

describe("libpqConnection", () => {
  it("keeps the password off the command line, in PGPASSWORD instead", () => {
    const { dbname, env } = libpqConnection("postgres://cadangan:rahasia%40sekali@db.contoh.id:5432/koperasi?sslmode=require");
    expect(dbname).toBe("postgres://cadangan@db.contoh.id:5432/koperasi?sslmode=require");
    expect(env.PGPASSWORD).toBe("rahasia@sekali");
  });
  it("adds no PGPASSWORD when the URL has none", () => {
    const { dbname, env } = libpqConnection("postgres://postgres@127.0.0.1:5432/koperasi");
    expect(dbname).toBe("postgres://postgres@127.0.0.1:5432/koperasi");
    expect(env.PGPASSWORD).toBe(process.env.PGPASSWORD);
  });
});
