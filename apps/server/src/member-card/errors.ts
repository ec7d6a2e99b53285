import { errorTable } from "../errors/app-error";

// Every refusal about member cards, with its HTTP status and both messages:
// revoking a card twice, and what the counter's scanner says when a code or
// serial names no member it may serve.

export const memberCardError = errorTable({
  card_already_revoked: [409, "Kartu ini sudah dicabut sebelumnya.", "This card has already been revoked.", { code: "card_revoked" }],
  card_invalid: [422, "Kode kartu tidak sah atau tidak dikenal.", "The card code is invalid or unknown."],
  card_expired: [
    422,
    "Kode QR di aplikasi sudah kedaluwarsa. Minta anggota membuka ulang kartunya di aplikasi.",
    "The app's QR code has expired. Ask the member to open the card again.",
  ],
  card_revoked: [
    422,
    "Kartu ini sudah dicabut (hilang atau diganti). Minta anggota memakai kartu penggantinya.",
    "This card has been revoked (lost or replaced). Ask the member for the replacement card.",
  ],
  card_other_koperasi: [422, "Kartu ini milik koperasi lain.", "This card belongs to another cooperative."],
});
