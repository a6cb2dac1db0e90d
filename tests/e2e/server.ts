import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { nextSecondFactorCode, TEST_TOTP_KEY } from "../second-factor";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** The seed and the server must share the key that encrypts the demo accounts' second factors. */
const KEY = { TOTP_KEY: TEST_TOTP_KEY };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface RunningServer {
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Runs a script of the project (migrate, seed) with the given environment. */
export function runScript(script: string, env: Record<string, string>) {
  execFileSync(path.join(root, "node_modules/.bin/tsx"), [script], { cwd: root, env: { ...process.env, ...KEY, ...env }, stdio: "pipe" });
}

/** Starts the built production server (server.js) and waits until it answers. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = Number(env.PORT) || (await freePort());
  let output = "";
  const child = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", ...KEY, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    process: child,
    output: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

/** A fresh embedded database folder with migrations, KAI data and the demo accounts. */
export function prepareDemoDatabase(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kai-e2e-"));
  const env = { PGLITE_DIR: path.join(dir, "pglite"), DATABASE_URL: "" };
  runScript("scripts/db-migrate.ts", env);
  runScript("scripts/db-seed-demo.ts", env);
  return env.PGLITE_DIR;
}

/**
 * Signs in through the running server's forms without a browser and returns the session's Cookie
 * header. Admins and centre managers go through the code step with their app's current code.
 */
export async function signInByHttp(serverUrl: string, email: string, password = "Demo-Passwort-2026"): Promise<string> {
  const post = (path: string, form: Record<string, string>, cookie?: string) =>
    fetch(`${serverUrl}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: serverUrl, "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
      body: new URLSearchParams(form),
    });
  const cookieOf = (res: Response, name: string) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);
  let res = await post("/anmelden", { email, password });
  if (res.status !== 302) throw new Error(`sign-in as ${email}: status ${res.status}`);
  const location = new URL(res.headers.get("location")!, serverUrl);
  if (location.pathname === "/anmelden/code") {
    const pending = cookieOf(res, "__Host-kai_signin");
    res = await post("/anmelden/code", { code: await nextSecondFactorCode(email, serverUrl), redirectTo: location.searchParams.get("redirectTo") ?? "/start" }, pending);
    if (res.status !== 302) throw new Error(`code step for ${email}: status ${res.status}`);
  }
  const session = cookieOf(res, "__Host-kai_session");
  if (!session) throw new Error(`sign-in as ${email}: no session cookie`);
  return session;
}
