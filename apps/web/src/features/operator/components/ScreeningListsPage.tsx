import { Anchor, Button, FileInput, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
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
      <Anchor component={Link} to="/operator" size="sm" data-testid="back-to-operator">
        ← {t("nav.operator")}
      </Anchor>
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
        // One row per version, its figures beneath: fits a phone without sideways scrolling.
        <Stack gap={0} role="list" aria-label={t("membership.lists.title")} data-testid="screening-lists">
          {lists.data.items.map((version, i) => (
            <div key={version.id} role="listitem" style={{ borderTop: i > 0 ? "1px solid var(--mantine-color-gray-3)" : undefined, paddingBlock: 6, overflowWrap: "anywhere" }}>
              <Text size="sm" fw={600}>
                {version.listName} · {t("membership.lists.version")} {version.version}
              </Text>
              <Text size="xs" c="dimmed">
                {t("membership.lists.entries")}: {version.entryCount} · {t("membership.lists.cooperatives")}: {version.cooperativesScreened} ·{" "}
                {t("membership.lists.matches")}: {version.matchesHeld}
              </Text>
            </div>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
