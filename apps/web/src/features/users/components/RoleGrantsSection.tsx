import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatDateTime } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useAppContext, useCan } from "../../shell/hooks/useAppContext";
import { useDecideRoleGrant, useRoleGrants } from "../hooks/useUsers";

const STATUS_COLOR = { pending: "yellow", approved: "green", rejected: "gray" } as const;

/**
 * Grants of money or admin roles waiting for a second person, and the latest
 * decisions. Who may decide acts here; the server refuses her own requests
 * and grants to herself, and says so.
 */
export function RoleGrantsSection() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { koperasiId } = useAppContext();
  const can = useCan();
  const grants = useRoleGrants(koperasiId);
  const decide = useDecideRoleGrant(koperasiId);
  const approver = can("users.approve_role_grant");
  return (
    <Paper withBorder p="md" component="section" aria-label={t("roleGrants.title")} data-testid="role-grants">
      <Stack>
        <Title order={2} size="h4">
          {t("roleGrants.title")}
        </Title>
        <Text size="sm">{t("roleGrants.intro")}</Text>
        <ErrorAlert error={grants.error ?? decide.error} />
        {grants.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("roleGrants.none")}
          </Text>
        )}
        {(grants.data ?? []).map((g) => (
          <Stack key={g.id} gap={4} data-testid="role-grant" data-status={g.status}>
            <Group gap="xs">
              <Text fw={500}>{g.subjectName}</Text>
              <Badge color={STATUS_COLOR[g.status]}>{t(`roleGrants.${g.status}`)}</Badge>
              <Badge variant="outline">{g.kind === "term" ? t("roleGrants.kindTerm") : t("roleGrants.kindUserRoles")}</Badge>
            </Group>
            <Text size="sm">{t("roleGrants.grants", { grants: g.grants.join(", ") })}</Text>
            <Text size="xs" c="dimmed">
              {t("roleGrants.requested", { by: g.requestedByName, at: formatDateTime(g.requestedAt, "Asia/Jakarta", language) })}
            </Text>
            {approver && g.status === "pending" && (
              <Group gap="xs">
                <Button
                  size="xs"
                  aria-label={t("roleGrants.approveFor", { name: g.subjectName })}
                  loading={decide.isPending && decide.variables.id === g.id}
                  onClick={() => decide.mutate({ id: g.id, decision: "approve" })}
                >
                  {t("roleGrants.approve")}
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  aria-label={t("roleGrants.rejectFor", { name: g.subjectName })}
                  onClick={() => decide.mutate({ id: g.id, decision: "reject" })}
                >
                  {t("roleGrants.reject")}
                </Button>
              </Group>
            )}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
