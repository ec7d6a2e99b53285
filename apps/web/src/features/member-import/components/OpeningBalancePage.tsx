import { Alert, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { dryRunOpeningBalance, postOpeningBalance, type OpeningBalanceInput } from "../api/member-import";
import { parseMemberBalances, parseTrialBalance } from "../opening-balance-text";
import { DateField } from "../../../components/DateField";

// Go-live (saldo awal): the trial balance and members' balances pasted from
// the cooperative's spreadsheet, checked (dry run), then posted once as the
// opening entry. One Idempotency-Key per filled-in form, so a double click or
// a retry after a lost answer posts once.

export function OpeningBalancePage() {
  const { t } = useTranslation();
  useDocumentTitle(t("openingBalance.title"));
  const { koperasiId } = useAppContext();
  const [goLiveDate, setGoLiveDate] = useState("");
  const [trialText, setTrialText] = useState("");
  const [memberText, setMemberText] = useState("");
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const trial = useMemo(() => parseTrialBalance(trialText), [trialText]);
  const members = useMemo(() => parseMemberBalances(memberText), [memberText]);
  const input: OpeningBalanceInput = { goLiveDate, trialBalance: trial.rows, memberBalances: members.rows };
  const check = useMutation({ mutationFn: () => dryRunOpeningBalance(koperasiId, input) });
  const post = useMutation({ mutationFn: () => postOpeningBalance(koperasiId, input, idempotencyKey) });
  const edited = () => {
    check.reset();
    post.reset();
    setIdempotencyKey(crypto.randomUUID());
  };
  const unreadable = [...trial.unreadable.map((line) => t("openingBalance.unreadableTrial", { line })), ...members.unreadable.map((line) => t("openingBalance.unreadableMember", { line }))];
  const clean = check.data !== undefined && check.data.problems.length === 0;

  return (
    <Stack>
      <Title order={2}>{t("openingBalance.title")}</Title>
      <Text>{t("openingBalance.intro")}</Text>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <DateField label={t("openingBalance.goLiveDate")} value={goLiveDate} onChange={(date) => (setGoLiveDate(date), edited())} required data-testid="golive-date" />
          <Textarea label={t("openingBalance.trialBalance")} description={t("openingBalance.trialHint")} autosize minRows={5} value={trialText} onChange={(e) => (setTrialText(e.currentTarget.value), edited())} data-testid="golive-trial" />
          <Textarea label={t("openingBalance.memberBalances")} description={t("openingBalance.memberHint")} autosize minRows={5} value={memberText} onChange={(e) => (setMemberText(e.currentTarget.value), edited())} data-testid="golive-members" />
          {unreadable.length > 0 && (
            <Alert color="yellow">
              {unreadable.map((line) => (
                <div key={line}>{line}</div>
              ))}
            </Alert>
          )}
          <Group gap="xs">
            <Button disabled={!goLiveDate || trial.rows.length === 0 || unreadable.length > 0} loading={check.isPending} onClick={() => check.mutate()} data-testid="golive-check">
              {t("openingBalance.check")}
            </Button>
            {clean && !post.data && (
              <Button color="green" loading={post.isPending} onClick={() => post.mutate()} data-testid="golive-post">
                {t("openingBalance.post")}
              </Button>
            )}
          </Group>
          <ErrorAlert error={check.error ?? post.error} showFieldErrors />
          {check.data && (
            <Text size="sm">{t("openingBalance.summary", { debit: check.data.totalDebit.toLocaleString("id-ID"), credit: check.data.totalCredit.toLocaleString("id-ID"), lines: check.data.lines, open: check.data.memberAccountsToOpen })}</Text>
          )}
          {check.data && check.data.problems.length > 0 && (
            <Table striped withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("openingBalance.section")}</Table.Th>
                  <Table.Th>{t("openingBalance.line")}</Table.Th>
                  <Table.Th>{t("memberImport.problem")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {check.data.problems.map((problem, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>{t(problem.section === "trialBalance" ? "openingBalance.trialBalance" : "openingBalance.memberBalances")}</Table.Td>
                    <Table.Td>{problem.index ?? "–"}</Table.Td>
                    <Table.Td>{problem.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {post.data && (
            <Alert color="green" data-testid="golive-done">
              {t("openingBalance.posted", { voucher: post.data.voucherNo, date: post.data.businessDate, open: post.data.memberAccountsOpened })}
            </Alert>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
