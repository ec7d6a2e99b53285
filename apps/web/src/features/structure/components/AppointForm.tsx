import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AppointTerm, type StructureTerm } from "@koperasi/contracts";
import { PENGAWAS_POSITIONS, STANDARD_POSITIONS } from "@koperasi/domain";
import { isApiError } from "../../../api/problem";
import type { Member } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useFormState } from "../../../lib/useFormState";
import { useLanguage } from "../../../lib/useLanguage";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { useAppointTerm } from "../hooks/useStructure";
import { positionLabel } from "../positionLabel";
import { MemberPicker } from "./MemberPicker";
import { DateField } from "../../../components/DateField";

const OTHER = "__other__";

/** Appoint a member to a post for a term, as the RAT decided. */
export function AppointForm({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { koperasiId } = useAppContext();
  const appoint = useAppointTerm(koperasiId);
  const [member, setMember] = useState<Member | null>(null);
  const form = useFormState({ body: "pengurus", position: "", customPosition: "", startOn: asOf, endOn: "" });
  const [appointed, setAppointed] = useState<StructureTerm | null>(null);
  const [awaiting, setAwaiting] = useState<string | null>(null);
  const body = form.values.body === "pengawas" ? "pengawas" : "pengurus";
  const positions = body === "pengurus" ? [...STANDARD_POSITIONS, OTHER] : [...PENGAWAS_POSITIONS];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAppointed(null);
    setAwaiting(null);
    const position = form.values.position === OTHER ? form.values.customPosition : form.values.position;
    const payload = form.validate(AppointTerm, { memberId: member?.id, body, position, startOn: form.values.startOn, endOn: form.values.endOn });
    if (!payload) return;
    appoint.mutate(payload, {
      onSuccess: (answer) => {
        if ("status" in answer) setAwaiting(answer.request.subjectName);
        else setAppointed(answer);
        setMember(null);
        form.reset({ body, position: "", customPosition: "", startOn: form.values.startOn, endOn: form.values.endOn });
      },
      onError: (error) => {
        if (isApiError(error)) form.setErrors(error.fieldErrors);
      },
    });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label={t("structure.appointTitle")} data-testid="appoint-form">
      <Stack>
        <Title order={2} size="h4">
          {t("structure.appointTitle")}
        </Title>
        <SegmentedControl
          value={body}
          onChange={(value) => form.setValues({ ...form.values, body: value, position: "", customPosition: "" })}
          data={[
            { value: "pengurus", label: t("structure.pengurus") },
            { value: "pengawas", label: t("structure.pengawas") },
          ]}
          aria-label={t("structure.body")}
        />
        <MemberPicker value={member} onChange={setMember} error={form.errors.memberId} />
        <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
          <Select
            {...form.select("position")}
            label={t("structure.position")}
            required
            data={positions.map((p) => ({ value: p, label: p === OTHER ? t("structure.otherPosition") : positionLabel(p, language) }))}
            error={form.values.position === OTHER ? undefined : form.errors.position}
            comboboxProps={{ withinPortal: true }}
            miw={200}
          />
          {form.values.position === OTHER && (
            <TextInput
              {...form.text("customPosition")}
              label={t("structure.customPosition")}
              description={t("structure.customPositionHint")}
              required
              error={form.errors.position}
              miw={200}
            />
          )}
        </Group>
        <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
          <DateField {...form.date("startOn")} label={t("structure.startOn")} required miw={160} />
          <DateField {...form.date("endOn")} label={t("structure.endOnPlanned")} required miw={160} />
        </Group>
        <ErrorAlert error={appoint.error} />
        {awaiting && (
          <Alert color="yellow" variant="light" role="status" data-testid="appointment-awaiting">
            {t("roleGrants.awaiting", { name: awaiting })}
          </Alert>
        )}
        {appointed && (
          <Alert color="green" variant="light" role="status">
            {t("structure.appointed", { name: appointed.fullName, position: positionLabel(appointed.position, language) })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={appoint.isPending}>
            {t("structure.appoint")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
