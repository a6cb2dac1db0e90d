import { describe, expect, it } from "vitest";
import { describeUserAgent } from "./user-agent";

describe("describeUserAgent", () => {
  it("names common browsers with their major version and system", () => {
    expect(describeUserAgent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")).toBe("Firefox 128 unter Linux");
    expect(
      describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"),
    ).toBe("Chrome 126 unter Windows");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87",
      ),
    ).toBe("Edge 126 unter Windows");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari 17 unter iOS");
  });

  it("cuts unknown agents instead of guessing and names a missing one", () => {
    expect(describeUserAgent(null)).toBe("Unbekannt");
    expect(describeUserAgent("  ")).toBe("Unbekannt");
    expect(describeUserAgent("vitest")).toBe("vitest");
    const long = "x".repeat(100);
    expect(describeUserAgent(long)).toHaveLength(58);
  });
});
