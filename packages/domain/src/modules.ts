// The optional modules a cooperative switches on in Pengaturan › Modul. One
// list shared by the server (which guards every route of a module with it)
// and the web app (which hides a switched-off module), so the two cannot
// disagree about what exists.

export type ModuleId = "berita" | "umkm" | "poin" | "obrolan";

export interface ModuleDefinition {
  readonly id: ModuleId;
  readonly name: { readonly id: string; readonly en: string };
  readonly description: { readonly id: string; readonly en: string };
  /**
   * All off: a cooperative opts in to each feature it is ready to run, rather
   * than finding members posting, chatting or earning points it never chose.
   */
  readonly enabledByDefault: boolean;
}

export const MODULES: readonly ModuleDefinition[] = [
  {
    id: "berita",
    name: { id: "Berita", en: "News" },
    description: {
      id: "Pengumuman dan berita dari pengurus untuk anggota.",
      en: "Announcements and news from the board to members.",
    },
    enabledByDefault: false,
  },
  {
    id: "umkm",
    name: { id: "UMKM", en: "Member businesses" },
    description: {
      id: "Etalase usaha mikro, kecil, dan menengah milik anggota.",
      en: "A showcase of members' micro, small and medium businesses.",
    },
    enabledByDefault: false,
  },
  {
    id: "poin",
    name: { id: "Poin", en: "Points" },
    description: {
      id: "Poin penghargaan bagi anggota atas transaksi dan keaktifan.",
      en: "Reward points for members' transactions and participation.",
    },
    enabledByDefault: false,
  },
  {
    id: "obrolan",
    name: { id: "Obrolan", en: "Chat" },
    description: {
      id: "Percakapan antara anggota dan pengurus koperasi.",
      en: "Conversations between members and the cooperative's board.",
    },
    enabledByDefault: false,
  },
];

export const MODULE_IDS: readonly ModuleId[] = MODULES.map((definition) => definition.id);

export function isModuleId(value: unknown): value is ModuleId {
  return typeof value === "string" && (MODULE_IDS as readonly string[]).includes(value);
}

export function getModule(id: ModuleId): ModuleDefinition {
  const found = MODULES.find((definition) => definition.id === id);
  if (!found) throw new RangeError(`unknown module: ${String(id)}`);
  return found;
}

/** The switches a newly registered cooperative starts with. */
export function defaultModuleSettings(): Record<ModuleId, boolean> {
  const settings = {} as Record<ModuleId, boolean>;
  for (const definition of MODULES) settings[definition.id] = definition.enabledByDefault;
  return settings;
}
