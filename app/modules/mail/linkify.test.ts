import { describe, expect, it } from "vitest";
import { linkifyText } from "./linkify";

// Issue 5, item 13 (ACCEPTANCE D17): links in the mailbox's text view, safely.
describe("linkifyText", () => {
  it("turns http(s) and mailto into links and keeps the rest as text", () => {
    expect(linkifyText("Bitte öffnen Sie https://portal.kai.example/einladung/abc, danach mailto:hilfe@kai.example.")).toEqual([
      { kind: "text", text: "Bitte öffnen Sie " },
      { kind: "link", text: "https://portal.kai.example/einladung/abc", href: "https://portal.kai.example/einladung/abc" },
      { kind: "text", text: ", danach " },
      { kind: "link", text: "mailto:hilfe@kai.example", href: "mailto:hilfe@kai.example" },
      { kind: "text", text: "." },
    ]);
  });

  it("keeps query strings and balanced parentheses, drops sentence punctuation", () => {
    expect(linkifyText("(siehe http://localhost:3000/x?a=1&b=2)")).toEqual([
      { kind: "text", text: "(siehe " },
      { kind: "link", text: "http://localhost:3000/x?a=1&b=2", href: "http://localhost:3000/x?a=1&b=2" },
      { kind: "text", text: ")" },
    ]);
    const wiki = linkifyText("https://de.example/wiki/Verden_(Aller).");
    expect(wiki[0]).toEqual({ kind: "link", text: "https://de.example/wiki/Verden_(Aller)", href: "https://de.example/wiki/Verden_(Aller)" });
  });

  it("never links javascript:, data: or other schemes, and never splits HTML into markup", () => {
    for (const text of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd", "<a href=\"javascript:alert(1)\">x</a>"]) {
      const segments = linkifyText(text);
      expect(segments.every((s) => s.kind === "text"), text).toBe(true);
      expect(segments.map((s) => s.text).join("")).toBe(text);
    }
    // A link next to markup: the markup stays text, the href has no quote or bracket in it.
    const mixed = linkifyText('<img src=x onerror="alert(1)"> https://kai.example/"onmouseover=alert(1)');
    const link = mixed.find((s) => s.kind === "link");
    expect(link).toMatchObject({ href: "https://kai.example/" });
    expect(mixed.map((s) => s.text).join("")).toBe('<img src=x onerror="alert(1)"> https://kai.example/"onmouseover=alert(1)');
  });

  it("a text without links is one text segment; an empty text none", () => {
    expect(linkifyText("Guten Tag\r\nErika")).toEqual([{ kind: "text", text: "Guten Tag\r\nErika" }]);
    expect(linkifyText("")).toEqual([]);
  });
});
