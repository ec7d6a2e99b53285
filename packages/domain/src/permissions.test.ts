import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  ACTION_INFO,
  OPERATOR_TENANT_ACCESS_ACTIONS,
  POSITION_LABELS,
  ROLES,
  ROLES_REQUIRING_MFA_SETUP,
  ROLE_LABELS,
  STANDARD_POSITIONS,
  TENANT_ROLES,
  assertCan,
  can,
  isAction,
  isRole,
  isStandardPosition,
  matrix,
  permissionsFor,
  requiresMfaSetup,
  type Action,
  type Position,
  type Role,
  type StandardPosition,
  type Subject,
} from "./permissions";
import { expectDomainError } from "./test-support";

// The expectations are written out by hand, independently of `matrix`, so a
// change to the matrix has to be made twice — once on purpose here.
const EXPECTED_BY_ROLE: Record<Role, readonly Action[]> = {
  operator: ["platform.review_registrations", "platform.view_outbox", "platform.access_tenant", "platform.manage_fees", "platform.manage_screening_lists"],
  admin: [
    "koperasi.view_profile",
    "koperasi.update_profile",
    "koperasi.manage_modules",
    "koperasi.view_audit",
    "users.invite",
    "users.manage_roles",
    "users.require_mfa",
    "users.approve_role_grant",
    "members.view",
    "members.create",
    "members.update",
    "members.card_issue",
    "members.card_revoke",
    "members.card_resolve",
    "members.enter_application",
    "privacy.manage_requests",
    "ledger.manage_accounts",
    "ledger.open_member_account",
    "structure.view",
    "structure.manage",
  ],
  pengurus: ["koperasi.view_profile", "members.view", "members.card_resolve", "savings.view", "journal.view", "reports.view", "structure.view"],
  pengawas: [
    "koperasi.view_profile",
    "koperasi.view_audit",
    "users.approve_role_grant",
    "members.view",
    "members.review_screening",
    "savings.view",
    "journal.view",
    "reports.view",
    "structure.view",
  ],
  kasir: ["koperasi.view_profile", "members.view", "members.card_issue", "members.card_revoke", "members.card_resolve", "members.enter_application", "savings.view", "savings.deposit", "savings.withdraw", "ledger.open_member_account", "structure.view"],
  anggota: ["koperasi.view_profile", "members.view_self", "members.card_self", "members.export_self", "members.update_contact_self", "privacy.rights_self", "savings.view_self", "structure.view"],
};

const ADDED_BY_POSITION: Record<StandardPosition, readonly Action[]> = {
  ketua: [
    "koperasi.update_profile",
    "users.invite",
    "users.approve_role_grant",
    "members.create",
    "members.update",
    "members.approve",
    "members.enter_application",
    "members.leave",
    "privacy.manage_requests",
    "savings.approve_withdrawal",
    "journal.approve",
    "ledger.reopen_period",
    "structure.manage",
  ],
  wakil_ketua: ["members.approve"],
  sekretaris: ["koperasi.update_profile", "users.invite", "members.create", "members.update", "members.card_issue", "members.card_revoke", "members.enter_application", "privacy.manage_requests", "structure.manage"],
  bendahara: ["members.leave", "savings.approve_withdrawal", "savings.manage_holds", "savings.manage_products", "journal.post_manual", "ledger.transfer", "ledger.manage_accounts", "ledger.open_member_account", "ledger.close_period"],
};

function expectExactly(subject: Subject, allowed: readonly Action[]): void {
  const allowedSet = new Set(allowed);
  for (const action of ACTIONS) {
    expect(can(subject, action), `${JSON.stringify(subject)} → ${action}`).toBe(allowedSet.has(action));
  }
  expect(new Set(permissionsFor(subject))).toEqual(allowedSet);
}

describe("role by role, every action", () => {
  it.each(ROLES)("%s", (role) => {
    expectExactly({ roles: [role] }, EXPECTED_BY_ROLE[role]);
  });
});

