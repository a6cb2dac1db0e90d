import { execFileSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { outboxEmails } from "#db/schema/mail";
import { db } from "~/db.server";
import { dispatchDueEmails, MAX_ATTEMPTS } from "~/modules/mail/dispatcher.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { PasswordResetEmail } from "#emails/password-reset";
import { useTestDatabase } from "../db";
import { parseMail, useSmtpSink } from "../smtp-sink";

useTestDatabase();
const smtp = useSmtpSink();

const body = createElement(PasswordResetEmail, { name: "Erika Müller", link: "https://portal.kai.example/x", expiresAt: "21.11.2026, 13:00 Uhr" });

function python3Available() {
  try {
    execFileSync("python3", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Python's email package with policy=default: the defects it finds (ACCEPTANCE E22). */
function pythonDefects(raw: string): string[] {
  const script = [
    "import sys, email, json",
    "from email import policy",
    "m = email.message_from_bytes(sys.stdin.buffer.read(), policy=policy.default)",
    "d = [type(x).__name__ for x in m.defects]",
    "for part in m.walk(): d += [type(x).__name__ for x in part.defects]",
    "print(json.dumps(d))",
  ].join("\n");
  return JSON.parse(execFileSync("python3", ["-c", script], { input: raw }).toString());
}

describe("outbox and dispatcher (ACCEPTANCE E22, E23, E27, D19)", () => {
  it("E23: a rolled-back transaction sends nothing", async () => {
    await expect(
      db.transaction(async (tx) => {
        await sendEmail({ to: { address: "rollback@kai.example", name: "R" }, template: "t", subject: "Nie", body }, tx);
        throw new Error("change failed");
      }),
    ).rejects.toThrow("change failed");
    expect(await db.select().from(outboxEmails)).toHaveLength(0);
    expect(await dispatchDueEmails()).toEqual({ sent: 0, retry: 0, failed: 0 });
    expect(smtp().received).toHaveLength(0);
  });

  it("E22: a committed email arrives once, well-formed, with encoded German headers", async () => {
    await db.transaction((tx) =>
      sendEmail({ to: { address: "erika@kai.example", name: "Erika Müller" }, template: "password-reset", subject: "Passwort zurücksetzen für Ärztin Öztürk", body }, tx),
    );
    expect(await dispatchDueEmails()).toEqual({ sent: 1, retry: 0, failed: 0 });
    expect(await dispatchDueEmails()).toEqual({ sent: 0, retry: 0, failed: 0 });
    expect(smtp().received).toHaveLength(1);
    const { raw, envelopeTo } = smtp().received[0];
    expect(envelopeTo).toEqual(["erika@kai.example"]);
    const headerBlock = raw.split("\r\n\r\n")[0];
    for (const h of ["Date:", "From:", "Message-ID:", "MIME-Version:", "Subject:", "To:"]) expect(headerBlock).toContain(h);
    // Non-ASCII headers are RFC 2047 encoded: the raw header block is pure ASCII.
    expect(/^[\x20-\x7e\r\n\t]*$/.test(headerBlock)).toBe(true);
    const parsed = await parseMail(raw);
    expect(parsed.subject).toBe("Passwort zurücksetzen für Ärztin Öztürk");
    expect(parsed.to?.[0]).toMatchObject({ name: "Erika Müller", address: "erika@kai.example" });
    expect(parsed.text).toContain("Neues Passwort festlegen");
    expect(parsed.html).toContain("<html");
    if (python3Available()) expect(pythonDefects(raw)).toEqual([]);
    const [row] = await db.select().from(outboxEmails);
    expect(row.status).toBe("sent");
    expect(row.messageId).toBeTruthy();
  });

  it("E22 (issue 6 item 6): display names that look like encoded words, or hold quotes, commas, non-ASCII or CR/LF, arrive encoded and parse without defects", async () => {
    const hostile = [
      "=?UTF-8?B?QWRtaW4gS0FJ?=",
      "=?utf-8?q?Chef?= der Zentrale",
      'Erika "die Admin" Müller',
      "Müller, Erika",
      "Öztürk; Ärztin <chefin@kai.example>",
      "O'Brien \\ Backslash",
      "Zeilen\r\nBcc: evil@example.com",
      "Ganz normaler Name",
      "Émile 🎓 Ünal-Ängström von und zu Überlangenamenhausen-Schwanitz",
    ];
    for (const [i, name] of hostile.entries()) {
      await sendEmail({ to: { address: `name${i}@kai.example`, name }, template: "t", subject: `Für ${name}`, body });
    }
    expect((await dispatchDueEmails()).sent).toBe(hostile.length);
    const byAddress = new Map(smtp().received.map((m) => [m.envelopeTo[0], m]));
    for (const [i, name] of hostile.entries()) {
      const address = `name${i}@kai.example`;
      const mail = byAddress.get(address)!;
      expect(mail.envelopeTo).toEqual([address]);
      const headerBlock = mail.raw.split("\r\n\r\n")[0];
      expect(/^[\x20-\x7e\r\n\t]*$/.test(headerBlock)).toBe(true);
      const to = headerBlock.replace(/\r\n[ \t]/g, " ").match(/^To: (.*)$/im)![1];
      // The display name is RFC 2047 encoded words, a quoted string or a plain phrase, and no
      // literal "=?" text a client would decode as an encoded word (a spoofed name).
      const display = to.slice(0, to.lastIndexOf(" <"));
      expect(to.slice(to.lastIndexOf(" <"))).toBe(` <${address}>`);
      const encodedWords = /^=\?UTF-8\?[BQ]\?[^?\s]+\?=( =\?UTF-8\?[BQ]\?[^?\s]+\?=)*$/i;
      const quoted = /^"([^"\\\r\n]|\\.)*"$/;
      const phrase = /^[A-Za-z0-9 ]+$/;
      expect(display, `To: ${to}`).toSatisfy((d: string) => encodedWords.test(d) || ((quoted.test(d) || phrase.test(d)) && !d.includes("=?")));
      // What the reader sees is what was typed (CR/LF become a space; the word joiner that keeps
      // "=?" from being read as an encoded word is invisible).
      const parsed = await parseMail(mail.raw);
      const shown = (text?: string) => text?.replaceAll("\u2060", "");
      expect(parsed.to?.map((a) => ({ address: a.address, name: shown(a.name) }))).toEqual([{ address, name: name.replace(/[\r\n]+/g, " ") }]);
      expect(shown(parsed.subject)).toBe(`Für ${name.replace(/[\r\n]+/g, " ")}`);
      if (python3Available()) expect(pythonDefects(mail.raw), `To: ${to}`).toEqual([]);
    }
  });

  it("issue 5 item 13: every mail carries Auto-Submitted: auto-generated (RFC 3834) over SMTP, once", async () => {
    await sendEmail({ to: { address: "auto@kai.example", name: "Anna Auto" }, template: "password-reset", subject: "Automatisch", body, headers: { "X-KAI-Test": "1" } });
    await dispatchDueEmails();
    expect(smtp().received).toHaveLength(1);
    const headers = smtp().received[0].raw.split("\r\n\r\n")[0];
    expect(headers.match(/^Auto-Submitted: auto-generated$/gim)).toHaveLength(1);
    expect(headers).toMatch(/^X-KAI-Test: 1$/im);
    const parsed = await parseMail(smtp().received[0].raw);
    expect(parsed.headers.find((h) => h.key === "auto-submitted")?.value).toBe("auto-generated");
  });

  it("D19: CR/LF in a subject or name never adds a header or recipient", async () => {
    await sendEmail({
      to: { address: "crlf@kai.example", name: "Eve\r\nBcc: evil@example.com" },
      template: "t",
      subject: "Hallo\r\nBcc: evil@example.com\r\nX-Injected: 1",
      body,
    });
    await dispatchDueEmails();
    expect(smtp().received).toHaveLength(1);
    expect(smtp().received[0].envelopeTo).toEqual(["crlf@kai.example"]);
    const headers = smtp().received[0].raw.split("\r\n\r\n")[0];
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(headers).not.toMatch(/^X-Injected:/im);
  });

  it("E27: a 4xx is retried later with backoff; a 5xx is marked failed", async () => {
    await sendEmail({ to: { address: "temp-fail@kai.example" }, template: "t", subject: "Später", body });
    await sendEmail({ to: { address: "hard-fail@kai.example" }, template: "t", subject: "Nie", body });
    const counts = await dispatchDueEmails();
    expect(counts).toEqual({ sent: 0, retry: 1, failed: 1 });
    const rows = await db.select().from(outboxEmails);
    const temp = rows.find((r) => r.toAddress.startsWith("temp"))!;
    const hard = rows.find((r) => r.toAddress.startsWith("hard"))!;
    expect(temp.status).toBe("pending");
    expect(temp.attempts).toBe(1);
    expect(temp.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(temp.lastError).toMatch(/451/);
    expect(hard.status).toBe("failed");
    // Not due yet: a second run leaves it alone.
    expect(await dispatchDueEmails()).toEqual({ sent: 0, retry: 0, failed: 0 });
  });

  it("E23: a dispatcher that died mid-delivery is resumed after its lease, without loss", async () => {
    const id = await sendEmail({ to: { address: "resume@kai.example" }, template: "t", subject: "Weiter", body });
    // A dispatcher claimed it and died before marking it sent.
    await db.update(outboxEmails).set({ status: "sending", attempts: 1, leaseUntil: new Date(Date.now() + 60_000) }).where(eq(outboxEmails.id, id));
    expect(await dispatchDueEmails()).toEqual({ sent: 0, retry: 0, failed: 0 });
    await db.update(outboxEmails).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(outboxEmails.id, id));
    expect(await dispatchDueEmails()).toEqual({ sent: 1, retry: 0, failed: 0 });
    expect(smtp().received.map((m) => m.envelopeTo[0])).toEqual(["resume@kai.example"]);
  });

  it("a message whose dispatcher keeps dying on it is marked failed, not retried forever", async () => {
    const id = await sendEmail({ to: { address: "poison@kai.example" }, template: "t", subject: "Gift", body });
    await db.update(outboxEmails).set({ status: "sending", attempts: MAX_ATTEMPTS, leaseUntil: new Date(Date.now() - 1000) }).where(eq(outboxEmails.id, id));
    expect(await dispatchDueEmails()).toEqual({ sent: 0, retry: 0, failed: 0 });
    const [row] = await db.select().from(outboxEmails).where(eq(outboxEmails.id, id));
    expect(row.status).toBe("failed");
    expect(smtp().received).toHaveLength(0);
  });

  it("F28: a calendar attachment becomes text/calendar with the same method", async () => {
    const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//KAI//Test//DE\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n";
    await sendEmail({
      to: { address: "cal@kai.example" },
      template: "t",
      subject: "Absage",
      body,
      attachments: [{ filename: "invite.ics", contentType: "text/calendar", method: "CANCEL", content: Buffer.from(ics).toString("base64") }],
    });
    await dispatchDueEmails();
    const raw = smtp().received[0].raw;
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=CANCEL/i);
  });
});
