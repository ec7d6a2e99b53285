// Query keys in one place. Everything a cooperative owns sits under
// ["koperasi", id], so switching cooperatives or signing out can drop it at once.

export const queryKeys = {
  session: ["session"] as const,
  /** Her signed-in devices; under the session key, so signing in or out drops it too. */
  sessions: ["session", "devices"] as const,
  publicKoperasi: (slug: string) => ["public", "koperasi", slug] as const,
  registration: (id: string) => ["registration", id] as const,
  invitation: (token: string) => ["invitation", token] as const,
  koperasi: (koperasiId: string) => ["koperasi", koperasiId] as const,
  profile: (koperasiId: string) => ["koperasi", koperasiId, "profile"] as const,
  modules: (koperasiId: string) => ["koperasi", koperasiId, "modules"] as const,
  moduleStatus: (koperasiId: string, module: string) => ["koperasi", koperasiId, "modules", module, "status"] as const,
  members: (koperasiId: string, query?: object) =>
    query ? (["koperasi", koperasiId, "members", query] as const) : (["koperasi", koperasiId, "members"] as const),
  member: (koperasiId: string, memberId: string) => ["koperasi", koperasiId, "member", memberId] as const,
  users: (koperasiId: string) => ["koperasi", koperasiId, "users"] as const,
  invitations: (koperasiId: string) => ["koperasi", koperasiId, "invitations"] as const,
  roleGrants: (koperasiId: string) => ["koperasi", koperasiId, "role-grants"] as const,
  audit: (koperasiId: string, page?: { page: number; pageSize: number }) =>
    page ? (["koperasi", koperasiId, "audit", page] as const) : (["koperasi", koperasiId, "audit"] as const),
  /** Everything the ledger shows: a posting invalidates it at once. */
  ledger: (koperasiId: string) => ["koperasi", koperasiId, "ledger"] as const,
  /** A savings account's balance, holds and available balance: under the ledger, so a posting refreshes it. */
  savingsStanding: (koperasiId: string, memberAccountId: string) => ["koperasi", koperasiId, "ledger", "savings", memberAccountId] as const,
  savingsProducts: (koperasiId: string) => ["koperasi", koperasiId, "savings-products"] as const,
  /** The home's figures sit under the ledger: a posting refreshes them too. */
  home: (koperasiId: string) => ["koperasi", koperasiId, "ledger", "home"] as const,
  glAccounts: (koperasiId: string) => ["koperasi", koperasiId, "ledger", "accounts"] as const,
  trialBalance: (koperasiId: string, asOf: string) => ["koperasi", koperasiId, "ledger", "trial-balance", asOf] as const,
  generalLedger: (koperasiId: string, accountId: string, query: object) => ["koperasi", koperasiId, "ledger", "account", accountId, query] as const,
  journals: (koperasiId: string, query: object) => ["koperasi", koperasiId, "ledger", "journals", query] as const,
  journal: (koperasiId: string, entryId: string) => ["koperasi", koperasiId, "ledger", "journal", entryId] as const,
  memberAccounts: (koperasiId: string, query: object) => ["koperasi", koperasiId, "ledger", "member-accounts", query] as const,
  statement: (koperasiId: string, memberAccountId: string, query: object) => ["koperasi", koperasiId, "ledger", "statement", memberAccountId, query] as const,
  platformRegistrations: ["platform", "registrations"] as const,
  platformOutbox: ["platform", "outbox"] as const,
  platformLogFailures: ["platform", "log-failures"] as const,
};
