import { z } from "zod";
import { Uuid } from "./common";

// The member book (buku daftar anggota): list rows, the full record, and the
// requests that write it. NIK and phone never travel in a URL: searching by
// them is a POST body (MemberSearch).

export const MEMBER_STATUS_VALUES = ["calon", "aktif", "keluar", "meninggal", "diberhentikan"] as const;
export const MEMBER_TYPE_VALUES = ["perorangan", "badan_hukum"] as const;
export const GENDER_VALUES = ["male", "female"] as const;
export const MARITAL_STATUS_VALUES = ["belum_kawin", "kawin", "cerai_hidup", "cerai_mati"] as const;
export const SOURCE_OF_FUNDS_VALUES = ["gaji", "usaha", "pensiun", "hasil_investasi", "warisan", "hibah", "lainnya"] as const;
export const HEIR_RELATIONSHIP_VALUES = ["suami", "istri", "anak", "orang_tua", "saudara_kandung", "cucu", "lainnya"] as const;

export const MemberStatusValue = z.enum(MEMBER_STATUS_VALUES, { error: "Status anggota tidak dikenal." });
export const MemberTypeValue = z.enum(MEMBER_TYPE_VALUES, { error: "Jenis anggota harus perorangan atau badan_hukum." });
export const GenderValue = z.enum(GENDER_VALUES, { error: "Jenis kelamin harus male atau female." });
export const MaritalStatusValue = z.enum(MARITAL_STATUS_VALUES, { error: "Status perkawinan tidak dikenal." });
export const SourceOfFundsValue = z.enum(SOURCE_OF_FUNDS_VALUES, { error: "Sumber dana tidak dikenal." });
export const HeirRelationshipValue = z.enum(HEIR_RELATIONSHIP_VALUES, { error: "Hubungan ahli waris tidak dikenal." });

