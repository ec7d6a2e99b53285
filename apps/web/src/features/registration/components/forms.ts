// Field values of the two registration forms, all text as typed.

export const EMPTY_KOPERASI = {
  name: "",
  type: "",
  nomorIndukKoperasi: "",
  nomorBadanHukum: "",
  nib: "",
  address: "",
  city: "",
  province: "",
  postalCode: "",
  timeZone: "Asia/Jakarta",
};
export type KoperasiValues = typeof EMPTY_KOPERASI;

export const EMPTY_ADMIN = { name: "", email: "", phone: "", password: "" };
export type AdminValues = typeof EMPTY_ADMIN;
