import type { Database } from "#db/client";
import type { WorkingGroup } from "#db/schema/auth";
import { actionItems, agendaItems, meetings, type ActionItemStatus, type AgendaItemKind, type MeetingLocationKind, type MinutesStatus } from "#db/schema/groups";
import { createUser } from "./factories";
import { berlin } from "./dates";

/**
 * Working-group state for tests, written straight into the tables (no commands, no emails, no
 * calendar events), so tests of minutes, action items, registers and panels can set up any state,
 * in the past too. All people fictional, @kai.example.
 */

/** A chair and two members of `group`, from different municipalities (and centres). */
export async function createGroupPeople(db: Database, group: WorkingGroup, prefix = group.toLowerCase()) {
  const chair = await createUser(db, { email: `vorsitz.${prefix}@kai.example`, name: `Vera Vorsitz ${group}`, municipality: "Buxtehude", roles: [{ role: "wg_chair", group }] });
  const member = await createUser(db, { email: `mitglied.${prefix}@kai.example`, name: `Moritz Mitglied ${group}`, municipality: "Verden (Aller)", roles: [{ role: "wg_member", group }] });
  const second = await createUser(db, { email: `mitglied2.${prefix}@kai.example`, name: `Mara Mitglied ${group}`, municipality: "Rheine", roles: [{ role: "wg_member", group }] });
  const outsider = await createUser(db, { email: `aussen.${prefix}@kai.example`, name: `Olaf Außenstehend ${group}`, municipality: "Höxter" });
  return { chair, member, second, outsider };
}

export interface MeetingFixtureSpec {
  group: WorkingGroup;
  title?: string;
  /** Berlin date and start time; two hours long unless `hours`. */
  date: string;
  time?: string;
  hours?: number;
  locationKind?: MeetingLocationKind;
  onlineUrl?: string | null;
  minutesStatus?: MinutesStatus | null;
  createdById?: string | null;
  items?: { title: string; kind?: AgendaItemKind; presenter?: string; durationMinutes?: number | null; notes?: string }[];
}

export async function createMeetingFixture(db: Database, spec: MeetingFixtureSpec) {
  const startsAt = berlin(spec.date, spec.time ?? "10:00");
  const endsAt = new Date(startsAt.getTime() + (spec.hours ?? 2) * 3_600_000);
  const kind = spec.locationKind ?? "zentral";
  const [meeting] = await db
    .insert(meetings)
    .values({
      groupId: spec.group,
      title: spec.title ?? `Sitzung ${spec.group} am ${spec.date}`,
      startsAt,
      endsAt,
      locationKind: kind,
      onlineUrl: kind === "online" ? (spec.onlineUrl ?? "https://video.kai.example/fak") : null,
      minutesStatus: spec.minutesStatus ?? null,
      minutesReleasedAt: spec.minutesStatus === "freigegeben" ? endsAt : null,
      createdById: spec.createdById ?? null,
    })
    .returning();
  const items = [];
  for (const [i, item] of (spec.items ?? [{ title: "Aktuelles aus dem Verfahren" }]).entries()) {
    const [row] = await db
      .insert(agendaItems)
      .values({ meetingId: meeting.id, position: i + 1, kind: item.kind ?? "eintrag", title: item.title, presenter: item.presenter ?? "", durationMinutes: item.durationMinutes ?? 30, notes: item.notes ?? "" })
      .returning();
    items.push(row);
  }
  return { meeting, items };
}

export async function createActionItemFixture(
  db: Database,
  spec: { group: WorkingGroup; meetingId: number; agendaItemId: number; ownerId: string; title: string; dueOn: string; status?: ActionItemStatus },
) {
  const [row] = await db
    .insert(actionItems)
    .values({ groupId: spec.group, meetingId: spec.meetingId, agendaItemId: spec.agendaItemId, ownerId: spec.ownerId, title: spec.title, dueOn: spec.dueOn, status: spec.status ?? "offen" })
    .returning();
  return row;
}
