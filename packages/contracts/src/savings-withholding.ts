import { z } from "zod";

// The monthly list of final tax withheld on members' savings interest (bukti
// potong PPh final), for the tax office: one row per member with tax withheld.

export const WithholdingQuery = z.object({
  period: z.string({ error: "Bulan wajib diisi (YYYY-MM)." }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: "Bulan harus berbentuk YYYY-MM, contoh 2026-06." }),
});

export const WithholdingRow = z.object({
  memberNumber: z.string(),
  fullName: z.string(),
  /** In full for those who keep the member register; masked for the rest. */
  nik: z.string().nullable(),
  interest: z.number().int(),
  tax: z.number().int(),
});

export const WithholdingReport = z.object({
  period: z.string(),
  rows: z.array(WithholdingRow),
  totalInterest: z.number().int(),
  totalTax: z.number().int(),
});
export type WithholdingReport = z.infer<typeof WithholdingReport>;
