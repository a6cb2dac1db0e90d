import { z } from "zod";

/**
 * Configuration, validated once at start. In production (NODE_ENV=production without KAI_DEMO)
 * DATABASE_URL, APP_URL, SMTP_URL and MAIL_FROM are required; the demo and the tests fall back to
 * the embedded database, the built-in mailbox and localhost.
 */
const boolish = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), { message: `must start with ${protocols.join(" or ")}` });

const baseSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  KAI_DEMO: boolish,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: url(["postgres:", "postgresql:"]).optional(),
  PGLITE_DIR: z.string().min(1).optional(),
  APP_URL: url(["http:", "https:"]).optional(),
  SMTP_URL: url(["smtp:", "smtps:"]).optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  /** Number of proxy hops to trust for X-Forwarded-For (0 = ignore the header). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Messages per second the mail dispatcher may hand to SMTP. */
  MAIL_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(10),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Where municipal IT writes to open a ticket by mail (issue 7 item 3). */
  SUPPORT_ADDRESS: z.string().email().optional(),
  /** The partner data centre's external support address: PERSOS/LOGA tickets go there (item 4). */
  PARTNER_SUPPORT_ADDRESS: z.string().email().optional(),
  PARTNER_NAME: z.string().min(2).max(120).default("KRZ Minden-Ravensberg/Lippe"),
  /** Inbound SMTP listener (item 9): off unless a port is set. Accepts mail only for INBOUND_MAIL_DOMAIN. */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).default("0.0.0.0"),
  INBOUND_MAIL_DOMAIN: z.string().min(1).max(200).default("kai.example"),
  /**
   * 32 random bytes, base64 or hex (`openssl rand -base64 32`): encrypts the second factor's
   * secrets (AES-256-GCM) and signs the sign-in step between password and code. Required in
   * production; the demo, development and tests fall back to DEMO_TOTP_KEY, which production refuses.
   */
  TOTP_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== null, { message: "must be 32 bytes, base64 or hex encoded (openssl rand -base64 32)" })
    .optional(),
  /**
   * Test-only: a short idle timeout, so browser tests can watch a session expire. Refused in
   * production (the server does not start with it); the demo and the tests may set it.
   */
  KAI_TEST_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(30).max(1800).optional(),
});

/** The published key of the demo and the tests: it protects nothing, so production refuses it. */
export const DEMO_TOTP_KEY = "a2FpLWRlbW8tc2NobMO8c3NlbC1uaWNodC1nZWhlaW0=";

/** 32 bytes from base64 (44 characters) or hex (64 characters), else null. */
function decodeKey(value: string): Buffer | null {
  const bytes = /^[0-9a-f]{64}$/i.test(value)
    ? Buffer.from(value, "hex")
    : /^[A-Za-z0-9+/]{43}=$/.test(value)
      ? Buffer.from(value, "base64")
      : null;
  return bytes?.length === 32 ? bytes : null;
}

export type Env = Omit<z.infer<typeof baseSchema>, "TOTP_KEY"> & {
  APP_URL: string;
  SUPPORT_ADDRESS: string;
  MAIL_FROM: string;
  /** The decoded TOTP_KEY (32 bytes). */
  TOTP_KEY: Buffer;
  /** True for a real deployment: everything must be configured, cookies are Secure. */
  isProduction: boolean;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  // An empty variable (VAR= in an .env file) counts as unset.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = baseSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const env = result.data;
  const isProduction = env.NODE_ENV === "production" && !env.KAI_DEMO;
  if (isProduction) {
    for (const name of ["DATABASE_URL", "APP_URL", "SMTP_URL", "MAIL_FROM"] as const) {
      if (!env[name]) throw new ConfigError(`Invalid configuration: ${name} is required in production (see .env.example)`);
    }
    if (!env.TOTP_KEY) throw new ConfigError("Invalid configuration: TOTP_KEY is required in production (see .env.example)");
    if (decodeKey(env.TOTP_KEY)!.equals(decodeKey(DEMO_TOTP_KEY)!)) {
      throw new ConfigError("Invalid configuration: TOTP_KEY is the published demo key; generate one with openssl rand -base64 32");
    }
    if (env.KAI_TEST_IDLE_TIMEOUT_SECONDS !== undefined) {
      throw new ConfigError("Invalid configuration: KAI_TEST_IDLE_TIMEOUT_SECONDS is for tests only and refused in production");
    }
  }
  return {
    ...env,
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
    MAIL_FROM: env.MAIL_FROM ?? "KAI-Portal <portal@kai.example>",
    SUPPORT_ADDRESS: (env.SUPPORT_ADDRESS ?? `support@${env.INBOUND_MAIL_DOMAIN}`).toLowerCase(),
    TOTP_KEY: decodeKey(env.TOTP_KEY ?? DEMO_TOTP_KEY)!,
    isProduction,
  };
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
/** Tests change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}
