import type { FastifyRequest } from "fastify";
import { AppError } from "../errors/app-error";
import { safeFileName, tooLarge, type Upload } from "../files/upload";

// Reading the one file of a multipart request, before any transaction: a
// slow phone's upload holds no database connection (ADR 0004). What the file
// must be is checked by the service (files/upload.ts).

/**
 * Reads the one file in a multipart request's `field`, refusing a request
 * that is not multipart, has no such file, is empty, or exceeds maxBytes.
 */
export async function readSingleUpload(request: FastifyRequest, options: { maxBytes: number; field?: string; fallbackName?: string }): Promise<Upload> {
  const field = options.field ?? "file";
  if (!request.isMultipart()) {
    throw new AppError(415, "multipart_required", `Kirim berkas sebagai multipart/form-data dengan kolom "${field}".`, `Send the file as multipart/form-data in the "${field}" field.`);
  }
  let part;
  try {
    part = await request.file({ limits: { fileSize: options.maxBytes, files: 1 } });
  } catch (error) {
    throw mapMultipartError(error, options.maxBytes);
  }
  const missing = new AppError(400, "file_missing", "Berkas belum dipilih.", "No file was sent.", [
    { path: `body.${field}`, code: "required", message: "Pilih berkas untuk diunggah." },
  ]);
  if (!part) throw missing;
  if (part.fieldname !== field) {
    part.file.resume();
    throw missing;
  }
  let bytes: Buffer;
  try {
    bytes = await part.toBuffer();
  } catch (error) {
    throw mapMultipartError(error, options.maxBytes);
  }
  if (part.file.truncated || bytes.length > options.maxBytes) throw tooLarge(options.maxBytes);
  if (bytes.length === 0) {
    throw new AppError(400, "file_empty", "Berkas kosong.", "The file is empty.", [{ path: `body.${field}`, code: "file_empty", message: "Berkas kosong." }]);
  }
  return { bytes, fileName: safeFileName(part.filename, options.fallbackName ?? "berkas") };
}

/** A multipart body the parser cannot read (no or bad boundary, truncated, broken part headers) is the client's mistake. */
function malformedMultipart(): AppError {
  return new AppError(
    400,
    "malformed_multipart",
    "Isi unggahan rusak atau tidak lengkap. Silakan pilih berkas dan kirim lagi.",
    "The upload is malformed or incomplete. Please choose the file and send it again.",
  );
}

function mapMultipartError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE") return tooLarge(maxBytes);
  if (code === "FST_INVALID_MULTIPART_CONTENT_TYPE") {
    return new AppError(415, "multipart_required", "Kirim berkas sebagai multipart/form-data.", "Send the file as multipart/form-data.");
  }
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) return error;
  // Busboy's own errors ("Unexpected end of form", "Malformed part header",
  // a missing boundary) and the plugin's part/field limits.
  return malformedMultipart();
}
