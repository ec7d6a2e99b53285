import { describe, expect, it } from "vitest";
import { fingerprintsOf, keyFingerprint, keyMismatches, type KeyFingerprint } from "./deployment-keys";
import { keyringFrom } from "./members/member-keys";
import type { Secrets } from "./secrets";

const key = (byte: number) => Buffer.alloc(32, byte);
function secrets(over: { pepper?: string; seal?: string; dataKeys?: [string, number][] } = {}): Secrets {
  const pepper = over.pepper ?? "pepper-a";
  return {
    authSecret: "auth",
    tokenPepper: pepper,
    logSealKey: over.seal ?? pepper,
    memberDataKeys: keyringFrom((over.dataKeys ?? [["k1", 1]]).map(([id, b]) => ({ id, key: key(b) })), "env"),
  };
}
const recordedFor = (s: Secrets): KeyFingerprint[] => {
  const f = fingerprintsOf(s);
  return [...f.single, ...f.memberData];
};

describe("key fingerprints", () => {
  it("name a key without being it, and differ between keys", () => {
    expect(keyFingerprint("pepper-a")).toMatch(/^[0-9a-f]{32}$/);
    expect(keyFingerprint("pepper-a")).toBe(keyFingerprint(Buffer.from("pepper-a")));
    expect(keyFingerprint("pepper-a")).not.toBe(keyFingerprint("pepper-b"));
    expect(keyFingerprint("pepper-a")).not.toContain(Buffer.from("pepper-a").toString("hex"));
  });

  it("agree with a first start and with the same secrets", () => {
    expect(keyMismatches([], fingerprintsOf(secrets()))).toEqual([]);
    expect(keyMismatches(recordedFor(secrets()), fingerprintsOf(secrets()))).toEqual([]);
  });

  it("refuse another pepper (and so another seal key), naming the setting", () => {
    const problems = keyMismatches(recordedFor(secrets()), fingerprintsOf(secrets({ pepper: "pepper-b" })));
    expect(problems).toHaveLength(2);
    expect(problems.join("\n")).toMatch(/LOG_SEAL_KEY/);
    expect(problems.join("\n")).toMatch(/TOKEN_PEPPER berbeda/);
  });

  it("let a separate seal key keep the log open across a pepper rotation only when the seal key is the recorded one", () => {
    const recorded = recordedFor(secrets({ pepper: "pepper-a" }));
    const rotated = keyMismatches(recorded, fingerprintsOf(secrets({ pepper: "pepper-b", seal: "pepper-a" })));
    expect(rotated).toEqual([expect.stringMatching(/^TOKEN_PEPPER/)]);
  });

  it("accept a rotation that adds a member-data key beside a known one, refuse a keyring with none known or a known id with another key", () => {
    const recorded = recordedFor(secrets({ dataKeys: [["k1", 1]] }));
    expect(keyMismatches(recorded, fingerprintsOf(secrets({ dataKeys: [["k2", 2], ["k1", 1]] })))).toEqual([]);
    expect(keyMismatches(recorded, fingerprintsOf(secrets({ dataKeys: [["k2", 2]] })))).toEqual([expect.stringMatching(/tidak satu pun kunci dikenal.*k1/)]);
    expect(keyMismatches(recorded, fingerprintsOf(secrets({ dataKeys: [["k1", 9]] })))).toEqual([
      expect.stringMatching(/kunci "k1" berbeda/),
      expect.stringMatching(/tidak satu pun/),
    ]);
  });
});
