import { z } from "zod";
import { HexColor, Uuid } from "./common";
import { KOPERASI_TYPES, TIME_ZONES } from "./registration";

export const MODULE_VALUES = ["berita", "umkm", "poin", "obrolan"] as const;
export const ModuleId = z.enum(MODULE_VALUES, { error: "Modul tidak dikenal." });

/** What anyone may see: the cooperative's own login page and installable app. */
export const PublicKoperasi = z.object({
  id: Uuid,
  slug: z.string(),
  name: z.string(),
  primaryColor: z.string(),
  logoUrl: z.string().nullable(),
  status: z.enum(["pending", "approved", "rejected", "suspended"]),
});

export const KoperasiProfile = z.object({
  id: Uuid,
  slug: z.string(),
  name: z.string(),
  type: z.enum(KOPERASI_TYPES),
  nomorIndukKoperasi: z.string().nullable(),
  nomorBadanHukum: z.string().nullable(),
  nib: z.string().nullable(),
  address: z.string(),
  city: z.string(),
  province: z.string(),
  postalCode: z.string().nullable(),
  timeZone: z.enum(TIME_ZONES),
  email: z.string(),
  phone: z.string(),
  status: z.enum(["pending", "approved", "rejected", "suspended"]),
  primaryColor: z.string(),
  logoUrl: z.string().nullable(),
  mfaRequired: z.boolean(),
});

export const UpdateKoperasiProfile = z.strictObject({
  name: z.string().trim().min(3, { error: "Nama koperasi minimal 3 karakter." }).max(120).optional(),
  primaryColor: HexColor.optional(),
  address: z.string().trim().min(5, { error: "Alamat minimal 5 karakter." }).max(300).optional(),
  city: z.string().trim().min(2).max(80).optional(),
  province: z.string().trim().min(2).max(80).optional(),
  postalCode: z.string().trim().regex(/^\d{5}$/, { error: "Kode pos terdiri dari 5 angka." }).nullable().optional(),
  mfaRequired: z.boolean().optional(),
});

export const ModuleState = z.object({ id: ModuleId, name: z.string(), description: z.string(), enabled: z.boolean() });
export const SetModule = z.strictObject({ enabled: z.boolean({ error: "Isi enabled dengan true atau false." }) });
export const ModuleStatus = z.object({ id: ModuleId, enabled: z.literal(true) });

export const AuditEntry = z.object({
  id: Uuid,
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});

export const ReviewRegistration = z.strictObject({
  decision: z.enum(["approve", "reject"], { error: "Keputusan harus approve atau reject." }),
  note: z.string().trim().max(500).optional(),
});
export const PendingKoperasi = z.object({
  id: Uuid,
  slug: z.string(),
  name: z.string(),
  type: z.enum(KOPERASI_TYPES),
  nomorIndukKoperasi: z.string().nullable(),
  nomorBadanHukum: z.string().nullable(),
  status: z.enum(["pending", "approved", "rejected", "suspended"]),
  createdAt: z.string(),
  documents: z.array(z.object({ id: Uuid, kind: z.string(), fileName: z.string() })),
});
export const OutboundMessage = z.object({
  id: Uuid,
  channel: z.enum(["email", "sms"]),
  recipient: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.enum(["queued", "sent", "failed", "held"]),
  createdAt: z.string(),
});
