import { Badge, Group, Paper, Stack, Text, Title, UnstyledButton, type TextProps } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatDate, formatMoney } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import type { StatementItem } from "../api/ledger";
import { DateField } from "../../../components/DateField";

// Small pieces every ledger screen shares: amounts, the page heading, the
// period filter, and a statement as a list of rows that fits a 360 px phone
// (the way bank apps show mutasi) instead of a six-column table.

/** A Rupiah amount: tabular digits, never wrapped inside. */
export function Money({ value, signed = false, ...props }: { value: number; signed?: boolean } & TextProps) {
  const text = signed && value > 0 ? `+${formatMoney(value)}` : formatMoney(value);
  return (
    <Text component="span" ff="monospace" style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }} {...props}>
      {text}
    </Text>
  );
}

export function PageHeading({ title, subtitle, action }: { title: string; subtitle?: ReactNode; action?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" gap="xs">
      <div style={{ minWidth: 0 }}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {subtitle && (
          <Text size="sm" c="dimmed">
            {subtitle}
          </Text>
        )}
      </div>
      {action}
    </Group>
  );
}

export interface Period {
  from: string;
  to: string;
}

/** Two native date inputs (the phone's own date picker); empty means the server's default (this book year to today). */
export function PeriodFilter({ value, onChange }: { value: Period; onChange: (next: Period) => void }) {
  const { t } = useTranslation();
  return (
    <Group grow gap="xs" align="flex-start" preventGrowOverflow={false}>
      <DateField name="from" label={t("ledger.from")} value={value.from} onChange={(from) => onChange({ ...value, from })} miw={140} />
      <DateField name="to" label={t("ledger.to")} value={value.to} onChange={(to) => onChange({ ...value, to })} miw={140} />
    </Group>
  );
}

/** The balance as a debit or credit figure: an account's balance reads on its normal side. */
export function BalanceLine({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Money value={value} fw={700} />
    </Group>
  );
}

interface StatementListProps {
  items: readonly StatementItem[];
  normalBalance: "debit" | "credit";
  /**
   * "ledger": debit and credit named (buku besar, for staff);
   * "member": money in (+) and out (−) of the member's account (mutasi).
   */
  mode: "ledger" | "member";
  timeZone: string;
  /** Where tapping a row goes; no link when absent. */
  linkTo?: (item: StatementItem) => string;
  testId?: string;
}

export function StatementList({ items, normalBalance, mode, timeZone, linkTo, testId }: StatementListProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (items.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="sm">
        {t("ledger.noMovements")}
      </Text>
    );
  }
  return (
    <Stack gap={0} data-testid={testId} role="list">
      {items.map((item, i) => {
        const effect = normalBalance === "debit" ? item.debit - item.credit : item.credit - item.debit;
        const side = item.debit > 0 ? t("ledger.debit") : t("ledger.credit");
        const amount = item.debit > 0 ? item.debit : item.credit;
        const body = (
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm" py="xs" px={4}>
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} lineClamp={2}>
                {item.description}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDate(item.businessDate, language, timeZone)} · <span style={{ fontFamily: "monospace" }}>{item.voucherNo}</span>
              </Text>
            </div>
            <Stack gap={0} align="flex-end" style={{ flex: "none" }}>
              {mode === "member" ? (
                <Money value={effect} signed fw={700} c={effect >= 0 ? "green.8" : "red.8"} size="sm" />
              ) : (
                <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                  <Text component="span" size="xs" c="dimmed">
                    {side}{" "}
                  </Text>
                  <Money value={amount} fw={700} size="sm" />
                </Text>
              )}
              <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {t("ledger.balanceShort")} <Money value={item.balance} size="xs" />
              </Text>
            </Stack>
          </Group>
        );
        const key = `${item.entryId}-${item.lineNo}`;
        const border = i > 0 ? { borderTop: "1px solid var(--mantine-color-gray-3)" } : undefined;
        return linkTo ? (
          <UnstyledButton
            key={key}
            component={Link}
            to={linkTo(item)}
            role="listitem"
            style={{ ...border, display: "block" }}
            aria-label={t("ledger.openTransaction", { description: item.description, voucher: item.voucherNo })}
            data-testid="statement-row"
          >
            {body}
          </UnstyledButton>
        ) : (
          <div key={key} role="listitem" style={border} data-testid="statement-row">
            {body}
          </div>
        );
      })}
    </Stack>
  );
}

/** Posted, pending or rejected, coloured. */
export function JournalStatusBadge({ status }: { status: "pending" | "posted" | "rejected" }) {
  const { t } = useTranslation();
  const colour = status === "posted" ? "green" : status === "pending" ? "yellow" : "gray";
  return (
    <Badge color={colour} variant="light" miw="max-content" style={{ flexShrink: 0 }}>
      {t(`ledger.status.${status}`)}
    </Badge>
  );
}

export function Section({ children, title, testId }: { children: ReactNode; title?: string; testId?: string }) {
  return (
    <Paper withBorder p={{ base: "xs", sm: "sm" }} radius="md" data-testid={testId}>
      {title && (
        <Title order={2} size="h5" mb="xs">
          {title}
        </Title>
      )}
      {children}
    </Paper>
  );
}
