import { z } from "zod";
import {
  AppointTerm,
  CreateEmployee,
  CurrentStructure,
  Employee,
  EndEmployment,
  EndTerm,
  KasirLogin,
  KoperasiParams,
  RoleGrantPending,
  StructureHistory,
  StructureTerm,
  Uuid,
} from "@koperasi/contracts";
import { notifyPengawas } from "../accounts/role-grants";
import type { AppContext } from "../context";
import { command } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";
import { createEmployee, endEmployment, kasirLogins, listEmployees } from "../structure/employees";
import { appointTerm, currentStructure, endTerm, listTerms } from "../structure/terms";

const tags = ["struktur"];
const ItemParams = KoperasiParams.extend({ id: Uuid });

export async function structureRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/structure",
    {
      schema: { tags, summary: "Struktur organisasi hari ini: pengurus, pengawas, karyawan", params: KoperasiParams, response: { 200: CurrentStructure } },
      config: { gate: { action: "structure.view" } },
    },
    async (request) => {
      const cmd = command(request);
      return currentStructure(cmd.trx, cmd.koperasiId, cmd.today);
    },
  );

  app.get(
    "/koperasi/:koperasiId/structure/history",
    {
      schema: { tags, summary: "Riwayat masa jabatan dan karyawan", params: KoperasiParams, response: { 200: StructureHistory } },
      config: { gate: { action: "structure.view" } },
    },
    async (request) => {
      const cmd = command(request);
      return { terms: await listTerms(cmd.trx, cmd.koperasiId, cmd.today), employees: await listEmployees(cmd.trx, cmd.koperasiId, cmd.today) };
    },
  );

  app.post(
    "/koperasi/:koperasiId/structure/terms",
    {
      schema: {
        tags,
        summary: "Mengangkat pengurus atau pengawas dari anggota (pengurus menunggu persetujuan orang kedua: 202)",
        params: KoperasiParams,
        body: AppointTerm,
        response: { 201: StructureTerm, 202: RoleGrantPending },
      },
      // Audited as structure.appoint, or role_grant.request when the appointment waits for approval.
      config: { gate: { action: "structure.manage" } },
    },
    async (request, reply) => {
      const cmd = command(request);
      const outcome = await appointTerm(cmd, request.body);
      if (outcome.kind === "appointed") {
        reply.status(201);
        return outcome.term;
      }
      await notifyPengawas(ctx, request.log, cmd, outcome.request);
      reply.status(202);
      return { status: "pending_approval" as const, request: outcome.request };
    },
  );

  app.post(
    "/koperasi/:koperasiId/structure/terms/:id/end",
    {
      schema: { tags, summary: "Mengakhiri masa jabatan lebih awal", params: ItemParams, body: EndTerm, response: { 200: StructureTerm } },
      config: { gate: { action: "structure.manage", audit: "structure.end_term" } },
    },
    async (request) => endTerm(command(request), request.params.id, request.body.endOn),
  );

  app.get(
    "/koperasi/:koperasiId/structure/kasir-logins",
    {
      schema: { tags, summary: "Akun kasir yang dapat dikaitkan dengan karyawan", params: KoperasiParams, response: { 200: z.array(KasirLogin) } },
      config: { gate: { action: "structure.manage" } },
    },
    async (request) => {
      const cmd = command(request);
      return kasirLogins(cmd.trx, cmd.koperasiId);
    },
  );

  app.post(
    "/koperasi/:koperasiId/structure/employees",
    {
      schema: { tags, summary: "Mencatat karyawan", params: KoperasiParams, body: CreateEmployee, response: { 201: Employee } },
      config: { gate: { action: "structure.manage", audit: "employee.create" } },
    },
    async (request, reply) => {
      const employee = await createEmployee(command(request), request.body);
      reply.status(201);
      return employee;
    },
  );

  app.post(
    "/koperasi/:koperasiId/structure/employees/:id/end",
    {
      schema: { tags, summary: "Mengakhiri masa kerja karyawan", params: ItemParams, body: EndEmployment, response: { 200: Employee } },
      config: { gate: { action: "structure.manage", audit: "employee.end" } },
    },
    async (request) => endEmployment(command(request), request.params.id, request.body.endOn),
  );
}
