import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { KOPERASI_TYPES, TIME_ZONES } from "@koperasi/contracts";
import { koperasiTypeLabel, timeZoneLabel } from "../../../lib/labels";
import { useLanguage } from "../../../lib/useLanguage";
import type { useFormState } from "../../../lib/useFormState";
import type { KoperasiValues } from "./forms";

export type KoperasiForm = ReturnType<typeof useFormState<KoperasiValues>>;

/** Step 1: the cooperative as its deed and the state's registers know it. */
export function KoperasiStep({ form, onNext }: { form: KoperasiForm; onNext: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onNext();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t("registration.steps.koperasi")}>
      <Stack>
        <TextInput {...form.text("name")} label={t("fields.koperasiName")} description={t("registration.nameHint")} required autoComplete="organization" />
        <NativeSelect
          {...form.text("type")}
          label={t("fields.koperasiType")}
          required
          data={[
            { value: "", label: t("common.choose"), disabled: true },
            ...KOPERASI_TYPES.map((type) => ({ value: type, label: koperasiTypeLabel(type, language) })),
          ]}
        />
        <Text size="sm" c="dimmed">
          {t("registration.identityRule")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput {...form.text("nomorIndukKoperasi")} label={t("fields.nomorIndukKoperasi")} description={t("registration.nikHint")} inputMode="numeric" />
          <TextInput {...form.text("nomorBadanHukum")} label={t("fields.nomorBadanHukum")} description={t("registration.bhHint")} />
          <TextInput {...form.text("nib")} label={t("fields.nib")} description={t("registration.nibHint")} inputMode="numeric" />
        </SimpleGrid>
        <Textarea {...form.text("address")} label={t("fields.address")} required autosize minRows={2} autoComplete="street-address" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...form.text("city")} label={t("fields.city")} required autoComplete="address-level2" />
          <TextInput {...form.text("province")} label={t("fields.province")} required autoComplete="address-level1" />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput {...form.text("postalCode")} label={t("fields.postalCode")} inputMode="numeric" maxLength={5} autoComplete="postal-code" />
          <NativeSelect
            {...form.text("timeZone")}
            label={t("fields.timeZone")}
            required
            data={TIME_ZONES.map((zone) => ({ value: zone, label: timeZoneLabel(zone, language) }))}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit">{t("common.next")}</Button>
        </Group>
      </Stack>
    </form>
  );
}
