import { z } from "zod";
import { Uuid } from "./common";

// The member card (kartu anggota): the app's rotating QR, the printed card's
// QR and serial, and what the counter's scanner learns from either.

export const MemberCardStatus = z.enum(["calon", "aktif", "keluar", "meninggal", "diberhentikan"]);

/** A printed card; `code` is what its QR holds (signed, long-lived, refused once the card is revoked). */
export const MemberCard = z.object({
  id: Uuid,
  memberId: Uuid,
  /** Printed on the card for people to read: `XXXXX-XXXXX`. */
  serial: z.string(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  replacedBy: Uuid.nullable(),
  /** The signed code of the printed QR; only while the card is in use. */
  code: z.string().nullable(),
});
export type MemberCard = z.infer<typeof MemberCard>;

/** What the member's own card screen shows. */
export const OwnMemberCard = z.object({
  koperasi: z.object({ id: Uuid, name: z.string(), primaryColor: z.string(), logoUrl: z.string().nullable(), iconUrl: z.string() }),
  member: z.object({ id: Uuid, memberNumber: z.string(), fullName: z.string(), status: MemberCardStatus, joinedOn: z.string() }),
  /** The printed card, with its QR drawn as SVG so the app can keep it for offline use. */
  card: MemberCard.extend({ qrSvg: z.string() }),
  /** The app's QR: valid until `expiresAt`; the app fetches a new one after `refreshAfterSeconds`. */
  rotating: z.object({ code: z.string(), qrSvg: z.string(), expiresAt: z.string(), refreshAfterSeconds: z.number().int() }),
});
export type OwnMemberCard = z.infer<typeof OwnMemberCard>;

export const MemberCardList = z.object({ items: z.array(MemberCard) });

export const RevokeMemberCard = z.strictObject({
  reason: z.string({ error: "Alasan wajib diisi." }).trim().min(3, { error: "Alasan minimal 3 karakter." }).max(200, { error: "Alasan paling panjang 200 karakter." }),
});

export const RevokedMemberCard = z.object({ revoked: MemberCard, replacement: MemberCard });

export const ResolveMemberCard = z.strictObject({
  code: z.string({ error: "Kode kartu wajib diisi." }).trim().min(1, { error: "Kode kartu wajib diisi." }).max(200, { error: "Kode kartu terlalu panjang." }),
});

/** The member a scanned code names. */
export const ResolvedMemberCard = z.object({
  via: z.enum(["rotating", "card", "serial"]),
  member: z.object({ id: Uuid, memberNumber: z.string(), fullName: z.string(), status: MemberCardStatus, photoUrl: z.string().nullable() }),
  /** The printed card scanned or typed in; null for the app's rotating code. */
  cardSerial: z.string().nullable(),
});
export type ResolvedMemberCard = z.infer<typeof ResolvedMemberCard>;

export const PersonalDataExportQuery = z.strictObject({ format: z.enum(["json", "pdf"]).default("json") });
