import { describe, expect, it } from "vitest";
import { StartRegistration } from "@koperasi/contracts";
import { ApiError, fieldErrorsFromIssues, fieldErrorsFromProblem, normalizeFieldPath, problemToError, scopeFieldErrors } from "./problem";

const problem = {
  type: "https://koperasi-pintar.id/problems/invalid_input",
  title: "invalid input",
  status: 400,
  code: "invalid_input",
  detail: "Data yang dikirim tidak sah.",
  instance: "/api/v1/registrations",
  errors: [
    { path: "body.koperasi.name", code: "too_small", message: "Nama koperasi minimal 3 karakter." },
    { path: "body.admin.email", code: "invalid_format", message: "Format email tidak sah." },
    { path: "body.admin.email", code: "too_big", message: "Email terlalu panjang." },
  ],
};

describe("problemToError", () => {
  it("parses an RFC 9457 document with field errors", () => {
    const error = problemToError(400, problem, "fallback");
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("invalid_input");
    expect(error.detail).toBe("Data yang dikirim tidak sah.");
    expect(error.message).toBe("Data yang dikirim tidak sah.");
    expect(error.fieldErrors).toEqual({
      "koperasi.name": "Nama koperasi minimal 3 karakter.",
      "admin.email": "Format email tidak sah.",
    });
    expect(error.problem?.instance).toBe("/api/v1/registrations");
    expect(error.isClientError).toBe(false);
  });

  it("keeps code and detail of an incomplete problem", () => {
    const error = problemToError(403, { code: "module_disabled", detail: "Modul Berita tidak aktif." }, "fallback");
    expect(error.code).toBe("module_disabled");
    expect(error.detail).toBe("Modul Berita tidak aktif.");
    expect(error.status).toBe(403);
    expect(error.fieldErrors).toEqual({});
  });

  it("falls back when the body is not a problem at all", () => {
    for (const body of [null, "<html>Bad gateway</html>", 42, []]) {
      const error = problemToError(502, body, "Server tidak dapat dihubungi.");
      expect(error.code).toBe("http_error");
      expect(error.detail).toBe("Server tidak dapat dihubungi.");
      expect(error.status).toBe(502);
      expect(error.isClientError).toBe(true);
    }
  });

  it("a problem without errors[] has no field errors", () => {
    const { errors: _omit, ...rest } = problem;
    expect(problemToError(409, { ...rest, status: 409, code: "duplicate_koperasi" }, "x").fieldErrors).toEqual({});
  });
});

describe("field paths", () => {
  it("strips the request part and accepts JSON pointers", () => {
    expect(normalizeFieldPath("body.admin.email")).toBe("admin.email");
    expect(normalizeFieldPath("querystring.page")).toBe("page");
    expect(normalizeFieldPath("/koperasi/name")).toBe("koperasi.name");
    expect(normalizeFieldPath("#/admin/phone")).toBe("admin.phone");
    expect(normalizeFieldPath("roles[0]")).toBe("roles.0");
    expect(normalizeFieldPath("name")).toBe("name");
    expect(normalizeFieldPath("bodyText")).toBe("bodyText");
  });

  it("scopes errors to one section", () => {
    const errors = fieldErrorsFromProblem(problem);
    expect(scopeFieldErrors(errors, "admin")).toEqual({ email: "Format email tidak sah." });
    expect(scopeFieldErrors(errors, "koperasi")).toEqual({ name: "Nama koperasi minimal 3 karakter." });
    expect(scopeFieldErrors(errors, "nothing")).toEqual({});
  });
});

describe("client-side validation with the contracts", () => {
  it("maps Zod issues to the same dotted paths the server uses", () => {
    const result = StartRegistration.safeParse({
      koperasi: { name: "K", type: "ksp", address: "Jl. Merdeka 1", city: "Bandung", province: "Jawa Barat", timeZone: "Asia/Jakarta" },
      admin: { name: "Siti", email: "bukan-email", phone: "0812345678", password: "pendek" },
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    const errors = fieldErrorsFromIssues(result.error.issues);
    expect(errors["koperasi.name"]).toBe("Nama koperasi minimal 3 karakter.");
    expect(errors["admin.email"]).toBe("Format email tidak sah.");
    expect(errors["admin.password"]).toBe("Kata sandi minimal 8 karakter.");
    expect(errors["admin.phone"]).toBeUndefined();
  });
});
