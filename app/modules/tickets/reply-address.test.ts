import { describe, expect, it } from "vitest";
import { generateToken } from "~/modules/auth/tokens.server";
import { isSupportAddress, parseReplyAddress, replyAddress } from "./reply-address";

const DOMAIN = "antwort.kai.example";
const TOKEN = "abcdefghijklmnopqrstuvwxyz234567";

describe("replyAddress and parseReplyAddress (issue 7 item 9)", () => {
  it("builds ticket+<token>@<domain> from generateToken's 160-bit token and reads the token back (A2)", () => {
    const token = generateToken();
    const address = replyAddress(token, DOMAIN);
    expect(address).toMatch(/^ticket\+[a-z2-7]{32}@antwort\.kai\.example$/);
    expect(parseReplyAddress(address, DOMAIN)).toBe(token);
  });

  it("works with a single-label domain such as localhost (development, tests)", () => {
    expect(parseReplyAddress(replyAddress(TOKEN, "localhost"), "localhost")).toBe(TOKEN);
  });

  it("uses the configured local part", () => {
    const address = replyAddress(TOKEN, DOMAIN, "support");
    expect(address).toBe(`support+${TOKEN}@${DOMAIN}`);
    expect(parseReplyAddress(address, DOMAIN, "support")).toBe(TOKEN);
    expect(parseReplyAddress(address, DOMAIN)).toBeNull();
  });

  it("accepts any case in domain, local part and token, and angle brackets", () => {
    expect(parseReplyAddress(`<TICKET+${TOKEN.toUpperCase()}@Antwort.KAI.Example>`, DOMAIN)).toBe(TOKEN);
    expect(parseReplyAddress(`ticket+${TOKEN}@${DOMAIN}`, "ANTWORT.kai.example")).toBe(TOKEN);
  });

  it("refuses other domains, including sub- and parent domains", () => {
    expect(parseReplyAddress(`ticket+${TOKEN}@kai.example`, DOMAIN)).toBeNull();
    expect(parseReplyAddress(`ticket+${TOKEN}@${DOMAIN}.evil.example`, DOMAIN)).toBeNull();
    expect(parseReplyAddress(`ticket+${TOKEN}@x.${DOMAIN}`, DOMAIN)).toBeNull();
  });

  it("refuses tokens of the wrong length or alphabet, and addresses without a tag", () => {
    for (const bad of [TOKEN.slice(1), `${TOKEN}a`, `${TOKEN.slice(1)}0`, `${TOKEN.slice(1)}8`, `${TOKEN.slice(1)}-`, `${TOKEN.slice(1)}ä`, ""]) {
      expect(parseReplyAddress(`ticket+${bad}@${DOMAIN}`, DOMAIN), bad).toBeNull();
    }
    expect(parseReplyAddress(`ticket@${DOMAIN}`, DOMAIN)).toBeNull();
    expect(parseReplyAddress(`tickets+${TOKEN}@${DOMAIN}`, DOMAIN)).toBeNull();
  });

  it("refuses quoted, spaced, doubled-@ and display-name forms", () => {
    for (const bad of [`"ticket+${TOKEN}"@${DOMAIN}`, `ticket+${TOKEN}@evil.example@${DOMAIN}`, `ticket+${TOKEN} @${DOMAIN}`, `Anna <ticket+${TOKEN}@${DOMAIN}>`, `@${DOMAIN}`, "kein Address"]) {
      expect(parseReplyAddress(bad, DOMAIN), bad).toBeNull();
    }
  });

  it("refuses to build an address from a bad token or configuration, with a German message", () => {
    expect(() => replyAddress("kurz", DOMAIN)).toThrow("Ungültiges Ticket-Token");
    for (const domain of ["kai example", "-kai.example", "kai..example", "kai.example.", ""]) {
      expect(() => replyAddress(TOKEN, domain), domain).toThrow("Ungültige Domain");
    }
    expect(() => replyAddress(TOKEN, DOMAIN, "a+b")).toThrow("Ungültiger lokaler Teil");
  });
});

describe("isSupportAddress (issue 7 item 3)", () => {
  it("matches the configured support address in any case", () => {
    expect(isSupportAddress("Support@KAI.example", "support@kai.example")).toBe(true);
    expect(isSupportAddress("<support@kai.example>", "support@kai.example")).toBe(true);
  });

  it("does not match tagged, other-domain or other local parts", () => {
    expect(isSupportAddress(`support+${TOKEN}@kai.example`, "support@kai.example")).toBe(false);
    expect(isSupportAddress("support@kai.example.evil.example", "support@kai.example")).toBe(false);
    expect(isSupportAddress("betreuung@kai.example", "support@kai.example")).toBe(false);
    expect(isSupportAddress("", "support@kai.example")).toBe(false);
  });
});
