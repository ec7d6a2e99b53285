import { z } from "zod";
import { Uuid } from "./common";

// The cooperative's structure: pengurus and pengawas terms (held by
// members) and karyawan. A term's endOn is its last day in office.

const IsoDate = (label: string) => z.iso.date({ error: `${label} berformat YYYY-MM-DD.` });

export const StructureBody = z.enum(["pengurus", "pengawas"], { error: "Pilih pengurus atau pengawas." });

export const StructureTerm = z.object({
  id: Uuid,
  memberId: Uuid,
  memberNumber: z.string(),
  fullName: z.string(),
  body: StructureBody,
  /** A standard key (ketua, wakil_ketua, sekretaris, bendahara, ketua_pengawas, anggota_pengawas) or a custom pengurus position. */
  position: z.string(),
  startOn: z.string(),
  endOn: z.string(),
  /** In office today (the cooperative's date). */
  current: z.boolean(),
  /** Ended before its planned last day. */
  endedEarly: z.boolean(),
  hasLogin: z.boolean(),
});
export type StructureTerm = z.infer<typeof StructureTerm>;

export const AppointTerm = z.strictObject({
  memberId: Uuid,
  body: StructureBody,
  position: z.string({ error: "Jabatan wajib diisi." }).trim().min(2, { error: "Jabatan minimal 2 karakter." }).max(60, { error: "Jabatan paling banyak 60 karakter." }),
  startOn: IsoDate("Tanggal mulai"),
  endOn: IsoDate("Tanggal akhir"),
});

export const EndTerm = z.strictObject({
  endOn: IsoDate("Tanggal berakhir"),
});

export const Employee = z.object({
  id: Uuid,
  fullName: z.string(),
  jobTitle: z.string(),
  startOn: z.string(),
  endOn: z.string().nullable(),
  current: z.boolean(),
  login: z.object({ koperasiUserId: Uuid, name: z.string() }).nullable(),
});
export type Employee = z.infer<typeof Employee>;

export const CreateEmployee = z.strictObject({
  fullName: z.string({ error: "Nama wajib diisi." }).trim().min(2, { error: "Nama minimal 2 karakter." }).max(120),
  jobTitle: z.string({ error: "Jabatan kerja wajib diisi." }).trim().min(2, { error: "Jabatan kerja minimal 2 karakter." }).max(60),
  startOn: IsoDate("Tanggal mulai"),
  endOn: IsoDate("Tanggal akhir").optional(),
  koperasiUserId: Uuid.optional(),
});

export const EndEmployment = z.strictObject({
  endOn: IsoDate("Tanggal berakhir"),
});

/** The structure as it stands on `asOf`: current terms in chart order, then current staff. */
export const CurrentStructure = z.object({
  asOf: z.string(),
  pengurus: z.array(StructureTerm),
  pengawas: z.array(StructureTerm),
  karyawan: z.array(Employee),
});
export type CurrentStructure = z.infer<typeof CurrentStructure>;

export const StructureHistory = z.object({
  terms: z.array(StructureTerm),
  employees: z.array(Employee),
});
export type StructureHistory = z.infer<typeof StructureHistory>;

/** Logins with role kasir that a karyawan record may point to. */
export const KasirLogin = z.object({ koperasiUserId: Uuid, name: z.string() });
