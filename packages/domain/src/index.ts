// @koperasi/domain — pure rules shared by server and browser. No I/O.
export * from "./errors";
export * from "./money";
export * from "./format";
export * from "./time";
export * from "./calendar";
export * from "./identity";
export * from "./koperasi";
export * from "./permissions";
export * from "./ids";
export * from "./modules";
export * from "./ledger";
export * from "./member-registry";
export * from "./structure";
export * from "./screening-names";
export * from "./member-settlement";
export * from "./loans";
export * from "./savings";
