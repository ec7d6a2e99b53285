import { Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatDate } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useAppContext, useCan } from "../../shell/hooks/useAppContext";
import { useCurrentStructure, useStructureHistory } from "../hooks/useStructure";
import { AppointForm } from "./AppointForm";
import { EmployeeForm } from "./EmployeeForm";
import { EmployeeHistoryTable, TermHistoryTable } from "./HistoryTable";
import { OrgChart } from "./OrgChart";

export function StructurePage() {
  const { t } = useTranslation();
  const language = useLanguage();
  useDocumentTitle(t("structure.title"));
  const { koperasiId } = useAppContext();
  const can = useCan();
  const canManage = can("structure.manage");
  const current = useCurrentStructure(koperasiId);
  const history = useStructureHistory(koperasiId);
  const asOf = current.data?.asOf;

  return (
    <Stack>
      <Title order={1} size="h2">
        {t("structure.title")}
      </Title>
      <Text c="dimmed">{t("structure.intro")}</Text>
      <ErrorAlert error={current.error ?? history.error} />
      {current.data && (
        <>
          <Text size="sm">{t("structure.asOf", { date: formatDate(current.data.asOf, language) })}</Text>
          <OrgChart structure={current.data} canManage={canManage} />
        </>
      )}
      {!current.data && !current.error && <Text c="dimmed">{t("common.loading")}</Text>}
      {canManage && asOf && can("members.view") && <AppointForm asOf={asOf} />}
      {canManage && asOf && <EmployeeForm asOf={asOf} />}
      {history.data && asOf && (
        <Paper withBorder p="sm">
          <Stack>
            <Title order={2} size="h4">
              {t("structure.historyTitle")}
            </Title>
            <TermHistoryTable terms={history.data.terms} asOf={asOf} />
            <Title order={3} size="h5">
              {t("structure.employeeHistory")}
            </Title>
            <EmployeeHistoryTable employees={history.data.employees} asOf={asOf} />
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
