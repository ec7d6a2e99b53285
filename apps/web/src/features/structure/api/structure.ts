import { z } from "zod";
import type { AppointTerm, CreateEmployee} from "@koperasi/contracts";
import { CurrentStructure, Employee, KasirLogin, RoleGrantPending, StructureHistory, StructureTerm } from "@koperasi/contracts";
import { api } from "../../../api/client";

const base = (koperasiId: string) => `/koperasi/${encodeURIComponent(koperasiId)}/structure`;

export type Appointment = z.output<typeof AppointTerm>;
export type NewEmployee = z.output<typeof CreateEmployee>;

export const fetchCurrentStructure = (koperasiId: string) => api(base(koperasiId), { schema: CurrentStructure });

export const fetchStructureHistory = (koperasiId: string) => api(`${base(koperasiId)}/history`, { schema: StructureHistory });

/** A pengurus term waits for a second person's approval: the answer is then the pending request. */
export const appointTerm = (koperasiId: string, body: Appointment) =>
  api(`${base(koperasiId)}/terms`, { method: "POST", json: body, schema: z.union([RoleGrantPending, StructureTerm]) });

export const endTerm = (koperasiId: string, termId: string, endOn: string) =>
  api(`${base(koperasiId)}/terms/${encodeURIComponent(termId)}/end`, { method: "POST", json: { endOn }, schema: StructureTerm });

export const fetchKasirLogins = (koperasiId: string) => api(`${base(koperasiId)}/kasir-logins`, { schema: z.array(KasirLogin) });

export const createEmployee = (koperasiId: string, body: NewEmployee) => api(`${base(koperasiId)}/employees`, { method: "POST", json: body, schema: Employee });

export const endEmployment = (koperasiId: string, employeeId: string, endOn: string) =>
  api(`${base(koperasiId)}/employees/${encodeURIComponent(employeeId)}/end`, { method: "POST", json: { endOn }, schema: Employee });
