import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";
import { Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatMoney, formatMonth } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import type { HomeMonthData } from "../api/home";

// Loaded on demand (React.lazy): only a home that shows the twelve months
// pulls in the chart library.

const compact = new Intl.NumberFormat("id-ID", { notation: "compact", maximumFractionDigits: 1 });

export function MonthsChart({ months }: { months: readonly HomeMonthData[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const data = months.map((m) => ({ month: formatMonth(m.month, language), cashIn: m.cashIn, cashOut: m.cashOut, savings: m.savings }));
  return (
    <Stack gap="xs" role="img" aria-label={t("home.monthsChartLabel")} data-testid="home-months-chart">
      <BarChart
        h={180}
        data={data}
        dataKey="month"
        series={[
          { name: "cashIn", label: t("home.cashIn"), color: "teal.7" },
          { name: "cashOut", label: t("home.cashOut"), color: "red.7" },
        ]}
        valueFormatter={formatMoney}
        yAxisProps={{ tickFormatter: (v: number) => compact.format(v), width: 48 }}
        withLegend
        tickLine="none"
        gridAxis="y"
      />
      <Text size="xs" c="dimmed">
        {t("home.savingsAtMonthEnd")}
      </Text>
      <LineChart
        h={140}
        data={data}
        dataKey="month"
        series={[{ name: "savings", label: t("home.savingsAtMonthEnd"), color: "blue.7" }]}
        valueFormatter={formatMoney}
        yAxisProps={{ tickFormatter: (v: number) => compact.format(v), width: 48 }}
        tickLine="none"
        gridAxis="y"
        curveType="monotone"
      />
    </Stack>
  );
}
