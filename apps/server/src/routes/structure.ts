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
  StructureHistory,
  StructureTerm,
  Uuid,
} from "@koperasi/contracts";
import type { AppContext } from "../context";
import { requireTenant } from "../http/session";
import type { ZodApp } from "../http/zod-app";
import { createEmployee, endEmployment, kasirLogins, listEmployees } from "../structure/employees";
import { appointTerm, currentStructure, endTerm, listTerms } from "../structure/terms";

const tags = ["struktur"];
const ItemParams = KoperasiParams.extend({ id: Uuid });

export async function structureRoutes(app: ZodApp, ctx: AppContext): Promise<void> {
  app.get(
    "/koperasi/:koperasiId/structure",
    { schema: { tags, summary: "Struktur organisasi hari ini: pengurus, pengawas, karyawan", params: KoperasiParams, response: { 200: CurrentStructure } } },
    async (request) => currentStructure(ctx, await requireTenant(ctx, request, request.params.koperasiId, "structure.view")),
  );

  app.get(
    "/koperasi/:koperasiId/structure/history",
    { schema: { tags, summary: "Riwayat masa jabatan dan karyawan", params: KoperasiParams, response: { 200: StructureHistory } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "structure.view");
      return { terms: await listTerms(ctx, access), employees: await listEmployees(ctx, access) };
    },
  );

  app.post(
    "/koperasi/:koperasiId/structure/terms",
    { schema: { tags, summary: "Mengangkat pengurus atau pengawas dari anggota", params: KoperasiParams, body: AppointTerm, response: { 201: StructureTerm } } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "structure.manage");
      return reply.status(201).send(await appointTerm(ctx, access, request.body, request));
    },
  );

  app.post(
    "/koperasi/:koperasiId/structure/terms/:id/end",
    { schema: { tags, summary: "Mengakhiri masa jabatan lebih awal", params: ItemParams, body: EndTerm, response: { 200: StructureTerm } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "structure.manage");
      return endTerm(ctx, access, request.params.id, request.body.endOn, request);
    },
  );

  app.get(
    "/koperasi/:koperasiId/structure/kasir-logins",
    { schema: { tags, summary: "Akun kasir yang dapat dikaitkan dengan karyawan", params: KoperasiParams, response: { 200: z.array(KasirLogin) } } },
    async (request) => kasirLogins(ctx, await requireTenant(ctx, request, request.params.koperasiId, "structure.manage")),
  );

  app.post(
    "/koperasi/:koperasiId/structure/employees",
    { schema: { tags, summary: "Mencatat karyawan", params: KoperasiParams, body: CreateEmployee, response: { 201: Employee } } },
    async (request, reply) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "structure.manage");
      return reply.status(201).send(await createEmployee(ctx, access, request.body, request));
    },
  );

  app.post(
    "/koperasi/:koperasiId/structure/employees/:id/end",
    { schema: { tags, summary: "Mengakhiri masa kerja karyawan", params: ItemParams, body: EndEmployment, response: { 200: Employee } } },
    async (request) => {
      const access = await requireTenant(ctx, request, request.params.koperasiId, "structure.manage");
      return endEmployment(ctx, access, request.params.id, request.body.endOn, request);
    },
  );
}
