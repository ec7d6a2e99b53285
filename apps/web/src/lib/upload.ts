// Uploads are checked in the browser before they are sent (the server checks
// again): a 30 MB photo of a deed should be refused at once on a slow
// connection, not after the upload.

const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  pdf: "application/pdf",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  svg: "image/svg+xml",
};

export interface FileLike {
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

/** The file's media type, from the browser or, when it gives none, from the extension. */
export function mediaTypeOf(file: FileLike): string {
  if (file.type) return file.type.toLowerCase();
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  return EXTENSION_TYPES[extension] ?? "";
}

export type UploadProblem = "empty" | "too_large" | "wrong_type";

export function checkUpload(file: FileLike, rules: { types: readonly string[]; maxBytes: number }): UploadProblem | null {
  if (file.size === 0) return "empty";
  if (!rules.types.includes(mediaTypeOf(file))) return "wrong_type";
  if (file.size > rules.maxBytes) return "too_large";
  return null;
}
