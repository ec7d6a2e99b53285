import QRCode from "qrcode";
import type { Content } from "pdfmake/interfaces";

// QR codes in documents are drawn as vector SVG (sharp at any print size,
// a few hundred bytes), with error correction M: enough for a card that
// gets scuffed in a wallet without making the code denser than a phone
// camera reads easily.

export async function qrSvg(text: string, options: { margin?: number } = {}): Promise<string> {
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: options.margin ?? 0 });
}

/** A square QR code of `size` points for a pdfmake document. */
export async function qrBlock(text: string, size: number): Promise<Content> {
  return { svg: await qrSvg(text), width: size, height: size };
}
