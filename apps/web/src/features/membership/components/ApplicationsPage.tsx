import { Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useAppContext, useCan } from "../../shell/hooks/useAppContext";
import type { ApplicationState } from "../api/membership";
import { useApplications, useDecideApplication, useEnterApplication } from "../hooks/useMembership";
import { WideTable } from "../../../components/WideTable";

/** The applications queue: the counter enters one for someone without a login; a ketua or wakil ketua accepts or rejects. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("membership.queue.title"));
  const { koperasiId } = useAppContext();
  const can = useCan();
  const [state, setState] = useState<ApplicationState>("diajukan");
  const applications = useApplications(koperasiId, state);
  const decide = useDecideApplication(koperasiId);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState("");

  return (
    <Stack>
      <Title order={1} size="h2">
        {t("membership.queue.title")}
      </Title>
      {can("members.enter_application") && <EnterApplicationForm />}
      <SegmentedControl
        value={state}
        onChange={(value) => setState(value as ApplicationState)}
        data={(["diajukan", "disetujui", "ditolak"] as const).map((value) => ({ value, label: t(`membership.state.${value}`) }))}
      />
      <ErrorAlert error={applications.error ?? decide.error} />
      {applications.data?.items.length === 0 && <Text c="dimmed">{t("membership.queue.empty")}</Text>}
      {applications.data && applications.data.items.length > 0 && (
        <WideTable label={t("membership.queue.title")} minWidth={560}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("membership.fields.memberNumber")}</Table.Th>
                <Table.Th>{t("membership.fields.fullName")}</Table.Th>
                <Table.Th>{t("membership.queue.channel")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {applications.data.items.map((application) => (
                <Table.Tr key={application.id}>
                  <Table.Td>{application.memberNumber}</Table.Td>
                  <Table.Td>
                    {application.fullName}
                    {application.heldMatches > 0 && (
                      <Badge color="red" ml="xs">
                        {t("membership.queue.screeningHeld")}
                      </Badge>
                    )}
                    {application.rejectionReason && <Text size="sm" c="dimmed">{application.rejectionReason}</Text>}
                  </Table.Td>
                  <Table.Td>{t(`membership.channel.${application.channel}`)}</Table.Td>
                  <Table.Td>
                    {state === "diajukan" && can("members.approve") && (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" onClick={() => decide.mutate({ id: application.id, approve: true })} loading={decide.isPending} aria-label={t("membership.queue.approveFor", { name: application.fullName })}>
                          {t("membership.queue.approve")}
                        </Button>
                        <Button size="xs" variant="light" color="red" onClick={() => setRejecting(application.id)}>
                          {t("membership.queue.reject")}
                        </Button>
                      </Group>
                    )}
                    {rejecting === application.id && (
                      <Group gap="xs" mt="xs" wrap="nowrap">
                        <TextInput size="xs" placeholder={t("membership.queue.reason")} aria-label={t("membership.queue.reason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
                        <Button
                          size="xs"
                          color="red"
                          onClick={() => decide.mutate({ id: application.id, approve: false, reason }, { onSuccess: () => { setRejecting(null); setReason(""); } })}
                        >
                          {t("membership.queue.confirmReject")}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
    </Stack>
  );
}

function EnterApplicationForm() {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const enter = useEnterApplication(koperasiId);
  const [fullName, setFullName] = useState("");
  const [phone, setPhone] = useState("");
  const [address, setAddress] = useState("");
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    enter.mutate(
      { fullName, ...(phone ? { phone } : {}), ...(address ? { address } : {}) },
      { onSuccess: () => { setFullName(""); setPhone(""); setAddress(""); } },
    );
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit}>
        <Stack>
          <Title order={2} size="h4">
            {t("membership.queue.enterTitle")}
          </Title>
          <TextInput label={t("membership.fields.fullName")} value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} required />
          <TextInput label={t("membership.fields.phone")} value={phone} onChange={(e) => setPhone(e.currentTarget.value)} type="tel" />
          <TextInput label={t("membership.fields.address")} value={address} onChange={(e) => setAddress(e.currentTarget.value)} />
          <ErrorAlert error={enter.error} showFieldErrors />
          {enter.data && <Text c="green">{t("membership.queue.entered", { name: enter.data.fullName, number: enter.data.memberNumber })}</Text>}
          <Group>
            <Button type="submit" loading={enter.isPending}>
              {t("membership.queue.enter")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
