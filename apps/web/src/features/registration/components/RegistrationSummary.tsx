import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RegistrationState } from "../../../api/types";
import { koperasiTypeLabel, timeZoneLabel } from "../../../lib/labels";
import { useLanguage } from "../../../lib/useLanguage";

/** What was registered, as the server holds it. */
export function RegistrationSummary({ registration }: { registration: RegistrationState }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const k = registration.koperasi;
  const rows: [string, string][] = [
    [t("fields.koperasiName"), k.name],
    [t("fields.koperasiType"), koperasiTypeLabel(k.type, language)],
    [t("fields.nomorIndukKoperasi"), k.nomorIndukKoperasi ?? "—"],
    [t("fields.nomorBadanHukum"), k.nomorBadanHukum ?? "—"],
    [t("fields.nib"), k.nib ?? "—"],
    [t("fields.address"), [k.address, k.city, k.province, k.postalCode].filter(Boolean).join(", ")],
    [t("fields.timeZone"), timeZoneLabel(k.timeZone, language)],
    [t("registration.admin"), `${registration.admin.name} · ${registration.admin.email} · ${registration.admin.phone}`],
    [t("registration.documents"), registration.documents.map((d) => d.fileName).join(", ") || t("registration.noDocuments")],
  ];
  return (
    <Table variant="vertical" layout="fixed" withTableBorder>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={{ base: 120, sm: 220 }}>{label}</Table.Th>
            <Table.Td style={{ overflowWrap: "anywhere" }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
