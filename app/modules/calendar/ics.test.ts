import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { buildFeed, buildInvite, foldLine, type IcsEventInput, type IcsMethod, type IcsPerson } from "./ics";

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, "../../..");
const tsxBin = path.join(projectRoot, "node_modules/.bin/tsx");

const organizer: IcsPerson = { email: "noreply@kai.example", name: "KAI-Portal" };
const attendee: IcsPerson = { email: "erika.beispiel@example.org", name: "Erika Beispiel" };
const now = new Date("2026-03-01T10:11:12.345Z");

// Long on purpose: forces folding with multi-byte characters (umlauts, ß, a 4-octet emoji).
const longGermanTitle =
  "Jahreshauptversammlung für alle Mitgliedsgemeinden: Größere Änderungen der Beitragsordnung, " +
  "Übergangsregelungen und Straßenausbaubeiträge 🎉 – öffentliche Sitzung im Rathaussaal Süd";

function makeEvent(overrides: Partial<IcsEventInput> = {}): IcsEventInput {
  return {
    uid: "3f2c9a1e-5b7d-4c1a-9e0f-1234567890ab@kai.example",
    sequence: 3,
    title: "Vorstandssitzung",
    description: "Tagesordnung folgt.",
    location: "Geschäftsstelle, Raum 2",
    startsAt: new Date("2026-05-12T16:00:00Z"),
    endsAt: new Date("2026-05-12T18:00:00Z"),
    cancelled: false,
    url: "https://kai.example/termine/42",
    ...overrides,
  };
}

function invite(method: IcsMethod, event: IcsEventInput = makeEvent(), who: IcsPerson = attendee): string {
  return buildInvite({ event, method, organizer, attendee: who, now });
}

function parse(text: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(text));
}

function firstEvent(text: string): ICAL.Component {
  const vevent = parse(text).getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT in output");
  return vevent;
}

function timeValue(component: ICAL.Component, name: string): ICAL.Time {
  const value = component.getFirstPropertyValue(name);
  if (!(value instanceof ICAL.Time)) throw new Error(`${name} is not a date-time`);
  return value;
}

/**
 * ical.js does not know NAME (RFC 7986) or X-WR-CALNAME and hands back their raw value;
 * both are TEXT, so undo the RFC 5545 §3.3.11 escaping here.
 */
function unescapeText(raw: unknown): string {
  return String(raw).replace(/\\([\\;,nN])/g, (_, char: string) => (char === "n" || char === "N" ? "\n" : char));
}

/** Physical lines of the output, without the terminating empty string after the last CRLF. */
function physicalLines(text: string): string[] {
  const lines = text.split("\r\n");
  expect(lines.pop()).toBe("");
  return lines;
}

