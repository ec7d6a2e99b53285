import Fastify from "fastify";
import cookie from "@fastify/cookie";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../context";
import { installProblemHandlers } from "../http/problem";
import { installTenantPipeline } from "../http/tenant-pipeline";
import type { ZodApp } from "../http/zod-app";

/** A bare app with only the request pipeline, for routes that the real app must never have (a test's own gated routes). */
export async function pipelineApp(ctx: AppContext, register: (app: ZodApp) => void): Promise<ZodApp> {
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>() as unknown as ZodApp;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandlers(app);
  await app.register(cookie);
  installTenantPipeline(app, ctx);
  register(app);
  await app.ready();
  return app;
}
