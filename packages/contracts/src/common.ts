import { z } from "zod";

/** RFC 9457 problem details, with a stable code and per-field errors. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Uuid = z.uuid({ error: "Pengenal tidak sah." });

export const Page = z.object({
  page: z.coerce.number().int().min(1, { error: "Halaman minimal 1." }).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, { error: "Paling banyak 100 baris per halaman." }).default(20),
});

export function paged<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), page: z.number().int(), pageSize: z.number().int(), total: z.number().int() });
}

export const KoperasiParams = z.object({ koperasiId: Uuid });

export const Email = z
  .string({ error: "Email wajib diisi." })
  .trim()
  .toLowerCase()
  .max(254, { error: "Email terlalu panjang." })
  .pipe(z.email({ error: "Format email tidak sah." }));

/** Accepts 0812…, 62812… or +62812…; the server normalises to E.164. */
export const PhoneInput = z
  .string({ error: "Nomor HP wajib diisi." })
  .trim()
  .min(8, { error: "Nomor HP terlalu pendek." })
  .max(20, { error: "Nomor HP terlalu panjang." })
  .regex(/^[+0-9 ()-]+$/, { error: "Nomor HP hanya boleh berisi angka." });

/** ASVS L2: at least 8, at least 64 allowed, no composition rules. Commonness is checked on the server. */
export const NewPassword = z
  .string({ error: "Kata sandi wajib diisi." })
  .min(8, { error: "Kata sandi minimal 8 karakter." })
  .max(128, { error: "Kata sandi paling banyak 128 karakter." });

export const OtpCode = z
  .string({ error: "Kode wajib diisi." })
  .trim()
  .regex(/^\d{6}$/, { error: "Kode terdiri dari 6 angka." });

export const HexColor = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, { error: "Warna harus berformat #rrggbb." });

export const Ok = z.object({ ok: z.literal(true) });
