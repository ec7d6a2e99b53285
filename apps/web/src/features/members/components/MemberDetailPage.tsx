import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import { useMember } from "../hooks/useMembers";
import { EditMemberForm } from "./EditMemberForm";
import { MemberFields } from "./MemberFields";
import { MemberFiles } from "./MemberFiles";
import { MemberHeirs } from "./MemberHeirs";
import { MemberStatusBadge } from "./MemberStatusBadge";
import { MemberStatusHistory } from "./MemberStatusHistory";

/** One member's whole record for staff: data, status history, heirs, photo and KTP, and the way to correct them. */
export function MemberDetailPage() {
  const { t } = useTranslation();
  const { memberId = "" } = useParams();
  const { koperasiId } = useAppContext();
  const can = useCan();
  const path = useAppPath();
  const member = useMember(koperasiId, memberId);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  useDocumentTitle(member.data?.fullName ?? t("registry.detailTitle"));
  const canEdit = can("members.update");

  return (
    <Stack>
      <Anchor component={Link} to={path("anggota")} size="sm">
        ← {t("registry.backToList")}
      </Anchor>
      <ErrorAlert error={member.error} />
      {member.isPending && <Text c="dimmed">{t("common.loading")}</Text>}
      {member.data && (
        <>
          <div>
            <Title order={1} size="h2" data-testid="member-name">
              {member.data.fullName}
            </Title>
            <Group gap={6} mt={6}>
              <Text ff="monospace" fw={700}>
                {member.data.memberNumber}
              </Text>
              <MemberStatusBadge status={member.data.status} />
              {member.data.memberType === "badan_hukum" && <Badge variant="outline">{t("registry.memberTypes.badan_hukum")}</Badge>}
            </Group>
          </div>
          {member.data.sharedPhone && (
            <Alert color="yellow" variant="light" data-testid="shared-phone-warning">
              {t("registry.sharedPhone")}
            </Alert>
          )}
          {saved && !editing && (
            <Alert color="green" variant="light" role="status" withCloseButton onClose={() => setSaved(false)}>
              {t("registry.saved")}
            </Alert>
          )}
          {editing ? (
            <EditMemberForm
              member={member.data}
              onDone={() => {
                setEditing(false);
                setSaved(true);
              }}
            />
          ) : (
            <Paper withBorder p="md">
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h4">
                  {t("registry.detailTitle")}
                </Title>
                <Group gap="xs">
                  {can("members.card_issue") && (
                    <Button component={Link} to={path(`anggota/${member.data.id}/kartu`)} size="compact-sm" variant="light" data-testid="member-card-link">
                      {t("registry.openCard")}
                    </Button>
                  )}
                  {can("members.leave") && (member.data.status === "aktif" || member.data.status === "calon") && (
                    <Button component={Link} to={path(`anggota/${member.data.id}/keluar`)} size="compact-sm" variant="light" color="red" data-testid="member-leave-link">
                      {t("membership.leave.title")}
                    </Button>
                  )}
                  {canEdit && (
                    <Button
                      size="compact-sm"
                      onClick={() => {
                        setSaved(false);
                        setEditing(true);
                      }}
                      data-testid="edit-member"
                    >
                      {t("registry.edit")}
                    </Button>
                  )}
                </Group>
              </Group>
              <MemberFields member={member.data} />
              {!member.data.identityVisible && (
                <Text size="xs" c="dimmed" mt="xs">
                  {t("registry.identityMasked")}
                </Text>
              )}
            </Paper>
          )}
          <MemberFiles member={member.data} canEdit={canEdit} />
          <MemberStatusHistory memberId={member.data.id} />
          <MemberHeirs memberId={member.data.id} canEdit={canEdit} />
        </>
      )}
    </Stack>
  );
}
