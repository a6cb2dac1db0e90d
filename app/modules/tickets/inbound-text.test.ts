import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMail } from "~/modules/mail/parsed-mail";
import {
  guessProcedure,
  htmlToText,
  INBOUND_TITLE_MAX_LENGTH,
  mailBodyText,
  NO_SUBJECT_TITLE,
  stripQuotedHistory,
  ticketFromMail,
  titleFromSubject,
  type CatalogueProcedure,
} from "./inbound-text";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("stripQuotedHistory (issue 7 items 3 and 9)", () => {
  const OUTLOOK_DE_NEW_TEXT = [
    "Hallo Frau Admin,",
    "",
    "nach dem Neustart des Dienstes läuft die Meldewesen-Schnittstelle wieder. Vielen Dank für die schnelle Hilfe!",
    "",
    "Mit freundlichen Grüßen",
    "Bernd Beispiel",
    "Gemeinde Musterstadt - Fachdienst IT",
    "Tel. 05151 123-45",
  ].join("\n");

  it.each([
    ["an Outlook reply in German below the underscores and Von/Gesendet/An/Betreff, keeping the signature", "outlook-de.txt", OUTLOOK_DE_NEW_TEXT],
    ["Outlook's bold German header block (*Von:* … *Gesendet:*), which planer alone keeps", "outlook-de-bold.txt", "Guten Morgen,\n\nder Fehler tritt weiterhin auf, Screenshot anbei.\n\nGruß\nBernd Beispiel"],
    ["an Outlook reply in English (From/Sent/To/Subject)", "outlook-en.txt", "Hello Ms Admin,\n\nthe export works again, thank you.\n\nBernd"],
    ["at the -----Ursprüngliche Nachricht----- separator", "outlook-original-message.txt", "Hallo zusammen,\n\nanbei das Protokoll vom Jahresabschluss.\n\nGruß\nCarla Kämmerei"],
    ["Outlook for Mac's German block (Von/Datum/An/Betreff)", "outlook-mac-de.txt", "Danke, das hat geholfen."],
    [
      "Gmail's German 'Am Mo., 30. Nov. 2026 um 14:03 Uhr schrieb …:' with the address wrapped",
      "gmail-de.txt",
      "Hallo Frau Admin,\n\nja, der Fehler kommt nur bei Briefwahlanträgen im Wahlscheinverfahren.\n\nViele Grüße\nDieter Dorf",
    ],
    ["Gmail's English 'On Mon, Nov 30, 2026 at 2:03 PM … wrote:'", "gmail-en.txt", "Hi Anna,\n\nyes, only for postal vote applications.\n\nDieter"],
    ["Thunderbird's 'Am 30.11.2026 um 14:03 schrieb …:'", "thunderbird-de.txt", "Guten Tag,\n\ndie Hundesteuerbescheide werden jetzt korrekt gedruckt.\n\nMit freundlichen Grüßen\nErika Amt"],
    ["'>' quoted lines without an attribution line", "quoted-lines.txt", "Das Update ist eingespielt, der Fehler ist weg."],
    ["below a '-- ' signature, which stays (signatures are not removed)", "signature-dashes.txt", "Danke, klappt wieder.\n\n-- \nBernd Beispiel\nGemeinde Musterstadt\nFachdienst IT"],
  ])("cuts %s", (_, file, expected) => {
    expect(stripQuotedHistory(fixture(file))).toBe(expected);
  });

  it("keeps new text that merely looks like history (Datum:, Von:, 'Am Montag … schrieb …:'), which planer would cut", () => {
    expect(stripQuotedHistory(fixture("new-text-with-headers.txt"))).toBe(
      [
        "Guten Tag,",
        "",
        "seit heute früh bricht der Druck ab.",
        "Datum: 01.12.2026, ab ca. 8:15 Uhr",
        "Von: Seite 3 bis Seite 5 fehlt alles.",
        "Am Montag, als es noch ging, schrieb das Programm keine Fehler:",
        "alles lief normal.",
        "",
        "Gruß",
        "Bernd Beispiel",
      ].join("\n"),
    );
  });

  it("never empties a mail whose first sentence reads like an attribution", () => {
    const text = "Am Montag war ich im Meldewesen, und heute schrieb die Software einen Fehler:\nFehler 42 beim Speichern.";
    expect(stripQuotedHistory(text)).toBe(text);
  });

  it("reads CRLF mail and answers with LF line endings", () => {
    expect(stripQuotedHistory(fixture("outlook-de-bold.txt").replace(/\n/g, "\r\n"))).toBe(
      "Guten Morgen,\n\nder Fehler tritt weiterhin auf, Screenshot anbei.\n\nGruß\nBernd Beispiel",
    );
  });

  it("leaves a mail without history as it is, trimmed, including links in angle brackets", () => {
    const text = "\nHallo,\n\nsiehe <https://kai.example/tickets/KAI-2026-00042>.\n\nGruß\nBernd\n\n";
    expect(stripQuotedHistory(text)).toBe("Hallo,\n\nsiehe <https://kai.example/tickets/KAI-2026-00042>.\n\nGruß\nBernd");
  });

  it("keeps a forwarded message whole: it is content, not history", () => {
    const text = fixture("forward-de.txt");
    expect(stripQuotedHistory(text)).toBe(text.trim());
  });

  it("removes quoted lines above a bottom-posted answer", () => {
    expect(stripQuotedHistory("Am 30.11.2026 um 14:03 schrieb Anna Admin:\n> Geht der Druck?\n> Anna\n> Admin\n\nJa, der Druck geht wieder.\n\nBernd")).toBe(
      "Ja, der Druck geht wieder.\n\nBernd",
    );
  });

  it("leaves inline answers between quotes whole", () => {
    const text = "> Geht der Druck?\n\nJa.\n\n> Und der Export?\n\nNein, der nicht.";
    expect(stripQuotedHistory(text)).toBe(text);
  });

  it("keeps every line of a long mail (planer's own entry reads only the first 1000)", () => {
    const log = Array.from({ length: 1500 }, (_, i) => `2026-12-01 08:${String(i % 60).padStart(2, "0")} FEHLER Zeile ${i}`);
    const text = `Das Protokoll:\n${log.join("\n")}\n\nAm 30.11.2026 um 14:03 schrieb Anna Admin:\n> Bitte Protokoll senden.`;
    expect(stripQuotedHistory(text)).toBe(`Das Protokoll:\n${log.join("\n")}`);
  });

  it("stays fast on crafted lines that make planer's own expressions backtrack for seconds", () => {
    const crafted = `${"Am 30.11., 14:03 " + "b ".repeat(200)}\n`.repeat(900);
    const started = performance.now();
    expect(stripQuotedHistory(crafted)).toBe(crafted.trim());
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it("returns a bare forward (history from the first line) whole, so nothing is lost", () => {
    const text = "-----Ursprüngliche Nachricht-----\nVon: Anna Admin\nGesendet: Montag, 30. November 2026 14:03\n\nText";
    expect(stripQuotedHistory(text)).toBe(text);
  });
});

describe("htmlToText and mailBodyText (HTML-only mail)", () => {
  it("turns a Gmail HTML reply into text and strips the gmail_quote", () => {
    const html =
      '<div dir="ltr"><p>Hallo Frau Admin,</p><p>das Problem ist gelöst.<br>Gruß<br>Dieter Dorf</p></div><br>' +
      '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">Am Mo., 30. Nov. 2026 um 14:03 Uhr schrieb Anna Admin &lt;<a href="mailto:anna.admin@kai.example">anna.admin@kai.example</a>&gt;:<br></div>' +
      '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex"><div>Bitte prüfen Sie <a href="https://kai.example/t/42">das Ticket</a>.</div></blockquote></div>';
    expect(mailBodyText({ html })).toBe("Hallo Frau Admin,\n\ndas Problem ist gelöst.\nGruß\nDieter Dorf");
  });

  it("turns an Outlook HTML reply into text and strips the Von/Gesendet block", () => {
    const html =
      '<html><body><div class="WordSection1"><p class="MsoNormal">Danke, erledigt.</p><p class="MsoNormal">Erika Amt</p>' +
      '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm"><p class="MsoNormal"><b>Von:</b> Anna Admin &lt;anna.admin@kai.example&gt; <br>' +
      "<b>Gesendet:</b> Montag, 30. November 2026 14:03<br><b>An:</b> Erika Amt<br><b>Betreff:</b> AW: Hundesteuer</p></div>" +
      '<p class="MsoNormal">Bitte drucken Sie die Bescheide neu.</p></div></body></html>';
    expect(mailBodyText({ html })).toBe("Danke, erledigt.\n\nErika Amt");
  });

  it("prefers the text part when the mail has one", () => {
    expect(mailBodyText({ text: "Nur Text.", html: "<p>Nur HTML.</p>" })).toBe("Nur Text.");
  });

  it("renders no markup or script from HTML as text", () => {
    expect(htmlToText("<p>Hallo <b>Welt</b></p><script>alert(1)</script><style>p{}</style>")).toBe("Hallo Welt");
  });
});

/** A catalogue row as the database gives it; module ids are the procedure id times ten plus their position. */
function procedure(id: number, code: string, name: string, ...modules: string[]): CatalogueProcedure {
  return { id, code, name, modules: modules.map((m, i) => ({ id: id * 10 + i + 1, name: m })) };
}

/** The catalogue of db/seed/kai-data.ts (from kai-procedures.csv), in part. */
const CATALOGUE: CatalogueProcedure[] = [
  procedure(1, "EWOS", "KAI-Einwohnerwesen", "Meldewesen", "Pässe und Ausweise", "Auswertungen", "Wahlscheinverfahren"),
  procedure(
    2,
    "FINAS",
    "KAI-Finanzwesen",
    "Haushaltsplan (Budgetplan / Produktplan / Klassischer Haushaltsplan)",
    "Haushaltsüberwachung",
    "Steuern und Abgaben (Grundbesitzabgaben, Gewerbesteuer, Hundesteuer, Vergnügungssteuer, Kanal-, Müll- und sonstige Abgaben)",
  ),
  procedure(3, "PERSOS", "KAI-Personalwesen (Marktprodukt LOGA 2000)", "Abrechnungsverfahren", "Bescheinigungen", "Auswertungen", "Meldewesen"),
  procedure(4, "RV-ORACLE", "Oracle"),
  procedure(5, "RV-KINDERTAGESSTAETTENVERWALTUNG-PROKIT", "Kindertagesstättenverwaltung PROKIT"),
  procedure(6, "RV-DOKUMENTENMANAGEMENTSYSTEM-OS-DRT", "Dokumentenmanagementsystem OS:DRT"),
];

describe("guessProcedure (issue 7 item 3)", () => {
  it("finds a procedure by its code, ignoring case", () => {
    expect(guessProcedure("ewos startet nicht", CATALOGUE)).toEqual({ procedureId: 1, moduleId: null });
  });

  it("finds procedure and module when both are named", () => {
    expect(guessProcedure("Fehler im Meldewesen von KAI-Einwohnerwesen", CATALOGUE)).toEqual({ procedureId: 1, moduleId: 11 });
  });

  it("takes the module of the named procedure when another procedure has a module of the same name", () => {
    expect(guessProcedure("PERSOS: Auswertungen brechen ab", CATALOGUE)).toEqual({ procedureId: 3, moduleId: 33 });
  });

  it("finds the procedure from a module name that only one procedure has, with umlauts in any case", () => {
    expect(guessProcedure("PÄSSE UND AUSWEISE: Druck hängt", CATALOGUE)).toEqual({ procedureId: 1, moduleId: 12 });
    expect(guessProcedure("Die Haushaltsüberwachung zeigt falsche Summen", CATALOGUE)).toEqual({ procedureId: 2, moduleId: 22 });
  });

  it("matches a name without its parenthesis (KAI-Personalwesen, Haushaltsplan)", () => {
    expect(guessProcedure("KAI-Personalwesen: Bescheinigungen fehlen", CATALOGUE)).toEqual({ procedureId: 3, moduleId: 32 });
    expect(guessProcedure("Haushaltsplan 2027 lässt sich nicht drucken", CATALOGUE)).toEqual({ procedureId: 2, moduleId: 21 });
  });

  it("finds a framework-contract product by its name, punctuation included", () => {
    expect(guessProcedure("Ablage im Dokumentenmanagementsystem OS:DRT voll", CATALOGUE)).toEqual({ procedureId: 6, moduleId: null });
  });

  it("lets the longest match win", () => {
    expect(guessProcedure("KAI-Finanzwesen: Export nach EWOS bricht ab", CATALOGUE)).toEqual({ procedureId: 2, moduleId: null });
  });

  it("is null when two procedures are named equally (PERSOS and Oracle, six letters each)", () => {
    expect(guessProcedure("PERSOS läuft auf Oracle und ist langsam", CATALOGUE)).toBeNull();
  });

  it("is null when only a module name shared by two procedures occurs", () => {
    expect(guessProcedure("Im Meldewesen fehlt ein Feld", CATALOGUE)).toBeNull();
  });

  it("matches whole words only", () => {
    expect(guessProcedure("NEWOS und EWOS2 und Oracles", CATALOGUE)).toBeNull();
    expect(guessProcedure("Drucker defekt", CATALOGUE)).toBeNull();
  });

  it("takes no module when two modules of the procedure are named equally", () => {
    const catalogue = [procedure(1, "EWOS", "KAI-Einwohnerwesen", "Lohnsteuer", "Statistik", "Meldungen")];
    expect(guessProcedure("EWOS: Statistik und Meldungen", catalogue)).toEqual({ procedureId: 1, moduleId: null });
    expect(guessProcedure("EWOS: Statistik", catalogue)).toEqual({ procedureId: 1, moduleId: 12 });
  });
});

describe("titleFromSubject (issue 7 item 3)", () => {
  it("strips AW:, Re:, WG:, Fwd: (also repeated, numbered and in any case)", () => {
    expect(titleFromSubject("AW: WG: Re: Fwd: EWOS startet nicht")).toBe("EWOS startet nicht");
    expect(titleFromSubject("RE[2]: aw:  Fw: Antw: Druck hängt ")).toBe("Druck hängt");
  });

  it("keeps words that only begin like a prefix", () => {
    expect(titleFromSubject("Awareness: Regeln für Anhänge")).toBe("Awareness: Regeln für Anhänge");
  });

  it("falls back to '(ohne Betreff)' for a missing or prefix-only subject", () => {
    expect(titleFromSubject(undefined)).toBe(NO_SUBJECT_TITLE);
    expect(titleFromSubject("  AW:  ")).toBe("(ohne Betreff)");
  });

  it("collapses line breaks and control characters into spaces (D19)", () => {
    expect(titleFromSubject("Fehler\r\nBcc: x@evil.example\tjetzt")).toBe("Fehler Bcc: x@evil.example jetzt");
  });

  it("shortens a long subject to the title length with an ellipsis", () => {
    const title = titleFromSubject(`AW: ${"Meldewesen ".repeat(40)}`);
    expect(title).toHaveLength(INBOUND_TITLE_MAX_LENGTH);
    expect(title.endsWith("…")).toBe(true);
  });
});

const RAW_MAIL = [
  "From: Bernd Beispiel <B.Beispiel@Musterstadt.Example>",
  "To: support@kai.example",
  "Subject: =?utf-8?Q?AW:_St=C3=B6rung_im_Meldewesen?=",
  "Date: Tue, 01 Dec 2026 09:12:00 +0100",
  "Message-ID: <a1@musterstadt.example>",
  "MIME-Version: 1.0",
  'Content-Type: multipart/mixed; boundary="b1"',
  "",
  "--b1",
  "Content-Type: text/plain; charset=utf-8",
  "Content-Transfer-Encoding: quoted-printable",
  "",
  "Guten Tag,",
  "",
  "im Meldewesen erscheint beim Speichern =C2=BBFehler 42=C2=AB.",
  "",
  "Gru=C3=9F",
  "Bernd Beispiel",
  "",
  "Von: Anna Admin <anna.admin@kai.example>",
  "Gesendet: Montag, 30. November 2026 14:03",
  "An: Bernd Beispiel",
  "Betreff: St=C3=B6rung im Meldewesen",
  "",
  "Alter Text.",
  "--b1",
  'Content-Type: application/pdf; name="Protokoll M=C3=A4rz.pdf"',
  "Content-Transfer-Encoding: base64",
  "Content-Disposition: attachment; filename*=utf-8''Protokoll%20M%C3%A4rz.pdf",
  "",
  Buffer.from("%PDF-1.7\n%%EOF\n").toString("base64"),
  "--b1",
  "Content-Type: image/png",
  "Content-Transfer-Encoding: base64",
  "Content-Disposition: attachment",
  "",
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString("base64"),
  "--b1--",
  "",
].join("\r\n");

describe("ticketFromMail (issue 7 item 3)", () => {
  it("takes title, description without history, lower-cased sender and the attachments of a parsed mail", async () => {
    const fields = ticketFromMail(await parseMail(RAW_MAIL));
    expect(fields.title).toBe("Störung im Meldewesen");
    expect(fields.description).toBe("Guten Tag,\n\nim Meldewesen erscheint beim Speichern »Fehler 42«.\n\nGruß\nBernd Beispiel");
    expect(fields.senderAddress).toBe("b.beispiel@musterstadt.example");
    expect(fields.attachments.map((a) => [a.name, a.mimeType, Buffer.from(a.content).toString("latin1")])).toEqual([
      ["Protokoll März.pdf", "application/pdf", "%PDF-1.7\n%%EOF\n"],
      ["anhang-2", "image/png", "\x89PNG\r\n\x1a\n"],
    ]);
  });

  it("keeps the whole text of an Outlook forward (WG:), which looks like a reply", async () => {
    const raw = RAW_MAIL.replace("Subject: =?utf-8?Q?AW:_St=C3=B6rung_im_Meldewesen?=", "Subject: WG: Beschwerde Meldewesen");
    const fields = ticketFromMail(await parseMail(raw));
    expect(fields.title).toBe("Beschwerde Meldewesen");
    expect(fields.description).toContain("Gesendet: Montag, 30. November 2026 14:03");
    expect(fields.description.endsWith("Alter Text.")).toBe(true);
  });

  it("reads an HTML-only mail through its HTML", () => {
    const fields = ticketFromMail({ subject: "Re: Frage", html: "<p>Antwort <i>hier</i>.</p><blockquote><p>Frage</p><p>von</p><p>gestern</p></blockquote>", attachments: [] });
    expect(fields.description).toBe("Antwort hier.");
  });

  it("gives the German fallback title, no sender and an empty description for an empty mail", () => {
    expect(ticketFromMail({ attachments: [] })).toEqual({ title: "(ohne Betreff)", description: "", senderAddress: null, attachments: [] });
  });
});
