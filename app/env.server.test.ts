import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env.server";

const production: NodeJS.ProcessEnv = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://kai@db.internal:5432/kai",
  APP_URL: "https://portal.kai.example",
  SMTP_URL: "smtp://mail.kai.example:587",
  MAIL_FROM: "KAI-Portal <portal@kai.example>",
};

describe("configuration", () => {
  it("accepts a complete production configuration", () => {
    const env = parseEnv(production);
    expect(env.isProduction).toBe(true);
    expect(env.APP_URL).toBe("https://portal.kai.example");
    expect(env.TRUST_PROXY).toBe(0);
  });

  it.each(["DATABASE_URL", "APP_URL", "SMTP_URL", "MAIL_FROM"])("stops with one line naming %s when it is missing in production", (name) => {
    const env: NodeJS.ProcessEnv = { ...production };
    delete env[name];
    expect(() => parseEnv(env)).toThrow(ConfigError);
    expect(() => parseEnv(env)).toThrow(new RegExp(`^Invalid configuration: ${name} `));
  });

  it("names the variable of a bad value", () => {
    expect(() => parseEnv({ ...production, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ ...production, APP_URL: "portal.kai.example" })).toThrow(/APP_URL/);
    expect(() => parseEnv({ ...production, TRUST_PROXY: "viele" })).toThrow(/TRUST_PROXY/);
    expect(() => parseEnv({ ...production, PORT: "70000" })).toThrow(/PORT/);
  });

  it("falls back to the embedded database, the mailbox and localhost outside production", () => {
    const env = parseEnv({ NODE_ENV: "production", KAI_DEMO: "1", PORT: "4000", SMTP_URL: "" });
    expect(env.isProduction).toBe(false);
    expect(env.APP_URL).toBe("http://localhost:4000");
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toContain("@kai.example");
  });
});
