import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Member } from "../../../api/types";

const COLOURS: Record<Member["status"], string> = { aktif: "green", calon: "blue", keluar: "gray", meninggal: "dark", diberhentikan: "red" };

export function MemberStatusBadge({ status }: { status: Member["status"] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={COLOURS[status]} miw="max-content" style={{ flexShrink: 0 }} data-testid="member-status">
      {t(`memberStatus.${status}`)}
    </Badge>
  );
}
