import { createContext, useContext } from "react";
import type { Action } from "@koperasi/domain";
import type { Membership, SessionInfo } from "../../../api/types";
import { canIn } from "../../auth/hooks/useSession";

export interface AppContextValue {
  session: SessionInfo;
  /** The active cooperative's membership of the signed-in person. */
  membership: Membership;
  koperasiId: string;
  /** "/app", or "/k/<slug>/app" inside a cooperative's own installed app. */
  base: string;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useAppContext(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error("useAppContext outside the app shell");
  return value;
}

/** A path inside the app, relative to its base: appPath(ctx, "anggota") → "/app/anggota". */
export function appPath(base: string, sub = ""): string {
  return sub ? `${base}/${sub.replace(/^\//, "")}` : base;
}

export function useAppPath(): (sub?: string) => string {
  const { base } = useAppContext();
  return (sub = "") => appPath(base, sub);
}

export function useCan(): (action: Action) => boolean {
  const { membership } = useAppContext();
  return (action) => canIn(membership, action);
}
