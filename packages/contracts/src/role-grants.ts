import { z } from "zod";
import { KoperasiUser } from "./auth";
import { Uuid } from "./common";
import { StructureTerm } from "./structure";

/**
 * A change that gives money or admin authority, waiting for a second person
 * (another admin or the ketua; the pengawas where there is one admin).
 */
export const RoleGrantRequest = z.object({
  id: Uuid,
  kind: z.enum(["user_roles", "term"]),
  /** Whom it is for: the login's or the member's name. */
  subjectName: z.string(),
  subjectUserId: z.string().nullable(),
  /** What it gives that needs approval: admin, pengurus, kasir, bendahara. */
  grants: z.array(z.string()),
  /** The whole change as it will be applied (roles/positions/status, or the term). */
  change: z.record(z.string(), z.unknown()),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  status: z.enum(["pending", "approved", "rejected"]),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
/** The answer when a change waits for approval instead of taking effect (202). */
export const RoleGrantPending = z.object({ status: z.literal("pending_approval"), request: RoleGrantRequest });

/** A decision: the request as decided, and what an approval applied (the login's roles, or the term). */
export const RoleGrantDecision = z.object({ request: RoleGrantRequest, user: KoperasiUser.optional(), term: StructureTerm.optional() });
