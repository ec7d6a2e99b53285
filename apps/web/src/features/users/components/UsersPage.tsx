import { Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useCan } from "../../shell/hooks/useAppContext";
import { InvitationsSection } from "./InvitationsSection";
import { RoleGrantsSection } from "./RoleGrantsSection";
import { UsersSection } from "./UsersSection";

/** Pengguna: who can sign in to this cooperative with which role, and who has been invited. */
export function UsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("users.title"));
  const can = useCan();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("users.title")}
      </Title>
      {(can("users.approve_role_grant") || can("users.manage_roles")) && <RoleGrantsSection />}
      {can("users.invite") && <InvitationsSection />}
      {can("users.manage_roles") && <UsersSection />}
    </Stack>
  );
}
