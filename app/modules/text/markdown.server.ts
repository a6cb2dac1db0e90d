import MarkdownIt from "markdown-it";

/**
 * Markdown as people type it in tickets and minutes, rendered to HTML that is safe to insert
 * (ACCEPTANCE D17): raw HTML is escaped, not passed through; markdown-it refuses javascript:,
 * vbscript:, file: and data: links (except images); links open without handing over the opener.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx].attrSet("rel", "noopener noreferrer nofollow");
  return self.renderToken(tokens, idx, options);
};
// Headings inside a ticket must not compete with the page's own: # becomes a strong paragraph.
md.renderer.rules.heading_open = () => "<p><strong>";
md.renderer.rules.heading_close = () => "</strong></p>";
md.disable(["image"]);

export function renderMarkdown(source: string): string {
  return md.render(source);
}

/**
 * The same markdown as plain-text paragraphs, for documents without HTML (the minutes PDF, issue 9):
 * one entry per block (paragraph, heading, list item, code block), list items with a bullet, links
 * as their text. Nothing is interpreted as markup.
 */
export function markdownToParagraphs(source: string): string[] {
  const out: string[] = [];
  let listDepth = 0;
  let inItem = false;
  for (const token of md.parse(source, {})) {
    if (token.type === "bullet_list_open" || token.type === "ordered_list_open") listDepth += 1;
    else if (token.type === "bullet_list_close" || token.type === "ordered_list_close") listDepth -= 1;
    else if (token.type === "list_item_open") inItem = true;
    else if (token.type === "code_block" || token.type === "fence") out.push(token.content.replace(/\n$/, ""));
    else if (token.type === "inline") {
      const text = (token.children ?? [])
        .map((c) => (c.type === "softbreak" || c.type === "hardbreak" ? "\n" : c.type === "text" || c.type === "code_inline" ? c.content : ""))
        .join("")
        .trim();
      if (!text) continue;
      out.push(inItem ? `${"  ".repeat(Math.max(listDepth - 1, 0))}• ${text}` : text);
      inItem = false;
    }
  }
  return out;
}
