import { describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { hashInvitationToken, koperasiIdOfToken, newInvitationToken } from "./invitation-token";

describe("invitation tokens", () => {
  it("carry the cooperative id and 256 random bits", () => {
    const k = uuidv7();
    const token = newInvitationToken(k);
    expect(token).toMatch(new RegExp(`^${k}\\.[A-Za-z0-9_-]{43}$`));
    expect(koperasiIdOfToken(token)).toBe(k);
    expect(newInvitationToken(k)).not.toBe(token);
  });

  it("are stored as a keyed hash only", () => {
    const token = newInvitationToken(uuidv7());
    const hash = hashInvitationToken(token, "pepper-a");
    expect(hash).not.toContain(token.split(".")[1]);
    expect(hashInvitationToken(token, "pepper-a")).toBe(hash);
    expect(hashInvitationToken(token, "pepper-b")).not.toBe(hash);
  });

  it("refuses anything not shaped like a token", () => {
    for (const bad of ["", "abc", `${uuidv7()}.pendek`, `bukan-uuid.${"a".repeat(43)}`, `${uuidv7()}.${"a".repeat(42)}!`]) {
      expect(koperasiIdOfToken(bad)).toBeNull();
    }
  });
});
