import { SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatMonth } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { Money } from "../../ledger/components/LedgerParts";
import type { HomeMonthData } from "../api/home";

/** The figures behind the twelve-month chart, newest first, as rows that fit a phone. */
export function MonthFigures({ months }: { months: readonly HomeMonthData[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Stack gap={0} role="list" aria-label={t("home.monthsTitle")} data-testid="home-month-figures">
      {[...months].reverse().map((month, i) => (
        <div key={month.month} role="listitem" style={{ borderTop: i > 0 ? "1px solid var(--mantine-color-gray-3)" : undefined, paddingBlock: 6 }}>
          <Text size="sm" fw={600}>
            {formatMonth(month.month, language)}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing={2}>
            <Text size="xs">
              {t("home.cashIn")} <Money value={month.cashIn} size="xs" />
            </Text>
            <Text size="xs">
              {t("home.cashOut")} <Money value={month.cashOut} size="xs" />
            </Text>
            <Text size="xs">
              {t("home.savingsAtMonthEnd")} <Money value={month.savings} size="xs" />
            </Text>
          </SimpleGrid>
        </div>
      ))}
    </Stack>
  );
}
