import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoanSimulation } from "@koperasi/contracts";
import { createTestApp, type TestApp } from "../testing/harness";

// POST /api/v1/loan-simulations: public, no login. The worked examples of
// DOMAIN.md ("Pinjaman") through HTTP, and every kind of bad input refused
// on its field in Indonesian — never a 500.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const EXAMPLE = { principal: 10_000_000, tenorMonths: 12, monthlyRatePercent: "1.5" };

async function simulate(payload: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: "POST", url: "/api/v1/loan-simulations", payload: payload as object, headers });
}

async function simulated(payload: unknown): Promise<LoanSimulation> {
  const res = await simulate(payload);
  expect(res.statusCode, res.body).toBe(200);
  return LoanSimulation.parse(res.json());
}

interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  errors?: { path: string; code: string; message: string }[];
}

async function refused(payload: unknown, headers: Record<string, string> = {}): Promise<ProblemBody> {
  const res = await simulate(payload, headers);
  expect(res.statusCode, res.body).toBe(400);
  expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  return res.json() as ProblemBody;
}

describe("the simulator's worked examples", () => {
  it("answers the flat example exactly as the API documents it, without a login", async () => {
    const body = await simulated({ ...EXAMPLE, method: "flat", roundTo: 1 });
    expect(body.schedule).toHaveLength(12);
    expect(body.schedule[0]).toEqual({ period: 1, principal: 833_333, interest: 150_000, installment: 983_333, balance: 9_166_667 });
    expect(body.schedule[11]).toEqual({ period: 12, principal: 833_337, interest: 150_000, installment: 983_337, balance: 0 });
    expect(body).toMatchObject({ totalInterest: 1_800_000, totalPayment: 11_800_000, effectiveMonthlyRatePercent: "2.643", effectiveAnnualRatePercent: "31.72" });
    expect(Object.keys(body).sort()).toEqual(["effectiveAnnualRatePercent", "effectiveMonthlyRatePercent", "schedule", "totalInterest", "totalPayment"]);
  });

  it("annuity: 916.800 × 11, the last 916.799, total interest 1.001.599 (roundTo defaults to 1)", async () => {
    const body = await simulated({ ...EXAMPLE, method: "annuity" });
    expect(body.schedule.map((row) => row.installment)).toEqual([...Array(11).fill(916_800), 916_799]);
    expect(body.schedule[1]).toEqual({ period: 2, principal: 778_302, interest: 138_498, installment: 916_800, balance: 8_454_898 });
    expect(body).toMatchObject({ totalInterest: 1_001_599, totalPayment: 11_001_599, effectiveMonthlyRatePercent: "1.500", effectiveAnnualRatePercent: "18.00" });
  });

  it("menurun: 983.333, 970.833, …, 845.837; total interest 975.000", async () => {
    const body = await simulated({ ...EXAMPLE, method: "equal_principal" });
    expect(body.schedule[0]?.installment).toBe(983_333);
    expect(body.schedule[1]?.installment).toBe(970_833);
    expect(body.schedule[11]).toEqual({ period: 12, principal: 833_337, interest: 12_500, installment: 845_837, balance: 0 });
    expect(body.totalInterest).toBe(975_000);
  });

  it("rounds every installment but the last up to Rp1.000: flat 984.000 × 11 and 976.000", async () => {
    const body = await simulated({ ...EXAMPLE, method: "flat", roundTo: 1000 });
    expect(body.schedule.map((row) => row.installment)).toEqual([...Array(11).fill(984_000), 976_000]);
    expect(body.schedule.reduce((sum, row) => sum + row.principal, 0)).toBe(10_000_000);
  });

  it("reads an Indonesian decimal comma in the rate the same as a point", async () => {
    expect(await simulated({ ...EXAMPLE, monthlyRatePercent: "1,5", method: "flat" })).toEqual(await simulated({ ...EXAMPLE, method: "flat" }));
  });
});

