import { describe, expect, it } from "vitest";
import { can } from "./permissions";
import {
  STRUCTURE_REFUSALS,
  checkAppointment,
  checkTermEnd,
  compareForChart,
  grantsFromTerms,
  isCurrentTerm,
  isSolePosition,
  normalisePosition,
  termsOverlap,
  withTermGrants,
  type Term,
} from "./structure";

let next = 0;
function term(memberId: string, body: Term["body"], position: string, startOn: string, endOn: string): Term {
  next += 1;
  return { id: `t${next}`, memberId, body, position, startOn, endOn };
}
const aktif = { status: "aktif" };

describe("term dates", () => {
  it("counts the first and the last day as in office", () => {
    const t = { startOn: "2026-01-01", endOn: "2030-12-31" };
    expect(isCurrentTerm(t, "2025-12-31")).toBe(false);
    expect(isCurrentTerm(t, "2026-01-01")).toBe(true);
    expect(isCurrentTerm(t, "2030-12-31")).toBe(true);
    expect(isCurrentTerm(t, "2031-01-01")).toBe(false);
  });

  it("sees terms that share a single day as overlapping, and back-to-back terms as not", () => {
    const a = { startOn: "2026-01-01", endOn: "2026-06-30" };
    expect(termsOverlap(a, { startOn: "2026-06-30", endOn: "2026-12-31" })).toBe(true);
    expect(termsOverlap(a, { startOn: "2026-07-01", endOn: "2026-12-31" })).toBe(false);
    expect(termsOverlap({ startOn: "2025-01-01", endOn: "2027-01-01" }, a)).toBe(true);
    expect(termsOverlap({ startOn: "2025-01-01", endOn: "2025-12-31" }, a)).toBe(false);
  });
});

describe("positions", () => {
  it("recognises the standard positions however they are written, keeps custom ones as named", () => {
    expect(normalisePosition("pengurus", " Wakil  Ketua ")).toBe("wakil_ketua");
    expect(normalisePosition("pengurus", "BENDAHARA")).toBe("bendahara");
    expect(normalisePosition("pengurus", "Bendahara   II")).toBe("Bendahara II");
    expect(normalisePosition("pengurus", "x")).toBeNull();
    expect(normalisePosition("pengurus", "x".repeat(61))).toBeNull();
    expect(normalisePosition("pengawas", "Ketua Pengawas")).toBe("ketua_pengawas");
    expect(normalisePosition("pengawas", "anggota_pengawas")).toBe("anggota_pengawas");
    expect(normalisePosition("pengawas", "ketua")).toBeNull();
    expect(normalisePosition("pengurus", "Ketua Pengawas")).toBeNull();
  });

  it("allows one holder of each standard position and of ketua pengawas", () => {
    expect(isSolePosition("pengurus", "ketua")).toBe(true);
    expect(isSolePosition("pengurus", "Bendahara II")).toBe(false);
    expect(isSolePosition("pengawas", "ketua_pengawas")).toBe(true);
    expect(isSolePosition("pengawas", "anggota_pengawas")).toBe(false);
  });
});

describe("appointments", () => {
  const existing = [
    term("siti", "pengurus", "ketua", "2026-01-01", "2030-12-31"),
    term("budi", "pengawas", "ketua_pengawas", "2026-01-01", "2030-12-31"),
    term("dewi", "pengurus", "Bendahara II", "2026-01-01", "2030-12-31"),
  ];
  const appoint = (memberId: string, body: Term["body"], position: string, startOn = "2026-03-01", endOn = "2030-12-31", member = aktif) =>
    checkAppointment({ memberId, body, position, startOn, endOn }, member, existing);

  it("accepts a free position for an active member", () => {
    expect(appoint("agus", "pengurus", "sekretaris")).toBeNull();
    expect(appoint("agus", "pengawas", "anggota_pengawas")).toBeNull();
    // Several people may hold a custom post.
    expect(appoint("agus", "pengurus", "Bendahara II")).toBeNull();
    // A pengurus may hold two posts (sekretaris merangkap bendahara).
    expect(appoint("siti", "pengurus", "bendahara")).toBeNull();
  });

  it("refuses an end before the start and an inactive member", () => {
    expect(appoint("agus", "pengurus", "sekretaris", "2026-03-01", "2026-02-28")).toBe("term_end_before_start");
    expect(appoint("agus", "pengurus", "sekretaris", "2026-03-01", "2026-03-01")).toBeNull();
    expect(appoint("agus", "pengurus", "sekretaris", undefined, undefined, { status: "keluar" })).toBe("member_not_active");
    expect(appoint("agus", "pengurus", "sekretaris", undefined, undefined, { status: "calon" })).toBe("member_not_active");
  });

  it("refuses a pengurus post and a pengawas post held at the same time, either way round", () => {
    expect(appoint("siti", "pengawas", "anggota_pengawas")).toBe("holds_other_body");
    expect(appoint("budi", "pengurus", "Ketua Bidang Usaha")).toBe("holds_other_body");
    // After the pengurus term ends, the same person may serve as pengawas.
    expect(appoint("siti", "pengawas", "anggota_pengawas", "2031-01-01", "2035-12-31")).toBeNull();
    // One shared day is enough to refuse.
    expect(appoint("siti", "pengawas", "anggota_pengawas", "2030-12-31", "2035-12-31")).toBe("holds_other_body");
  });

  it("refuses a second holder of a standard position while the first is in office", () => {
    expect(appoint("agus", "pengurus", "ketua")).toBe("position_taken");
    expect(appoint("agus", "pengawas", "ketua_pengawas")).toBe("position_taken");
    expect(appoint("agus", "pengurus", "ketua", "2031-01-01", "2035-12-31")).toBeNull();
  });

  it("refuses the same post twice for one person and two pengawas posts", () => {
    expect(appoint("dewi", "pengurus", "bendahara ii")).toBe("already_holds_position");
    expect(appoint("budi", "pengawas", "anggota_pengawas")).toBe("one_pengawas_post");
  });
});

