import { describe, expect, it } from "vitest";
import { en } from "./en";
import { id } from "./id";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe("i18n catalogues", () => {
  const idKeys = leaves(id as Tree);
  const enKeys = leaves(en as Tree);

  it("Bahasa Indonesia and English have the same keys", () => {
    expect([...enKeys.keys()].sort()).toEqual([...idKeys.keys()].sort());
  });

  it("no text is empty", () => {
    for (const [key, value] of [...idKeys, ...enKeys]) expect(value.trim(), key).not.toBe("");
  });

  it("each translation uses the same {{placeholders}}", () => {
    for (const [key, value] of idKeys) expect(placeholders(enKeys.get(key) ?? ""), key).toEqual(placeholders(value));
  });
});
