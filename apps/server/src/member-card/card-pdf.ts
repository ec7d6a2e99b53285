import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";
import { formatTanggal } from "@koperasi/domain";
import { textColorOn } from "../branding/icons";
import { qrSvg, renderPdf, type Letterhead } from "../pdf";

// The printed member card: ISO/IEC 7810 ID-1 (85.6 × 54 mm, a bank card),
// front and back, to print on card stock or PVC at the office. The front
// carries the cooperative's colour band, logo and name, the member's name,
// number and card serial, and the card's signed QR; the back says whose card
// it is and where to return it if found.

const MM = 72 / 25.4;
export const CARD_WIDTH = 85.6 * MM;
export const CARD_HEIGHT = 54 * MM;
const BAND = 13 * MM;
const PAD = 3.5 * MM;
const QR_SIZE = 24 * MM;

export interface PrintedCard {
  readonly letterhead: Letterhead;
  readonly memberName: string;
  readonly memberNumber: string;
  readonly serial: string;
  /** The signed code of the card's QR. */
  readonly code: string;
  readonly issuedAt: Date;
}

async function front(card: PrintedCard): Promise<Content[]> {
  const ink = textColorOn(card.letterhead.primaryColor);
  const textWidth = CARD_WIDTH - QR_SIZE - 3 * PAD;
  return [
    { canvas: [{ type: "rect", x: 0, y: 0, w: CARD_WIDTH, h: BAND, color: card.letterhead.primaryColor }], absolutePosition: { x: 0, y: 0 } },
    { image: card.letterhead.logo, width: BAND - 4 * MM, height: BAND - 4 * MM, absolutePosition: { x: PAD, y: 2 * MM } },
    {
      columns: [
        {
          width: CARD_WIDTH - BAND - 2 * PAD,
          stack: [
            { text: card.letterhead.name, bold: true, fontSize: card.letterhead.name.length > 40 ? 6.5 : 8.5, color: ink },
            { text: "KARTU ANGGOTA", fontSize: 5.5, color: ink },
          ],
        },
      ],
      absolutePosition: { x: PAD + BAND - 2 * MM, y: 2.6 * MM },
    },
    {
      columns: [
        {
          width: textWidth,
          stack: [
            { text: "Nama", fontSize: 5.5, color: "#666666" },
            { text: card.memberName, bold: true, fontSize: 9.5, margin: [0, 0, 0, 3] },
            { text: "Nomor Anggota", fontSize: 5.5, color: "#666666" },
            { text: card.memberNumber, bold: true, fontSize: 9, margin: [0, 0, 0, 3] },
            { text: "No. Kartu", fontSize: 5.5, color: "#666666" },
            { text: card.serial, fontSize: 8 },
          ],
        },
      ],
      absolutePosition: { x: PAD, y: BAND + 2.5 * MM },
    },
    { svg: await qrSvg(card.code), width: QR_SIZE, height: QR_SIZE, absolutePosition: { x: CARD_WIDTH - QR_SIZE - PAD, y: BAND + 3 * MM } },
    {
      columns: [{ width: QR_SIZE, text: `Terbit ${formatTanggal(card.issuedAt, card.letterhead.timeZone)}`, fontSize: 5, color: "#666666", alignment: "center" }],
      absolutePosition: { x: CARD_WIDTH - QR_SIZE - PAD, y: BAND + 3 * MM + QR_SIZE + 1 * MM },
    },
    { canvas: [{ type: "rect", x: 0, y: 0, w: CARD_WIDTH, h: 1.2 * MM, color: card.letterhead.primaryColor }], absolutePosition: { x: 0, y: CARD_HEIGHT - 1.2 * MM } },
  ];
}

function back(card: PrintedCard): Content[] {
  return [
    {
      columns: [
        {
          width: CARD_WIDTH - 2 * PAD,
          stack: [
            { text: card.letterhead.name, bold: true, fontSize: 8, color: card.letterhead.primaryColor },
            ...card.letterhead.lines.map((line) => ({ text: line, fontSize: 5.5, color: "#444444" })),
            {
              text: [
                "Kartu ini milik ",
                { text: card.memberName, bold: true },
                ` (${card.memberNumber}) dan tidak dapat dipindahtangankan. Kasir memindai kode QR di depan untuk mengenali anggota. `,
                "Jika kartu hilang, segera laporkan ke kantor koperasi agar kartu dicabut dan diganti. Jika menemukan kartu ini, mohon kembalikan ke alamat di atas.",
              ],
              fontSize: 6,
              margin: [0, 5, 0, 0],
            },
          ],
        },
      ],
      absolutePosition: { x: PAD, y: PAD },
    },
  ];
}

export async function cardDefinition(card: PrintedCard): Promise<TDocumentDefinitions> {
  return {
    pageSize: { width: CARD_WIDTH, height: CARD_HEIGHT },
    pageMargins: [0, 0, 0, 0],
    info: { title: `Kartu Anggota ${card.memberNumber}`, author: card.letterhead.name, subject: `Kartu anggota ${card.memberName}`, creator: "Koperasi Pintar" },
    content: [...(await front(card)), { text: "", pageBreak: "after" }, ...back(card)],
  };
}

export async function renderCardPdf(card: PrintedCard): Promise<Buffer> {
  return renderPdf(await cardDefinition(card));
}
