import { RegistrationState, SubmittedRegistration, type StartRegistration } from "@koperasi/contracts";
import { api } from "../../../api/client";
import type { DocumentKind } from "../../../api/types";

export type StartRegistrationBody = StartRegistration;

export interface ResumeHandle {
  registrationId: string;
  resumeToken: string;
}

const resumeHeaders = (handle: ResumeHandle) => ({ "X-Resume-Token": handle.resumeToken });
const base = (handle: ResumeHandle) => `/registrations/${encodeURIComponent(handle.registrationId)}`;

export const startRegistration = (body: StartRegistrationBody) => api("/registrations", { method: "POST", json: body, schema: RegistrationState });

export const fetchRegistration = (handle: ResumeHandle) => api(base(handle), { headers: resumeHeaders(handle), schema: RegistrationState });

export const verifyRegistration = (handle: ResumeHandle, body: { channel: "email" | "phone"; code: string }) =>
  api(`${base(handle)}/verify`, { method: "POST", json: body, headers: resumeHeaders(handle), schema: RegistrationState });

export const resendRegistrationCode = (handle: ResumeHandle, channel: "email" | "phone") =>
  api(`${base(handle)}/resend`, { method: "POST", json: { channel }, headers: resumeHeaders(handle) });

export function uploadRegistrationDocument(handle: ResumeHandle, kind: DocumentKind, file: File) {
  const form = new FormData();
  form.append("file", file, file.name);
  return api(`${base(handle)}/documents/${kind}`, { method: "PUT", form, headers: resumeHeaders(handle), schema: RegistrationState });
}

export const submitRegistration = (handle: ResumeHandle) =>
  api(`${base(handle)}/submit`, { method: "POST", json: {}, headers: resumeHeaders(handle), schema: SubmittedRegistration });

// The browser keeps the handle so a reload (or a phone that dropped the tab)
// resumes the same registration instead of starting a duplicate.
const STORAGE_KEY = "koperasi.registration";

export function loadResumeHandle(): ResumeHandle | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<ResumeHandle>;
    return typeof value.registrationId === "string" && typeof value.resumeToken === "string"
      ? { registrationId: value.registrationId, resumeToken: value.resumeToken }
      : null;
  } catch {
    return null;
  }
}

export function saveResumeHandle(handle: ResumeHandle): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(handle));
  } catch {
    // without storage the registration still works, it just cannot be resumed
  }
}

export function clearResumeHandle(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing to clear
  }
}
