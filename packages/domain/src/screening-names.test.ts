import { describe, expect, it } from "vitest";
import { matchListedName, nameKey, nameKeysOf } from "./screening-names";

describe("nameKey", () => {
  it("folds accents, case, punctuation and spacing", () => {
    expect(nameKey("  Abdurrahmān   WAHÍD ")).toBe("abdurrahman wahid");
    expect(nameKey("Abu-Bakar  Ba'asyir")).toBe("abu baasyir bakar");
    expect(nameKey("M. Yusuf")).toBe("m yusuf");
  });

  it("ignores word order", () => {
    expect(nameKey("Wahid Abdurrahman")).toBe(nameKey("abdurrahman wahid"));
  });

  it("keeps different names apart", () => {
    expect(nameKey("Siti Aminah")).not.toBe(nameKey("Siti Aminah Putri"));
  });

  it("gives nothing for a name without letters", () => {
    expect(nameKey(" - . ")).toBe("");
  });
});

describe("nameKeysOf", () => {
  it("covers the name and each alias once", () => {
    expect(nameKeysOf("Abu Dujana", ["Ainul Bahri", "abu  DUJANA", ""])).toEqual(["abu dujana", "ainul bahri"]);
  });
});

describe("matchListedName", () => {
  const listed = { nameKeys: nameKeysOf("Abu Dujana", ["Ainul Bahri"]), birthDate: null };

  it("matches a name in another order or spelling of case", () => {
    expect(matchListedName({ fullName: "DUJANA Abu", birthDate: "1970-01-01" }, listed)).toBe("nama");
    expect(matchListedName({ fullName: "Ainul Bahri", birthDate: null }, listed)).toBe("nama");
  });

  it("does not match someone else", () => {
    expect(matchListedName({ fullName: "Abu Dujana Putra", birthDate: null }, listed)).toBeNull();
  });

  it("uses birth dates on both sides to tell namesakes apart", () => {
    const dated = { nameKeys: ["abu dujana"], birthDate: "1969-05-10" };
    expect(matchListedName({ fullName: "Abu Dujana", birthDate: "1969-05-10" }, dated)).toBe("nama_tanggal_lahir");
    expect(matchListedName({ fullName: "Abu Dujana", birthDate: "1990-02-02" }, dated)).toBeNull();
    expect(matchListedName({ fullName: "Abu Dujana", birthDate: null }, dated)).toBe("nama");
  });

  it("needs a birth date to match a one-word name", () => {
    expect(matchListedName({ fullName: "Sukarno", birthDate: null }, { nameKeys: ["sukarno"], birthDate: null })).toBeNull();
    expect(matchListedName({ fullName: "Sukarno", birthDate: "1901-06-06" }, { nameKeys: ["sukarno"], birthDate: "1901-06-06" })).toBe("nama_tanggal_lahir");
  });
});