describe("buildInvite", () => {
  it.each<IcsMethod>(["REQUEST", "CANCEL"])("F28: METHOD of the VCALENDAR equals the method argument (%s)", (method) => {
    const text = invite(method);
    expect(parse(text).getFirstPropertyValue("method")).toBe(method);
    expect(text).toContain(`\r\nMETHOD:${method}\r\n`);
  });

  it("F28/F31: an invite is never METHOD:PUBLISH", () => {
    for (const method of ["REQUEST", "CANCEL"] as const) {
      expect(invite(method)).not.toContain("PUBLISH");
    }
  });

  it("F29: UID and SEQUENCE are written exactly as given, DTSTAMP in UTC with Z", () => {
    const text = invite("REQUEST");
    const vevent = firstEvent(text);
    expect(vevent.getFirstPropertyValue("uid")).toBe("3f2c9a1e-5b7d-4c1a-9e0f-1234567890ab@kai.example");
    expect(vevent.getFirstPropertyValue("sequence")).toBe(3);

    expect(text).toContain("\r\nDTSTAMP:20260301T101112Z\r\n");
    const stamp = timeValue(vevent, "dtstamp");
    expect(stamp.zone?.tzid).toBe("UTC");
    expect(stamp.toJSDate().toISOString()).toBe("2026-03-01T10:11:12.000Z");
  });

  it("F29: ORGANIZER is the sending mailbox with CN", () => {
    const organizerProp = firstEvent(invite("REQUEST")).getFirstProperty("organizer");
    expect(organizerProp?.getFirstValue()).toBe("mailto:noreply@kai.example");
    expect(organizerProp?.getParameter("cn")).toBe("KAI-Portal");
  });

  it("F29: ORGANIZER without a name carries no CN", () => {
    const text = buildInvite({ event: makeEvent(), method: "REQUEST", organizer: { email: "noreply@kai.example" }, attendee, now });
    const organizerProp = firstEvent(text).getFirstProperty("organizer");
    expect(organizerProp?.getFirstValue()).toBe("mailto:noreply@kai.example");
    expect(organizerProp?.getParameter("cn")).toBeUndefined();
    expect(text).toContain("\r\nORGANIZER:mailto:noreply@kai.example\r\n");
  });

  it("F29: ATTENDEE lists only the one recipient, REQ-PARTICIPANT, NEEDS-ACTION, RSVP=TRUE on REQUEST", () => {
    const attendees = firstEvent(invite("REQUEST")).getAllProperties("attendee");
    expect(attendees).toHaveLength(1);
    const [only] = attendees;
    expect(String(only.getFirstValue()).toLowerCase()).toBe("mailto:erika.beispiel@example.org");
    expect(only.getParameter("cn")).toBe("Erika Beispiel");
    expect(only.getParameter("role")).toBe("REQ-PARTICIPANT");
    expect(only.getParameter("partstat")).toBe("NEEDS-ACTION");
    expect(only.getParameter("rsvp")).toBe("TRUE");
  });

  it("F29: CN of the attendee survives commas and quotes (RFC 6868 parameter encoding)", () => {
    const text = invite("REQUEST", makeEvent(), { email: "erika@example.org", name: 'Beispiel, Erika "Eri"' });
    const only = firstEvent(text).getAllProperties("attendee")[0];
    expect(only.getParameter("cn")).toBe('Beispiel, Erika "Eri"');
  });

  it("F29/F31: a CANCEL addresses the one recipient and asks for no reply", () => {
    const attendees = firstEvent(invite("CANCEL")).getAllProperties("attendee");
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0].getFirstValue()).toLowerCase()).toBe("mailto:erika.beispiel@example.org");
    expect(attendees[0].getParameter("rsvp")).not.toBe("TRUE");
  });

  it("F30: DTSTART/DTEND carry TZID=Europe/Berlin and the VTIMEZONE block is included once", () => {
    const text = invite("REQUEST");
    expect(text).toContain("\r\nDTSTART;TZID=Europe/Berlin:20260512T180000\r\n");
    expect(text).toContain("\r\nDTEND;TZID=Europe/Berlin:20260512T200000\r\n");
    expect(text.match(/\r\nBEGIN:VTIMEZONE\r\nTZID:Europe\/Berlin\r\n/g)).toHaveLength(1);
    expect(text).toContain("\r\nEND:VTIMEZONE\r\n");

    const vtimezones = parse(text).getAllSubcomponents("vtimezone");
    expect(vtimezones).toHaveLength(1);
    expect(vtimezones[0].getFirstPropertyValue("tzid")).toBe("Europe/Berlin");
  });

  it.each([
    // Last Sunday of March: clocks jump 02:00 → 03:00, so 09:00 is already CEST (UTC+2).
    { day: "spring DST switch", startsAt: "2026-03-29T07:00:00Z", endsAt: "2026-03-29T08:30:00Z", wall: "20260329T090000", wallEnd: "20260329T103000" },
    // Last Sunday of October: clocks fall back 03:00 → 02:00, so 09:00 is CET (UTC+1) again.
    { day: "autumn DST switch", startsAt: "2026-10-25T08:00:00Z", endsAt: "2026-10-25T09:30:00Z", wall: "20261025T090000", wallEnd: "20261025T103000" },
  ])("F30: on the $day the Berlin wall time is 09:00 and maps back to the same instant", ({ startsAt, endsAt, wall, wallEnd }) => {
    const event = makeEvent({ startsAt: new Date(startsAt), endsAt: new Date(endsAt) });
    const text = invite("REQUEST", event);
    expect(text).toContain(`\r\nDTSTART;TZID=Europe/Berlin:${wall}\r\n`);
    expect(text).toContain(`\r\nDTEND;TZID=Europe/Berlin:${wallEnd}\r\n`);

    // ical.js resolves the TZID against the VTIMEZONE inside the file, so this also checks
    // that the embedded rules produce the right offset on the switch day.
    const vevent = firstEvent(text);
    const start = timeValue(vevent, "dtstart");
    expect(start.zone?.tzid).toBe("Europe/Berlin");
    expect([start.year, start.month, start.day, start.hour, start.minute]).toEqual([
      Number(wall.slice(0, 4)),
      Number(wall.slice(4, 6)),
      Number(wall.slice(6, 8)),
      9,
      0,
    ]);
    expect(start.toJSDate().toISOString()).toBe(new Date(startsAt).toISOString());
    expect(timeValue(vevent, "dtend").toJSDate().toISOString()).toBe(new Date(endsAt).toISOString());
  });

  it("F30: the ICS text is byte-identical whatever TZ the process runs with", () => {
    const modulePath = path.join(here, "ics.ts");
    // Runs in a fresh process so the TZ is in effect from the start (as on a real server).
    const script = `
      const { buildInvite, buildFeed } = await import(${JSON.stringify(modulePath)});
      const event = (uid, startsAt, endsAt) => ({
        uid, sequence: 7, title: ${JSON.stringify(longGermanTitle)}, description: "Zeile 1\\nZeile 2",
        location: "Rathaus, Saal 1", startsAt: new Date(startsAt), endsAt: new Date(endsAt),
        cancelled: false, url: "https://kai.example/termine/7",
      });
      const spring = event("spring@kai.example", "2026-03-29T07:00:00Z", "2026-03-29T08:00:00Z");
      const autumn = event("autumn@kai.example", "2026-10-25T08:00:00Z", "2026-10-25T09:00:00Z");
      const now = new Date("2026-03-01T23:30:00Z");
      const people = { organizer: { email: "noreply@kai.example", name: "KAI-Portal" }, attendee: { email: "erika@example.org", name: "Erika" } };
      process.stdout.write(JSON.stringify({
        offsetMinutes: new Date("2026-01-15T12:00:00Z").getTimezoneOffset(),
        request: buildInvite({ event: spring, method: "REQUEST", now, ...people }),
        cancel: buildInvite({ event: autumn, method: "CANCEL", now, ...people }),
        feed: buildFeed({ name: "KAI-Termine – Erika", events: [spring, autumn], now }),
      }));
    `;
    const zones = ["UTC", "America/New_York", "Asia/Kolkata", "Europe/Berlin"];
    const runs = zones.map((tz) => {
      const stdout = execFileSync(tsxBin, ["--input-type=module", "-e", script], {
        cwd: projectRoot,
        env: { ...process.env, TZ: tz },
        encoding: "utf8",
      });
      return JSON.parse(stdout) as { offsetMinutes: number; request: string; cancel: string; feed: string };
    });

    // Guard against a runner that ignores TZ, which would make the comparison meaningless
    // (offsets, not names: ICU reports Asia/Kolkata under its old name Asia/Calcutta).
    expect(runs.map((run) => run.offsetMinutes)).toEqual([0, 300, -330, -60]);
    for (const run of runs.slice(1)) {
      expect(run.request).toBe(runs[0].request);
      expect(run.cancel).toBe(runs[0].cancel);
      expect(run.feed).toBe(runs[0].feed);
    }
    expect(runs[0].request).toContain("\r\nDTSTART;TZID=Europe/Berlin:20260329T090000\r\n");
    expect(runs[0].cancel).toContain("\r\nDTSTART;TZID=Europe/Berlin:20261025T090000\r\n");
    expect(runs[0].request).toContain("\r\nDTSTAMP:20260301T233000Z\r\n");
    // ...and the in-process build (vitest's TZ) agrees with the child processes.
    const inProcess = buildInvite({
      event: {
        uid: "spring@kai.example",
        sequence: 7,
        title: longGermanTitle,
        description: "Zeile 1\nZeile 2",
        location: "Rathaus, Saal 1",
        startsAt: new Date("2026-03-29T07:00:00Z"),
        endsAt: new Date("2026-03-29T08:00:00Z"),
        cancelled: false,
        url: "https://kai.example/termine/7",
      },
      method: "REQUEST",
      now: new Date("2026-03-01T23:30:00Z"),
      organizer: { email: "noreply@kai.example", name: "KAI-Portal" },
      attendee: { email: "erika@example.org", name: "Erika" },
    });
    expect(inProcess).toBe(runs[0].request);
  });

  it("F31: CANCEL of a cancelled event ⇒ METHOD:CANCEL and STATUS:CANCELLED", () => {
    const text = invite("CANCEL", makeEvent({ cancelled: true, sequence: 4 }));
    expect(parse(text).getFirstPropertyValue("method")).toBe("CANCEL");
    const vevent = firstEvent(text);
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(vevent.getFirstPropertyValue("sequence")).toBe(4);
  });

  it("F31: removing one attendee (CANCEL, event not cancelled) still marks their copy CANCELLED", () => {
    const removed: IcsPerson = { email: "max@example.org", name: "Max Mustermann" };
    const text = invite("CANCEL", makeEvent({ cancelled: false }), removed);
    expect(parse(text).getFirstPropertyValue("method")).toBe("CANCEL");
    const vevent = firstEvent(text);
    expect(vevent.getFirstPropertyValue("status")).toBe("CANCELLED");
    const attendees = vevent.getAllProperties("attendee");
    expect(attendees).toHaveLength(1);
    expect(String(attendees[0].getFirstValue()).toLowerCase()).toBe("mailto:max@example.org");
  });

  it("F31: REQUEST ⇒ STATUS:CONFIRMED", () => {
    expect(firstEvent(invite("REQUEST")).getFirstPropertyValue("status")).toBe("CONFIRMED");
  });

  it("F31: refuses a REQUEST for a cancelled event", () => {
    expect(() => invite("REQUEST", makeEvent({ cancelled: true }))).toThrow(/CANCEL/);
  });

  it("F32: CRLF line endings everywhere, including after the last line", () => {
    const text = invite("REQUEST", makeEvent({ title: longGermanTitle, description: "Zeile 1\nZeile 2\r\nZeile 3" }));
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    // Once every CRLF is gone, no bare CR or LF may remain.
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("F32: long German title with umlauts and emoji is folded at 75 octets and round-trips exactly", () => {
    const text = invite("REQUEST", makeEvent({ title: longGermanTitle, description: longGermanTitle + " " + longGermanTitle }));
    const lines = physicalLines(text);
    for (const line of lines) {
      expect(Buffer.byteLength(line, "utf8"), line).toBeLessThanOrEqual(75);
      // A fold inside a multi-byte sequence would leave a lone surrogate or U+FFFD behind.
      expect(Buffer.from(line, "utf8").toString("utf8")).toBe(line);
      expect(line).not.toContain("\uFFFD");
    }
    // The title really was folded (it is far longer than one line) ...
    expect(lines.filter((line) => line.startsWith(" ")).length).toBeGreaterThan(2);
    // ... and unfolds back to the exact text.
    const vevent = firstEvent(text);
    expect(vevent.getFirstPropertyValue("summary")).toBe(longGermanTitle);
    expect(vevent.getFirstPropertyValue("description")).toBe(longGermanTitle + " " + longGermanTitle);
  });

  it("F32: commas, semicolons, backslashes and newlines are escaped in text values", () => {
    const title = "Treffen, Teil 1; Raum C:\\Büro\nZweite Zeile";
    const location = "Rathaus; Saal 3, EG";
    const text = invite("REQUEST", makeEvent({ title, location, description: "a,b;c\\d\ne" }));
    const unfolded = text.replace(/\r\n /g, "");
    expect(unfolded).toContain("\r\nSUMMARY:Treffen\\, Teil 1\\; Raum C:\\\\Büro\\nZweite Zeile\r\n");
    expect(unfolded).toContain("\r\nLOCATION:Rathaus\\; Saal 3\\, EG\r\n");
    expect(unfolded).toContain("\r\nDESCRIPTION:a\\,b\\;c\\\\d\\ne\r\n");
    const vevent = firstEvent(text);
    expect(vevent.getFirstPropertyValue("summary")).toBe(title);
    expect(vevent.getFirstPropertyValue("location")).toBe(location);
    expect(vevent.getFirstPropertyValue("description")).toBe("a,b;c\\d\ne");
  });

  it("F32: control characters that TEXT forbids are dropped, TAB is kept", () => {
    const vevent = firstEvent(invite("REQUEST", makeEvent({ title: "A\u0000B\u0007C\tD\u007FE\u0085F" })));
    expect(vevent.getFirstPropertyValue("summary")).toBe("ABC\tDEF");
  });

  it("D17: title and description are plain text, never HTML (no X-ALT-DESC)", () => {
    const title = "<script>alert('x')</script> Sitzung";
    const description = "<b>fett</b> & <a href=\"https://evil.example\">Link</a>";
    const text = invite("REQUEST", makeEvent({ title, description }));
    expect(text).not.toContain("X-ALT-DESC");
    expect(text).not.toMatch(/text\/html/i);
    const vevent = firstEvent(text);
    expect(vevent.getFirstPropertyValue("summary")).toBe(title);
    expect(vevent.getFirstPropertyValue("description")).toBe(description);
  });

  it("writes PRODID -//KAI//KAI-Portal//DE and VERSION 2.0", () => {
    const calendar = parse(invite("REQUEST"));
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//KAI//KAI-Portal//DE");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
  });

  it("omits empty optional fields and writes the URL as a URI", () => {
    const bare = firstEvent(invite("REQUEST", makeEvent({ description: null, location: "  ", url: undefined })));
    expect(bare.getFirstProperty("description")).toBeNull();
    expect(bare.getFirstProperty("location")).toBeNull();
    expect(bare.getFirstProperty("url")).toBeNull();

    const withUrl = firstEvent(invite("REQUEST", makeEvent({ url: "https://kai.example/termine/42?tab=a,b;c" })));
    // URI values are not TEXT-escaped; ',' and ';' are percent-encoded instead.
    expect(withUrl.getFirstPropertyValue("url")).toBe("https://kai.example/termine/42?tab=a%2Cb%3Bc");
  });

  it("rejects invalid input instead of writing a broken calendar", () => {
    expect(() => invite("REQUEST", makeEvent({ uid: "bad uid\r\nATTENDEE:mailto:x@y" }))).toThrow(/UID/);
    expect(() => invite("REQUEST", makeEvent({ sequence: -1 }))).toThrow(RangeError);
    expect(() => invite("REQUEST", makeEvent({ sequence: 1.5 }))).toThrow(RangeError);
    expect(() => invite("REQUEST", makeEvent({ endsAt: new Date("2026-05-12T15:00:00Z") }))).toThrow(RangeError);
    expect(() => invite("REQUEST", makeEvent({ startsAt: new Date("nope") }))).toThrow(RangeError);
    expect(() => invite("REQUEST", makeEvent({ url: "javascript:alert(1)" }))).toThrow(/http/);
    expect(() => invite("REQUEST", makeEvent(), { email: "not-an-address" })).toThrow(/attendee/);
  });
});

