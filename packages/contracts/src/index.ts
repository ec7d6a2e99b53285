export * from "./common";
export * from "./registration";
export * from "./auth";
export * from "./koperasi";
export * from "./ledger";
export * from "./transparency";
export * from "./ledger-books";
export * from "./structure";
