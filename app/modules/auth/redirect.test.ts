import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath (ACCEPTANCE B12, issue 6 item 1)", () => {
  it("refuses whatever leaves the origin, as written or after normalising dot segments", () => {
    for (const evil of [
      "//evil.example",
      "/\\evil.example",
      "https:evil.example",
      "%2F%2Fevil.example",
      "javascript:alert(1)",
      "/.//evil.example",
      "/..//evil.example",
      "/%2e//evil.example",
      "/%2e%2e//evil.example",
      "/a/..//evil.example",
      "/a/%2e%2e//evil.example",
      "/%2F%2Fevil.example",
      "/x\u0000",
    ]) {
      expect(safeRedirectPath(evil), evil).toBe("/start");
    }
  });

  it("keeps paths of the origin, resolved", () => {
    expect(safeRedirectPath("/konto?x=1#oben")).toBe("/konto?x=1#oben");
    expect(safeRedirectPath("/mitglieder/../konto")).toBe("/konto");
    expect(safeRedirectPath("/./konto")).toBe("/konto");
    expect(safeRedirectPath(undefined, "/")).toBe("/");
  });
});
