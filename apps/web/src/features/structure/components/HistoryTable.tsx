import { Badge, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Employee, StructureTerm } from "@koperasi/contracts";
import { formatDate } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { positionLabel } from "../positionLabel";
import { WideTable } from "../../../components/WideTable";

type Phase = "current" | "ended" | "upcoming";

function phase(item: { current: boolean; startOn: string }, asOf: string): Phase {
  if (item.current) return "current";
  return item.startOn > asOf ? "upcoming" : "ended";
}

const PHASE_COLOR: Record<Phase, string> = { current: "green", ended: "gray", upcoming: "blue" };

function PhaseBadge({ item, asOf }: { item: { current: boolean; startOn: string }; asOf: string }) {
  const { t } = useTranslation();
  const p = phase(item, asOf);
  return (
    <Badge variant="light" color={PHASE_COLOR[p]} miw="max-content">
      {t(`structure.phase.${p}`)}
    </Badge>
  );
}

/** Every term ever recorded, newest first; nothing is ever removed from it. */
export function TermHistoryTable({ terms, asOf }: { terms: readonly StructureTerm[]; asOf: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (terms.length === 0) return <Text c="dimmed">{t("structure.historyEmpty")}</Text>;
  return (
    <WideTable label={t("structure.historyTitle")} minWidth={600}>
      <Table striped data-testid="term-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("structure.position")}</Table.Th>
            <Table.Th>{t("structure.member")}</Table.Th>
            <Table.Th>{t("structure.body")}</Table.Th>
            <Table.Th>{t("structure.startOn")}</Table.Th>
            <Table.Th>{t("structure.endOnPlanned")}</Table.Th>
            <Table.Th>{t("structure.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {terms.map((term) => (
            <Table.Tr key={term.id}>
              <Table.Td>{positionLabel(term.position, language)}</Table.Td>
              <Table.Td>
                {term.fullName}{" "}
                <Text span size="xs" c="dimmed" ff="monospace">
                  {term.memberNumber}
                </Text>
              </Table.Td>
              <Table.Td>{t(`structure.${term.body}`)}</Table.Td>
              <Table.Td>{formatDate(term.startOn, language)}</Table.Td>
              <Table.Td>
                {formatDate(term.endOn, language)}
                {term.endedEarly && (
                  <Text span size="xs" c="dimmed">
                    {" "}
                    ({t("structure.endedEarly")})
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <PhaseBadge item={term} asOf={asOf} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

export function EmployeeHistoryTable({ employees, asOf }: { employees: readonly Employee[]; asOf: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (employees.length === 0) return <Text c="dimmed">{t("structure.emptyKaryawan")}</Text>;
  return (
    <WideTable label={t("structure.employeeHistory")} minWidth={520}>
      <Table striped data-testid="employee-history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("structure.fullName")}</Table.Th>
            <Table.Th>{t("structure.jobTitle")}</Table.Th>
            <Table.Th>{t("structure.startOn")}</Table.Th>
            <Table.Th>{t("structure.endOnPlanned")}</Table.Th>
            <Table.Th>{t("structure.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {employees.map((employee) => (
            <Table.Tr key={employee.id}>
              <Table.Td>{employee.fullName}</Table.Td>
              <Table.Td>{employee.jobTitle}</Table.Td>
              <Table.Td>{formatDate(employee.startOn, language)}</Table.Td>
              <Table.Td>{employee.endOn ? formatDate(employee.endOn, language) : "—"}</Table.Td>
              <Table.Td>
                <PhaseBadge item={employee} asOf={asOf} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
