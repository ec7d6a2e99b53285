import { InvitationPreview } from "@koperasi/contracts";
import { api } from "../../../api/client";
import { WebSessionInfo } from "../../../api/types";

export const fetchInvitationPreview = (token: string) => api(`/invitations/${encodeURIComponent(token)}`, { schema: InvitationPreview });

export const acceptInvitation = (body: { token: string; password?: string }) =>
  api("/invitations/accept", { method: "POST", json: body, schema: WebSessionInfo });