describe("ending a term", () => {
  const t = { startOn: "2026-01-01", endOn: "2030-12-31" };
  it("moves the last day forward within the term, never past its end", () => {
    expect(checkTermEnd(t, "2026-05-31", "2026-06-01")).toBeNull();
    expect(checkTermEnd(t, "2026-06-01", "2026-06-01")).toBeNull();
    expect(checkTermEnd(t, "2025-12-31", "2026-06-01")).toBe("term_end_outside_term");
    expect(checkTermEnd(t, "2031-01-01", "2026-06-01")).toBe("term_end_outside_term");
    expect(checkTermEnd(t, "2030-12-31", "2031-01-02")).toBe("term_already_ended");
  });
});

describe("grants from terms", () => {
  const terms = [
    term("siti", "pengurus", "ketua", "2026-01-01", "2026-06-30"),
    term("siti", "pengurus", "Ketua Bidang Usaha", "2026-01-01", "2026-12-31"),
    term("siti", "pengawas", "anggota_pengawas", "2027-01-01", "2031-12-31"),
  ];

  it("gives the role and positions of the terms current today, and nothing for ended or future ones", () => {
    expect(grantsFromTerms(terms, "2025-12-31")).toEqual({ roles: [], positions: [] });
    expect(grantsFromTerms(terms, "2026-06-30")).toEqual({ roles: ["pengurus"], positions: ["ketua", "Ketua Bidang Usaha"] });
    expect(grantsFromTerms(terms, "2026-07-01")).toEqual({ roles: ["pengurus"], positions: ["Ketua Bidang Usaha"] });
    expect(grantsFromTerms(terms, "2027-01-01")).toEqual({ roles: ["pengawas"], positions: [] });
    expect(grantsFromTerms(terms, "2032-01-01")).toEqual({ roles: [], positions: [] });
  });

  it("adds to an admin's manual roles without removing them, and the permissions follow", () => {
    const stored = { roles: ["anggota" as const], positions: [] };
    const asKetua = withTermGrants(stored, grantsFromTerms(terms, "2026-03-01"));
    expect(asKetua.roles).toEqual(["anggota", "pengurus"]);
    expect(can(asKetua, "journal.approve")).toBe(true);
    const after = withTermGrants(stored, grantsFromTerms(terms, "2026-07-01"));
    expect(can(after, "journal.approve")).toBe(false);
    expect(can(after, "journal.view")).toBe(true); // still pengurus (Ketua Bidang Usaha)
    const ended = withTermGrants(stored, grantsFromTerms(terms, "2032-01-01"));
    expect(ended).toEqual({ roles: ["anggota"], positions: [] });
    const manual = withTermGrants({ roles: ["admin", "pengurus"], positions: ["bendahara"] }, grantsFromTerms(terms, "2032-01-01"));
    expect(manual).toEqual({ roles: ["admin", "pengurus"], positions: ["bendahara"] });
  });
});

describe("chart order", () => {
  it("puts pengurus first (ketua, wakil, sekretaris, bendahara, custom), then pengawas with its ketua on top", () => {
    const shuffled = [
      term("a", "pengawas", "anggota_pengawas", "2026-01-01", "2030-12-31"),
      term("b", "pengurus", "Bendahara II", "2026-01-01", "2030-12-31"),
      term("c", "pengurus", "bendahara", "2026-01-01", "2030-12-31"),
      term("d", "pengawas", "ketua_pengawas", "2026-01-01", "2030-12-31"),
      term("e", "pengurus", "sekretaris", "2026-01-01", "2030-12-31"),
      term("f", "pengurus", "ketua", "2026-01-01", "2030-12-31"),
      term("g", "pengurus", "wakil_ketua", "2026-01-01", "2030-12-31"),
    ];
    expect([...shuffled].sort(compareForChart).map((t) => t.position)).toEqual([
      "ketua",
      "wakil_ketua",
      "sekretaris",
      "bendahara",
      "Bendahara II",
      "ketua_pengawas",
      "anggota_pengawas",
    ]);
  });
});

it("has a message in Bahasa Indonesia for every refusal", () => {
  for (const info of Object.values(STRUCTURE_REFUSALS)) expect(info.id.length).toBeGreaterThan(10);
});
