import { Alert, Button, Stack } from "@mantine/core";
import { createContext, useContext } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useParams } from "react-router-dom";
import { isApiError } from "../../../api/problem";
import type { PublicKoperasi } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { FullPageLoader } from "../../../components/FullPageLoader";
import { PublicLayout } from "../../../components/PublicLayout";
import { useHeadLink } from "../../../lib/useHeadLink";
import { useBrandColor } from "../../../theme/BrandProvider";
import { iconHref, manifestHref } from "../api/public";
import { usePublicKoperasi } from "../hooks/usePublicKoperasi";

// Everything under /k/<slug>/ belongs to one cooperative's own installable
// app: its manifest (id and scope /k/<slug>/), its icon and its colour. The
// signed-in app is mounted again under /k/<slug>/app so an installed
// cooperative app never navigates out of its scope.

const KoperasiScopeContext = createContext<PublicKoperasi | null>(null);

/** The cooperative whose own app (/k/<slug>/…) is open, or null in the platform app. */
export function useKoperasiScope(): PublicKoperasi | null {
  return useContext(KoperasiScopeContext);
}

export function KoperasiScope() {
  const { t } = useTranslation();
  const { slug = "" } = useParams();
  const koperasi = usePublicKoperasi(slug);
  useHeadLink("manifest", slug ? manifestHref(slug) : null);
  useHeadLink("apple-touch-icon", slug ? iconHref(slug, 192) : null);
  useBrandColor(koperasi.data?.primaryColor);

  if (koperasi.isPending) return <FullPageLoader />;
  // Offline, the remembered copy will do; a cooperative the server no longer knows will not.
  const gone = isApiError(koperasi.error) && koperasi.error.status === 404;
  if (!koperasi.data || gone) {
    return (
      <PublicLayout>
        <Stack>
          <ErrorAlert error={koperasi.error} title={t("koperasiPage.notFound")} />
          <Alert variant="light">{t("koperasiPage.notFoundHint")}</Alert>
          <Button component={Link} to="/" variant="light">
            {t("common.toHome")}
          </Button>
        </Stack>
      </PublicLayout>
    );
  }
  return (
    <KoperasiScopeContext.Provider value={koperasi.data}>
      <Outlet />
    </KoperasiScopeContext.Provider>
  );
}
