import { Alert, Button, Group, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { LoanSimulationRequest, type LoanInterestMethod, type LoanSimulation } from "@koperasi/contracts";
import { fieldErrorsFromIssues, isApiError, type FieldErrors } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { PublicLayout } from "../../../components/PublicLayout";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatMoney } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { simulateLoan } from "../api/simulations";
import { formatRatePercent, rateFromInput } from "../percent";

// The public loan simulator: anyone types a loan's terms and sees its
// schedule, totals and effective rate, computed by the server with the code
// that makes real loans' schedules. Loan products per cooperative come
// later; until then the terms are typed in.

const RUPIAH_INPUT = { thousandSeparator: ".", decimalSeparator: ",", allowDecimal: false, allowNegative: false, prefix: "Rp", hideControls: true } as const;
const METHODS: readonly LoanInterestMethod[] = ["flat", "equal_principal", "annuity"];
const ROUNDINGS = [
  { value: "1", key: "one" },
  { value: "100", key: "hundred" },
  { value: "1000", key: "thousand" },
] as const;

type Amount = number | "";

export function LoanSimulatorPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("loanSimulator.title"));
  const [principal, setPrincipal] = useState<Amount>(10_000_000);
  const [tenorMonths, setTenorMonths] = useState<Amount>(12);
  const [rate, setRate] = useState("1,5");
  const [method, setMethod] = useState<LoanInterestMethod>("flat");
  const [roundTo, setRoundTo] = useState("1");
  const [errors, setErrors] = useState<FieldErrors>({});

  const simulation = useMutation({
    mutationFn: simulateLoan,
    onError: (error) => {
      if (isApiError(error)) setErrors(error.fieldErrors);
    },
  });
  // On a phone the result is below the form: bring it into view once computed.
  const resultRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (simulation.data) resultRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [simulation.data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = LoanSimulationRequest.safeParse({
      principal: principal === "" ? undefined : principal,
      tenorMonths: tenorMonths === "" ? undefined : tenorMonths,
      monthlyRatePercent: rateFromInput(rate),
      method,
      roundTo: Number(roundTo),
    });
    if (!parsed.success) {
      setErrors(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setErrors({});
    simulation.mutate(parsed.data);
  };

  return (
    <PublicLayout size="sm">
      <Stack gap="lg">
        <Stack gap="xs">
          <Title order={1} size="h2">
            {t("loanSimulator.title")}
          </Title>
          <Text>{t("loanSimulator.lead")}</Text>
        </Stack>
        <Paper withBorder p="md" radius="md">
          <form onSubmit={submit} noValidate aria-label={t("loanSimulator.title")}>
            <Stack gap="sm">
              <NumberInput
                {...RUPIAH_INPUT}
                name="principal"
                label={t("loanSimulator.principal")}
                value={principal}
                onChange={(value) => setPrincipal(typeof value === "number" ? value : "")}
                error={errors.principal}
                inputMode="numeric"
                data-testid="simulator-principal"
                required
              />
              <Group grow align="flex-start" gap="sm">
                <NumberInput
                  name="tenorMonths"
                  label={t("loanSimulator.tenorMonths")}
                  value={tenorMonths}
                  onChange={(value) => setTenorMonths(typeof value === "number" ? value : "")}
                  error={errors.tenorMonths}
                  allowDecimal={false}
                  allowNegative={false}
                  hideControls
                  inputMode="numeric"
                  data-testid="simulator-tenor"
                  required
                />
                <TextInput
                  name="monthlyRatePercent"
                  label={t("loanSimulator.monthlyRate")}
                  placeholder={t("loanSimulator.monthlyRateHint")}
                  value={rate}
                  onChange={(event) => setRate(event.currentTarget.value)}
                  error={errors.monthlyRatePercent}
                  inputMode="decimal"
                  data-testid="simulator-rate"
                  required
                />
              </Group>
              <Stack gap={4}>
                <Text size="sm" fw={500} id="simulator-method-label">
                  {t("loanSimulator.method")}
                </Text>
                <SegmentedControl
                  fullWidth
                  aria-labelledby="simulator-method-label"
                  value={method}
                  onChange={(value) => setMethod(value as LoanInterestMethod)}
                  data={METHODS.map((value) => ({ value, label: t(`loanSimulator.methods.${value}`) }))}
                  data-testid="simulator-method"
                />
                <Text size="xs" c="dimmed">
                  {t(`loanSimulator.methodHelp.${method}`)}
                </Text>
                {errors.method && (
                  <Text size="xs" c="red">
                    {errors.method}
                  </Text>
                )}
              </Stack>
              <Stack gap={4}>
                <Text size="sm" fw={500} id="simulator-round-label">
                  {t("loanSimulator.roundTo")}
                </Text>
                <SegmentedControl
                  fullWidth
                  aria-labelledby="simulator-round-label"
                  value={roundTo}
                  onChange={setRoundTo}
                  data={ROUNDINGS.map(({ value, key }) => ({ value, label: t(`loanSimulator.roundToOptions.${key}`) }))}
                  data-testid="simulator-round-to"
                />
                <Text size="xs" c={errors.roundTo ? "red" : "dimmed"} data-testid="simulator-round-to-note">
                  {errors.roundTo ?? t("loanSimulator.roundToHint")}
                </Text>
              </Stack>
              <ErrorAlert error={simulation.error} />
              <Button type="submit" loading={simulation.isPending} data-testid="simulator-submit">
                {t("loanSimulator.submit")}
              </Button>
            </Stack>
          </form>
        </Paper>
        <div ref={resultRef}>{simulation.data && !simulation.isPending && <SimulationResult result={simulation.data} />}</div>
      </Stack>
    </PublicLayout>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} data-testid={testId} style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}>
        {value}
      </Text>
    </Stack>
  );
}