const isoDate = (label: string) => z.iso.date({ error: `${label} berformat YYYY-MM-DD.` });
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} harus berupa teks.` })
    .trim()
    .min(min, { error: `${label} minimal ${min} karakter.` })
    .max(max, { error: `${label} maksimal ${max} karakter.` });

/** A row of the member list: identifiers masked. */
export const Member = z.object({
  id: Uuid,
  memberNumber: z.string(),
  fullName: z.string(),
  status: MemberStatusValue,
  joinedOn: z.string(),
  hasLogin: z.boolean(),
  memberType: MemberTypeValue,
  /** "3515********0001", or null when no NIK is recorded. */
  nikMasked: z.string().nullable(),
  /** "+62812****678". */
  phoneMasked: z.string().nullable(),
});

/**
 * The full record. `nik`, `phone` and `motherMaidenName` are filled only for
 * those who keep the register (members.update) and for the member herself
 * (`identityVisible`); others get the masked forms.
 */
export const MemberDetail = Member.extend({
  identityVisible: z.boolean(),
  nik: z.string().nullable(),
  phone: z.string().nullable(),
  motherMaidenName: z.string().nullable(),
  birthPlace: z.string().nullable(),
  birthDate: z.string().nullable(),
  gender: GenderValue.nullable(),
  maritalStatus: MaritalStatusValue.nullable(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  occupation: z.string().nullable(),
  nomorBadanHukum: z.string().nullable(),
  nomorIndukKoperasi: z.string().nullable(),
  sourceOfFunds: SourceOfFundsValue.nullable(),
  sourceOfFundsOther: z.string().nullable(),
  hasPhoto: z.boolean(),
  hasKtp: z.boolean(),
  /** Another member of the cooperative has the same phone (a shared family phone is allowed). */
  sharedPhone: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
});

/** A member's e-mail address as the register accepts it (stored in lower case). */
export const MemberEmail = z.email({ error: "Alamat email tidak sah." }).max(254, { error: "Alamat email terlalu panjang." });

const registryFields = {
  nik: z.string({ error: "NIK harus berupa teks (16 angka)." }).trim().max(32, { error: "NIK terdiri dari 16 angka." }),
  birthPlace: text("Tempat lahir", 2, 80),
  birthDate: isoDate("Tanggal lahir"),
  gender: GenderValue,
  maritalStatus: MaritalStatusValue,
  address: text("Alamat", 5, 300),
  phone: z.string({ error: "Nomor telepon harus berupa teks." }).trim().max(32, { error: "Nomor telepon terlalu panjang." }),
  email: MemberEmail,
  occupation: text("Pekerjaan", 2, 80),
  nomorBadanHukum: text("Nomor badan hukum", 3, 80),
  nomorIndukKoperasi: text("Nomor Induk Koperasi", 3, 80),
  motherMaidenName: text("Nama gadis ibu kandung", 2, 120),
  sourceOfFunds: SourceOfFundsValue,
  sourceOfFundsOther: text("Sumber dana lainnya", 2, 120),
};

export const CreateMember = z.strictObject({
  fullName: z.string({ error: "Nama lengkap wajib diisi." }).trim().min(2, { error: "Nama lengkap minimal 2 karakter." }).max(120),
  joinedOn: isoDate("Tanggal masuk").optional(),
  /** For imports: the number the cooperative already uses. Otherwise the next from its prefix. */
  memberNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$/, { error: "Nomor anggota: huruf, angka, titik, garis miring atau tanda hubung, maksimal 40." })
    .optional(),
  memberType: MemberTypeValue.optional(),
  /** A new member starts as calon (awaiting approval) or aktif; aktif by default. */
  status: z.enum(["calon", "aktif"], { error: "Anggota baru berstatus calon atau aktif." }).optional(),
  nik: registryFields.nik.optional(),
  birthPlace: registryFields.birthPlace.optional(),
  birthDate: registryFields.birthDate.optional(),
  gender: registryFields.gender.optional(),
  maritalStatus: registryFields.maritalStatus.optional(),
  address: registryFields.address.optional(),
  phone: registryFields.phone.optional(),
  email: registryFields.email.optional(),
  occupation: registryFields.occupation.optional(),
  nomorBadanHukum: registryFields.nomorBadanHukum.optional(),
  nomorIndukKoperasi: registryFields.nomorIndukKoperasi.optional(),
  motherMaidenName: registryFields.motherMaidenName.optional(),
  sourceOfFunds: registryFields.sourceOfFunds.optional(),
  sourceOfFundsOther: registryFields.sourceOfFundsOther.optional(),
});

/** Changes to the record; null clears an optional field. Status has its own request. */
export const UpdateMember = z.strictObject({
  fullName: z.string().trim().min(2, { error: "Nama lengkap minimal 2 karakter." }).max(120).optional(),
  nik: registryFields.nik.nullable().optional(),
  birthPlace: registryFields.birthPlace.nullable().optional(),
  birthDate: registryFields.birthDate.nullable().optional(),
  gender: registryFields.gender.nullable().optional(),
  maritalStatus: registryFields.maritalStatus.nullable().optional(),
  address: registryFields.address.nullable().optional(),
  phone: registryFields.phone.nullable().optional(),
  email: registryFields.email.nullable().optional(),
  occupation: registryFields.occupation.nullable().optional(),
  nomorBadanHukum: registryFields.nomorBadanHukum.nullable().optional(),
  nomorIndukKoperasi: registryFields.nomorIndukKoperasi.nullable().optional(),
  motherMaidenName: registryFields.motherMaidenName.nullable().optional(),
  sourceOfFunds: registryFields.sourceOfFunds.nullable().optional(),
  sourceOfFundsOther: registryFields.sourceOfFundsOther.nullable().optional(),
});

const listFilters = {
  /** Member-number prefix, or the start of any word of the name (case and accents ignored). */
  q: z.string().trim().max(100).optional(),
  status: MemberStatusValue.optional(),
  memberType: MemberTypeValue.optional(),
  joinedFrom: isoDate("Tanggal masuk awal").optional(),
  joinedTo: isoDate("Tanggal masuk akhir").optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const MemberQuery = z.strictObject(listFilters);

/** Like MemberQuery, plus exact NIK or phone: sent as a body so they stay out of URLs and access logs. */
export const MemberSearch = z.strictObject({
  ...listFilters,
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
  nik: z.string().trim().min(1).max(32).optional(),
  phone: z.string().trim().min(1).max(32).optional(),
});

export const ChangeMemberStatus = z.strictObject({
  status: MemberStatusValue,
  /** The day the change takes effect; today in the cooperative's zone when left out. */
  effectiveOn: isoDate("Tanggal berlaku").optional(),
  reason: text("Alasan", 3, 500),
});

export const MemberStatusChange = z.object({
  id: Uuid,
  fromStatus: MemberStatusValue.nullable(),
  toStatus: MemberStatusValue,
  effectiveOn: z.string(),
  reason: z.string(),
  changedBy: z.string().nullable(),
  createdAt: z.string(),
});

export const MemberHeir = z.object({
  id: Uuid,
  fullName: z.string(),
  relationship: HeirRelationshipValue,
  /** Filled for those who see identities (as MemberDetail.phone). */
  phone: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  /** Basis points: 10000 = 100%. */
  shareBp: z.number().int().nullable(),
});

const shareBp = z.number({ error: "Bagian dalam basis poin (10000 = 100%)." }).int().min(1).max(10_000, { error: "Bagian paling besar 10000 (100%)." });

export const CreateMemberHeir = z.strictObject({
  fullName: text("Nama ahli waris", 2, 120),
  relationship: HeirRelationshipValue,
  phone: registryFields.phone.optional(),
  shareBp: shareBp.optional(),
});

export const UpdateMemberHeir = z.strictObject({
  fullName: text("Nama ahli waris", 2, 120).optional(),
  relationship: HeirRelationshipValue.optional(),
  phone: registryFields.phone.nullable().optional(),
  shareBp: shareBp.nullable().optional(),
});

export const MemberFileKindValue = z.enum(["photo", "ktp"]);
export const MemberFileInfo = z.object({
  kind: MemberFileKindValue,
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});
