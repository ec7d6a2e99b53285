import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { requireApproved } from "./approval";

describe("requireApproved", () => {
  it("lets an approved cooperative through", () => {
    expect(() => requireApproved({ status: "approved" })).not.toThrow();
  });

  it.each([
    ["pending", "menunggu persetujuan operator"],
    ["rejected", "ditolak"],
    ["suspended", "dibekukan"],
  ])("refuses a %s cooperative with 403 koperasi_not_approved", (status, words) => {
    let caught: unknown;
    try {
      requireApproved({ status });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ status: 403, code: "koperasi_not_approved", messageId: expect.stringContaining(words) });
  });
});