function SimulationResult({ result }: { result: LoanSimulation }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const first = result.schedule[0];
  const last = result.schedule.at(-1);
  return (
    <Stack gap="md" data-testid="simulator-result">
      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Title order={2} size="h3">
            {t("loanSimulator.results")}
          </Title>
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
            <Figure label={t("loanSimulator.firstInstallment")} value={formatMoney(first?.installment ?? 0)} testId="simulator-first-installment" />
            <Figure label={t("loanSimulator.lastInstallment")} value={formatMoney(last?.installment ?? 0)} testId="simulator-last-installment" />
            <Figure label={t("loanSimulator.totalInterest")} value={formatMoney(result.totalInterest)} testId="simulator-total-interest" />
            <Figure label={t("loanSimulator.totalPayment")} value={formatMoney(result.totalPayment)} testId="simulator-total-payment" />
            <Figure
              label={t("loanSimulator.effectiveMonthly")}
              value={formatRatePercent(result.effectiveMonthlyRatePercent, language)}
              testId="simulator-effective-monthly"
            />
            <Figure
              label={t("loanSimulator.effectiveAnnual")}
              value={formatRatePercent(result.effectiveAnnualRatePercent, language)}
              testId="simulator-effective-annual"
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t("loanSimulator.effectiveNote")}
          </Text>
        </Stack>
      </Paper>
      <Paper withBorder radius="md">
        <Title order={2} size="h3" p="md" pb="xs">
          {t("loanSimulator.schedule")}
        </Title>
        {/* A list rather than a five-column table: it fits a 360 px phone without scrolling sideways. */}
        <Stack gap={0} component="ol" m={0} p={0} style={{ listStyle: "none" }} data-testid="simulator-schedule">
          {result.schedule.map((row) => (
            <Group
              key={row.period}
              component="li"
              justify="space-between"
              align="flex-start"
              wrap="nowrap"
              gap="xs"
              px="md"
              py="xs"
              style={{ borderTop: "1px solid var(--mantine-color-gray-2)" }}
              data-testid="simulator-row"
            >
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={500}>
                  {t("loanSimulator.period", { period: row.period })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("loanSimulator.principalPart")} {formatMoney(row.principal)} · {t("loanSimulator.interestPart")} {formatMoney(row.interest)}
                </Text>
              </Stack>
              <Stack gap={0} align="flex-end" style={{ flex: "none" }}>
                <Text size="sm" fw={700} data-testid="simulator-row-installment" style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}>
                  {formatMoney(row.installment)}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                  {t("loanSimulator.balance")} {formatMoney(row.balance)}
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
      </Paper>
      <Alert variant="light" color="gray">
        {t("loanSimulator.disclaimer")}
      </Alert>
    </Stack>
  );
}
