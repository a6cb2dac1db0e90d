import { eq } from "drizzle-orm";
import type { Executor } from "#db/client";
import { centres, municipalities } from "#db/schema/members";
import { rooms, type Seminar } from "#db/schema/training";
import { db } from "~/db.server";

/** Where a seminar takes place, in German: for its page, the seat emails and its documents. */
/** "Raum Elbe, KAI-Zentrum Nord, …" / "Inhouse: Stadt Rheine, Rathaus …" / "Online". */
export async function describeSeminarLocation(
  seminar: Pick<Seminar, "locationKind" | "roomId" | "hostMunicipalityId" | "address" | "centreId">,
  tx: Executor = db,
  { online = "Online (der Zugangslink steht im Portal und in der Kalendereinladung)" }: { online?: string } = {},
): Promise<string> {
  if (seminar.locationKind === "online") return online;
  if (seminar.locationKind === "room" && seminar.roomId) {
    const [room] = await tx
      .select({ name: rooms.name, centre: centres.name, street: centres.street, postalCode: centres.postalCode, city: centres.city })
      .from(rooms)
      .innerJoin(centres, eq(centres.id, rooms.centreId))
      .where(eq(rooms.id, seminar.roomId));
    if (room) return `${room.name}, KAI-Zentrum ${room.centre}, ${[room.street, [room.postalCode, room.city].filter(Boolean).join(" ")].filter(Boolean).join(", ")}`;
  }
  if (seminar.hostMunicipalityId) {
    const [host] = await tx.select({ name: municipalities.name, kind: municipalities.kind }).from(municipalities).where(eq(municipalities.id, seminar.hostMunicipalityId));
    if (host) return `Inhouse: ${host.kind} ${host.name}${seminar.address ? `, ${seminar.address}` : ""}`;
  }
  return seminar.address ?? "wird noch bekanntgegeben";
}
