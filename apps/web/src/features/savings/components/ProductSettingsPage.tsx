import { Alert, Badge, Button, Card, Group, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatMoney } from "../../../lib/format";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { PageHeading } from "../../ledger/components/LedgerParts";
import { RUPIAH_INPUT } from "../../ledger/components/ManualJournalPage";
import type { SavingsProductData } from "../api/savings";
import { useChangeTerms, useSavingsProducts } from "../hooks/useSavings";

/** Tomorrow's date, YYYY-MM-DD: new terms never apply to today or before. */
function tomorrow(): string {
  const date = new Date(Date.now() + 86_400_000);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
}

/** The bendahara's savings products: the terms in force today, and new terms from a later date (what applied before stays). */
export function ProductSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("savings.products.title"));
  const { koperasiId } = useAppContext();
  const products = useSavingsProducts(koperasiId);
  return (
    <Stack maw={720}>
      <PageHeading title={t("savings.products.title")} subtitle={t("savings.products.subtitle")} />
      <ErrorAlert error={products.error} />
      {(products.data ?? []).map((product) => (
        <ProductCard key={product.id} product={product} />
      ))}
    </Stack>
  );
}

function ProductCard({ product }: { product: SavingsProductData }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const change = useChangeTerms(koperasiId);
  const { terms } = product;
  const earns = product.kind === "sukarela" || product.kind === "berjangka";
  const [editing, setEditing] = useState(false);
  const [effectiveFrom, setEffectiveFrom] = useState(tomorrow());
  const [rate, setRate] = useState(terms.annualRatePercent ?? "");
  const [minBalance, setMinBalance] = useState<number | "">(terms.minBalance);
  const [threshold, setThreshold] = useState<number | "">(terms.withdrawalApprovalThreshold ?? "");
  const [dormant, setDormant] = useState<number | "">(terms.dormantAfterMonths ?? "");
  const [saved, setSaved] = useState(false);
  const fieldErrors = isApiError(change.error) ? change.error.fieldErrors : {};
  const pending = product.history.filter((h) => h.effectiveFrom > terms.effectiveFrom);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    // The whole row: what is not edited here carries over from today's terms.
    const { effectiveFrom: _from, ...current } = terms;
    change.mutate(
      {
        productId: product.id,
        body: {
          ...current,
          effectiveFrom,
          annualRatePercent: earns ? rate.trim() || null : null,
          minBalance: minBalance === "" ? 0 : minBalance,
          withdrawalApprovalThreshold: threshold === "" ? null : threshold,
          dormantAfterMonths: dormant === "" ? null : dormant,
        },
      },
      {
        onSuccess: () => {
          setSaved(true);
          setEditing(false);
        },
      },
    );
  };

  return (
    <Card withBorder data-testid="savings-product">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>
            {product.code} · {product.name}
          </Text>
          <Badge variant="light">{t(`savings.products.kind.${product.kind}`)}</Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {product.accountCode} {product.accountName}
        </Text>
        <Text size="sm">
          {[
            terms.pokokAmount !== null ? t("savings.products.pokok", { amount: formatMoney(terms.pokokAmount) }) : null,
            terms.wajibAmount !== null ? t("savings.products.wajib", { amount: formatMoney(terms.wajibAmount) }) : null,
            terms.annualRatePercent !== null ? t("savings.products.rate", { rate: terms.annualRatePercent.replace(".", ",") }) : null,
            t("savings.products.minBalance", { amount: formatMoney(terms.minBalance) }),
            terms.withdrawalApprovalThreshold !== null ? t("savings.products.threshold", { amount: formatMoney(terms.withdrawalApprovalThreshold) }) : null,
            terms.dormantAfterMonths !== null ? t("savings.products.dormant", { months: terms.dormantAfterMonths }) : null,
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
        {pending.map((h) => (
          <Text key={h.effectiveFrom} size="xs" c="dimmed">
            {t("savings.products.scheduled", { date: h.effectiveFrom })}
          </Text>
        ))}
        {saved && (
          <Alert color="green" variant="light" role="status">
            {t("savings.products.saved", { date: effectiveFrom })}
          </Alert>
        )}
        {editing ? (
          <form onSubmit={submit} noValidate>
            <Stack gap="xs">
              <TextInput type="date" label={t("savings.products.effectiveFrom")} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.currentTarget.value)} error={fieldErrors.effectiveFrom} />
              {earns && (
                <TextInput label={t("savings.products.ratePercent")} inputMode="decimal" value={rate} onChange={(e) => setRate(e.currentTarget.value.replace(",", "."))} error={fieldErrors.annualRatePercent} />
              )}
              <NumberInput {...RUPIAH_INPUT} label={t("savings.products.minBalanceLabel")} value={minBalance} onChange={(v) => setMinBalance(typeof v === "number" ? v : "")} error={fieldErrors.minBalance} />
              <NumberInput
                {...RUPIAH_INPUT}
                label={t("savings.products.thresholdLabel")}
                description={t("savings.products.thresholdHint")}
                value={threshold}
                onChange={(v) => setThreshold(typeof v === "number" ? v : "")}
                error={fieldErrors.withdrawalApprovalThreshold}
              />
              <NumberInput label={t("savings.products.dormantLabel")} min={1} max={240} allowDecimal={false} value={dormant} onChange={(v) => setDormant(typeof v === "number" ? v : "")} error={fieldErrors.dormantAfterMonths} />
              <ErrorAlert error={change.error} />
              <Group grow>
                <Button variant="default" onClick={() => setEditing(false)}>
                  {t("savings.products.cancel")}
                </Button>
                <Button type="submit" loading={change.isPending}>
                  {t("savings.products.save")}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Button variant="light" onClick={() => setEditing(true)}>
            {t("savings.products.edit")}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
