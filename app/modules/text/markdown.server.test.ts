import { describe, expect, it } from "vitest";
import { markdownToParagraphs, renderMarkdown } from "./markdown.server";

describe("markdown for ticket texts (ACCEPTANCE D17)", () => {
  it("renders emphasis, lists and line breaks", () => {
    const html = renderMarkdown("**Drucker** streikt\n- Meldebescheinigung\n- Anmeldung");
    expect(html).toContain("<strong>Drucker</strong>");
    expect(html).toContain("<li>Meldebescheinigung</li>");
  });

  it("escapes raw HTML and refuses script links", () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(1)> [klick](javascript:alert(1))');
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("turns headings into strong paragraphs and marks links noopener", () => {
    expect(renderMarkdown("# Titel")).toBe("<p><strong>Titel</strong></p>");
    expect(renderMarkdown("https://kai.example/hilfe")).toContain('rel="noopener noreferrer nofollow"');
  });
});

describe("markdown as plain paragraphs (issue 9: minutes PDF)", () => {
  it("gives one plain paragraph per block, bullets for list items, markup as text", () => {
    expect(markdownToParagraphs("# Titel\n\nHallo **Welt** <b>x</b> [Link](https://kai.example)\nzweite\n\n- eins\n- zwei\n\n```\ncode\n```")).toEqual([
      "Titel",
      "Hallo Welt <b>x</b> Link\nzweite",
      "• eins",
      "• zwei",
      "code",
    ]);
    expect(markdownToParagraphs("")).toEqual([]);
  });
});
