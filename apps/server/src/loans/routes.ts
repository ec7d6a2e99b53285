import { LoanSimulation, LoanSimulationRequest } from "@koperasi/contracts";
import { limitPerIp } from "../accounts/rate-limits";
import type { AppContext } from "../context";
import type { ZodApp } from "../http/zod-app";
import { simulateLoan } from "./simulation";

const tags = ["pinjaman"];
const ONE_MINUTE = 60_000;

export async function loanRoutes(app: ZodApp, _ctx: AppContext): Promise<void> {
  app.post(
    "/loan-simulations",
    {
      schema: {
        tags,
        summary: "Simulasi pinjaman (publik, tanpa masuk): jadwal angsuran, total bunga dan suku bunga efektif",
        description:
          "Metode: `flat`, `equal_principal` (menurun) atau `annuity` (anuitas). `monthlyRatePercent` berupa teks desimal, contoh `\"1.5\"`. `roundTo` 1 (Rupiah utuh, setengah ke atas), 100 atau 1000 (setiap angsuran kecuali terakhir dibulatkan ke atas). Suku bunga efektif: IRR arus kas anggota per bulan; per tahun = 12 × per bulan.",
        body: LoanSimulationRequest,
        response: { 200: LoanSimulation },
      },
      // No login and no database, but each answer is computed: a per-address budget keeps it from being used as a load generator.
      config: { rateLimit: limitPerIp("loan-simulation", 120, ONE_MINUTE) },
    },
    async (request) => simulateLoan(request.body),
  );
}
