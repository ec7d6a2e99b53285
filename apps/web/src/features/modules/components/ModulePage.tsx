import { Alert, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { FullPageLoader } from "../../../components/FullPageLoader";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { moduleDescription, moduleName } from "../../../lib/labels";
import { useLanguage } from "../../../lib/useLanguage";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { useModuleStatus } from "../hooks/useModules";

/** A module's page asks the server whether the module is on; a switched-off module shows the server's refusal. */
export function ModulePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { module = "" } = useParams();
  const { koperasiId } = useAppContext();
  const status = useModuleStatus(koperasiId, module);
  const name = moduleName(module, language);
  useDocumentTitle(name);
  return (
    <Stack>
      <Title order={1} size="h2">
        {name}
      </Title>
      <Text c="dimmed">{moduleDescription(module, language)}</Text>
      {status.isPending && <FullPageLoader />}
      <ErrorAlert error={status.error} title={t("modules.unavailable")} />
      {status.data && (
        <Alert color="green" variant="light" data-testid="module-status">
          {t("modules.active", { name })}
        </Alert>
      )}
    </Stack>
  );
}
