import { STRUCTURE_REFUSALS, type StructureRefusal } from "@koperasi/domain";
import { AppError } from "../errors/app-error";

/** Where in the request each refusal points, for the form to mark the field. */
const FIELD: Partial<Record<StructureRefusal, string>> = {
  term_end_before_start: "body.endOn",
  term_end_outside_term: "body.endOn",
  position_invalid: "body.position",
  member_not_active: "body.memberId",
};

/** A structure rule's refusal as problem+json: 400 for bad input, 409 for a clash with the structure as it stands. */
export function structureRefusal(code: StructureRefusal): AppError {
  const info = STRUCTURE_REFUSALS[code];
  const path = FIELD[code];
  return new AppError(info.kind === "conflict" ? 409 : 400, code, info.id, info.en, path ? [{ path, code, message: info.id }] : undefined);
}
