import { Button, FileInput, Group, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DOCUMENT_MAX_BYTES, DOCUMENT_TYPES } from "@koperasi/contracts";
import type { DocumentKind, RegistrationState } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { formatBytes } from "../../../lib/format";
import { checkUpload } from "../../../lib/upload";
import { useLanguage } from "../../../lib/useLanguage";
import { uploadRegistrationDocument, type ResumeHandle } from "../api/registration";

const KINDS: readonly DocumentKind[] = ["akta", "sk_badan_hukum"];

/** Step 4 (optional): the deed and the legal-entity decree, for the operator's review. */
export function DocumentsStep({
  handle,
  registration,
  onChange,
  onBack,
  onNext,
}: {
  handle: ResumeHandle;
  registration: RegistrationState;
  onChange: (state: RegistrationState) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Text size="sm">{t("registration.documentsIntro")}</Text>
      {KINDS.map((kind) => (
        <DocumentUpload key={kind} kind={kind} handle={handle} registration={registration} onChange={onChange} />
      ))}
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          {t("common.back")}
        </Button>
        <Button onClick={onNext}>{registration.documents.length > 0 ? t("common.next") : t("registration.skipDocuments")}</Button>
      </Group>
    </Stack>
  );
}

function DocumentUpload({
  kind,
  handle,
  registration,
  onChange,
}: {
  kind: DocumentKind;
  handle: ResumeHandle;
  registration: RegistrationState;
  onChange: (state: RegistrationState) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const uploaded = registration.documents.find((d) => d.kind === kind);
  const upload = useMutation({
    mutationFn: (f: File) => uploadRegistrationDocument(handle, kind, f),
    onSuccess: onChange,
  });

  const choose = (next: File | null) => {
    setFile(next);
    upload.reset();
    if (!next) {
      setLocalError(null);
      return;
    }
    const problem = checkUpload(next, { types: DOCUMENT_TYPES, maxBytes: DOCUMENT_MAX_BYTES });
    if (problem) {
      setLocalError(t(`upload.${problem}`, { max: formatBytes(DOCUMENT_MAX_BYTES, language) }));
      return;
    }
    setLocalError(null);
    upload.mutate(next);
  };

  return (
    <Stack gap={4}>
      <FileInput
        name={kind}
        label={kind === "akta" ? t("registration.akta") : t("registration.skBadanHukum")}
        description={t("registration.documentRules", { max: formatBytes(DOCUMENT_MAX_BYTES, language) })}
        placeholder={t("upload.choose")}
        accept={DOCUMENT_TYPES.join(",")}
        value={file}
        onChange={choose}
        error={localError}
        clearable
        disabled={upload.isPending}
      />
      <ErrorAlert error={upload.error} />
      {upload.isPending && (
        <Text size="sm" c="dimmed">
          {t("upload.uploading")}
        </Text>
      )}
      {uploaded && !upload.isPending && (
        <Text size="sm" c="green" data-testid={`uploaded-${kind}`}>
          {t("upload.uploaded", { name: uploaded.fileName, size: formatBytes(uploaded.sizeBytes, language) })}
        </Text>
      )}
    </Stack>
  );
}