describe("pengurus positions, every action", () => {
  it.each(STANDARD_POSITIONS)("pengurus + %s", (position) => {
    expectExactly({ roles: ["pengurus"], positions: [position] }, [
      ...EXPECTED_BY_ROLE.pengurus,
      ...ADDED_BY_POSITION[position],
    ]);
  });

  it("a custom position adds nothing", () => {
    for (const position of ["bendahara II", "Bendahara", " bendahara", "ketua bidang usaha", ""] as Position[]) {
      expectExactly({ roles: ["pengurus"], positions: [position] }, EXPECTED_BY_ROLE.pengurus);
    }
  });

  it("positions count only while the holder is pengurus", () => {
    for (const role of ROLES.filter((r) => r !== "pengurus")) {
      expectExactly({ roles: [role], positions: [...STANDARD_POSITIONS] }, EXPECTED_BY_ROLE[role]);
    }
    expectExactly({ roles: [], positions: ["ketua", "bendahara"] }, []);
  });

  it("several positions add up", () => {
    expectExactly({ roles: ["pengurus"], positions: ["sekretaris", "bendahara"] }, [
      ...EXPECTED_BY_ROLE.pengurus,
      ...ADDED_BY_POSITION.sekretaris,
      ...ADDED_BY_POSITION.bendahara,
    ]);
  });
});

describe("combinations and invariants", () => {
  const everySubject: Subject[] = [];
  for (const role of ROLES) {
    everySubject.push({ roles: [role] });
    for (const position of STANDARD_POSITIONS) everySubject.push({ roles: [role], positions: [position] });
  }

  it("roles add up", () => {
    expectExactly({ roles: ["admin", "pengurus", "anggota"], positions: ["ketua"] }, [
      ...EXPECTED_BY_ROLE.admin,
      ...EXPECTED_BY_ROLE.pengurus,
      ...EXPECTED_BY_ROLE.anggota,
      ...ADDED_BY_POSITION.ketua,
    ]);
  });

  it("no roles, no permissions", () => {
    expectExactly({ roles: [] }, []);
  });

  it("only the bendahara posts manual journals", () => {
    for (const subject of everySubject) {
      const isBendahara = subject.roles.includes("pengurus") && subject.positions?.includes("bendahara") === true;
      expect(can(subject, "journal.post_manual"), JSON.stringify(subject)).toBe(isBendahara);
    }
  });

  it("reopening a closed period is the ketua's alone, apart from closing it", () => {
    for (const subject of everySubject) {
      const ketua = subject.roles.includes("pengurus") && subject.positions?.includes("ketua") === true;
      expect(can(subject, "ledger.reopen_period"), JSON.stringify(subject)).toBe(ketua);
      if (ketua) expect(can(subject, "ledger.close_period"), JSON.stringify(subject)).toBe(false);
    }
  });

  it("only the ketua and wakil ketua approve members", () => {
    for (const subject of everySubject) {
      const approver =
        subject.roles.includes("pengurus") &&
        (subject.positions?.includes("ketua") === true || subject.positions?.includes("wakil_ketua") === true);
      expect(can(subject, "members.approve"), JSON.stringify(subject)).toBe(approver);
    }
  });

  it("pengawas only reads, apart from deciding screening matches and, as the second person, money roles", () => {
    for (const action of permissionsFor({ roles: ["pengawas"] })) {
      if (action !== "members.review_screening" && action !== "users.approve_role_grant") expect(ACTION_INFO[action].readOnly, action).toBe(true);
    }
  });

  it("anggota sees nothing of other members", () => {
    for (const action of permissionsFor({ roles: ["anggota"] })) {
      expect(["self", "tenant"]).toContain(ACTION_INFO[action].scope);
      // The profile and the structure (who holds office) are public to every member.
      if (ACTION_INFO[action].scope === "tenant") expect(["koperasi.view_profile", "structure.view"]).toContain(action);
    }
  });

  it("operator holds platform actions only; cooperative roles hold none", () => {
    for (const action of permissionsFor({ roles: ["operator"] })) expect(ACTION_INFO[action].scope).toBe("platform");
    for (const role of TENANT_ROLES) {
      for (const action of permissionsFor({ roles: [role], positions: [...STANDARD_POSITIONS] })) {
        expect(ACTION_INFO[action].scope, `${role} ${action}`).not.toBe("platform");
      }
    }
  });

  it("operator's audited tenant access is read-only cooperative data", () => {
    expect(new Set(OPERATOR_TENANT_ACCESS_ACTIONS)).toEqual(
      new Set<Action>([
        "koperasi.view_profile",
        "koperasi.view_audit",
        "members.view",
        "savings.view",
        "journal.view",
        "reports.view",
        "structure.view",
      ]),
    );
  });

  it("refuses an action it does not know", () => {
    expect(can({ roles: ["admin"] }, "koperasi.delete" as Action)).toBe(false);
  });
});

