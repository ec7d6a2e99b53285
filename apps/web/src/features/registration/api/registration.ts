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
    localStorage.removeItem(STEP_KEY);
  } catch {
    // nothing to clear
  }
}

// The step she was on, so a resumed registration opens there.
const STEP_KEY = "koperasi.registration.step";

export function loadResumeStep(): number | null {
  try {
    const step = Number(localStorage.getItem(STEP_KEY));
    return Number.isInteger(step) && step > 0 ? step : null;
  } catch {
    return null;
  }
}

export function saveResumeStep(step: number): void {
  try {
    localStorage.setItem(STEP_KEY, String(step));
  } catch {
    // without storage a resumed registration opens at its first open step
  }
}

// The first step's answers, kept on this device until the registration is
// started (the server keeps them from then on): a closed browser loses nothing.
const DRAFT_KEY = "koperasi.registration.draft";

export function loadKoperasiDraft<T extends Record<string, string>>(empty: T): T {
  try {
    const saved = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? "null") as Record<string, unknown> | null;
    if (!saved || typeof saved !== "object") return empty;
    const draft: Record<string, string> = { ...empty };
    for (const key of Object.keys(empty)) if (typeof saved[key] === "string") draft[key] = saved[key];
    return draft as T;
  } catch {
    return empty;
  }
}

export function saveKoperasiDraft(values: Record<string, string>): void {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(values));
  } catch {
    // without storage the form still works for this visit
  }
}

export function clearKoperasiDraft(): void {
  try {
    localStorage.removeItem(DRAFT_KEY);
  } catch {
    // nothing to clear
  }
}
