import { Alert, Anchor, Button, Group, NumberInput, SegmentedControl, Stack, Text } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { terbilang, rupiah } from "@koperasi/domain";
import { isApiError } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatMoney } from "../../../lib/format";
import { useAppContext, useCan } from "../../shell/hooks/useAppContext";
import type { MemberAccountItem } from "../../ledger/api/ledger";
import { PageHeading, Section } from "../../ledger/components/LedgerParts";
import { RUPIAH_INPUT } from "../../ledger/components/ManualJournalPage";
import { MemberAccountPicker } from "../../ledger/components/MemberAccountPicker";
import type { WithdrawalOutcomeData } from "../api/savings";
import { useCounterTransaction, useStanding } from "../hooks/useSavings";

type Kind = "deposit" | "withdrawal";

/**
 * The counter (loket): find the member's account, type the amount, check it
 * once more in words, and hand over the receipt — four taps on a phone. The
 * server decides every rule; the screen shows what may be withdrawn so the
 * teller rarely meets a refusal.
 */
export function CounterPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("savings.counter.title"));
  const { koperasiId } = useAppContext();
  const can = useCan();
  const [kind, setKind] = useState<Kind>(can("savings.deposit") ? "deposit" : "withdrawal");
  const [account, setAccount] = useState<MemberAccountItem | null>(null);
  const [amount, setAmount] = useState<number | "">("");
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<WithdrawalOutcomeData | null>(null);
  const [localError, setLocalError] = useState<string | undefined>();
  const standing = useStanding(koperasiId, account?.id);
  const deposit = useCounterTransaction(koperasiId, "deposit");
  const withdrawal = useCounterTransaction(koperasiId, "withdrawal");
  const mutation = kind === "deposit" ? deposit : withdrawal;
  const serverErrors = isApiError(mutation.error) ? mutation.error.fieldErrors : {};

  const reset = () => {
    setAccount(null);
    setAmount("");
    setConfirming(false);
    deposit.reset();
    withdrawal.reset();
  };

  const next = (event: FormEvent) => {
    event.preventDefault();
    if (!account) return setLocalError(t("savings.counter.chooseAccount"));
    if (amount === "" || amount <= 0) return setLocalError(t("savings.counter.amountRequired"));
    setLocalError(undefined);
    setDone(null);
    setConfirming(true);
  };

  const confirm = () => {
    if (!account || amount === "") return;
    mutation.mutate(
      { memberAccountId: account.id, amount },
      {
        onSuccess: (result) => {
          setDone(result);
          reset();
        },
        onError: () => setConfirming(false),
      },
    );
  };

  return (
    <Stack maw={560}>
      <PageHeading title={t("savings.counter.title")} subtitle={t("savings.counter.subtitle")} />
      {done?.status === "posted" && (
        <Alert color="green" variant="light" role="status" data-testid="counter-done">
          <Stack gap={4}>
            <Text fw={600}>
              {t(done.entry.source === "deposit" ? "savings.counter.depositDone" : "savings.counter.withdrawalDone", {
                voucher: done.entry.voucherNo ?? "",
                amount: formatMoney(done.entry.totalDebit),
              })}
            </Text>
            <Text size="sm">{t("savings.counter.balanceAfter", { balance: formatMoney(done.balanceAfter), available: formatMoney(done.availableAfter) })}</Text>
            <Group gap="md">
              <Anchor href={done.receiptPdfUrl} target="_blank" rel="noopener" data-testid="counter-receipt">
                {t("savings.counter.printReceipt")}
              </Anchor>
              {done.whatsappUrl && (
                <Anchor href={done.whatsappUrl} target="_blank" rel="noopener" data-testid="counter-whatsapp">
                  {t("savings.counter.shareWhatsapp")}
                </Anchor>
              )}
            </Group>
          </Stack>
        </Alert>
      )}
      {done?.status === "pending_approval" && (
        <Alert color="yellow" variant="light" role="status" data-testid="counter-pending">
          {t("savings.counter.pending", { amount: formatMoney(done.request.amount) })}
        </Alert>
      )}
      <form onSubmit={next} noValidate aria-label={t("savings.counter.title")}>
        <Section>
          <Stack gap="sm">
            {can("savings.deposit") && can("savings.withdraw") && (
              <SegmentedControl
                fullWidth
                value={kind}
                onChange={(value) => {
                  setKind(value as Kind);
                  setConfirming(false);
                }}
                data={[
                  { value: "deposit", label: t("savings.counter.deposit") },
                  { value: "withdrawal", label: t("savings.counter.withdrawal") },
                ]}
                data-testid="counter-kind"
              />
            )}
            <MemberAccountPicker
              label={t("savings.counter.account")}
              name="memberAccountId"
              value={account}
              onChange={(value) => {
                setAccount(value);
                setConfirming(false);
              }}
              error={serverErrors.memberAccountId}
            />
            {standing.data && (
              <Text size="sm" c="dimmed" data-testid="counter-available">
                {t("savings.counter.standing", {
                  balance: formatMoney(standing.data.balance),
                  available: formatMoney(standing.data.available),
                  held: formatMoney(standing.data.held),
                })}
                {standing.data.dormant ? ` · ${t("savings.counter.dormant")}` : ""}
              </Text>
            )}
            <NumberInput
              {...RUPIAH_INPUT}
              name="amount"
              label={t("savings.counter.amount")}
              value={amount}
              onChange={(value) => {
                setAmount(typeof value === "number" ? value : "");
                setConfirming(false);
              }}
              error={serverErrors.amount}
              inputMode="numeric"
              required
            />
            {localError && (
              <Text c="red" size="sm" role="alert">
                {localError}
              </Text>
            )}
            <ErrorAlert error={mutation.error} />
            {confirming && account && amount !== "" ? (
              <Stack gap="xs" data-testid="counter-confirm">
                <Text size="sm">
                  {t(kind === "deposit" ? "savings.counter.confirmDeposit" : "savings.counter.confirmWithdrawal", {
                    amount: formatMoney(amount),
                    member: `${account.memberNumber} ${account.memberName}`,
                  })}
                </Text>
                <Text size="sm" fs="italic">
                  {terbilang(rupiah(amount))}
                </Text>
                <Group grow>
                  <Button variant="default" onClick={() => setConfirming(false)}>
                    {t("savings.counter.back")}
                  </Button>
                  <Button onClick={confirm} loading={mutation.isPending} data-testid="counter-submit">
                    {t("savings.counter.confirm")}
                  </Button>
                </Group>
              </Stack>
            ) : (
              <Button type="submit" data-testid="counter-next">
                {t(kind === "deposit" ? "savings.counter.deposit" : "savings.counter.withdrawal")}
              </Button>
            )}
          </Stack>
        </Section>
      </form>
    </Stack>
  );
}
