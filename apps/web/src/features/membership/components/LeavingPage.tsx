import { Alert, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatMoney, todayIn } from "../../../lib/format";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useGlAccounts } from "../../ledger/hooks/useLedger";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { fetchHeirs, type SettlementBody } from "../api/membership";
import { useLeaveCooperative, usePostSettlement, usePreviewSettlement } from "../hooks/useMembership";
import { DateField } from "../../../components/DateField";

type LeavingAs = SettlementBody["leavingAs"];

/**
 * A member leaves: choose why and where her money goes, see the settlement
 * the ledger will post, confirm it, then record the leaving. The server
 * refuses leaving while any account still holds money.
 */
export function LeavingPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("membership.leave.title"));
  const { koperasiId } = useAppContext();
  const profile = useProfile(koperasiId);
  const { memberId = "" } = useParams();
  const accounts = useGlAccounts(koperasiId);
  const heirs = useQuery({ queryKey: ["koperasi", koperasiId, "members", memberId, "heirs"], queryFn: () => fetchHeirs(koperasiId, memberId) });
  const [leavingAs, setLeavingAs] = useState<LeavingAs>("keluar");
  const [creditAccountId, setCreditAccountId] = useState<string | null>(null);
  const [heirId, setHeirId] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [effectiveOn, setEffectiveOn] = useState(() => todayIn(profile.data?.timeZone ?? "Asia/Jakarta"));
  const preview = usePreviewSettlement(koperasiId, memberId);
  const settle = usePostSettlement(koperasiId, memberId);
  const leave = useLeaveCooperative(koperasiId, memberId);

  const payoutAccounts = (accounts.data ?? [])
    .filter((a) => a.status === "open" && !a.isGroup && !a.isControl && (a.type === "aset" || a.type === "liabilitas"))
    .map((a) => ({ value: a.id, label: `${a.code} ${a.name}` }));
  const body: SettlementBody | null = creditAccountId ? { leavingAs, creditAccountId, ...(leavingAs === "meninggal" && heirId ? { heirId } : {}) } : null;
  const nothingToSettle = preview.data !== undefined && preview.data.postings.length === 0;

  if (leave.data) {
    return (
      <Alert color="green" role="status">
        {t("membership.leave.done", { date: leave.data.effectiveOn, count: leave.data.accountsClosed })}
      </Alert>
    );
  }

  return (
    <Stack>
      <Title order={1} size="h2">
        {t("membership.leave.title")}
      </Title>
      <Paper withBorder p="md">
        <Stack>
          <Select
            label={t("membership.leave.leavingAs")}
            value={leavingAs}
            onChange={(value) => value && setLeavingAs(value as LeavingAs)}
            data={(["keluar", "meninggal", "diberhentikan"] as const).map((value) => ({ value, label: t(`membership.leavingAs.${value}`) }))}
            allowDeselect={false}
          />
          <Select label={t("membership.leave.payoutAccount")} description={t("membership.leave.payoutHint")} value={creditAccountId} onChange={setCreditAccountId} data={payoutAccounts} searchable />
          {leavingAs === "meninggal" && (
            <Select
              label={t("membership.leave.heir")}
              value={heirId}
              onChange={setHeirId}
              data={(heirs.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.fullName} (${h.relationship})` }))}
            />
          )}
          <Group>
            <Button variant="light" disabled={!body} loading={preview.isPending} onClick={() => body && preview.mutate(body)}>
              {t("membership.leave.preview")}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <ErrorAlert error={preview.error ?? settle.error ?? leave.error} showFieldErrors />
      {preview.data && (
        <Paper withBorder p="md">
          <Stack>
            <Title order={2} size="h4">
              {t("membership.leave.previewTitle")}
            </Title>
            {nothingToSettle && <Text>{t("membership.leave.nothingDue")}</Text>}
            {preview.data.postings.map((posting) => (
              <Stack key={posting.step} gap="xs">
                <Text fw={600}>{posting.description}</Text>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("membership.leave.account")}</Table.Th>
                      <Table.Th ta="right">{t("membership.leave.debit")}</Table.Th>
                      <Table.Th ta="right">{t("membership.leave.credit")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {posting.lines.map((line, index) => (
                      <Table.Tr key={index}>
                        <Table.Td>{line.accountCode}</Table.Td>
                        <Table.Td ta="right">{line.debit ? formatMoney(line.debit) : ""}</Table.Td>
                        <Table.Td ta="right">{line.credit ? formatMoney(line.credit) : ""}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            ))}
            {preview.data.unsettled.length > 0 && (
              <Alert color="orange" title={t("membership.leave.unsettled")}>
                {preview.data.unsettled.map((a) => `${a.accountCode} ${a.accountName}: ${formatMoney(a.balance)}`).join("; ")}
              </Alert>
            )}
            {!nothingToSettle && !settle.data && (
              <Group>
                <Button color="orange" loading={settle.isPending} onClick={() => body && settle.mutate(body, { onSuccess: () => preview.mutate(body) })}>
                  {t("membership.leave.settle")}
                </Button>
              </Group>
            )}
            {settle.data && <Text c="green">{t("membership.leave.settled", { vouchers: settle.data.entries.map((e) => e.voucherNo).join(", ") })}</Text>}
          </Stack>
        </Paper>
      )}
      {(nothingToSettle || settle.data) && (
        <Paper withBorder p="md">
          <Stack>
            <DateField label={t("membership.leave.effectiveOn")} value={effectiveOn} onChange={setEffectiveOn} />
            <TextInput label={t("membership.leave.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
            <Group>
              <Button color="red" loading={leave.isPending} onClick={() => leave.mutate({ status: leavingAs, effectiveOn, reason })}>
                {t("membership.leave.confirm")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
