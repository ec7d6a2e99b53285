import { describe, expect, it } from "vitest";
import { uuidv7 } from "@koperasi/domain";
import { newInvitationToken } from "./invitation-token";
import { redactUrlSecrets } from "./log-redaction";

describe("redactUrlSecrets", () => {
  const token = newInvitationToken(uuidv7());
  it("hides invitation tokens in the web link and the API path", () => {
    expect(redactUrlSecrets(`/undangan/${token}`)).toBe("/undangan/[disamarkan]");
    expect(redactUrlSecrets(`/api/v1/invitations/${token}`)).toBe("/api/v1/invitations/[disamarkan]");
    expect(redactUrlSecrets(`/api/v1/invitations/${token}?x=1`)).toBe("/api/v1/invitations/[disamarkan]?x=1");
    expect(redactUrlSecrets(`/masuk?kembali=${encodeURIComponent(`/undangan/${token}`)}`)).not.toContain(token.split(".")[1]);
  });

  it("leaves other paths alone", () => {
    expect(redactUrlSecrets("/api/v1/invitations/accept")).toBe("/api/v1/invitations/accept");
    const k = uuidv7();
    expect(redactUrlSecrets(`/api/v1/koperasi/${k}/invitations`)).toBe(`/api/v1/koperasi/${k}/invitations`);
    expect(redactUrlSecrets(`/api/v1/koperasi/${k}/invitations/${k}`)).toBe(`/api/v1/koperasi/${k}/invitations/${k}`);
  });
});
