import { ContactChangeSent, MemberDetail, type ConfirmContactChange, type RequestContactChange } from "@koperasi/contracts";
import type { z } from "zod";
import { api } from "../../../api/client";

const path = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}/members/me/contact-change`;

export type ContactChannel = z.output<typeof RequestContactChange>["channel"];
export type ContactChangeRequest = z.output<typeof RequestContactChange>;
export type ContactChangeConfirmation = z.output<typeof ConfirmContactChange>;
export type SentCode = z.output<typeof ContactChangeSent>;

/** Sends a code to the new number or address; her record is not changed yet. */
export const requestContactChange = (koperasiId: string, body: ContactChangeRequest) =>
  api(path(koperasiId), { method: "POST", json: body, schema: ContactChangeSent });

/** Applies the new number or address once the code checks out; answers with her updated record. */
export const confirmContactChange = (koperasiId: string, body: ContactChangeConfirmation) =>
  api(`${path(koperasiId)}/confirm`, { method: "POST", json: body, schema: MemberDetail });
