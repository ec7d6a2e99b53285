import { Select, SimpleGrid, Stack, Textarea, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { GENDER_VALUES, MARITAL_STATUS_VALUES, SOURCE_OF_FUNDS_VALUES } from "@koperasi/contracts";
import type { FieldErrors } from "../../../api/problem";
import type { MemberFormValues } from "../member-form";
import { DateField } from "../../../components/DateField";

interface Props {
  values: MemberFormValues;
  errors: FieldErrors;
  onChange: (field: keyof MemberFormValues, value: string) => void;
  /** When editing a record shown masked: the identifiers stay empty unless retyped. */
  identityMasked?: boolean;
}

/** The registry's fields for one member type, in sections that stack on a narrow phone. */
export function MemberFormFields({ values, errors, onChange, identityMasked = false }: Props) {
  const { t } = useTranslation();
  const text = (field: keyof MemberFormValues) => ({
    name: field,
    label: t(`registry.fields.${field}` as "registry.fields.fullName"),
    value: values[field],
    error: errors[field],
    onChange: (event: { currentTarget: { value: string } }) => onChange(field, event.currentTarget.value),
  });
  const select = (field: keyof MemberFormValues, data: { value: string; label: string }[]) => ({
    name: field,
    label: t(`registry.fields.${field}` as "registry.fields.fullName"),
    value: values[field] || null,
    error: errors[field],
    data,
    clearable: true,
    comboboxProps: { withinPortal: true },
    onChange: (value: string | null) => onChange(field, value ?? ""),
  });
  const personal = values.memberType !== "badan_hukum";
  const masked = identityMasked ? t("registry.hidden") : undefined;

  return (
    <Stack gap="sm">
      <TextInput {...text("fullName")} required />
      {personal ? (
        <>
          <Title order={3} size="h5">
            {t("registry.personalSection")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput {...text("nik")} inputMode="numeric" autoComplete="off" maxLength={20} description={t("registry.nikHint")} placeholder={masked} />
            <TextInput {...text("birthPlace")} />
            <DateField {...text("birthDate")} onChange={(date) => onChange("birthDate", date)} />
            <Select {...select("gender", GENDER_VALUES.map((value) => ({ value, label: t(`registry.genders.${value}`) })))} />
            <Select {...select("maritalStatus", MARITAL_STATUS_VALUES.map((value) => ({ value, label: t(`registry.maritalStatuses.${value}`) })))} />
            <TextInput {...text("occupation")} />
            <TextInput {...text("motherMaidenName")} autoComplete="off" placeholder={masked} />
          </SimpleGrid>
        </>
      ) : (
        <>
          <Title order={3} size="h5">
            {t("registry.entitySection")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput {...text("nomorBadanHukum")} required />
            <TextInput {...text("nomorIndukKoperasi")} />
          </SimpleGrid>
        </>
      )}
      <Title order={3} size="h5">
        {t("registry.contactSection")}
      </Title>
      <Textarea {...text("address")} autosize minRows={2} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput {...text("phone")} type="tel" inputMode="tel" autoComplete="off" placeholder={masked} />
        <TextInput {...text("email")} type="email" />
      </SimpleGrid>
      <Title order={3} size="h5">
        {t("registry.fundsSection")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select {...select("sourceOfFunds", SOURCE_OF_FUNDS_VALUES.map((value) => ({ value, label: t(`registry.sourcesOfFunds.${value}`) })))} />
        {values.sourceOfFunds === "lainnya" && <TextInput {...text("sourceOfFundsOther")} />}
      </SimpleGrid>
    </Stack>
  );
}
