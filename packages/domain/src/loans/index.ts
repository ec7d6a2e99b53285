// Loans' pure rules: exact rates, the repayment schedule (flat, menurun,
// anuitas; monthly or weekly; rounding), the effective rate, disbursement
// charges and denda. The server wires them to products, loans and the ledger.
export * from "./ratio";
export * from "./rate";
export * from "./schedule";
export * from "./effective-rate";
export * from "./charges";
export * from "./denda";
export * from "./repayment";
export * from "./due-dates";
export * from "./denda-catch-up";