describe("bad input: 400 problem+json on its field, in Indonesian", () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["principal 0", { ...EXAMPLE, method: "flat", principal: 0 }, "body.principal", /minimal Rp100\.000/],
    ["a negative principal", { ...EXAMPLE, method: "flat", principal: -5_000_000 }, "body.principal", /minimal Rp100\.000/],
    ["a principal in cents", { ...EXAMPLE, method: "flat", principal: 1_000_000.5 }, "body.principal", /Rupiah utuh/],
    ["a principal as text", { ...EXAMPLE, method: "flat", principal: "10.000.000" }, "body.principal", /harus berupa angka/],
    ["a principal above the limit", { ...EXAMPLE, method: "flat", principal: 10_000_000_001 }, "body.principal", /paling banyak Rp10\.000\.000\.000/],
    ["tenor 0", { ...EXAMPLE, method: "flat", tenorMonths: 0 }, "body.tenorMonths", /minimal 1 bulan/],
    ["a tenor of 1,5 months", { ...EXAMPLE, method: "flat", tenorMonths: 1.5 }, "body.tenorMonths", /bulan utuh/],
    ["a tenor of 241 months", { ...EXAMPLE, method: "flat", tenorMonths: 241 }, "body.tenorMonths", /paling lama 240 bulan/],
    ["a rate that is not a number", { ...EXAMPLE, method: "flat", monthlyRatePercent: "satu setengah" }, "body.monthlyRatePercent", /angka desimal/],
    ["a rate with a percent sign", { ...EXAMPLE, method: "flat", monthlyRatePercent: "1.5%" }, "body.monthlyRatePercent", /angka desimal/],
    ["a negative rate", { ...EXAMPLE, method: "flat", monthlyRatePercent: "-1" }, "body.monthlyRatePercent", /angka desimal/],
    ["a rate as a JSON number", { ...EXAMPLE, method: "flat", monthlyRatePercent: 1.5 }, "body.monthlyRatePercent", /teks desimal/],
    ["a rate above 10% a month", { ...EXAMPLE, method: "flat", monthlyRatePercent: "10.01" }, "body.monthlyRatePercent", /paling tinggi 10%/],
    ["an unknown method", { ...EXAMPLE, method: "balon" }, "body.method", /flat, equal_principal \(menurun\), atau annuity \(anuitas\)/],
    ["a missing method", { ...EXAMPLE }, "body.method", /Metode bunga/],
    ["rounding to Rp50", { ...EXAMPLE, method: "flat", roundTo: 50 }, "body.roundTo", /1, 100, atau 1000/],
    ["an unknown field", { ...EXAMPLE, method: "flat", biayaAdmin: 5000 }, "body", /Kolom tidak dikenal: biayaAdmin/],
  ];
  for (const [name, payload, path, message] of cases) {
    it(`refuses ${name}`, async () => {
      const body = await refused(payload);
      expect(body.code).toBe("invalid_input");
      expect(body.detail).toBe("Data yang dikirim tidak sah.");
      const error = body.errors?.find((e) => e.path === path);
      expect(error?.message, JSON.stringify(body.errors)).toMatch(message);
    });
  }

  it("refuses a rounding so coarse the principal would be gone before the last installment, on roundTo", async () => {
    // Rp100.000 over 240 months: 417 a month rounded up to 1.000 repays it in the 100th.
    const body = await refused({ principal: 100_000, tenorMonths: 240, monthlyRatePercent: "1", method: "flat", roundTo: 1000 });
    expect(body.code).toBe("loan_rounding_too_coarse");
    expect(body.detail).toMatch(/Pembulatan angsuran terlalu besar/);
    expect(body.errors).toEqual([{ path: "body.roundTo", code: "loan_rounding_too_coarse", message: expect.stringMatching(/Pilih pembulatan lebih kecil/) }]);
    // The same loan in whole Rupiah is fine.
    expect((await simulated({ principal: 100_000, tenorMonths: 240, monthlyRatePercent: "1", method: "flat" })).schedule).toHaveLength(240);
  });

  it("refuses, on the principal, a small annuity that a high rate over a long term would repay before its last month", async () => {
    const body = await refused({ principal: 1_000_000, tenorMonths: 152, monthlyRatePercent: "6.48", method: "annuity" });
    expect(body.code).toBe("loan_principal_too_small");
    expect(body.errors).toEqual([{ path: "body.principal", code: "loan_principal_too_small", message: expect.stringMatching(/Perbesar pokok atau perpendek jangka waktu/) }]);
  });

  it("answers in English when asked", async () => {
    const body = await refused({ principal: 100_000, tenorMonths: 240, monthlyRatePercent: "1", method: "annuity", roundTo: 1000 }, { "accept-language": "en" });
    expect(body.detail).toMatch(/installment rounding is too coarse/);
  });

  it("refuses a body that is not JSON, or none", async () => {
    const malformed = await t.app.inject({ method: "POST", url: "/api/v1/loan-simulations", payload: "{principal:", headers: { "content-type": "application/json" } });
    expect(malformed.statusCode).toBe(400);
    expect((malformed.json() as ProblemBody).code).toBe("malformed_json");
    const empty = await t.app.inject({ method: "POST", url: "/api/v1/loan-simulations" });
    expect(empty.statusCode).toBe(400);
    expect((empty.json() as ProblemBody).detail).toMatch(/tidak sah|kosong/);
  });

  it("computes the longest, largest loan at the highest rate without failing", async () => {
    for (const method of ["flat", "equal_principal", "annuity"]) {
      const body = await simulated({ principal: 10_000_000_000, tenorMonths: 240, monthlyRatePercent: "10", method, roundTo: 1000 });
      expect(body.schedule.at(-1)?.balance).toBe(0);
    }
  });
});

describe("rate limit", () => {
  it("allows 120 simulations a minute from one address, then 429 problem+json in Indonesian", async () => {
    const from = (remoteAddress: string) =>
      t.app.inject({ method: "POST", url: "/api/v1/loan-simulations", payload: { ...EXAMPLE, method: "flat" }, remoteAddress });
    for (let i = 0; i < 120; i += 1) expect((await from("203.0.113.7")).statusCode).toBe(200);
    const limited = await from("203.0.113.7");
    expect(limited.statusCode).toBe(429);
    expect(limited.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect((limited.json() as ProblemBody).detail).toMatch(/Terlalu banyak percobaan/);
    // Another address has its own budget.
    expect((await from("203.0.113.8")).statusCode).toBe(200);
  });
});
