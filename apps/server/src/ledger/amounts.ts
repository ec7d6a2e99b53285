import { rupiahFromBigInt, type Rupiah } from "@koperasi/domain";

/**
 * A bigint column or aggregate as Rupiah. node-postgres reads int8 as a
 * string and PGlite as a number; both are checked to be whole and safe.
 */
export function rupiahFromDb(value: string | number | bigint | null | undefined): Rupiah {
  if (value === null || value === undefined) return rupiahFromBigInt("0");
  return rupiahFromBigInt(typeof value === "number" ? BigInt(value) : value);
}
