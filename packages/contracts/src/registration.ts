import { z } from "zod";
import { Email, NewPassword, OtpCode, PhoneInput, Uuid } from "./common";

export const KOPERASI_TYPES = ["ksp", "ksu", "konsumen", "produsen", "jasa", "kspps"] as const;
export const TIME_ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"] as const;

export const KoperasiDetails = z.strictObject({
  name: z.string({ error: "Nama koperasi wajib diisi." }).trim().min(3, { error: "Nama koperasi minimal 3 karakter." }).max(120, { error: "Nama koperasi paling banyak 120 karakter." }),
  type: z.enum(KOPERASI_TYPES, { error: "Pilih jenis koperasi." }),
  nomorIndukKoperasi: z.string().trim().max(32).optional(),
  nomorBadanHukum: z.string().trim().max(80).optional(),
  nib: z.string().trim().max(20).optional(),
  address: z.string({ error: "Alamat wajib diisi." }).trim().min(5, { error: "Alamat minimal 5 karakter." }).max(300),
  city: z.string({ error: "Kota/kabupaten wajib diisi." }).trim().min(2, { error: "Kota/kabupaten wajib diisi." }).max(80),
  province: z.string({ error: "Provinsi wajib diisi." }).trim().min(2, { error: "Provinsi wajib diisi." }).max(80),
  postalCode: z.string().trim().regex(/^\d{5}$/, { error: "Kode pos terdiri dari 5 angka." }).optional(),
  timeZone: z.enum(TIME_ZONES, { error: "Pilih zona waktu (WIB, WITA atau WIT)." }),
});
export type KoperasiDetails = z.infer<typeof KoperasiDetails>;

/** The first admin. Password is omitted when the person is already signed in (a second cooperative). */
export const RegistrationAdmin = z.strictObject({
  name: z.string({ error: "Nama wajib diisi." }).trim().min(2, { error: "Nama minimal 2 karakter." }).max(120),
  email: Email,
  phone: PhoneInput,
  password: NewPassword.optional(),
});

export const StartRegistration = z.strictObject({ koperasi: KoperasiDetails, admin: RegistrationAdmin });
export type StartRegistration = z.infer<typeof StartRegistration>;

export const RegistrationState = z.object({
  registrationId: Uuid,
  /** Secret that lets the browser resume this registration; send as X-Resume-Token. */
  resumeToken: z.string().optional(),
  expiresAt: z.string(),
  koperasi: KoperasiDetails,
  admin: z.object({ name: z.string(), email: z.string(), phone: z.string() }),
  emailVerified: z.boolean(),
  phoneVerified: z.boolean(),
  documents: z.array(z.object({ kind: z.enum(["akta", "sk_badan_hukum"]), fileName: z.string(), sizeBytes: z.number() })),
  submitted: z.boolean(),
});
export type RegistrationState = z.infer<typeof RegistrationState>;

export const VerifyChannel = z.enum(["email", "phone"], { error: "Saluran harus email atau phone." });
export const VerifyRegistration = z.strictObject({ channel: VerifyChannel, code: OtpCode });
export const ResendCode = z.strictObject({ channel: VerifyChannel });
export const DocumentKind = z.enum(["akta", "sk_badan_hukum"], { error: "Jenis dokumen harus akta atau sk_badan_hukum." });

export const SubmittedRegistration = z.object({
  koperasi: z.object({ id: Uuid, slug: z.string(), name: z.string(), status: z.enum(["pending", "approved"]) }),
});

/** Upload limits shared by server checks and the form's hints. */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export const LOGO_MAX_BYTES = 1024 * 1024;
export const LOGO_TYPES = ["image/png", "image/svg+xml"] as const;
