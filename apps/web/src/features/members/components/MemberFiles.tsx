import { Button, FileInput, Group, Image, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../components/ErrorAlert";
import { formatBytes } from "../../../lib/format";
import { checkUpload } from "../../../lib/upload";
import { useLanguage } from "../../../lib/useLanguage";
import { useAppContext } from "../../shell/hooks/useAppContext";
import { memberFileUrl, type MemberFileKind, type MemberRecord } from "../api/members";
import { useUploadMemberFile } from "../hooks/useMembers";

// The server's limits (members/member-files.ts), checked here first so a slow
// connection is not spent on a file that will be refused.
const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp"] as const;
const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

export function MemberFiles({ member, canEdit }: { member: MemberRecord; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="member-files">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MemberFile member={member} kind="photo" has={member.hasPhoto} canEdit={canEdit} title={t("registry.photo")} />
        {/* The KTP shows the NIK: only for those who see the NIK. */}
        {member.identityVisible && <MemberFile member={member} kind="ktp" has={member.hasKtp} canEdit={canEdit} title={t("registry.ktp")} />}
      </SimpleGrid>
    </Paper>
  );
}

function MemberFile({ member, kind, has, canEdit, title }: { member: MemberRecord; kind: MemberFileKind; has: boolean; canEdit: boolean; title: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { koperasiId } = useAppContext();
  const upload = useUploadMemberFile(koperasiId, member.id, kind);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  // The upload's time makes the browser fetch the new image instead of its cached one.
  const [version, setVersion] = useState<string | null>(null);
  const maxLabel = formatBytes(IMAGE_MAX_BYTES, language);

  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const choose = (next: File | null) => {
    upload.reset();
    setProblem(null);
    if (!next) return setFile(null);
    const refused = checkUpload(next, { types: IMAGE_TYPES, maxBytes: IMAGE_MAX_BYTES });
    if (refused) {
      setFile(null);
      setProblem(t(`upload.${refused}`, { max: maxLabel }));
      return;
    }
    setFile(next);
  };

  const serverError = upload.error ? errorMessage(upload.error, t("errors.unexpected")) : null;

  return (
    <Stack gap="xs" data-testid={`member-file-${kind}`}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {preview ? (
        <Image src={preview} alt={t("registry.preview")} mah={220} fit="contain" radius="sm" />
      ) : has || version ? (
        <Image src={memberFileUrl(koperasiId, member.id, kind, version ?? member.updatedAt ?? member.createdAt)} alt={title} mah={220} fit="contain" radius="sm" />
      ) : (
        <Text size="sm" c="dimmed">
          {t("registry.noFile")}
        </Text>
      )}
      {canEdit && (
        <>
          <FileInput
            accept={IMAGE_TYPES.join(",")}
            value={file}
            onChange={choose}
            placeholder={has || version ? t("registry.replaceFile") : t("upload.choose")}
            description={t("registry.fileRules", { max: maxLabel })}
            error={problem ?? serverError}
            clearable
            aria-label={title}
          />
          <Group justify="flex-end">
            <Button
              size="compact-sm"
              disabled={!file}
              loading={upload.isPending}
              onClick={() => file && upload.mutate(file, { onSuccess: (info) => {
                    setFile(null);
                    setVersion(info.uploadedAt);
                  },
                })}
            >
              {t("registry.uploadFile")}
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
