import { z } from "zod";

// Importing members from a spreadsheet and exporting the member book.

export const ImportProblem = z.object({
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  /** Column letter (A, B, …), null when the problem is the whole row. */
  column: z.string().nullable(),
  field: z.string().nullable(),
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
  /** "Baris 7, kolom C (NIK): …" */
  text: z.string(),
});

export const ImportDryRun = z.object({
  rowsTotal: z.number().int(),
  /** Rows that would be imported. */
  rowsReady: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  problems: z.array(ImportProblem),
});

export const MemberImportJob = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(["running", "done", "failed"]),
  rowsTotal: z.number().int(),
  rowsDone: z.number().int(),
  errorMessage: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** True when this very file had been submitted before; nothing was imported twice. */
  alreadySubmitted: z.boolean().optional(),
});

export const MemberBookPdfQuery = z.object({
  /** The volume (jilid) to print, from 1; each holds 2,000 members. */
  jilid: z.coerce.number().int().min(1, { error: "Jilid mulai dari 1." }).max(1000).default(1),
});
