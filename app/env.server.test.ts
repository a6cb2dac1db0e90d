import { describe, expect, it } from "vitest";
import { ConfigError, DEMO_TOTP_KEY, parseEnv } from "./env.server";

const production: NodeJS.ProcessEnv = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://kai@db.internal:5432/kai",
  APP_URL: "https://portal.kai.example",
  SMTP_URL: "smtp://mail.kai.example:587",
  MAIL_FROM: "KAI-Portal <portal@kai.example>",
  TOTP_KEY: "Zm9yLXRlc3RzLW9ubHktMzItYnl0ZXMtb2Yta2V5ISE=",
};

describe("configuration", () => {
  it("accepts a complete production configuration", () => {
    const env = parseEnv(production);
    expect(env.isProduction).toBe(true);
    expect(env.APP_URL).toBe("https://portal.kai.example");
    expect(env.TRUST_PROXY).toBe(0);
  });

  it.each(["DATABASE_URL", "APP_URL", "SMTP_URL", "MAIL_FROM", "TOTP_KEY"])("stops with one line naming %s when it is missing in production", (name) => {
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

  it("issue 6 item 8: TOTP_KEY is 32 bytes, base64 or hex, and production refuses the published demo key", () => {
    expect(parseEnv(production).TOTP_KEY).toHaveLength(32);
    expect(parseEnv({ ...production, TOTP_KEY: "ab".repeat(32) }).TOTP_KEY).toEqual(Buffer.alloc(32, 0xab));
    for (const bad of ["zu-kurz", "ab".repeat(31), Buffer.alloc(31).toString("base64"), Buffer.alloc(33).toString("base64")]) {
      expect(() => parseEnv({ ...production, TOTP_KEY: bad })).toThrow(/^Invalid configuration: TOTP_KEY must be 32 bytes/);
    }
    expect(() => parseEnv({ ...production, TOTP_KEY: DEMO_TOTP_KEY })).toThrow(/^Invalid configuration: TOTP_KEY is the published demo key/);
    // The demo and development fall back to the demo key.
    expect(parseEnv({ NODE_ENV: "production", KAI_DEMO: "1" }).TOTP_KEY).toEqual(Buffer.from(DEMO_TOTP_KEY, "base64"));
  });

  it("falls back to the embedded database, the mailbox and localhost outside production", () => {
    const env = parseEnv({ NODE_ENV: "production", KAI_DEMO: "1", PORT: "4000", SMTP_URL: "" });
    expect(env.isProduction).toBe(false);
    expect(env.APP_URL).toBe("http://localhost:4000");
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toContain("@kai.example");
  });
});
