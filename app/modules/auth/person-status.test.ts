import { describe, expect, it } from "vitest";
import { invitationActions, personStatus } from "./person-status";

const now = new Date("2026-03-10T12:00:00Z");

describe("personStatus (issue 5 item 11)", () => {
  it("deactivated wins, then a signed-up account", () => {
    expect(personStatus({ active: false, hasPassword: true }, now)).toBe("deaktiviert");
    expect(personStatus({ active: false, hasPassword: false, invitationExpiresAt: "2026-04-01T00:00:00Z" }, now)).toBe("deaktiviert");
    expect(personStatus({ active: true, hasPassword: true, invitationExpiresAt: "2026-01-01T00:00:00Z" }, now)).toBe("aktiv");
  });

  it("an invitation is open until, expired on, or withdrawn on a German date", () => {
    expect(personStatus({ active: true, hasPassword: false, invitationExpiresAt: "2026-03-15T08:00:00Z" }, now)).toBe("Einladung offen bis 15.03.2026");
    expect(personStatus({ active: true, hasPassword: false, invitationExpiresAt: "2026-03-09T23:30:00Z" }, now)).toBe("Einladung abgelaufen am 10.03.2026");
    expect(
      personStatus({ active: true, hasPassword: false, invitationExpiresAt: "2026-03-15T08:00:00Z", invitationWithdrawnAt: "2026-03-02T10:00:00Z" }, now),
    ).toBe("Einladung zurückgezogen am 02.03.2026");
    expect(personStatus({ active: true, hasPassword: false }, now)).toBe("Einladung offen");
  });

  it("resend for any pending invitation, withdraw only once", () => {
    expect(invitationActions({ active: true, hasPassword: false })).toEqual({ canResend: true, canWithdraw: true });
    expect(invitationActions({ active: true, hasPassword: false, invitationWithdrawnAt: now })).toEqual({ canResend: true, canWithdraw: false });
    expect(invitationActions({ active: true, hasPassword: true })).toEqual({ canResend: false, canWithdraw: false });
    expect(invitationActions({ active: false, hasPassword: false })).toEqual({ canResend: false, canWithdraw: false });
  });
});
