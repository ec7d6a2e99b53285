import { describe, expect, it } from "vitest";
import { CONSENT_PURPOSES, CONSENT_PURPOSE_TEXT, PRIVACY_REQUEST_STATUSES, privacyRequestDueAt, privacyRequestMayMove, privacyRequestNeedsAnswer, privacyRequestOverdue } from "./privacy";

describe("a member's privacy requests", () => {
  it("are due 3 × 24 hours after they are received, overdue only while open and past that", () => {
    const received = new Date("2026-12-08T09:15:00.000Z");
    const due = privacyRequestDueAt(received);
    expect(due.toISOString()).toBe("2026-12-11T09:15:00.000Z");
    expect(privacyRequestOverdue({ status: "diterima", dueAt: due }, due)).toBe(false);
    expect(privacyRequestOverdue({ status: "diterima", dueAt: due }, new Date(due.getTime() + 1))).toBe(true);
    expect(privacyRequestOverdue({ status: "diproses", dueAt: due }, new Date(due.getTime() + 1))).toBe(true);
    expect(privacyRequestOverdue({ status: "selesai", dueAt: due }, new Date(due.getTime() + 1))).toBe(false);
    expect(privacyRequestOverdue({ status: "ditolak", dueAt: due }, new Date(due.getTime() + 1))).toBe(false);
  });

  it("move forward only, a closed one stays closed, and closing needs an answer", () => {
    const allowed = PRIVACY_REQUEST_STATUSES.flatMap((from) => PRIVACY_REQUEST_STATUSES.filter((to) => privacyRequestMayMove(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual(["diterima→diproses", "diterima→selesai", "diterima→ditolak", "diproses→selesai", "diproses→ditolak"]);
    expect(PRIVACY_REQUEST_STATUSES.filter(privacyRequestNeedsAnswer)).toEqual(["selesai", "ditolak"]);
  });

  it("offer one required acknowledgement and optional purposes, each described in both languages", () => {
    expect(CONSENT_PURPOSES.filter((p) => CONSENT_PURPOSE_TEXT[p].required)).toEqual(["pemberitahuan"]);
    for (const p of CONSENT_PURPOSES) expect(CONSENT_PURPOSE_TEXT[p].id.length * CONSENT_PURPOSE_TEXT[p].en.length).toBeGreaterThan(0);
  });
});
