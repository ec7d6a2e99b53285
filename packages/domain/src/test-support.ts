// Shared by the *.test.ts files only; not exported from the package.
import { expect } from "vitest";
import { DomainError, type DomainErrorCode } from "./errors";

export function expectDomainError(fn: () => unknown, code: DomainErrorCode): DomainError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected DomainError ${code}`).toBeInstanceOf(DomainError);
  const domainError = thrown as DomainError;
  expect(domainError.code).toBe(code);
  return domainError;
}
