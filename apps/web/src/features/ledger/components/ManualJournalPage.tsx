import { ActionIcon, Alert, Anchor, Badge, Button, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { DOMAIN_ERRORS, type DomainErrorCode } from "@koperasi/domain";
import { isApiError } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatMoney, todayIn } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { useProfile } from "../../koperasi/hooks/useProfile";
import { useAppContext, useAppPath } from "../../shell/hooks/useAppContext";
import type { JournalEntryData } from "../api/ledger";
import { useCreateManualJournal, useGlAccounts } from "../hooks/useLedger";
import { draftIssues, draftTotals, emptyLine, manualJournalBody, type DraftIssue, type DraftLine } from "../journal-form";
import { accountOptions } from "./GeneralLedgerPage";
import { Money, PageHeading, Section } from "./LedgerParts";
import { DateField } from "../../../components/DateField";

/** Rupiah input: digits grouped with dots as typed, no decimals, no minus. */
export const RUPIAH_INPUT = { thousandSeparator: ".", decimalSeparator: ",", allowDecimal: false, allowNegative: false, prefix: "Rp", hideControls: true } as const;

/**
 * Jurnal umum: lines with an account and a debit or credit each; the form
 * shows the totals as they are typed and sends nothing until debits equal
 * credits. The entry then waits for a second person's approval.
 */
