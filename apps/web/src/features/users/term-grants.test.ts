import { describe, expect, it } from "vitest";
import { hasTermGrants, keptByTerm, roleBadges } from "./term-grants";

const none = { roles: [], positions: [] };

describe("roles from terms of office on the Pengguna page", () => {
  it("lists the stored roles and positions first, then the term's, marked", () => {
    const ketua = { roles: ["anggota" as const], positions: [], termGrants: { roles: ["pengurus" as const], positions: ["ketua"] } };
    expect(roleBadges(ketua)).toEqual([
      { kind: "role", value: "anggota", fromTerm: false },
      { kind: "role", value: "pengurus", fromTerm: true },
      { kind: "position", value: "ketua", fromTerm: true },
    ]);
    expect(hasTermGrants(ketua)).toBe(true);
    expect(keptByTerm(ketua, "pengurus")).toBe(true);
    expect(keptByTerm(ketua, "anggota")).toBe(false);
  });

  it("shows a role both stored and given by a term twice: removing the stored one leaves the term's", () => {
    const both = { roles: ["pengurus" as const], positions: ["ketua"], termGrants: { roles: ["pengurus" as const], positions: ["ketua"] } };
    expect(roleBadges(both).map((b) => `${b.kind}:${b.value}:${b.fromTerm}`)).toEqual([
      "role:pengurus:false",
      "position:ketua:false",
      "role:pengurus:true",
      "position:ketua:true",
    ]);
  });

  it("marks nothing for a person without a current term", () => {
    const kasir = { roles: ["kasir" as const], positions: [], termGrants: none };
    expect(roleBadges(kasir)).toEqual([{ kind: "role", value: "kasir", fromTerm: false }]);
    expect(hasTermGrants(kasir)).toBe(false);
    expect(keptByTerm(kasir, "pengurus")).toBe(false);
  });
});
