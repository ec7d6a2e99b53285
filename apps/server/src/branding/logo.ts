import { fileTypeFromBuffer } from "file-type";
import sharp, { type Metadata } from "sharp";
import { AppError } from "../errors/app-error";
import { sanitizeSvg } from "./svg";

// A logo is accepted only when its content proves what it claims to be: a
// PNG by its magic bytes and a full decode, an SVG by parsing — and what is
// kept is a re-encoded PNG or the sanitised SVG, never the raw upload.

export type LogoKind = "png" | "svg";

export const LOGO_MAX_DIMENSION = 4096;

export const LOGO_CONTENT_TYPES: Readonly<Record<LogoKind, "image/png" | "image/svg+xml">> = {
  png: "image/png",
  svg: "image/svg+xml",
};

export interface LogoUpload {
  bytes: Buffer;
  fileName: string;
  /** The Content-Type the client declared; only consulted when the name has no extension. */
  mimeType?: string;
}

export interface ValidLogo {
  kind: LogoKind;
  contentType: "image/png" | "image/svg+xml";
  /** What is stored and served. */
  bytes: Buffer;
}

const wrongType = () =>
  new AppError(415, "logo_type", "Logo harus berupa berkas PNG atau SVG.", "The logo must be a PNG or SVG file.", [
    { path: "file", code: "logo_type", message: "Logo harus berupa berkas PNG atau SVG." },
  ]);

const mismatch = (claimed: LogoKind, actual: LogoKind | "other") => {
  const message = `Isi berkas tidak sesuai dengan jenisnya: berkas ${claimed.toUpperCase()} ini ternyata ${actual === "other" ? "bukan PNG atau SVG" : actual.toUpperCase()}.`;
  return new AppError(415, "logo_type_mismatch", message, `The file's content does not match its type (${claimed}).`, [
    { path: "file", code: "logo_type_mismatch", message },
  ]);
};

const unreadable = () =>
  new AppError(400, "logo_invalid", "Berkas logo rusak atau tidak dapat dibaca.", "The logo file is damaged or unreadable.", [
    { path: "file", code: "logo_invalid", message: "Berkas logo rusak atau tidak dapat dibaca." },
  ]);

const tooManyPixels = () => {
  const message = `Ukuran logo paling besar ${LOGO_MAX_DIMENSION} × ${LOGO_MAX_DIMENSION} piksel.`;
  return new AppError(400, "logo_dimensions", message, `The logo may be at most ${LOGO_MAX_DIMENSION} × ${LOGO_MAX_DIMENSION} pixels.`, [
    { path: "file", code: "logo_dimensions", message },
  ]);
};

/** The type the upload claims by its file name (or, without an extension, its declared type). */
function claimedKind(upload: LogoUpload): LogoKind | "other" | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(upload.fileName)?.[1]?.toLowerCase();
  if (extension) return extension === "png" ? "png" : extension === "svg" ? "svg" : "other";
  if (upload.mimeType === LOGO_CONTENT_TYPES.png) return "png";
  if (upload.mimeType === LOGO_CONTENT_TYPES.svg) return "svg";
  return undefined;
}

async function detectKind(bytes: Buffer): Promise<{ kind: LogoKind | "other"; svgText?: string }> {
  const detected = await fileTypeFromBuffer(bytes);
  // An SVG with an XML prolog is detected as XML; it is read as text below.
  if (detected && detected.mime !== "application/xml") {
    return { kind: detected.mime === "image/png" || detected.mime === "image/apng" ? "png" : "other" };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { kind: "other" };
  }
  return /<svg[\s>/]/i.test(text) ? { kind: "svg", svgText: text } : { kind: "other" };
}

function checkDimensions(width: number | undefined, height: number | undefined): void {
  if ((width ?? 0) > LOGO_MAX_DIMENSION || (height ?? 0) > LOGO_MAX_DIMENSION) throw tooManyPixels();
}

export async function validateLogo(upload: LogoUpload): Promise<ValidLogo> {
  if (upload.bytes.length === 0) throw unreadable();
  const claimed = claimedKind(upload);
  const { kind, svgText } = await detectKind(upload.bytes);
  if (claimed === "other") throw wrongType();
  if (claimed !== undefined && claimed !== kind) throw mismatch(claimed, kind);
  if (kind === "other") throw wrongType();

  if (kind === "png") {
    let meta: Metadata;
    try {
      meta = await sharp(upload.bytes).metadata();
    } catch {
      throw unreadable();
    }
    if (meta.format !== "png") throw unreadable();
    // Before decoding: a small file can declare a vast canvas.
    checkDimensions(meta.width, meta.height);
    try {
      // A full decode proves the image data, and re-encoding drops metadata
      // chunks and anything appended after IEND.
      const bytes = await sharp(upload.bytes, { limitInputPixels: LOGO_MAX_DIMENSION * LOGO_MAX_DIMENSION, failOn: "error" })
        .png({ compressionLevel: 9 })
        .toBuffer();
      return { kind, contentType: LOGO_CONTENT_TYPES.png, bytes };
    } catch {
      throw unreadable();
    }
  }

  const clean = await sanitizeSvg(svgText ?? "");
  if (clean === null) throw unreadable();
  const bytes = Buffer.from(clean, "utf8");
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw unreadable();
  }
  if (meta.format !== "svg") throw unreadable();
  checkDimensions(meta.width, meta.height);
  return { kind, contentType: LOGO_CONTENT_TYPES.svg, bytes };
}
