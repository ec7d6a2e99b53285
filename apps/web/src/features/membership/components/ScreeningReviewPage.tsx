import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { useDecideScreeningMatch, useScreeningMatches } from "../hooks/useMembership";

type MatchState = "held" | "cleared" | "confirmed";

/** The pengawas' review: each held match is cleared as a false positive or confirmed, always with a note. */
export function ScreeningReviewPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("membership.screening.title"));
  const { koperasiId } = useAppContext();
  const [state, setState] = useState<MatchState>("held");
  const phone = useMediaQuery("(max-width: 30em)") ?? false;
  const matches = useScreeningMatches(koperasiId, state);
  const decide = useDecideScreeningMatch(koperasiId);
  const [notes, setNotes] = useState<Record<string, string>>({});

  return (
    <Stack>
      <Title order={1} size="h2">
        {t("membership.screening.title")}
      </Title>
      <Text c="dimmed">{t("membership.screening.intro")}</Text>
      <SegmentedControl
        // Three long choices do not fit side by side on a phone: stacked there.
        orientation={phone ? "vertical" : "horizontal"}
        value={state}
        onChange={(value) => setState(value as MatchState)}
        data={(["held", "cleared", "confirmed"] as const).map((value) => ({ value, label: t(`membership.matchState.${value}`) }))}
      />
      <ErrorAlert error={matches.error ?? decide.error} showFieldErrors />
      {matches.data?.items.length === 0 && <Text c="dimmed">{t("membership.screening.empty")}</Text>}
      {matches.data?.items.map((match) => (
        <Paper key={match.id} withBorder p="md">
          <Stack gap="xs">
            <Group justify="space-between">
              <Text fw={600}>
                {match.memberNumber} {match.fullName}
              </Text>
              <Badge miw="max-content">{t(`membership.matchedOn.${match.matchedOn}`)}</Badge>
            </Group>
            <Text size="sm">
              {t("membership.screening.listed", { name: match.listedName, list: match.listName, version: match.listVersion, reference: match.reference ?? "-" })}
            </Text>
            {match.note && <Text size="sm" c="dimmed">{match.note}</Text>}
            {state === "held" && (
              <>
                <TextInput
                  label={t("membership.screening.note")}
                  value={notes[match.id] ?? ""}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setNotes((all) => ({ ...all, [match.id]: value }));
                  }}
                />
                <Group>
                  <Button size="xs" variant="light" onClick={() => decide.mutate({ id: match.id, outcome: "cleared", note: notes[match.id] ?? "" })}>
                    {t("membership.screening.clear")}
                  </Button>
                  <Button size="xs" color="red" onClick={() => decide.mutate({ id: match.id, outcome: "confirmed", note: notes[match.id] ?? "" })}>
                    {t("membership.screening.confirm")}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
