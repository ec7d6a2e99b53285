// Savings' pure rules: sukarela interest by its three methods, the final tax
// on interest, term deposits, wajib billing and arrears. The server
// wires them to products, accounts, jobs and the ledger.
export * from "./sukarela-interest";
export * from "./interest-tax";
export * from "./berjangka";
export * from "./wajib";
