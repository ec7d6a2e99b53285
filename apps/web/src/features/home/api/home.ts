import { KoperasiHome } from "@koperasi/contracts";
import type { z } from "zod";
import { api } from "../../../api/client";

export type HomeData = z.output<typeof KoperasiHome>;
export type HomeMonthData = NonNullable<HomeData["books"]>["months"][number];

/** The figures of the signed-in person's home, one request for every card. */
export const fetchHome = (koperasiId: string) => api(`/koperasi/${koperasiId}/home`, { schema: KoperasiHome });
