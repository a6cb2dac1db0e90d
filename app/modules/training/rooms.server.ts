import { and, asc, eq, gt, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Executor } from "#db/client";
import { centres } from "#db/schema/members";
import { roomBookings, rooms, type Room } from "#db/schema/training";
import { db } from "~/db.server";
import { notFound, PublicError } from "~/errors";
import { recordAudit, diffFields } from "~/modules/audit/audit.server";
import type { CurrentUser } from "~/modules/auth/guards.server";
import { mayKeepRooms } from "./access";
import { describeSlot } from "./series";
import type { RoomInput } from "./validation";

/**
 * Rooms of the centres and their bookings (issue 8, item 2). Admins keep the list; seminars
 * (and later the working groups' meetings, issue 9) book through `bookRoom`, which refuses a
 * clash with a message naming what holds the room and when.
 */
type Keeper = Pick<CurrentUser, "id" | "roles">;

function run<T>(tx: Executor | undefined, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return tx ? fn(tx) : db.transaction((t) => fn(t));
}

export async function listCentres(tx: Executor = db) {
  return tx.select({ id: centres.id, name: centres.name }).from(centres).orderBy(asc(centres.sortOrder));
}

/** All rooms with their centre, by centre order and name (active and inactive). */
export async function listRooms(tx: Executor = db) {
  return tx
    .select({ id: rooms.id, name: rooms.name, capacity: rooms.capacity, directions: rooms.directions, active: rooms.active, centreId: rooms.centreId, centreName: centres.name, centreCity: centres.city })
    .from(rooms)
    .innerJoin(centres, eq(centres.id, rooms.centreId))
    .orderBy(asc(centres.sortOrder), asc(rooms.name));
}

async function checkCentre(centreId: string, tx: Executor) {
  const [centre] = await tx.select({ id: centres.id }).from(centres).where(eq(centres.id, centreId));
  if (!centre) throw new PublicError("Bitte ein Zentrum aus der Liste wählen.", 400, "centreId");
}

async function checkNameFree(input: RoomInput, tx: Executor, exceptId?: number) {
  const [clash] = await tx
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.centreId, input.centreId), sql`lower(${rooms.name}) = lower(${input.name})`, exceptId ? ne(rooms.id, exceptId) : undefined));
  if (clash) throw new PublicError(`In diesem Zentrum gibt es schon einen Raum „${input.name}“.`, 400, "name");
}

export async function createRoom(args: { user: Keeper; input: RoomInput; ip?: string | null }, tx?: Executor): Promise<Room> {
  if (!mayKeepRooms(args.user)) notFound();
  return run(tx, async (tx) => {
    await checkCentre(args.input.centreId, tx);
    await checkNameFree(args.input, tx);
    const [room] = await tx
      .insert(rooms)
      .values({ centreId: args.input.centreId, name: args.input.name, capacity: args.input.capacity, directions: args.input.directions || null })
      .returning();
    await recordAudit({ actorId: args.user.id, action: "training.room_created", entityType: "room", entityId: room.id, after: { ...args.input }, ip: args.ip }, tx);
    return room;
  });
}

async function lockRoom(roomId: number, tx: Executor) {
  const [room] = await tx.select().from(rooms).where(eq(rooms.id, roomId)).for("update");
  return room ?? null;
}

export async function updateRoom(args: { user: Keeper; roomId: number; input: RoomInput; ip?: string | null }, tx?: Executor): Promise<Room> {
  if (!mayKeepRooms(args.user)) notFound();
  return run(tx, async (tx) => {
    const before = await lockRoom(args.roomId, tx);
    if (!before) notFound();
    await checkCentre(args.input.centreId, tx);
    await checkNameFree(args.input, tx, before.id);
    const values = { centreId: args.input.centreId, name: args.input.name, capacity: args.input.capacity, directions: args.input.directions || null };
    const [room] = await tx.update(rooms).set(values).where(eq(rooms.id, before.id)).returning();
    const diff = diffFields(before as unknown as Record<string, unknown>, values);
    await recordAudit({ actorId: args.user.id, action: "training.room_updated", entityType: "room", entityId: room.id, ...diff, ip: args.ip }, tx);
    return room;
  });
}

