import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { FullPageLoader } from "../../../components/FullPageLoader";
import { isApiError } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { OfflineNotice } from "../../../components/OfflineNotice";
import { OfflineMemberCards } from "../../member-card/components/OfflineMemberCards";
import { PublicLayout } from "../../../components/PublicLayout";
import { useSession } from "../../auth/hooks/useSession";

/** Signed-in pages: without a session, to the login page (the cooperative's own one inside /k/<slug>/). */
export function RequireSession({ children, loginPath = "/masuk" }: { children: ReactNode; loginPath?: string }) {
  const session = useSession();
  const location = useLocation();
  // Offline before the session is known: the shell has opened from the cache, the server cannot be asked.
  const offline = (session.isPending && session.fetchStatus === "paused") || (isApiError(session.error) && session.error.code === "network_error");
  if (offline) {
    return (
      <PublicLayout offlineNoticeInContent>
        <OfflineNotice always />
        <OfflineMemberCards />
      </PublicLayout>
    );
  }
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) {
    return (
      <PublicLayout>
        <ErrorAlert error={session.error} />
      </PublicLayout>
    );
  }
  if (!session.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={loginPath === "/masuk" ? `/masuk?next=${next}` : loginPath} replace />;
  }
  return <>{children}</>;
}
