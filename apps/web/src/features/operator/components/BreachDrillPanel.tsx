import { Button, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatDateTime } from "../../../lib/format";
import { useLanguage } from "../../../lib/useLanguage";
import { fetchPublicKoperasi } from "../../koperasi/api/public";
import { fetchOperatorBreachDrills, startBreachDrill } from "../../privacy/api/privacy";

/** The operator's breach-notice drill: pick a cooperative by its address name, send it a practice notice, see how fast it was acknowledged. */
export function BreachDrillPanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [slug, setSlug] = useState("");
  const [koperasiId, setKoperasiId] = useState<string | null>(null);
  const drills = useQuery({ queryKey: ["platform", "breach-drills", koperasiId], queryFn: () => fetchOperatorBreachDrills(koperasiId ?? ""), enabled: koperasiId !== null });
  const start = useMutation({
    mutationFn: async () => {
      const koperasi = await fetchPublicKoperasi(slug.trim());
      setKoperasiId(koperasi.id);
      return startBreachDrill(koperasi.id);
    },
    onSuccess: () => void drills.refetch(),
  });
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t("operator.drillIntro")}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          start.mutate();
        }}
      >
        <Group align="end">
          <TextInput label={t("operator.drillSlug")} value={slug} onChange={(e) => setSlug(e.currentTarget.value)} placeholder="sejahtera-bersama" data-testid="drill-slug" />
          <Button type="submit" loading={start.isPending} disabled={!slug.trim()} data-testid="drill-start">
            {t("operator.drillStart")}
          </Button>
        </Group>
      </form>
      <ErrorAlert error={start.error ?? drills.error} />
      {drills.data?.map((d) => (
        <Paper key={d.id} withBorder p="sm" data-testid="operator-drill">
          <Text size="sm" fw={600}>
            {d.title}
          </Text>
          <Text size="xs" c="dimmed">
            {d.acknowledgedAt
              ? t("operator.drillAcknowledged", { hours: d.hoursToAcknowledge ?? 0, verdict: d.withinDeadline ? t("operator.drillInTime") : t("operator.drillLate") })
              : t("operator.drillWaiting", { since: formatDateTime(d.startedAt, "Asia/Jakarta", language) })}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
