import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheControlFor } from "./web-app";

describe("cacheControlFor", () => {
  it("caches the build's hashed assets for a year and revalidates the rest, wherever the build lies", () => {
    const dist = join("/srv", "assets", "koperasi", "dist");
    expect(cacheControlFor(dist, join(dist, "assets", "index-3f2a.js"))).toBe("public, max-age=31536000, immutable");
    expect(cacheControlFor(dist, join(dist, "index.html"))).toBe("no-cache");
    expect(cacheControlFor(dist, join(dist, "sw.js"))).toBe("no-cache");
    expect(cacheControlFor(dist, join(dist, "icons", "assets.png"))).toBe("no-cache");
  });
});
