import { Alert, Anchor, Button, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { isApiError } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatMoney } from "../../../lib/format";
import { useAppContext, useAppPath, useCan } from "../../shell/hooks/useAppContext";
import type { JournalEntryData, MemberAccountItem } from "../api/ledger";
import { useCreateTransfer } from "../hooks/useLedger";
import { PageHeading, Section } from "./LedgerParts";
import { RUPIAH_INPUT } from "./ManualJournalPage";
import { MemberAccountPicker } from "./MemberAccountPicker";

/** Pemindahbukuan: money from one member's account to another's, posted at once (no second approval: both sides are members' own funds). */
export function TransferPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("ledger.transfer.title"));
  const { koperasiId } = useAppContext();
  const path = useAppPath();
  const can = useCan();
  const transfer = useCreateTransfer(koperasiId);
  const [from, setFrom] = useState<MemberAccountItem | null>(null);
  const [to, setTo] = useState<MemberAccountItem | null>(null);
  const [amount, setAmount] = useState<number | "">("");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<JournalEntryData | null>(null);
  const serverErrors = isApiError(transfer.error) ? transfer.error.fieldErrors : {};
  const errorOf = (field: string) => errors[field] ?? serverErrors[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!from) found.fromMemberAccountId = t("ledger.transfer.chooseAccount");
    if (!to) found.toMemberAccountId = t("ledger.transfer.chooseAccount");
    if (from && to && from.id === to.id) found.toMemberAccountId = t("ledger.transfer.sameAccount");
    if (amount === "" || amount <= 0) found.amount = t("ledger.transfer.amountRequired");
    if (description.trim() && description.trim().length < 3) found.description = t("ledger.manual.descriptionShort");
    setErrors(found);
    if (Object.keys(found).length > 0 || !from || !to || amount === "") return;
    setDone(null);
    transfer.mutate(
      { fromMemberAccountId: from.id, toMemberAccountId: to.id, amount, ...(description.trim() ? { description: description.trim() } : {}) },
      {
        onSuccess: (entry) => {
          setDone(entry);
          setFrom(null);
          setTo(null);
          setAmount("");
          setDescription("");
        },
      },
    );
  };

  return (
    <Stack>
      <PageHeading title={t("ledger.transfer.title")} subtitle={t("ledger.transfer.subtitle")} />
      {done && (
        <Alert color="green" variant="light" role="status" data-testid="transfer-done">
          {t("ledger.transfer.done", { voucher: done.voucherNo ?? "", amount: formatMoney(done.totalDebit) })}{" "}
          {can("journal.view") && (
            <Anchor component={Link} to={path(`buku-besar/jurnal/${done.id}`)}>
              {t("ledger.transfer.openEntry")}
            </Anchor>
          )}
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-label={t("ledger.transfer.title")}>
        <Section>
          <Stack gap="sm">
            <MemberAccountPicker label={t("ledger.transfer.from")} name="fromMemberAccountId" value={from} onChange={setFrom} error={errorOf("fromMemberAccountId")} exclude={to?.id} />
            <MemberAccountPicker label={t("ledger.transfer.to")} name="toMemberAccountId" value={to} onChange={setTo} error={errorOf("toMemberAccountId")} exclude={from?.id} />
            <NumberInput
              {...RUPIAH_INPUT}
              name="amount"
              label={t("ledger.transfer.amount")}
              value={amount}
              onChange={(value) => setAmount(typeof value === "number" ? value : "")}
              error={errorOf("amount")}
              inputMode="numeric"
              required
            />
            <TextInput
              name="description"
              label={t("ledger.transfer.description")}
              description={t("ledger.transfer.descriptionHint")}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
              error={errorOf("description")}
              maxLength={200}
            />
            <ErrorAlert error={transfer.error} />
            {from && (
              <Text size="xs" c="dimmed">
                {t("ledger.transfer.available", { balance: formatMoney(from.balance) })}
              </Text>
            )}
            <Button type="submit" loading={transfer.isPending}>
              {t("ledger.transfer.submit")}
            </Button>
          </Stack>
        </Section>
      </form>
    </Stack>
  );
}