describe("buildFeed", () => {
  const events = [
    makeEvent({ uid: "a@kai.example", title: "Frühjahrstreffen", startsAt: new Date("2026-03-29T07:00:00Z"), endsAt: new Date("2026-03-29T09:00:00Z") }),
    makeEvent({ uid: "b@kai.example", title: "Herbsttreffen", cancelled: true, sequence: 5, startsAt: new Date("2026-10-25T08:00:00Z"), endsAt: new Date("2026-10-25T10:00:00Z") }),
  ];

  it("is a PUBLISH calendar with the escaped name, no scheduling properties", () => {
    const name = "KAI-Termine – Erika Beispiel, Vorstand; Kreis Süd";
    const text = buildFeed({ name, events, now });
    const calendar = parse(text);
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(text).toContain("\r\nX-WR-CALNAME:KAI-Termine – Erika Beispiel\\, Vorstand\\; Kreis Süd\r\n");
    expect(unescapeText(calendar.getFirstPropertyValue("x-wr-calname"))).toBe(name);
    expect(unescapeText(calendar.getFirstPropertyValue("name"))).toBe(name);
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//KAI//KAI-Portal//DE");
    expect(text).not.toMatch(/\r\n(ORGANIZER|ATTENDEE)[;:]/);
    expect(text).not.toContain("METHOD:REQUEST");
  });

  it("F29/F30/F31: keeps UID, SEQUENCE, Berlin wall times and CANCELLED status per event", () => {
    const text = buildFeed({ name: "KAI-Termine", events, now });
    const vevents = parse(text).getAllSubcomponents("vevent");
    expect(vevents.map((vevent) => vevent.getFirstPropertyValue("uid"))).toEqual(["a@kai.example", "b@kai.example"]);
    expect(vevents.map((vevent) => vevent.getFirstPropertyValue("sequence"))).toEqual([3, 5]);
    expect(vevents.map((vevent) => vevent.getFirstPropertyValue("status"))).toEqual(["CONFIRMED", "CANCELLED"]);
    expect(vevents.map((vevent) => timeValue(vevent, "dtstart").hour)).toEqual([9, 9]);
    expect(vevents.map((vevent) => timeValue(vevent, "dtstart").toJSDate().toISOString())).toEqual([
      "2026-03-29T07:00:00.000Z",
      "2026-10-25T08:00:00.000Z",
    ]);
    expect(text.match(/\r\nDTSTAMP:20260301T101112Z\r\n/g)).toHaveLength(2);
    expect(text.match(/\r\nBEGIN:VTIMEZONE\r\n/g)).toHaveLength(1);
  });

  it("F32: CRLF and 75-octet folding hold for the feed too", () => {
    const text = buildFeed({ name: longGermanTitle, events: [makeEvent({ title: longGermanTitle })], now });
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of physicalLines(text)) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    expect(unescapeText(parse(text).getFirstPropertyValue("x-wr-calname"))).toBe(longGermanTitle);
  });

  it("an empty feed is still a valid calendar", () => {
    const calendar = parse(buildFeed({ name: "KAI-Termine", events: [], now }));
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(0);
  });
});

describe("foldLine", () => {
  it("F32: never splits a multi-byte sequence, even when a 4-octet emoji straddles the limit", () => {
    for (let pad = 60; pad <= 80; pad++) {
      const line = "SUMMARY:" + "x".repeat(pad) + "🎉ä".repeat(20);
      const physical = foldLine(line).split("\r\n");
      for (const part of physical) {
        expect(Buffer.byteLength(part, "utf8")).toBeLessThanOrEqual(75);
        expect(Buffer.from(part, "utf8").toString("utf8")).toBe(part);
      }
      expect(physical.slice(1).every((part) => part.startsWith(" "))).toBe(true);
      // Unfolding (drop CRLF + one space) restores the logical line.
      expect(physical[0] + physical.slice(1).map((part) => part.slice(1)).join("")).toBe(line);
    }
  });

  it("leaves lines of up to 75 octets alone", () => {
    const exact = "X".repeat(75);
    expect(foldLine(exact)).toBe(exact);
    expect(foldLine(exact + "Y")).toBe(exact + "\r\n Y");
  });
});
