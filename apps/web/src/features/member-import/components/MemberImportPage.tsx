import { Alert, Anchor, Badge, Button, FileInput, Group, Paper, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { queryKeys } from "../../../api/keys";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import { dryRunMemberImport, fetchImportJob, memberBookUrl, startMemberImport, templateUrl, type DryRunReport } from "../api/member-import";

// Importing the member list a cooperative kept in a spreadsheet: download the
// template, upload it filled in, read the dry run's problems by row and
// column, import when there are none, and watch the progress bar.

function ProblemTable({ report }: { report: DryRunReport }) {
  const { t } = useTranslation();
  if (report.problems.length === 0) return null;
  return (
    <Table striped withTableBorder data-testid="import-problems">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t("memberImport.row")}</Table.Th>
          <Table.Th>{t("memberImport.column")}</Table.Th>
          <Table.Th>{t("memberImport.problem")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.problems.map((problem, index) => (
          <Table.Tr key={index} data-testid="import-problem">
            <Table.Td>{problem.row}</Table.Td>
            <Table.Td>{problem.column ?? "–"}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Badge color={problem.severity === "error" ? "red" : "yellow"} variant="light">
                  {t(problem.severity === "error" ? "memberImport.error" : "memberImport.warning")}
                </Badge>
                <Text size="sm">{problem.message}</Text>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ImportProgress({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: ["member-import", koperasiId, jobId],
    queryFn: () => fetchImportJob(koperasiId, jobId),
    refetchInterval: (query) => (query.state.data?.status === "running" ? 1000 : false),
  });
  const finished = job.data?.status === "done";
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: queryKeys.members(koperasiId) });
  }, [finished, koperasiId, queryClient]);
  if (job.error) return <ErrorAlert error={job.error} />;
  if (!job.data) return null;
  const { status, rowsDone, rowsTotal } = job.data;
  const percent = rowsTotal === 0 ? 100 : Math.round((rowsDone / rowsTotal) * 100);
  return (
    <Stack gap="xs" data-testid="import-progress">
      <Progress value={status === "done" ? 100 : percent} animated={status === "running"} color={status === "failed" ? "red" : undefined} />
      <Text size="sm">{t("memberImport.progress", { done: status === "done" ? rowsTotal : rowsDone, total: rowsTotal })}</Text>
      {status === "done" && (
        <Alert color="green" data-testid="import-done">
          {t("memberImport.done", { count: rowsTotal })}{" "}
          <Anchor component={Link} to={path("anggota")}>
            {t("memberImport.seeMembers")}
          </Anchor>
        </Alert>
      )}
      {status === "failed" && <Alert color="red">{job.data.errorMessage}</Alert>}
    </Stack>
  );
}

export function MemberImportPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("memberImport.title"));
  const { koperasiId } = useAppContext();
  const can = useCan();
  const [file, setFile] = useState<File | null>(null);
  const dryRun = useMutation({ mutationFn: (chosen: File) => dryRunMemberImport(koperasiId, chosen) });
  const start = useMutation({ mutationFn: (chosen: File) => startMemberImport(koperasiId, chosen) });
  const report = dryRun.data;
  const ready = report !== undefined && report.errors === 0 && report.rowsReady > 0;

  return (
    <Stack>
      <Title order={2}>{t("memberImport.title")}</Title>
      {can("members.create") && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Text>{t("memberImport.intro")}</Text>
            <Group gap="xs">
              <Button component="a" href={templateUrl(koperasiId, "xlsx")} variant="light" data-testid="template-xlsx">
                {t("memberImport.templateXlsx")}
              </Button>
              <Button component="a" href={templateUrl(koperasiId, "csv")} variant="subtle">
                {t("memberImport.templateCsv")}
              </Button>
            </Group>
            <FileInput
              label={t("memberImport.file")}
              placeholder={t("memberImport.filePlaceholder")}
              accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(chosen) => {
                setFile(chosen);
                dryRun.reset();
                start.reset();
              }}
              data-testid="import-file"
            />
            <Group gap="xs">
              <Button disabled={!file} loading={dryRun.isPending} onClick={() => file && dryRun.mutate(file)} data-testid="import-check">
                {t("memberImport.check")}
              </Button>
              {ready && !start.data && (
                <Button color="green" loading={start.isPending} onClick={() => file && start.mutate(file)} data-testid="import-confirm">
                  {t("memberImport.confirm", { count: report.rowsReady })}
                </Button>
              )}
            </Group>
            <ErrorAlert error={dryRun.error ?? start.error} />
            {report && (
              <Text size="sm" data-testid="import-summary">
                {t("memberImport.summary", { rows: report.rowsTotal, ready: report.rowsReady, errors: report.errors, warnings: report.warnings })}
              </Text>
            )}
            {report && <ProblemTable report={report} />}
            {start.data?.alreadySubmitted && <Alert color="blue">{t("memberImport.alreadySubmitted")}</Alert>}
            {start.data && <ImportProgress jobId={start.data.id} />}
          </Stack>
        </Paper>
      )}
      {can("members.view") && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Title order={4}>{t("memberImport.bookTitle")}</Title>
            <Text size="sm">{t("memberImport.bookIntro")}</Text>
            <Group gap="xs">
              <Button component="a" href={memberBookUrl(koperasiId, "xlsx")} variant="light" data-testid="book-xlsx">
                {t("memberImport.bookXlsx")}
              </Button>
              <Button component="a" href={memberBookUrl(koperasiId, "pdf")} variant="light" data-testid="book-pdf">
                {t("memberImport.bookPdf")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
