import { Alert, Button, Group, Paper, Select, Stack, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CreateEmployee, type Employee } from "@koperasi/contracts";
import { isApiError } from "../../../api/problem";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { useFormState, withoutEmpty } from "../../../lib/useFormState";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { useCreateEmployee, useKasirLogins } from "../hooks/useStructure";
import { DateField } from "../../../components/DateField";

/** Records a member of staff; the login is offered from the cooperative's kasir accounts. */
export function EmployeeForm({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const { koperasiId } = useAppContext();
  const create = useCreateEmployee(koperasiId);
  const logins = useKasirLogins(koperasiId, true);
  const form = useFormState({ fullName: "", jobTitle: "", startOn: asOf, koperasiUserId: "" });
  const [added, setAdded] = useState<Employee | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const body = form.validate(CreateEmployee, withoutEmpty(form.values));
    if (!body) return;
    create.mutate(body, {
      onSuccess: (employee) => {
        setAdded(employee);
        form.reset();
      },
      onError: (error) => {
        if (isApiError(error)) form.setErrors(error.fieldErrors);
      },
    });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label={t("structure.employeeTitle")}>
      <Stack>
        <Title order={2} size="h4">
          {t("structure.employeeTitle")}
        </Title>
        <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
          <TextInput {...form.text("fullName")} label={t("structure.fullName")} required miw={200} />
          <TextInput {...form.text("jobTitle")} label={t("structure.jobTitle")} required miw={160} />
        </Group>
        <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
          <DateField {...form.date("startOn")} label={t("structure.startOn")} required miw={160} />
          <Select
            {...form.select("koperasiUserId")}
            label={t("structure.kasirLogin")}
            clearable
            data={(logins.data ?? []).map((l) => ({ value: l.koperasiUserId, label: l.name }))}
            comboboxProps={{ withinPortal: true }}
            miw={200}
          />
        </Group>
        <ErrorAlert error={create.error} />
        {added && (
          <Alert color="green" variant="light" role="status">
            {t("structure.employeeAdded", { name: added.fullName })}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t("structure.addEmployee")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
