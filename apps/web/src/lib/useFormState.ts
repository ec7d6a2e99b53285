import { useCallback, useState, type ChangeEvent } from "react";
import type { z } from "zod";
import type { FieldErrors } from "../api/problem";
import { fieldErrorsFromIssues } from "../api/problem";

type Values = Record<string, string | boolean>;

/**
 * Just enough form state for these screens (no form library installed):
 * values, per-field messages (from the contracts' Zod schemas or from the
 * server's problem `errors[]`), and props for Mantine inputs.
 */
export function useFormState<T extends Values>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});

  const setValue = useCallback(<K extends keyof T & string>(key: K, value: T[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      if (!(key in current)) return current;
      const next = { ...current };
      delete next[key];
      return next;
    });
  }, []);

  /** Props for TextInput, PasswordInput, Textarea. */
  const text = <K extends keyof T & string>(key: K) => ({
    name: key,
    value: String(values[key]),
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => setValue(key, event.currentTarget.value as T[K]),
    error: errors[key],
  });

  /** Props for DateField: the value is an ISO date string, "" for none. */
  const date = <K extends keyof T & string>(key: K) => ({
    name: key,
    value: String(values[key]),
    onChange: (value: string) => setValue(key, value as T[K]),
    error: errors[key],
  });

  /** Props for Select / NativeSelect-like inputs that hand over the value. */
  const select = <K extends keyof T & string>(key: K) => ({
    name: key,
    value: String(values[key]) || null,
    onChange: (value: string | null) => setValue(key, (value ?? "") as T[K]),
    error: errors[key],
  });

  /** Validates `payload` with a contract; on failure shows its messages and returns null. */
  function validate<S extends z.ZodType>(schema: S, payload: unknown): z.output<S> | null {
    const result = schema.safeParse(payload);
    if (result.success) return result.data;
    setErrors(fieldErrorsFromIssues(result.error.issues));
    return null;
  }

  const reset = useCallback((next?: T) => {
    setValues(next ?? initial);
    setErrors({});
  }, [initial]);

  return { values, setValue, setValues, errors, setErrors, text, date, select, validate, reset };
}

/** Leaves out empty optional text so `"".optional()` fields are simply absent. */
export function withoutEmpty<T extends Record<string, unknown>>(values: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(values) as [keyof T, T[keyof T]][]) {
    if (typeof value === "string" && value.trim() === "") continue;
    out[key] = value;
  }
  return out;
}
