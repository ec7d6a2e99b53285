import { Table } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import type { MemberRecord } from "../api/members";

/** A member's registry data as label/value rows; identifiers the viewer may not see show masked. */
export function MemberFields({ member }: { member: MemberRecord }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const none = t("registry.notRecorded");
  const rows: [string, ReactNode][] = [
    [t("members.number"), member.memberNumber],
    [t("registry.memberType"), t(`registry.memberTypes.${member.memberType}`)],
    [t("members.joinedOn"), formatDate(member.joinedOn, language)],
  ];
  if (member.memberType === "perorangan") {
    rows.push(
      [t("registry.fields.nik"), member.nik ?? member.nikMasked ?? none],
      [t("registry.fields.birthPlace"), member.birthPlace ?? none],
      [t("registry.fields.birthDate"), member.birthDate ? formatDate(member.birthDate, language) : none],
      [t("registry.fields.gender"), member.gender ? t(`registry.genders.${member.gender}`) : none],
      [t("registry.fields.maritalStatus"), member.maritalStatus ? t(`registry.maritalStatuses.${member.maritalStatus}`) : none],
      [t("registry.fields.occupation"), member.occupation ?? none],
      [t("registry.fields.motherMaidenName"), member.identityVisible ? (member.motherMaidenName ?? none) : t("registry.hidden")],
    );
  } else {
    rows.push([t("registry.fields.nomorBadanHukum"), member.nomorBadanHukum ?? none], [t("registry.fields.nomorIndukKoperasi"), member.nomorIndukKoperasi ?? none]);
  }
  rows.push(
    [t("registry.fields.address"), member.address ?? none],
    [t("registry.fields.phone"), member.phone ?? member.phoneMasked ?? none],
    [t("registry.fields.email"), member.email ?? none],
    [
      t("registry.fields.sourceOfFunds"),
      member.sourceOfFunds ? [t(`registry.sourcesOfFunds.${member.sourceOfFunds}`), member.sourceOfFundsOther].filter(Boolean).join(": ") : none,
    ],
  );
  return (
    <Table variant="vertical" fz="sm" verticalSpacing={4} data-testid="member-fields">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w="40%" bg="transparent">
              {label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: "anywhere" }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
