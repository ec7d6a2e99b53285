import { fileTypeFromBuffer } from "file-type";
import sharp, { type Metadata } from "sharp";
import { getDocumentProxy } from "unpdf";
import { AppError } from "../errors/app-error";

// Upload checks shared by every service that takes a file (reading it from
// the request is http/multipart-upload.ts). The type comes from the file's
// own first bytes (magic numbers), never from the name or the Content-Type
// the client chose, so a renamed executable is refused.

export interface Upload {
  bytes: Buffer;
  /** The client's file name, reduced to a safe display name. */
  fileName: string;
}

export interface DetectedType {
  mime: string;
  ext: string;
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1).replace(".", ",");
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError(
    413,
    "too_large",
    `Berkas terlalu besar. Ukuran maksimal ${megabytes(maxBytes)} MB.`,
    `The file is too large. The limit is ${megabytes(maxBytes)} MB.`,
    [{ path: "body.file", code: "too_large", message: `Ukuran berkas maksimal ${megabytes(maxBytes)} MB.` }],
  );
}

/** The display name a person gave the file: no directories, no control characters, at most 200 characters. */
export function safeFileName(name: string | undefined, fallback: string): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(-200);
  return clean.length > 0 ? clean : fallback;
}

/**
 * The file's real type from its content, then the content itself checked as
 * that type (an image decodes within the pixel limit, a PDF opens as a PDF).
 * Throws 415 `file_type_not_allowed` naming the allowed kinds when it is
 * anything else, 400 when it only pretends to be one.
 */
export async function detectAllowedType(bytes: Uint8Array, allowed: readonly string[], allowedLabel: string): Promise<DetectedType> {
  const found = await fileTypeFromBuffer(bytes);
  if (!found || !allowed.includes(found.mime)) {
    throw new AppError(
      415,
      "file_type_not_allowed",
      `Jenis berkas tidak diizinkan. Unggah berkas ${allowedLabel}.`,
      `This file type is not allowed. Upload ${allowedLabel}.`,
      [{ path: "body.file", code: "file_type_not_allowed", message: `Hanya berkas ${allowedLabel} yang diterima.` }],
    );
  }
  if (RASTER_IMAGES.has(found.mime)) await assertDecodableImage(bytes);
  if (found.mime === "application/pdf") await assertReadablePdf(bytes);
  return { mime: found.mime, ext: found.ext };
}

/**
 * The most pixels an uploaded image may decode to (50 megapixels: any phone
 * photo or scan). A few hundred kilobytes of PNG can claim 10000 × 10000
 * pixels, 400 MB once decoded; the limit is read from the header, before decoding.
 */
export const IMAGE_MAX_PIXELS = 50_000_000;

const RASTER_IMAGES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);

function imageInvalid(): AppError {
  return new AppError(400, "image_invalid", "Gambar rusak atau tidak dapat dibaca.", "The image is damaged or unreadable.", [
    { path: "body.file", code: "image_invalid", message: "Gambar rusak atau tidak dapat dibaca." },
  ]);
}

function imageTooManyPixels(): AppError {
  const megapixels = IMAGE_MAX_PIXELS / 1_000_000;
  return new AppError(
    400,
    "image_too_many_pixels",
    `Resolusi gambar terlalu besar (maksimal ${megapixels} megapiksel). Perkecil gambar lalu unggah lagi.`,
    `The image resolution is too large (at most ${megapixels} megapixels). Make it smaller and upload it again.`,
    [{ path: "body.file", code: "image_too_many_pixels", message: `Resolusi gambar maksimal ${megapixels} megapiksel.` }],
  );
}

/** Decodes the whole image (into a small thumbnail, so memory stays low); a truncated or forged one fails here. */
async function assertDecodableImage(bytes: Uint8Array): Promise<void> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { failOn: "error", limitInputPixels: false }).metadata();
  } catch {
    throw imageInvalid();
  }
  if (!meta.width || !meta.height) throw imageInvalid();
  if (meta.width * meta.height * (meta.pages ?? 1) > IMAGE_MAX_PIXELS) throw imageTooManyPixels();
  try {
    await sharp(bytes, { failOn: "error", limitInputPixels: IMAGE_MAX_PIXELS }).resize(64, 64, { fit: "inside" }).raw().toBuffer();
  } catch {
    throw imageInvalid();
  }
}

function pdfInvalid(): AppError {
  return new AppError(400, "pdf_invalid", "Berkas PDF rusak atau bukan PDF yang sah.", "The PDF is damaged or not a valid PDF.", [
    { path: "body.file", code: "pdf_invalid", message: "Berkas PDF rusak atau bukan PDF yang sah." },
  ]);
}

/** What a browser sniffing a file's first bytes would take for a web page. */
const HTML_MARKERS = /<(?:!doctype|html|head|body|script|iframe|svg|object|embed)\b/i;

/**
 * A PDF must start as one, open in a real PDF reader (pdf.js) with at least
 * one page, and hold nothing in the bytes browsers sniff that reads as HTML:
 * a PDF/HTML polyglot is refused.
 */
async function assertReadablePdf(bytes: Uint8Array): Promise<void> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString("latin1");
  if (!/^%PDF-[12]\.\d/.test(head) || HTML_MARKERS.test(head)) throw pdfInvalid();
  let pages = 0;
  try {
    // pdf.js takes the buffer over; it reads a copy.
    const document = await getDocumentProxy(new Uint8Array(bytes));
    pages = document.numPages;
    await document.destroy();
  } catch {
    throw pdfInvalid();
  }
  if (pages < 1) throw pdfInvalid();
}
