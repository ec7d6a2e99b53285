// A refusal the client should see, known to every layer and tied to none:
// services throw it, the HTTP layer (http/problem.ts) turns it into RFC 9457
// problem+json in the language the client asked for.

/** One field's refusal, in both languages; `message` is the Indonesian text. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
  messageEn?: string;
}

/** A refusal: a stable code, an HTTP status and messages in both languages. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageId: string,
    readonly messageEn: string = messageId,
    readonly errors?: FieldError[],
  ) {
    super(messageEn);
  }
}

/** A row of an area's error table: status, Indonesian text, English text. */
export type ErrorEntry = readonly [status: number, id: string, en: string];

/**
 * An area's refusals as one typed table: the code is checked by the compiler
 * at every throw, and the table is the list a client can rely on.
 */
export function errorTable<const T extends Record<string, ErrorEntry>>(table: T): { (code: keyof T & string, fieldPath?: string): AppError; readonly codes: readonly (keyof T & string)[] } {
  const make = (code: keyof T & string, fieldPath?: string): AppError => {
    const [status, id, en] = table[code]!;
    return new AppError(status, code, id, en, fieldPath === undefined ? undefined : [{ path: fieldPath, code, message: id, messageEn: en }]);
  };
  return Object.assign(make, { codes: Object.keys(table) as (keyof T & string)[] });
}

export const notFound = (what = "Data", whatEn = "Record") => new AppError(404, "not_found", `${what} tidak ditemukan.`, `${whatEn} not found.`);
export const forbidden = (messageId = "Anda tidak memiliki izin untuk tindakan ini.", messageEn = "You are not allowed to do this.") =>
  new AppError(403, "forbidden", messageId, messageEn);
export const unauthenticated = () => new AppError(401, "unauthenticated", "Silakan masuk terlebih dahulu.", "Please sign in first.");
/** A 400 naming one field; give the English text too so an English client reads its own language. */
export const invalidField = (path: string, code: string, message: string, messageEn?: string) =>
  new AppError(400, "invalid_input", "Data yang dikirim tidak sah.", "The request is invalid.", [{ path, code, message, ...(messageEn ? { messageEn } : {}) }]);
