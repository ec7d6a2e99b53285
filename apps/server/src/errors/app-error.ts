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
    /** RFC 9457 extension members the client needs to act on the refusal (e.g. the new quote of a stale one). */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(messageEn);
  }
}

// An area's refusals as one typed table (as ledger/errors.ts keeps them):
// status, Indonesian and English text. A refusal that names one field carries
// that field's short text too (in both languages, the message by default),
// and a text may name values of the case ({name}), filled in when thrown.

/** Status, Indonesian and English text; optionally the short texts of the field it names, and the code a client sees when it is shared with another refusal. */
export type ErrorEntry = readonly [status: number, id: string, en: string, more?: { readonly field?: readonly [id: string, en: string]; readonly code?: string }];

export interface ErrorOptions {
  /** The field the refusal names (e.g. "body.nik"), with the entry's field text. */
  readonly field?: string;
  /** Values for the {name} placeholders of the texts. */
  readonly vars?: Readonly<Record<string, string | number>>;
  /** Field errors given whole, when one refusal names several fields or their own codes. */
  readonly errors?: FieldError[];
}

const fill = (text: string, vars: ErrorOptions["vars"] = {}) => text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

/**
 * An area's refusals as one typed table: the code is checked by the
 * compiler at every throw, and the table is the list a client can rely on.
 */
export function errorTable<const T extends Record<string, ErrorEntry>>(table: T): { (key: keyof T & string, options?: ErrorOptions): AppError; readonly codes: readonly string[] } {
  const make = (key: keyof T & string, options: ErrorOptions = {}): AppError => {
    const [status, id, en, more] = table[key]!;
    const code = more?.code ?? key;
    const field = more?.field ?? [id, en];
    const errors =
      options.errors ??
      (options.field === undefined ? undefined : [{ path: options.field, code, message: fill(field[0], options.vars), messageEn: fill(field[1], options.vars) }]);
    return new AppError(status, code, fill(id, options.vars), fill(en, options.vars), errors);
  };
  const codes = [...new Set(Object.entries(table).map(([key, [, , , more]]) => more?.code ?? key))];
  return Object.assign(make, { codes });
}

/** A refusal written out with the field it always names: for tables whose refusals each point at one fixed field. */
export interface FixedFieldRefusal {
  status: number;
  id: string;
  en: string;
  /** The code the client sees, when it is not the refusal's name. */
  code?: string;
  field?: { path: string; code?: string; id: string; en: string };
}

/** That refusal as an AppError, under its name (or its shared code). */
export function fixedFieldError(name: string, refusal: FixedFieldRefusal): AppError {
  const code = refusal.code ?? name;
  const field = refusal.field;
  return new AppError(refusal.status, code, refusal.id, refusal.en, field && [{ path: field.path, code: field.code ?? code, message: field.id, messageEn: field.en }]);
}

export const notFound = (what = "Data", whatEn = "Record") => new AppError(404, "not_found", `${what} tidak ditemukan.`, `${whatEn} not found.`);
export const forbidden = (messageId = "Anda tidak memiliki izin untuk tindakan ini.", messageEn = "You are not allowed to do this.") =>
  new AppError(403, "forbidden", messageId, messageEn);
export const unauthenticated = () => new AppError(401, "unauthenticated", "Silakan masuk terlebih dahulu.", "Please sign in first.");
/** A 400 naming one field; give the English text too so an English client reads its own language. */
export const invalidField = (path: string, code: string, message: string, messageEn?: string) =>
  new AppError(400, "invalid_input", "Data yang dikirim tidak sah.", "The request is invalid.", [{ path, code, message, ...(messageEn ? { messageEn } : {}) }]);
