import { Alert, type MantineSpacing } from "@mantine/core";
import { useNetwork } from "@mantine/hooks";
import { useTranslation } from "react-i18next";

/** Shown while the phone has no connection: the app shell still opens, but nothing new can load or be saved. */
export function OfflineNotice({ always = false, mb }: { always?: boolean; mb?: MantineSpacing }) {
  const { t } = useTranslation();
  const { online } = useNetwork();
  if (online && !always) return null;
  return (
    <Alert color="gray" variant="light" title={t("offline.title")} role="status" data-testid="offline-notice" mb={mb}>
      {t("offline.body")}
    </Alert>
  );
}
