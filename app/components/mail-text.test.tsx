import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MailText } from "./mail-text";

// Issue 5, item 13 (ACCEPTANCE D17): the mailbox's text view links safely.
describe("MailText", () => {
  it("renders http(s) and mailto as links that open in a new tab", () => {
    const html = renderToStaticMarkup(<MailText text={"Link: https://portal.kai.example/einladung/abc?x=1&y=2\nFragen: mailto:hilfe@kai.example"} />);
    // The link text may wrap at its joints (<wbr>), so a long URL never breaks letter by letter at 320 px.
    const plain = html.replaceAll("<wbr/>", "");
    expect(plain).toContain('<a href="https://portal.kai.example/einladung/abc?x=1&amp;y=2" target="_blank" rel="noopener noreferrer">https://portal.kai.example/einladung/abc?x=1&amp;y=2</a>');
    expect(plain).toContain('<a href="mailto:hilfe@kai.example" target="_blank" rel="noopener noreferrer">mailto:hilfe@kai.example</a>');
    expect(html).toContain("https:/<wbr/>/<wbr/>portal<wbr/>.kai<wbr/>.example/<wbr/>einladung/");
  });

  it("escapes markup in the message and links nothing but http(s) and mailto", () => {
    const html = renderToStaticMarkup(<MailText text={'<script>alert(1)</script> javascript:alert(1) <a href="javascript:alert(2)">x</a>'} />);
    expect(html).not.toContain("<script>");
    expect(html).not.toMatch(/<a /);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
