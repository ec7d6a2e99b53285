import { Alert, Anchor, Badge, Button, Checkbox, Group, Modal, NativeSelect, Paper, Stack, Table, TagsInput, Text, Title, Tooltip, VisuallyHidden } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ROLE_VALUES, UpdateKoperasiUser } from "@koperasi/contracts";
import { STANDARD_POSITIONS } from "@koperasi/domain";
import { fieldErrorsFromIssues, type FieldErrors } from "../../../api/problem";
import type { KoperasiUser, TenantRole } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { positionLabel, roleLabel } from "../../../lib/labels";
import { useLanguage } from "../../../lib/useLanguage";
import type { Language } from "../../../i18n";
import { useAppContext, useAppPath } from "../../shell/hooks/useAppContext";
import { useUpdateUser, useUsers } from "../hooks/useUsers";
import { hasTermGrants, keptByTerm, roleBadges, type RoleBadge } from "../term-grants";

export function UsersSection() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { koperasiId } = useAppContext();
  const users = useUsers(koperasiId, true);
  const [editing, setEditing] = useState<KoperasiUser | null>(null);
  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t("users.usersTitle")}
        </Title>
        <ErrorAlert error={users.error} />
        {users.data && users.data.length === 0 && <Text c="dimmed">{t("users.empty")}</Text>}
        {users.data?.some(hasTermGrants) && (
          <Text size="xs" c="dimmed">
            {t("users.fromTermLegend")}
          </Text>
        )}
        {users.data && users.data.length > 0 && (
          // Two columns that fit a phone: who she is with her roles beneath, then her status and the edit button.
          <Table striped data-testid="users-table" layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  {t("fields.fullName")} · {t("users.roles")}
                </Table.Th>
                <Table.Th w={104}>{t("users.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>
                    <Text size="sm" fw={600}>
                      {user.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {user.email}
                    </Text>
                    <Group gap={4} mt={4}>
                      {roleBadges(user).map((badge) => (
                        <UserRoleBadge key={`${badge.fromTerm ? "term" : "stored"}:${badge.kind}:${badge.value}`} badge={badge} language={language} />
                      ))}
                    </Group>
                    <Text size="xs" c="dimmed" mt={4}>
                      {t("users.twoFactor")}: {user.twoFactorEnabled ? t("common.yes") : t("common.no")}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={6} align="flex-start">
                      <Badge color={user.status === "active" ? "green" : "gray"} variant="light" miw="max-content" data-testid="user-status">
                        {t(`users.statusValue.${user.status}`)}
                      </Badge>
                      <Button size="xs" variant="light" onClick={() => setEditing(user)} aria-label={t("users.editUser", { name: user.name })}>
                        {t("common.edit")}
                      </Button>
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? t("users.editUser", { name: editing.name }) : ""}>
        {editing && <EditUserForm key={editing.id} user={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Paper>
  );
}

const badgeLabel = (badge: RoleBadge, language: Language) => (badge.kind === "role" ? roleLabel(badge.value, language) : positionLabel(badge.value, language));

/** A stored role or position as a plain badge; one a term of office gives as a dotted badge that says so. */
function UserRoleBadge({ badge, language }: { badge: RoleBadge; language: Language }) {
  const { t } = useTranslation();
  const label = badgeLabel(badge, language);
  if (!badge.fromTerm) return <Badge variant={badge.kind === "role" ? "light" : "outline"} miw="max-content">
      {label}
    </Badge>;
  return (
    <Tooltip label={t("users.fromTerm")} events={{ hover: true, focus: true, touch: true }}>
      <Badge variant="dot" color="grape" tabIndex={0} miw="max-content" data-testid="term-grant-badge">
        {label}
        <VisuallyHidden>, {t("users.fromTerm")}</VisuallyHidden>
      </Badge>
    </Tooltip>
  );
}

function EditUserForm({ user, onDone }: { user: KoperasiUser; onDone: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const update = useUpdateUser(koperasiId);
  const termGrants = roleBadges(user)
    .filter((badge) => badge.fromTerm)
    .map((badge) => badgeLabel(badge, language))
    .join(", ");
  const [roles, setRoles] = useState<string[]>(user.roles);
  const [positions, setPositions] = useState<string[]>(user.positions);
  const [status, setStatus] = useState<string>(user.status);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [awaiting, setAwaiting] = useState(false);

  const save = () => {
    const parsed = UpdateKoperasiUser.safeParse({ roles, positions: roles.includes("pengurus") ? positions : [], status });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    update.mutate({ id: user.id, body: parsed.data }, { onSuccess: (answer) => ("status" in answer ? setAwaiting(true) : onDone()) });
  };

  return (
    <Stack>
      {awaiting && (
        <Alert variant="light" color="yellow" role="status" data-testid="role-change-awaiting">
          {t("roleGrants.awaiting", { name: user.name })}
        </Alert>
      )}
      <Checkbox.Group label={t("users.roles")} value={roles} onChange={setRoles} error={errors.roles}>
        <Stack gap={6} mt={6}>
          {ROLE_VALUES.map((role: TenantRole) => (
            <Checkbox
              key={role}
              value={role}
              label={roleLabel(role, language)}
              description={keptByTerm(user, role) ? t("users.keptByTerm") : undefined}
              name="roles"
            />
          ))}
        </Stack>
      </Checkbox.Group>
      {roles.includes("pengurus") && (
        <TagsInput
          name="positions"
          label={t("users.positions")}
          description={t("users.positionsHint")}
          data={STANDARD_POSITIONS.map((p) => ({ value: p, label: positionLabel(p, language) }))}
          value={positions}
          onChange={setPositions}
          maxTags={5}
          error={errors.positions}
        />
      )}
      {hasTermGrants(user) && (
        <Alert variant="light" color="grape" title={t("users.termGrantsTitle")} data-testid="term-grants-note">
          <Stack gap={4}>
            <Text size="sm">{t("users.termGrantsNote", { grants: termGrants })}</Text>
            <Anchor component={Link} to={path("struktur")} size="sm" onClick={onDone}>
              {t("users.openStructure")}
            </Anchor>
          </Stack>
        </Alert>
      )}
      <NativeSelect
        name="status"
        label={t("users.status")}
        value={status}
        onChange={(event) => setStatus(event.currentTarget.value)}
        data={[
          { value: "active", label: t("users.statusValue.active") },
          { value: "disabled", label: t("users.statusValue.disabled") },
        ]}
      />
      <ErrorAlert error={update.error} showFieldErrors />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t("common.cancel")}
        </Button>
        <Button onClick={save} loading={update.isPending}>
          {t("common.save")}
        </Button>
      </Group>
    </Stack>
  );
}
