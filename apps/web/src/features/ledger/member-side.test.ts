import { describe, expect, it } from "vitest";
import { memberAccountSide } from "./member-side";

describe("member account side", () => {
  it("savings are credit-normal, loans debit-normal", () => {
    expect(memberAccountSide("2-1100")).toBe("credit");
    expect(memberAccountSide("3-1200")).toBe("credit");
    expect(memberAccountSide("1-1300")).toBe("debit");
  });
});
