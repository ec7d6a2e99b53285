import { Card, Group, Stack, Switch, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ModuleState } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { moduleDescription, moduleName } from "../../../lib/labels";
import { useLanguage } from "../../../lib/useLanguage";
import { useModules, useSetModule } from "../../modules/hooks/useModules";
import { useAppContext } from "../../shell/hooks/useAppContext";

/** Pengaturan › Modul: one switch per optional module. */
export function ModuleSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("modules.title"));
  const { koperasiId } = useAppContext();
  const modules = useModules(koperasiId);
  const setModule = useSetModule(koperasiId);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("modules.title")}
      </Title>
      <Text c="dimmed" size="sm">
        {t("modules.intro")}
      </Text>
      <ErrorAlert error={modules.error} />
      <ErrorAlert error={setModule.error} />
      {(modules.data ?? []).map((m) => (
        <ModuleRow key={m.id} module={m} onChange={(enabled) => setModule.mutate({ module: m.id, enabled })} />
      ))}
    </Stack>
  );
}

function ModuleRow({ module, onChange }: { module: ModuleState; onChange: (enabled: boolean) => void }) {
  const { t } = useTranslation();
  // The switch moves the moment it is tapped; the shared query (and with it the menu) follows a moment later.
  const [checked, setChecked] = useState(module.enabled);
  useEffect(() => setChecked(module.enabled), [module.enabled]);
  const language = useLanguage();
  const name = moduleName(module.id, language);
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={600}>{name}</Text>
          <Text size="sm" c="dimmed">
            {moduleDescription(module.id, language)}
          </Text>
        </div>
        <Switch
          name={`module-${module.id}`}
          aria-label={t("modules.switchLabel", { name })}
          checked={checked}
          onChange={(event) => {
            const next = event.currentTarget.checked;
            setChecked(next);
            onChange(next);
          }}
          size="md"
          onLabel={t("modules.on")}
          offLabel={t("modules.off")}
        />
      </Group>
    </Card>
  );
}
