import { connectDatabase, disconnectDatabase } from "~/db.server";
import { getEnv } from "~/env.server";
import { log } from "~/log.server";
import { dispatchDueEmails } from "~/modules/mail/dispatcher.server";
import { inboundListenerSettings, startInboundListener, type InboundListener } from "~/modules/tickets/inbound.server";
import { nudgeMailDispatcher, QUEUES, startJobs, stopJobs } from "./boss.server";
import { runReroutingOffers } from "~/modules/tickets/absences.server";
import { runAutoClose, runSlaEscalation } from "~/modules/tickets/escalation.server";
import { runSeminarReminders } from "~/modules/training/reminders.server";
import { runActionItemReminders } from "~/modules/groups/action-items.server";
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
    [QUEUES.trainingReminders]: async () => {
      const counts = await runSeminarReminders();
      if (counts.reminded) log.info("seminar reminders", counts);
    },
    [QUEUES.groupActionReminders]: async () => {
      const counts = await runActionItemReminders();
      if (counts.reminded) log.info("action item reminders", counts);
    },
  });
  // Whatever was queued while no server ran (seed, a crash) goes out now, not at the next schedule.
  await nudgeMailDispatcher();
  // A nudge sent before its transaction committed finds nothing; this keeps the delay to seconds
  // rather than the one-minute schedule. Cheap: one singleton job at a time.
  nudgeTimer = setInterval(() => void nudgeMailDispatcher(), 5000);
  nudgeTimer.unref();
  // Inbound mail (issue 7 items 3 and 9): only when configured, or in the demo.
  const inbound = inboundListenerSettings(getEnv());
  if (inbound) {
    try {
      inboundListener = await startInboundListener(inbound);
      log.info("inbound smtp listening", { host: inboundListener.host, port: inboundListener.port, domain: getEnv().INBOUND_MAIL_DOMAIN });
    } catch (error) {
      // Configured: a listener that cannot start stops the server. The demo's default port may be taken: go on without it.
      if (getEnv().INBOUND_SMTP_PORT) throw error;
      log.warn("inbound smtp not started (demo port taken?); set INBOUND_SMTP_PORT", { port: inbound.port, error: String(error) });
    }
  }
  log.info("runtime started", { database: handle.kind, mail: getEnv().SMTP_URL ? "smtp" : "mailbox", inbound: inbound ? "on" : "off" });
}

let nudgeTimer: NodeJS.Timeout | undefined;
let inboundListener: InboundListener | undefined;

export async function stopRuntime() {
  clearInterval(nudgeTimer);
  await inboundListener?.close();
  inboundListener = undefined;
  await stopJobs();
  await disconnectDatabase();
}
