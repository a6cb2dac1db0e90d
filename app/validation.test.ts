import { describe, expect, it } from "vitest";
import { NO_CONTROL_CHARACTERS, text } from "./validation";

describe("text fields (ACCEPTANCE D16, issue 6 item 3)", () => {
  it("refuses NUL and the other control characters with a German message", () => {
    for (const value of ["a\u0000b", "a\u0001b", "a\tb", "a\nb", "a\u001fb", "a\u007fb", "a\u0085b", "a\u009fb"]) {
      const result = text().safeParse(value);
      expect(result.success, JSON.stringify(value)).toBe(false);
      expect(result.error?.issues[0].message).toBe(NO_CONTROL_CHARACTERS);
    }
  });

  it("trims first, and keeps any other Unicode", () => {
    expect(text().parse("  Müller-Lüdenscheidt\t\n")).toBe("Müller-Lüdenscheidt");
    expect(text().parse("Ørsted 😀 İstanbul")).toBe("Ørsted 😀 İstanbul");
  });
});
