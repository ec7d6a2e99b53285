import type { Content } from "pdfmake/interfaces";
import { type TimeZone, timeZoneOr } from "@koperasi/domain";
import type { KoperasiRow } from "../branding/profile";
import { readIcon } from "../branding/public-assets";
import type { AppContext } from "../context";

// The kop surat: what heads every document a cooperative issues — its logo,
// name, legal numbers and address — and the colour its documents are drawn
// in. Read once per document from the cooperative's profile, so a PDF looks
// like the app the member installed (whitelabel).

export interface Letterhead {
  readonly name: string;
  /** Address, legal numbers and contact, one line each, in print order. */
  readonly lines: readonly string[];
  /** `#rrggbb`. */
  readonly primaryColor: string;
  /** The logo as a PNG data URL: the uploaded logo, or the initials icon the app also uses. */
  readonly logo: string;
  readonly timeZone: TimeZone;
}

export const LETTERHEAD_LOGO_SIZE = 192;

export function letterheadLines(koperasi: Pick<KoperasiRow, "address" | "city" | "province" | "postal_code" | "phone" | "email" | "nomor_badan_hukum" | "nib">): string[] {
  const place = [koperasi.address, koperasi.city, [koperasi.province, koperasi.postal_code].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const legal = [koperasi.nomor_badan_hukum ? `Badan Hukum No. ${koperasi.nomor_badan_hukum}` : "", koperasi.nib ? `NIB ${koperasi.nib}` : ""]
    .filter(Boolean)
    .join(" · ");
  const contact = [koperasi.phone ? `Telp. ${koperasi.phone}` : "", koperasi.email].filter(Boolean).join(" · ");
  return [place, legal, contact].filter((line) => line.length > 0);
}

export async function letterheadOf(ctx: AppContext, koperasi: KoperasiRow): Promise<Letterhead> {
  const icon = await readIcon(ctx, koperasi, LETTERHEAD_LOGO_SIZE);
  return {
    name: koperasi.name,
    lines: letterheadLines(koperasi),
    primaryColor: koperasi.primary_color,
    logo: `data:image/png;base64,${icon.bytes.toString("base64")}`,
    timeZone: timeZoneOr(koperasi.time_zone),
  };
}

/** The kop surat block for the top of an A4 page: logo left, name and lines beside it, a rule in the cooperative's colour below. */
export function letterheadBlock(letterhead: Letterhead, width = 515): Content {
  return {
    stack: [
      {
        columns: [
          { image: letterhead.logo, width: 48, height: 48 },
          {
            width: "*",
            margin: [10, 0, 0, 0],
            stack: [
              { text: letterhead.name, bold: true, fontSize: 15, color: letterhead.primaryColor },
              ...letterhead.lines.map((line) => ({ text: line, fontSize: 8.5, color: "#444444" })),
            ],
          },
        ],
      },
      {
        canvas: [
          { type: "line", x1: 0, y1: 0, x2: width, y2: 0, lineWidth: 2, lineColor: letterhead.primaryColor },
          { type: "line", x1: 0, y1: 3, x2: width, y2: 3, lineWidth: 0.5, lineColor: letterhead.primaryColor },
        ],
        margin: [0, 6, 0, 0],
      },
    ],
  };
}