describe("assertCan", () => {
  it("passes silently when allowed", () => {
    expect(() => assertCan({ roles: ["pengurus"], positions: ["bendahara"] }, "journal.post_manual")).not.toThrow();
  });

  it("throws forbidden naming the action", () => {
    const error = expectDomainError(() => assertCan({ roles: ["pengurus"] }, "journal.post_manual"), "forbidden");
    expect(error.kind).toBe("forbidden");
    expect(error.details).toEqual({ action: "journal.post_manual" });
  });
});

describe("permissionsFor", () => {
  it("lists actions in catalogue order", () => {
    expect(permissionsFor({ roles: ["anggota"] })).toEqual(["koperasi.view_profile", "members.view_self", "members.card_self", "members.export_self", "members.update_contact_self", "privacy.rights_self", "savings.view_self", "structure.view"]);
  });
});

describe("catalogue", () => {
  it("has one matrix row and one description per action, no duplicates", () => {
    expect(new Set(ACTIONS).size).toBe(ACTIONS.length);
    expect(Object.keys(matrix).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(ACTION_INFO).sort()).toEqual([...ACTIONS].sort());
    for (const action of ACTIONS) {
      expect(action).toMatch(/^[a-z]+\.[a-z_]+$/);
      expect(ACTION_INFO[action].label.id.length).toBeGreaterThan(0);
      expect(ACTION_INFO[action].label.en.length).toBeGreaterThan(0);
      expect(action.startsWith("platform.")).toBe(ACTION_INFO[action].scope === "platform");
      expect(action.endsWith("_self")).toBe(ACTION_INFO[action].scope === "self");
    }
  });

  it("every row names known roles and positions, each once", () => {
    for (const action of ACTIONS) {
      const row = matrix[action];
      expect(new Set(row.roles).size).toBe(row.roles.length);
      expect(new Set(row.positions).size).toBe(row.positions.length);
      for (const role of row.roles) expect(isRole(role)).toBe(true);
      for (const position of row.positions) expect(isStandardPosition(position)).toBe(true);
      // A position row is meaningless when every pengurus already has it.
      if (row.roles.includes("pengurus")) expect(row.positions).toEqual([]);
    }
  });

  it("renders as a documentation table", () => {
    const columns = [...ROLES, ...STANDARD_POSITIONS];
    const lines = ACTIONS.map((action) => {
      const cells = columns.map((column) =>
        (matrix[action].roles as readonly string[]).includes(column) ||
        (matrix[action].positions as readonly string[]).includes(column)
          ? "✓"
          : "",
      );
      return `| ${ACTION_INFO[action].label.id} | ${cells.join(" | ")} |`;
    });
    expect(lines).toHaveLength(ACTIONS.length);
    expect(lines[0]).toBe("| Melihat profil koperasi |  | ✓ | ✓ | ✓ | ✓ | ✓ |  |  |  |  |");
  });

  it("labels roles and positions in both languages", () => {
    expect(ROLE_LABELS.kasir).toEqual({ id: "Kasir", en: "Teller" });
    expect(POSITION_LABELS.bendahara).toEqual({ id: "Bendahara", en: "Treasurer" });
    expect(TENANT_ROLES).toEqual(ROLES.filter((role) => role !== "operator"));
  });

  it("type guards", () => {
    expect(isRole("pengawas")).toBe(true);
    expect(isRole("ketua")).toBe(false);
    expect(isAction("journal.post_manual")).toBe(true);
    expect(isAction("journal.delete")).toBe(false);
    expect(isStandardPosition("wakil_ketua")).toBe(true);
    expect(isStandardPosition("wakil ketua")).toBe(false);
  });
});

describe("MFA setup", () => {
  it("applies to admin and pengurus", () => {
    expect(ROLES_REQUIRING_MFA_SETUP).toEqual(["admin", "pengurus"]);
  });

  it("is required only when the cooperative makes it mandatory", () => {
    const cases: Array<[Role[], boolean, boolean]> = [
      [["admin"], true, true],
      [["pengurus"], true, true],
      [["anggota", "pengurus"], true, true],
      [["admin"], false, false],
      [["pengawas"], true, false],
      [["kasir"], true, false],
      [["anggota"], true, false],
      [["operator"], true, false],
      [[], true, false],
    ];
    for (const [roles, mandatory, expected] of cases) {
      expect(requiresMfaSetup(roles, { mandatoryForKoperasi: mandatory }), `${roles.join(",")} ${mandatory}`).toBe(expected);
    }
  });
});
