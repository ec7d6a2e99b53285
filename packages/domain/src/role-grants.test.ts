import { describe, expect, it } from "vitest";
import { authorityGained, grantApprovalRefusal } from "./role-grants";

describe("authorityGained", () => {
  it("names each new money or admin role and a new bendahara post; losing or keeping one needs nobody", () => {
    expect(authorityGained({ roles: ["anggota"], positions: [] }, { roles: ["anggota", "kasir"], positions: [] })).toEqual(["kasir"]);
    expect(authorityGained({ roles: ["kasir"], positions: [] }, { roles: ["admin", "pengurus", "kasir"], positions: ["bendahara"] })).toEqual([
      "admin",
      "pengurus",
      "bendahara",
    ]);
    expect(authorityGained({ roles: ["pengurus"], positions: ["sekretaris"] }, { roles: ["pengurus"], positions: ["bendahara"] })).toEqual(["bendahara"]);
    expect(authorityGained({ roles: ["admin", "kasir"], positions: [] }, { roles: ["kasir"], positions: [] })).toEqual([]);
    expect(authorityGained({ roles: ["anggota"], positions: [] }, { roles: ["anggota", "pengawas"], positions: [] })).toEqual([]);
    expect(authorityGained({ roles: ["pengurus"], positions: ["bendahara"] }, { roles: ["pengurus"], positions: ["bendahara", "ketua"] })).toEqual([]);
  });
});

describe("grantApprovalRefusal", () => {
  const base = { requestedBy: "u-admin", subjectUserId: "u-subject", activeAdmins: 2 };
  it("lets another admin or the ketua approve; the pengawas only where the cooperative has one admin", () => {
    expect(grantApprovalRefusal({ ...base, approver: { userId: "u-admin2", roles: ["admin"], positions: [] } })).toBeNull();
    expect(grantApprovalRefusal({ ...base, approver: { userId: "u-ketua", roles: ["pengurus"], positions: ["ketua"] } })).toBeNull();
    expect(grantApprovalRefusal({ ...base, approver: { userId: "u-bendahara", roles: ["pengurus"], positions: ["bendahara"] } })).toBe("not_an_approver");
    expect(grantApprovalRefusal({ ...base, approver: { userId: "u-pengawas", roles: ["pengawas"], positions: [] } })).toBe("not_an_approver");
    expect(grantApprovalRefusal({ ...base, activeAdmins: 1, approver: { userId: "u-pengawas", roles: ["pengawas"], positions: [] } })).toBeNull();
    expect(grantApprovalRefusal({ ...base, approver: { userId: "u-kasir", roles: ["kasir"], positions: [] } })).toBe("not_an_approver");
  });
  it("never by one's own hand: not the requester, not the person the grant is for", () => {
    expect(grantApprovalRefusal({ ...base, approver: { userId: "u-admin", roles: ["admin"], positions: [] } })).toBe("own_request");
    expect(grantApprovalRefusal({ ...base, approver: { userId: "u-subject", roles: ["admin"], positions: [] } })).toBe("own_grant");
  });
});
