import { describe, expect, it } from "vitest";
import { groupSecret, totpSecret } from "./totp";

describe("totp secret", () => {
  it("reads the secret from an otpauth URI", () => {
    expect(totpSecret("otpauth://totp/Koperasi%20Pintar:siti%40contoh.id?secret=jbswy3dpehpk3pxp&issuer=Koperasi%20Pintar")).toBe("JBSWY3DPEHPK3PXP");
    expect(totpSecret("otpauth://totp/x?issuer=y&secret=ABC%3D")).toBe("ABC=");
    expect(totpSecret("otpauth://totp/x?issuer=y")).toBeNull();
  });
  it("groups it by four", () => {
    expect(groupSecret("JBSWY3DPEHPK3PXP")).toBe("JBSW Y3DP EHPK 3PXP");
    expect(groupSecret("ABCDEF")).toBe("ABCD EF");
    expect(groupSecret("")).toBe("");
  });
});
