import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { backupsToKeep, isoWeekOf } from "./backup-retention";

const at = (iso: string) => ({ takenAt: new Date(iso) });
const names = (kept: Set<{ takenAt: Date }>) => [...kept].map((b) => b.takenAt.toISOString().slice(0, 10)).sort();

describe("backup retention (7 daily, 4 weekly, 12 monthly)", () => {
  it("keeps a year of nightly backups as 7 days, the Sundays of 4 weeks and the last day of 12 months", () => {
    // One backup a night, 1 Jan 2026 to 8 Dec 2026 (a Tuesday).
    const nightly = Array.from({ length: 342 }, (_, i) => at(new Date(Date.UTC(2026, 0, 1 + i, 19)).toISOString()));
    const kept = names(backupsToKeep(nightly));
    expect(kept).toEqual(
      [
        // daily: the last seven days
        "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05", "2026-12-06", "2026-12-07", "2026-12-08",
        // weekly: the newest of this week (the 8th, already kept) and the three Sundays before
        "2026-11-22", "2026-11-29",
        // monthly: the newest of December (the 8th) and the last day of the eleven months before
        "2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30",
      ].sort(),
    );
    // The third Sunday back is 2026-11-15, outside; the weekly count includes this week.
    expect(kept).not.toContain("2026-11-15");
  });

  it("keeps the newest of several backups on one day", () => {
    const kept = backupsToKeep([at("2026-12-08T01:00:00Z"), at("2026-12-08T13:00:00Z"), at("2026-12-07T13:00:00Z")]);
    expect([...kept].map((b) => b.takenAt.toISOString()).sort()).toEqual(["2026-12-07T13:00:00.000Z", "2026-12-08T13:00:00.000Z"]);
  });

  it("never ages out the last backups when backups stop", () => {
    const old = Array.from({ length: 30 }, (_, i) => at(new Date(Date.UTC(2025, 0, 1 + i)).toISOString()));
    expect(backupsToKeep(old).size).toBeGreaterThanOrEqual(7);
  });

  it("names ISO weeks across a year's turn", () => {
    expect(isoWeekOf(new Date("2026-12-31T12:00:00Z"))).toBe("2026-W53");
    expect(isoWeekOf(new Date("2027-01-03T12:00:00Z"))).toBe("2026-W53");
    expect(isoWeekOf(new Date("2027-01-04T12:00:00Z"))).toBe("2027-W01");
    expect(isoWeekOf(new Date("2025-12-29T00:00:00Z"))).toBe("2026-W01");
  });

  const backups = fc.array(fc.date({ min: new Date("2024-01-01T00:00:00Z"), max: new Date("2027-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => ({ takenAt: d })), { maxLength: 300 });

  it("keeps the newest, at most 23, only backups it was given, and the same set when applied again", () => {
    fc.assert(
      fc.property(backups, (list) => {
        const kept = backupsToKeep(list);
        expect(kept.size).toBeLessThanOrEqual(23);
        for (const backup of kept) expect(list).toContain(backup);
        if (list.length > 0) {
          const newest = list.reduce((a, b) => (b.takenAt > a.takenAt ? b : a));
          expect([...kept].some((b) => b.takenAt.getTime() === newest.takenAt.getTime())).toBe(true);
        }
        const again = backupsToKeep([...kept]);
        expect(again.size).toBe(kept.size);
      }),
    );
  });
});
