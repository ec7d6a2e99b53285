import { LoanSimulation, type LoanSimulationRequest } from "@koperasi/contracts";
import { api } from "../../../api/client";

/** The public simulator: no session needed. */
export const simulateLoan = (body: LoanSimulationRequest) => api("/loan-simulations", { method: "POST", json: body, schema: LoanSimulation });