export function ManualJournalPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("ledger.manual.title"));
  const language = useLanguage();
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const profile = useProfile(koperasiId);
  const accounts = useGlAccounts(koperasiId);
  const create = useCreateManualJournal(koperasiId);
  const counter = useRef(2);
  const [businessDate, setBusinessDate] = useState(() => todayIn(profile.data?.timeZone ?? "Asia/Jakarta"));
  const [description, setDescription] = useState("");
  const [lines, setLines] = useState<DraftLine[]>(() => [emptyLine("l0"), emptyLine("l1")]);
  const [shownIssues, setShownIssues] = useState<DraftIssue[]>([]);
  const [created, setCreated] = useState<JournalEntryData | null>(null);

  const totals = draftTotals(lines);
  const issues = draftIssues(lines);
  // Control accounts (member sub-ledgers) take no manual postings; closed ones none at all.
  const options = accountOptions(accounts.data ?? [], language, (a) => a.status === "open" && !a.isControl);
  const serverErrors = isApiError(create.error) ? create.error.fieldErrors : {};

  const update = (index: number, patch: Partial<DraftLine>) => {
    setLines((current) => current.map((line, i) => (i === index ? { ...line, ...patch } : line)));
    setShownIssues([]);
  };
  const issueAt = (path: string) => {
    const issue = shownIssues.find((i) => i.path === path);
    if (issue) return issueMessage(issue.code);
    return serverErrors[path];
  };
  const issueMessage = (code: DraftIssue["code"]) =>
    code === "account_required" ? t("ledger.manual.accountRequired") : DOMAIN_ERRORS[code as DomainErrorCode][language];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (issues.length > 0 || description.trim().length < 3) {
      setShownIssues(issues);
      return;
    }
    create.mutate(manualJournalBody(businessDate, description, lines), {
      onSuccess: (entry) => {
        setCreated(entry);
        setDescription("");
        setLines([emptyLine(`l${counter.current++}`), emptyLine(`l${counter.current++}`)]);
      },
    });
  };
  const wholeIssue = shownIssues.find((i) => i.path === "lines");
  const descriptionError = shownIssues.length > 0 && description.trim().length < 3 ? t("ledger.manual.descriptionShort") : serverErrors.description;

  return (
    <Stack>
      <Anchor component={Link} to={path("buku-besar/jurnal")} size="sm">
        ← {t("ledger.journals.title")}
      </Anchor>
      <PageHeading title={t("ledger.manual.title")} subtitle={t("ledger.manual.subtitle")} />
      {created && (
        <Alert color="green" variant="light" role="status" data-testid="journal-created">
          {t("ledger.manual.created")}{" "}
          <Anchor component={Link} to={path(`buku-besar/jurnal/${created.id}`)}>
            {t("ledger.manual.openCreated")}
          </Anchor>
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-label={t("ledger.manual.title")}>
        <Stack>
          <Section>
            <Stack gap="sm">
              <DateField
                name="businessDate"
                label={t("ledger.businessDate")}
                value={businessDate}
                onChange={setBusinessDate}
                error={serverErrors.businessDate}
                required
              />
              <TextInput
                name="description"
                label={t("ledger.description")}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                error={descriptionError}
                maxLength={500}
                required
              />
            </Stack>
          </Section>
          {lines.map((line, index) => (
            <Section key={line.key} testId={`journal-line-${index + 1}`}>
              <Stack gap="xs">
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={700}>
                    {t("ledger.manual.line", { n: index + 1 })}
                  </Text>
                  {lines.length > 2 && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t("ledger.manual.removeLine", { n: index + 1 })}
                      onClick={() => setLines((current) => current.filter((_, i) => i !== index))}
                    >
                      ✕
                    </ActionIcon>
                  )}
                </Group>
                <NativeSelect
                  name={`lines.${index}.accountId`}
                  label={t("ledger.manual.lineAccount", { n: index + 1 })}
                  value={line.accountId}
                  onChange={(e) => update(index, { accountId: e.currentTarget.value })}
                  data={[{ value: "", label: t("common.choose") }, ...options]}
                  error={issueAt(`lines.${index}.accountId`)}
                />
                <Group grow gap="xs" align="flex-start">
                  <NumberInput
                    {...RUPIAH_INPUT}
                    name={`lines.${index}.debit`}
                    label={t("ledger.manual.lineDebit", { n: index + 1 })}
                    value={line.debit}
                    onChange={(value) => update(index, { debit: typeof value === "number" ? value : "" })}
                    error={issueAt(`lines.${index}.debit`) ?? issueAt(`lines.${index}`)}
                    inputMode="numeric"
                  />
                  <NumberInput
                    {...RUPIAH_INPUT}
                    name={`lines.${index}.credit`}
                    label={t("ledger.manual.lineCredit", { n: index + 1 })}
                    value={line.credit}
                    onChange={(value) => update(index, { credit: typeof value === "number" ? value : "" })}
                    error={issueAt(`lines.${index}.credit`)}
                    inputMode="numeric"
                  />
                </Group>
              </Stack>
            </Section>
          ))}
          <Button variant="light" onClick={() => setLines((current) => [...current, emptyLine(`l${counter.current++}`)])} disabled={lines.length >= 50}>
            {t("ledger.manual.addLine")}
          </Button>
          <Section testId="journal-totals">
            <Stack gap={4}>
              <Group justify="space-between">
                <Text size="sm">{t("ledger.manual.totalDebit")}</Text>
                <Money value={totals.debit} fw={700} />
              </Group>
              <Group justify="space-between">
                <Text size="sm">{t("ledger.manual.totalCredit")}</Text>
                <Money value={totals.credit} fw={700} />
              </Group>
              <Group justify="flex-end">
                {totals.difference === 0 && totals.debit > 0 ? (
                  <Badge color="green" variant="light" data-testid="journal-balance">
                    {t("ledger.balanced")}
                  </Badge>
                ) : (
                  <Badge color="orange" variant="light" data-testid="journal-balance">
                    {t("ledger.manual.difference", { amount: formatMoney(Math.abs(totals.difference)) })}
                  </Badge>
                )}
              </Group>
              {wholeIssue && (
                <Text size="sm" c="red" role="alert">
                  {issueMessage(wholeIssue.code)}
                </Text>
              )}
            </Stack>
          </Section>
          <ErrorAlert error={create.error} />
          <Button type="submit" loading={create.isPending}>
            {t("ledger.manual.submit")}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
