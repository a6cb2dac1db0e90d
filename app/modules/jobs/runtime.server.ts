import { connectDatabase, disconnectDatabase } from "~/db.server";
import { getEnv } from "~/env.server";
import { log } from "~/log.server";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";
import { nudgeMailDispatcher, QUEUES, startJobs, stopJobs } from "./boss.server";
import { runReroutingOffers } from "~/modules/tickets/absences.server";
import { runAutoClose, runSlaEscalation } from "~/modules/tickets/escalation.server";
import { runRetention } from "./retention.server";

/** Starts what a server process needs: the database and the background jobs. */
export async function startRuntime() {
  const handle = await connectDatabase();
  await startJobs(handle, {
    [QUEUES.mailDispatch]: async () => {
      const counts = await dispatchDueEmails();
      if (counts.sent || counts.failed || counts.retry) log.info("mail dispatched", counts);
    },
    [QUEUES.retention]: async () => log.info("retention", await runRetention()),
    [QUEUES.ticketSla]: async () => {
      const counts = await runSlaEscalation();
      if (counts.warnings || counts.escalations) log.info("ticket sla", counts);
    },
    [QUEUES.ticketHousekeeping]: async () => log.info("ticket housekeeping", { ...(await runAutoClose()), ...(await runReroutingOffers()) }),
  });
  // Whatever was queued while no server ran (seed, a crash) goes out now, not at the next schedule.
  await nudgeMailDispatcher();
  // A nudge sent before its transaction committed finds nothing; this keeps the delay to seconds
  // rather than the one-minute schedule. Cheap: one singleton job at a time.
  nudgeTimer = setInterval(() => void nudgeMailDispatcher(), 5000);
  nudgeTimer.unref();
  log.info("runtime started", { database: handle.kind, mail: getEnv().SMTP_URL ? "smtp" : "mailbox" });
}

let nudgeTimer: NodeJS.Timeout | undefined;

export async function stopRuntime() {
  clearInterval(nudgeTimer);
  await stopJobs();
  await disconnectDatabase();
}
