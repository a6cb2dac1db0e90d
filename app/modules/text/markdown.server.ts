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
