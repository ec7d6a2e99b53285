import { Badge, Box, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CurrentStructure, StructureTerm } from "@koperasi/contracts";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatDate } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { useEndEmployment, useEndTerm } from "../hooks/useStructure";
import { positionLabel } from "../positionLabel";
import { DateField } from "../../../components/DateField";

/**
 * Today's structure as a simple tree: the ketua on top, the other standard
 * posts below, custom posts under them; the pengawas beside it with its
 * ketua on top; then the staff. One column on a phone.
 */
export function OrgChart({ structure, canManage }: { structure: CurrentStructure; canManage: boolean }) {
  const { t } = useTranslation();
  const top = structure.pengurus.filter((term) => term.position === "ketua");
  const standard = structure.pengurus.filter((term) => ["wakil_ketua", "sekretaris", "bendahara"].includes(term.position));
  const custom = structure.pengurus.filter((term) => !["ketua", "wakil_ketua", "sekretaris", "bendahara"].includes(term.position));
  const ketuaPengawas = structure.pengawas.filter((term) => term.position === "ketua_pengawas");
  const anggotaPengawas = structure.pengawas.filter((term) => term.position !== "ketua_pengawas");
  const termCard = (term: StructureTerm) => <TermCard key={term.id} term={term} asOf={structure.asOf} canManage={canManage} />;

  return (
    <Stack gap="lg" data-testid="org-chart">
      <Section title={t("structure.pengurus")} testId="chart-pengurus" empty={structure.pengurus.length === 0 ? t("structure.emptyPengurus") : null}>
        <Level>{top.map(termCard)}</Level>
        <Level>{standard.map(termCard)}</Level>
        <Level>{custom.map(termCard)}</Level>
      </Section>
      <Section title={t("structure.pengawas")} testId="chart-pengawas" empty={structure.pengawas.length === 0 ? t("structure.emptyPengawas") : null}>
        <Level>{ketuaPengawas.map(termCard)}</Level>
        <Level>{anggotaPengawas.map(termCard)}</Level>
      </Section>
      <Section title={t("structure.karyawan")} testId="chart-karyawan" empty={structure.karyawan.length === 0 ? t("structure.emptyKaryawan") : null}>
        <Level>
          {structure.karyawan.map((employee) => (
            <PersonCard key={employee.id} role={employee.jobTitle} name={employee.fullName} detail={employee.login ? t("structure.linkedLogin", { name: employee.login.name }) : null}>
              {canManage && <EndButton label={t("structure.endEmployment")} asOf={structure.asOf} kind="employee" id={employee.id} />}
            </PersonCard>
          ))}
        </Level>
      </Section>
    </Stack>
  );
}

function Section({ title, testId, empty, children }: { title: string; testId: string; empty: string | null; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {empty ? <Text c="dimmed">{empty}</Text> : <Stack gap="sm">{children}</Stack>}
    </Box>
  );
}

/** One level of the tree, joined to the one above by a short line. */
function Level({ children }: { children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <Stack gap={0} align="stretch">
      <Box mx="auto" w={2} h={12} bg="gray.4" aria-hidden />
      <SimpleGrid cols={{ base: 1, xs: Math.min(children.length, 2), md: Math.min(children.length, 3) }} spacing="sm" style={{ justifyItems: "center" }}>
        {children}
      </SimpleGrid>
    </Stack>
  );
}

function PersonCard({ role, name, detail, children }: { role: string; name: string; detail: string | null; children?: ReactNode }) {
  return (
    <Card withBorder padding="sm" radius="md" w="100%" maw={320} data-testid="org-card">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {role}
      </Text>
      <Text fw={600}>{name}</Text>
      {detail && (
        <Text size="sm" c="dimmed">
          {detail}
        </Text>
      )}
      {children}
    </Card>
  );
}

function TermCard({ term, asOf, canManage }: { term: StructureTerm; asOf: string; canManage: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <PersonCard
      role={positionLabel(term.position, language)}
      name={term.fullName}
      detail={t("structure.termRange", { start: formatDate(term.startOn, language), end: formatDate(term.endOn, language) })}
    >
      <Group gap={4} mt={4}>
        <Badge variant="light" size="sm" miw="max-content">
          {term.memberNumber}
        </Badge>
        {!term.hasLogin && (
          <Badge variant="light" color="gray" size="sm" miw="max-content">
            {t("structure.noLogin")}
          </Badge>
        )}
      </Group>
      {canManage && <EndButton label={t("structure.endTerm")} asOf={asOf} kind="term" id={term.id} />}
    </PersonCard>
  );
}

/** Ending asks for the last day in office (today by default) before it is sent. */
function EndButton({ label, asOf, kind, id }: { label: string; asOf: string; kind: "term" | "employee"; id: string }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const endTerm = useEndTerm(koperasiId);
  const endEmployment = useEndEmployment(koperasiId);
  const mutation = kind === "term" ? endTerm : endEmployment;
  const [open, setOpen] = useState(false);
  const [endOn, setEndOn] = useState(asOf);
  if (!open) {
    return (
      <Button variant="subtle" color="red" size="compact-sm" mt="xs" onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  const submit = () => {
    if (kind === "term") endTerm.mutate({ termId: id, endOn });
    else endEmployment.mutate({ employeeId: id, endOn });
  };
  return (
    <Stack gap="xs" mt="xs">
      <DateField label={t("structure.lastDay")} value={endOn} onChange={setEndOn} size="sm" />
      <ErrorAlert error={mutation.error} />
      <Group gap="xs">
        <Button color="red" size="compact-sm" loading={mutation.isPending} onClick={submit}>
          {t("structure.confirmEnd")}
        </Button>
        <Button variant="default" size="compact-sm" onClick={() => setOpen(false)}>
          {t("common.cancel")}
        </Button>
      </Group>
    </Stack>
  );
}
