import { Button, FileInput, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useScreeningLists, useUploadScreeningList } from "../../membership/hooks/useMembership";

/** /operator/penyaringan: the operator uploads a new version of a screening list (CSV) and watches every cooperative being screened. */
export function ScreeningListsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("membership.lists.title"));
  const lists = useScreeningLists();
  const upload = useUploadScreeningList();
  const [listName, setListName] = useState("DTTOT");
  const [file, setFile] = useState<File | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    upload.mutate({ listName, csv: await file.text() });
  };

  return (
    <Stack p="md" maw={900} mx="auto">
      <Title order={1} size="h2">
        {t("membership.lists.title")}
      </Title>
      <Text c="dimmed">{t("membership.lists.intro")}</Text>
      <Paper withBorder p="md">
        <form onSubmit={(event) => void onSubmit(event)}>
          <Stack>
            <TextInput label={t("membership.lists.name")} value={listName} onChange={(e) => setListName(e.currentTarget.value)} required />
            <FileInput label={t("membership.lists.file")} accept=".csv,text/csv" value={file} onChange={setFile} required />
            <ErrorAlert error={upload.error} showFieldErrors />
            <Button type="submit" loading={upload.isPending} disabled={!file}>
              {t("membership.lists.upload")}
            </Button>
          </Stack>
        </form>
      </Paper>
      <ErrorAlert error={lists.error} />
      {lists.data && (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("membership.lists.name")}</Table.Th>
              <Table.Th>{t("membership.lists.version")}</Table.Th>
              <Table.Th>{t("membership.lists.entries")}</Table.Th>
              <Table.Th>{t("membership.lists.cooperatives")}</Table.Th>
              <Table.Th>{t("membership.lists.matches")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lists.data.items.map((version) => (
              <Table.Tr key={version.id}>
                <Table.Td>{version.listName}</Table.Td>
                <Table.Td>{version.version}</Table.Td>
                <Table.Td>{version.entryCount}</Table.Td>
                <Table.Td>{version.cooperativesScreened}</Table.Td>
                <Table.Td>{version.matchesHeld}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
