import { NativeSelect } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useSwitchKoperasi } from "../../auth/hooks/useSession";
import { useAppContext } from "../hooks/useAppContext";

/** For a person in several cooperatives: which one the app is showing. */
export function KoperasiSwitcher({ inScope }: { inScope: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { session, koperasiId } = useAppContext();
  const switcher = useSwitchKoperasi();
  if (session.memberships.length < 2) return null;
  return (
    <>
      <NativeSelect
        label={t("shell.switchKoperasi")}
        name="activeKoperasi"
        value={koperasiId}
        disabled={switcher.isPending}
        onChange={(event) => {
          const next = session.memberships.find((m) => m.koperasiId === event.currentTarget.value);
          if (!next) return;
          switcher.mutate(next.koperasiId, { onSuccess: () => navigate(inScope ? `/k/${next.slug}/app` : "/app") });
        }}
        data={session.memberships.map((m) => ({ value: m.koperasiId, label: m.name }))}
      />
      <ErrorAlert error={switcher.error} />
    </>
  );
}
