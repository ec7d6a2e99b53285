import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { can, type Action } from "@koperasi/domain";
import { queryKeys } from "../../../api/keys";
import type { Membership, SessionInfo } from "../../../api/types";
import { forgetKeptCards } from "../../member-card/offline-card";
import { fetchSession, logout, switchKoperasi } from "../api/auth";

export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: fetchSession, staleTime: 60_000, retry: false });
}

/** The membership of the active cooperative, if any. */
export function activeMembership(session: SessionInfo | null | undefined): Membership | null {
  if (!session?.activeKoperasiId) return null;
  return session.memberships.find((m) => m.koperasiId === session.activeKoperasiId) ?? null;
}

/** Permission check for the active cooperative — only to hide what the server would refuse. */
export function canIn(membership: Membership | null, action: Action): boolean {
  if (!membership) return false;
  return can({ roles: membership.roles, positions: membership.positions }, action);
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      forgetKeptCards(window.localStorage);
      queryClient.removeQueries({ queryKey: ["koperasi"] });
      queryClient.removeQueries({ queryKey: ["platform"] });
      queryClient.setQueryData(queryKeys.session, null);
    },
  });
}

export function useSwitchKoperasi() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: switchKoperasi,
    onSuccess: (session) => {
      queryClient.setQueryData(queryKeys.session, session);
    },
  });
}

/** Where a freshly signed-in person goes: the operator console for an operator without a cooperative, else the app. */
export function homePathFor(session: SessionInfo): string {
  if (session.platformOperator && session.memberships.length === 0) return "/operator";
  return "/app";
}
