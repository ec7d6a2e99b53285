import { List, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { useProcessingRecord } from "../hooks/usePrivacy";

/** The cooperative's record of processing activities (UU 27/2022 art. 31), made from its modules; printable as it is. */
export function ProcessingRecordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("privacy.recordTitle"));
  const { koperasiId } = useAppContext();
  const record = useProcessingRecord(koperasiId);
  return (
    <Stack maw={860}>
      <Title order={1} size="h3">
        {t("privacy.recordTitle")}
      </Title>
      <ErrorAlert error={record.error} />
      {record.data && (
        <>
          <Text size="sm" c="dimmed">
            {t("privacy.recordIntro", { name: record.data.koperasi.name, address: record.data.koperasi.address })}
          </Text>
          {record.data.activities.map((a) => (
            <Paper key={a.id} withBorder p="md" data-testid="processing-activity">
              <Stack gap={4}>
                <Title order={2} size="h5">
                  {a.name}
                </Title>
                <Text size="sm">{a.purpose}</Text>
                <Text size="sm">
                  <b>{t("privacy.basis")}:</b> {a.basisText}
                </Text>
                <Text size="sm">
                  <b>{t("privacy.subjects")}:</b> {a.subjects}
                </Text>
                <Text size="sm" fw={700}>
                  {t("privacy.dataKinds")}:
                </Text>
                <List size="sm">
                  {a.data.map((d) => (
                    <List.Item key={d}>{d}</List.Item>
                  ))}
                </List>
                <Text size="sm">
                  <b>{t("privacy.recipients")}:</b> {a.recipients}
                </Text>
                <Text size="sm">
                  <b>{t("privacy.retention")}:</b> {a.retention}
                </Text>
                <Text size="sm">
                  <b>{t("privacy.safeguards")}:</b> {a.safeguards}
                </Text>
              </Stack>
            </Paper>
          ))}
        </>
      )}
    </Stack>
  );
}
