import { Anchor, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { ContactChangeForm } from "../../contact-change/components/ContactChangeForm";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { personalDataUrl } from "../../member-card/api/member-card";
import { MemberFields } from "../../members/components/MemberFields";
import { MemberStatusBadge } from "../../members/components/MemberStatusBadge";
import { useMember } from "../../members/hooks/useMembers";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import { HomeCard, Rows } from "./HomeCard";

/** A member's own record, one tap from her home. */
export function MyProfilePage() {
  const { t } = useTranslation();
  useDocumentTitle(t("home.myProfile"));
  return <MyMembershipCard />;
}

/** An anggota's own record: her registry data, status, card, and the download of everything kept about her. */
function MyMembershipCard() {
  const { t } = useTranslation();
  const { session, membership, koperasiId } = useAppContext();
  const can = useCan();
  const path = useAppPath();
  const member = useMember(koperasiId, membership.memberId);
  const profile = useProfile(koperasiId);
  const [changingContact, setChangingContact] = useState(false);
  const [contactChanged, setContactChanged] = useState(false);
  const openStatus = member.data?.status === "aktif" || member.data?.status === "calon";
  return (
    <HomeCard
      title={t("home.myMembership")}
      testId="home-my-membership"
      action={member.data ? <MemberStatusBadge status={member.data.status} /> : undefined}
    >
      <ErrorAlert error={member.error} />
      {member.data ? <MemberFields member={member.data} /> : <Rows rows={[[t("members.fullName"), session.user.name]]} />}
      {member.data?.sharedPhone && (
        <Text size="xs" c="dimmed" mt="xs">
          {t("registry.sharedPhone")}
        </Text>
      )}
      {!membership.memberId && (
        <Text size="sm" c="dimmed" mt="xs">
          {t("home.noMemberRecord")}
        </Text>
      )}
      {contactChanged && !changingContact && (
        <Text size="sm" c="teal" mt="xs" role="status" data-testid="contact-change-done">
          {t("contactChange.done")}
        </Text>
      )}
      {member.data && changingContact && (
        <ContactChangeForm
          koperasiId={koperasiId}
          memberId={member.data.id}
          timeZone={profile.data?.timeZone ?? "Asia/Jakarta"}
          onDone={() => setChangingContact(false)}
          onChanged={() => {
            setContactChanged(true);
            setChangingContact(false);
          }}
        />
      )}
      {member.data && (
        <Stack gap={6} mt="sm">
          {can("members.update_contact_self") && openStatus && !changingContact && (
            <Anchor
              component="button"
              type="button"
              size="sm"
              ta="left"
              onClick={() => {
                setContactChanged(false);
                setChangingContact(true);
              }}
              data-testid="home-contact-change"
            >
              {t("contactChange.open")}
            </Anchor>
          )}
          {can("members.card_self") && (
            <Anchor component={Link} to={path("kartu")} size="sm" data-testid="home-card-link">
              {t("myData.card")}
            </Anchor>
          )}
          {can("members.export_self") && (
            <div>
              <Text size="sm" fw={600}>
                {t("myData.download")}
              </Text>
              <Text size="xs" c="dimmed">
                {t("myData.downloadHint")}
              </Text>
              <Group gap="md">
                <Anchor href={personalDataUrl(koperasiId, "pdf")} size="sm" data-testid="home-export-pdf">
                  {t("myData.pdf")}
                </Anchor>
                <Anchor href={personalDataUrl(koperasiId, "json")} size="sm" data-testid="home-export-json">
                  {t("myData.json")}
                </Anchor>
              </Group>
            </div>
          )}
        </Stack>
      )}
    </HomeCard>
  );
}