/** Deactivated rooms keep their bookings and history but can no longer be chosen or booked. */
export async function setRoomActive(args: { user: Keeper; roomId: number; active: boolean; ip?: string | null }, tx?: Executor): Promise<Room> {
  if (!mayKeepRooms(args.user)) notFound();
  return run(tx, async (tx) => {
    const before = await lockRoom(args.roomId, tx);
    if (!before) notFound();
    const [room] = await tx.update(rooms).set({ active: args.active }).where(eq(rooms.id, before.id)).returning();
    await recordAudit(
      { actorId: args.user.id, action: args.active ? "training.room_activated" : "training.room_deactivated", entityType: "room", entityId: room.id, before: { active: before.active }, after: { active: args.active }, ip: args.ip },
      tx,
    );
    return room;
  });
}

export interface BookingInput {
  roomId: number;
  startsAt: Date;
  endsAt: Date;
  /** What a later clash message names, e.g. `Schulung „OK.EWO Grundlagen“ am 12.01.2027, 09:00–16:00`. */
  label: string;
  /** The seminar date this booking is for: its own earlier booking is not a clash and is replaced. */
  seminarDateId?: number | null;
  /** Or the working-group meeting (issue 9), likewise. */
  meetingId?: number | null;
}

/**
 * Books a room for a time, inside the caller's transaction. Locks the room row first, so two
 * bookings of the same room run one after the other and the second sees the first (G33's
 * pattern); then refuses any overlap with a German message naming the clash.
 */
export async function bookRoom(args: BookingInput, tx: Executor) {
  const room = await lockRoom(args.roomId, tx);
  if (!room) throw new PublicError("Diesen Raum gibt es nicht (mehr). Bitte einen Raum aus der Liste wählen.", 400, "roomId");
  if (!room.active) throw new PublicError(`Der Raum „${room.name}“ ist nicht mehr buchbar. Bitte einen anderen Raum wählen.`, 400, "roomId");
  const own = args.seminarDateId ?? null;
  const ownMeeting = args.meetingId ?? null;
  const [clash] = await tx
    .select({ label: roomBookings.label, startsAt: roomBookings.startsAt, endsAt: roomBookings.endsAt })
    .from(roomBookings)
    .where(
      and(
        eq(roomBookings.roomId, room.id),
        lt(roomBookings.startsAt, args.endsAt),
        gt(roomBookings.endsAt, args.startsAt),
        own === null ? undefined : or(isNull(roomBookings.seminarDateId), ne(roomBookings.seminarDateId, own)),
        ownMeeting === null ? undefined : or(isNull(roomBookings.meetingId), ne(roomBookings.meetingId, ownMeeting)),
      ),
    )
    .orderBy(asc(roomBookings.startsAt))
    .limit(1);
  if (clash) {
    throw new PublicError(
      `Der Raum „${room.name}“ ist am ${describeSlot(args)} Uhr schon belegt: ${clash.label} (${describeSlot(clash)} Uhr). Bitte einen anderen Raum oder eine andere Zeit wählen.`,
      409,
      "roomId",
    );
  }
  const values = { roomId: room.id, startsAt: args.startsAt, endsAt: args.endsAt, label: args.label, seminarDateId: own, meetingId: ownMeeting };
  const [booking] =
    own !== null
      ? await tx.insert(roomBookings).values(values).onConflictDoUpdate({ target: roomBookings.seminarDateId, set: values }).returning()
      : ownMeeting !== null
        ? await tx.insert(roomBookings).values(values).onConflictDoUpdate({ target: roomBookings.meetingId, set: values }).returning()
        : await tx.insert(roomBookings).values(values).returning();
  return { booking, room };
}

/** Frees the room of a working-group meeting (cancelled, moved online or elsewhere). */
export async function releaseMeetingBooking(meetingId: number, tx: Executor) {
  const released = await tx.delete(roomBookings).where(eq(roomBookings.meetingId, meetingId)).returning({ id: roomBookings.id });
  return released.length;
}

/** Frees the rooms of these seminar dates (cancelled seminar, changed location). */
export async function releaseSeminarDateBookings(seminarDateIds: number[], tx: Executor) {
  if (seminarDateIds.length === 0) return 0;
  const released = await tx.delete(roomBookings).where(inArray(roomBookings.seminarDateId, seminarDateIds)).returning({ id: roomBookings.id });
  return released.length;
}
