import type { AddressInfo } from "node:net";
import PostalMime from "postal-mime";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { outboxEmails } from "#db/schema/mail";
import { db } from "~/db.server";
import { resetEnvCache } from "~/env.server";

export interface ReceivedMail {
  raw: string;
  envelopeTo: string[];
}

/**
 * A real SMTP server inside the test: what arrives here is what a mail server would get.
 * Recipients can be made to fail: `temp-fail…@` answers 451 (retry later), `hard-fail…@` 550.
 */
export async function startSmtpSink() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith("temp-fail")) {
        const error = new Error("Mailbox busy, try again later") as Error & { responseCode: number };
        error.responseCode = 451;
        return callback(error);
      }
      if (address.address.startsWith("hard-fail")) {
        const error = new Error("No such user") as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ raw: Buffer.concat(chunks).toString("utf8"), envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function parseMail(raw: string) {
  return PostalMime.parse(raw);
}

/**
 * For a test file: one SMTP sink for the file, and before each test the app pointed at it, the
 * received list emptied and the outbox cleared. Returns a getter for the sink.
 */
export function useSmtpSink() {
  let sink: Awaited<ReturnType<typeof startSmtpSink>> | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
  });
  beforeEach(async () => {
    process.env.SMTP_URL = sink!.url;
    process.env.MAIL_FROM = "KAI-Portal <portal@kai.example>";
    process.env.MAIL_RATE_PER_SECOND = "500";
    resetEnvCache();
    sink!.received.length = 0;
    await db.delete(outboxEmails);
  });
  return () => sink!;
}
