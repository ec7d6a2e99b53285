import { LoginResult, Ok, SignedInSession, TwoFactorSetup, type DisableTwoFactor, type Login } from "@koperasi/contracts";
import { z } from "zod";
import { api } from "../../../api/client";
import { isApiError } from "../../../api/problem";
import { WebSessionInfo, type SessionInfo } from "../../../api/types";

/** The signed-in session, or null when nobody is signed in. */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    // Signed out, the server answers 204 (no error in the console of every public page).
    return await api("/auth/session", { query: { ifSignedIn: "1" }, schema: WebSessionInfo.nullable() });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export const login = (body: z.output<typeof Login>) => api("/auth/login", { method: "POST", json: body, schema: LoginResult });

export const loginTwoFactor = (body: { code: string; kind: "totp" | "backup" }) =>
  api("/auth/login/two-factor", { method: "POST", json: body, schema: LoginResult });

export const logout = () => api("/auth/logout", { method: "POST", json: {}, schema: Ok });

export const switchKoperasi = (koperasiId: string) => api("/auth/switch", { method: "POST", json: { koperasiId }, schema: WebSessionInfo });

export const forgotPassword = (identifier: string) => api("/auth/password/forgot", { method: "POST", json: { identifier } });

export const resetPassword = (body: { identifier: string; code: string; newPassword: string }) =>
  api("/auth/password/reset", { method: "POST", json: body, schema: Ok });

export const enableTwoFactor = (password: string) => api("/auth/two-factor/enable", { method: "POST", json: { password }, schema: TwoFactorSetup });

export const verifyTwoFactor = (code: string) => api("/auth/two-factor/verify", { method: "POST", json: { code }, schema: Ok });

export const disableTwoFactor = (body: z.output<typeof DisableTwoFactor>) => api("/auth/two-factor/disable", { method: "POST", json: body, schema: Ok });

export const fetchSessions = () => api("/auth/sessions", { schema: z.array(SignedInSession) });

export const endSession = (id: string) => api(`/auth/sessions/${encodeURIComponent(id)}`, { method: "DELETE", schema: Ok });
