import { PgBoss, fromPglite } from "pg-boss";
import type { DatabaseHandle } from "#db/client";
import { log } from "~/log.server";

/**
 * pg-boss runs the background work: the mail dispatcher and the retention clean-up. On PostgreSQL
 * several app instances share the queues and each job runs once (ACCEPTANCE G37); on the embedded
 * database it runs in-process through pg-boss's PGlite adapter.
 */
export const QUEUES = {
  mailDispatch: "mail-dispatch",
  retention: "retention",
  /** SLA warnings and escalations (issue 7, item 12). */
  ticketSla: "ticket-sla",
  /** Tickets closed 14 days after gelöst, and re-routing offers on an absence's first day (items 5, 7). */
  ticketHousekeeping: "ticket-housekeeping",
  /** Seminar reminders two working days before the first date (issue 8, item 7). */
  trainingReminders: "training-reminders",
  /** Action-item reminders three working days before the due date (issue 9, item 7). */
  groupActionReminders: "group-action-reminders",
} as const;

let boss: PgBoss | undefined;

export interface JobHandlers {
  [QUEUES.mailDispatch]: () => Promise<unknown>;
  [QUEUES.retention]: () => Promise<unknown>;
  [QUEUES.ticketSla]: () => Promise<unknown>;
  [QUEUES.ticketHousekeeping]: () => Promise<unknown>;
  [QUEUES.trainingReminders]: () => Promise<unknown>;
  [QUEUES.groupActionReminders]: () => Promise<unknown>;
}

export async function startJobs(handle: DatabaseHandle, handlers: JobHandlers, opts: { work?: boolean } = {}) {
  if (boss) return boss;
  const instance =
    handle.kind === "pglite"
      ? new PgBoss({ db: fromPglite(handle.pglite!), backend: "pglite" } as ConstructorParameters<typeof PgBoss>[0])
      : new PgBoss({ connectionString: handle.url!, max: 4, application_name: "kai-portal-jobs" } as ConstructorParameters<typeof PgBoss>[0]);
  instance.on("error", (error) => log.error("job queue error", { error }));
  await instance.start();
  for (const name of Object.values(QUEUES)) {
    await instance.createQueue(name, { name, retryLimit: 3, retryDelay: 10, retryBackoff: true } as never);
  }
  if (opts.work !== false) {
    await instance.work(QUEUES.mailDispatch, { pollingIntervalSeconds: 2 }, async () => {
      await handlers[QUEUES.mailDispatch]();
    });
    for (const name of [QUEUES.retention, QUEUES.ticketSla, QUEUES.ticketHousekeeping, QUEUES.trainingReminders, QUEUES.groupActionReminders] as const) {
      await instance.work(name, async () => {
        await handlers[name]();
      });
    }
    // The schedules catch what a lost nudge or a backoff left behind; pg-boss runs each once.
    await instance.schedule(QUEUES.mailDispatch, "* * * * *");
    await instance.schedule(QUEUES.retention, "17 * * * *");
    await instance.schedule(QUEUES.ticketSla, "*/5 * * * *");
    // Hourly: the first run after midnight (Berlin) on an absence's first day makes its offer.
    await instance.schedule(QUEUES.ticketHousekeeping, "3 * * * *", {}, { tz: "Europe/Berlin" } as never);
    // Hourly: reminders fall due at 08:00 Berlin; the run at 08:07 sends them.
    await instance.schedule(QUEUES.trainingReminders, "7 * * * *", {}, { tz: "Europe/Berlin" } as never);
    // Hourly: an action item's reminder falls due on its day (Berlin); the run at 08:11 sends the day's.
    await instance.schedule(QUEUES.groupActionReminders, "11 * * * *", {}, { tz: "Europe/Berlin" } as never);
  }
  boss = instance;
  return instance;
}

/** Ask for a dispatcher run now. Safe to call often: one run is queued at a time. */
export async function nudgeMailDispatcher() {
  if (!boss) return;
  try {
    await boss.send(QUEUES.mailDispatch, {}, { singletonKey: "dispatch", singletonSeconds: 1 } as never);
  } catch (error) {
    log.warn("could not queue the mail dispatcher", { error });
  }
}

export async function stopJobs() {
  const instance = boss;
  boss = undefined;
  await instance?.stop({ graceful: true, wait: true, timeout: 10_000 } as never);
}
