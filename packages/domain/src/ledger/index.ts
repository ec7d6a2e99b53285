// The general ledger's pure rules: account types and templates, journal
// validation, voucher numbers, periods. The server wires them to the database.
export * from "./accounts";
export * from "./chart-templates";
export * from "./journal";
export * from "./voucher";
export * from "./period";
export * from "./year-end";
export * from "./report-period";
export * from "./statement-lines";
export * from "./financial-statements";
