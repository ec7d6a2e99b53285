import { z } from "zod";

// A member changing her own phone or e-mail: the new value is verified with
// a six-digit code sent to it before it replaces the one on her record.

export const ContactChannel = z.enum(["phone", "email"], { error: "Pilih nomor HP (phone) atau email." });

/** The value is checked on the server as the member register checks it (phone to E.164, e-mail address). */
export const RequestContactChange = z.strictObject({
  channel: ContactChannel,
  value: z.string({ error: "Isi nomor HP atau email yang baru." }).trim().min(1, { error: "Isi nomor HP atau email yang baru." }).max(254, { error: "Terlalu panjang." }),
});

export const ContactChangeSent = z.object({
  channel: ContactChannel,
  /** Where the code went, masked: "+62812****7890", "s***@contoh.id". */
  sentTo: z.string(),
  expiresAt: z.string(),
  /** Another member of the cooperative has this phone (a shared family phone is allowed). */
  sharedPhone: z.boolean(),
});

export const ConfirmContactChange = z.strictObject({
  channel: ContactChannel,
  code: z.string({ error: "Kode terdiri dari 6 angka." }).trim().regex(/^\d{6}$/, { error: "Kode terdiri dari 6 angka." }),
});
