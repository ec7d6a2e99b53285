import { Alert, Box, Button, ColorInput, FileInput, Group, Image, Paper, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { LOGO_MAX_BYTES, LOGO_TYPES, UpdateKoperasiProfile } from "@koperasi/contracts";
import { isApiError } from "../../../api/problem";
import type { KoperasiProfile } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { KoperasiLogo } from "../../../components/KoperasiLogo";
import { useDocumentTitle } from "../../../components/useDocumentTitle";
import { formatBytes } from "../../../lib/format";
import { checkUpload } from "../../../lib/upload";
import { useFormState } from "../../../lib/useFormState";
import { useLanguage } from "../../../lib/useLanguage";
import { useProfile, useUpdateProfile, useUploadLogo } from "../../koperasi/hooks/useProfile";
import { useAppContext, useCan } from "../../shell/hooks/useAppContext";

const SWATCHES = ["#1d7a5a", "#0b7285", "#1864ab", "#5f3dc4", "#a61e4d", "#c92a2a", "#d9480f", "#e67700", "#2b8a3e", "#343a40"];

/** Pengaturan › Profil Koperasi: the name, address and colour members see, the logo, and whether two-factor is mandatory. */
export function ProfileSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("profile.title"));
  const { koperasiId } = useAppContext();
  const profile = useProfile(koperasiId);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t("profile.title")}
      </Title>
      <ErrorAlert error={profile.error} />
      {profile.data && (
        <>
          <LogoSection profile={profile.data} />
          <ProfileForm key={profile.data.id} profile={profile.data} />
        </>
      )}
    </Stack>
  );
}

function ProfileForm({ profile }: { profile: KoperasiProfile }) {
  const { t } = useTranslation();
  const can = useCan();
  const update = useUpdateProfile(profile.id);
  const [saved, setSaved] = useState(false);
  const form = useFormState({
    name: profile.name,
    address: profile.address,
    city: profile.city,
    province: profile.province,
    postalCode: profile.postalCode ?? "",
    primaryColor: profile.primaryColor,
    mfaRequired: profile.mfaRequired,
  });
  const { values } = form;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = form.validate(UpdateKoperasiProfile, {
      name: values.name,
      address: values.address,
      city: values.city,
      province: values.province,
      postalCode: values.postalCode.trim() === "" ? null : values.postalCode,
      primaryColor: values.primaryColor,
      ...(can("users.require_mfa") ? { mfaRequired: values.mfaRequired } : {}),
    });
    if (!body) return;
    update.mutate(body, {
      onSuccess: () => setSaved(true),
      onError: (error) => {
        if (isApiError(error)) form.setErrors(error.fieldErrors);
      },
    });
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate aria-label={t("profile.formLabel")}>
      <Stack>
        <TextInput {...form.text("name")} label={t("fields.koperasiName")} required />
        <Textarea {...form.text("address")} label={t("fields.address")} required autosize minRows={2} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput {...form.text("city")} label={t("fields.city")} required />
          <TextInput {...form.text("province")} label={t("fields.province")} required />
          <TextInput {...form.text("postalCode")} label={t("fields.postalCode")} inputMode="numeric" maxLength={5} />
        </SimpleGrid>
        <ColorInput
          name="primaryColor"
          label={t("profile.primaryColor")}
          description={t("profile.primaryColorHint")}
          format="hex"
          value={values.primaryColor}
          onChange={(value) => form.setValue("primaryColor", value)}
          error={form.errors.primaryColor}
          swatches={SWATCHES}
          swatchesPerRow={10}
        />
        {can("users.require_mfa") && (
          <Switch
            name="mfaRequired"
            label={t("profile.mfaRequired")}
            description={t("profile.mfaRequiredHint")}
            checked={values.mfaRequired}
            onChange={(event) => form.setValue("mfaRequired", event.currentTarget.checked)}
          />
        )}
        <Text size="sm" c="dimmed">
          {t("profile.slugNote", { slug: profile.slug })}
        </Text>
        <ErrorAlert error={update.error} />
        {saved && (
          <Alert color="green" variant="light" role="status">
            {t("profile.saved")}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={update.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function LogoSection({ profile }: { profile: KoperasiProfile }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const upload = useUploadLogo(profile.id);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState(false);

  useEffect(() => {
    if (!file) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (next: File | null) => {
    upload.reset();
    setUploaded(false);
    setLocalError(null);
    if (next) {
      const problem = checkUpload(next, { types: LOGO_TYPES, maxBytes: LOGO_MAX_BYTES });
      if (problem) {
        setFile(null);
        setLocalError(t(`upload.${problem}`, { max: formatBytes(LOGO_MAX_BYTES, language) }));
        return;
      }
    }
    setFile(next);
  };

  const send = () => {
    if (!file) return;
    upload.mutate(file, {
      onSuccess: () => {
        setFile(null);
        setUploaded(true);
      },
    });
  };

  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t("profile.logo")}
        </Title>
        <Group align="flex-start" wrap="wrap">
          <Stack gap={4} align="center">
            <Box p={6} style={{ border: "1px solid var(--mantine-color-gray-3)", borderRadius: 8 }}>
              {preview ? (
                <Image src={preview} alt={t("profile.logoPreview")} h={96} w={96} fit="contain" data-testid="logo-preview" />
              ) : (
                <KoperasiLogo name={profile.name} logoUrl={profile.logoUrl} size={96} />
              )}
            </Box>
            <Text size="xs" c="dimmed">
              {preview ? t("profile.logoPreview") : t("profile.logoCurrent")}
            </Text>
          </Stack>
          <Stack style={{ flex: 1, minWidth: 220 }}>
            <FileInput
              name="logo"
              label={t("profile.logoFile")}
              description={t("profile.logoRules", { max: formatBytes(LOGO_MAX_BYTES, language) })}
              placeholder={t("upload.choose")}
              accept={LOGO_TYPES.join(",")}
              value={file}
              onChange={choose}
              error={localError}
              clearable
            />
            <ErrorAlert error={upload.error} />
            {uploaded && (
              <Alert color="green" variant="light" role="status">
                {t("profile.logoUploaded")}
              </Alert>
            )}
            <Group>
              <Button onClick={send} disabled={!file} loading={upload.isPending}>
                {t("profile.uploadLogo")}
              </Button>
            </Group>
          </Stack>
        </Group>
      </Stack>
    </Paper>
  );
}
