import { createElement } from "react";
import { z } from "zod";
import { openDatabaseFromEnv } from "#db/client";
import { userRoles, userTokens, users } from "#db/schema/auth";
import { installDatabase } from "~/db.server";
import { getEnv } from "~/env.server";
import { formatDateTime } from "~/format";
import { recordAudit } from "~/modules/audit/audit.server";
import { INVITE_VALIDITY_MS } from "~/modules/auth/people.server";
import { generateToken, hashToken } from "~/modules/auth/tokens.server";
import { sendEmail } from "~/modules/mail/outbox.server";
import { InvitationEmail } from "#emails/invitation";

// `npm run admin:invite -- <email> "<name>"`: the first admin of a fresh production database.
// Queues the invitation mail (sent by the running server) and prints the link for the operator.
const [emailArg, nameArg] = process.argv.slice(2);
const args = z
  .object({ email: z.string().email().transform((v) => v.toLowerCase()), name: z.string().trim().min(2).max(120) })
  .safeParse({ email: emailArg, name: nameArg });
if (!args.success) {
  console.error('Usage: npm run admin:invite -- <email> "<name>"');
  process.exit(2);
}
const env = getEnv();
const handle = await openDatabaseFromEnv();
installDatabase(handle);
try {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + INVITE_VALIDITY_MS);
  const link = `${env.APP_URL}/einladung/${token}`;
  await handle.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: args.data.email, name: args.data.name })
      .onConflictDoUpdate({ target: users.email, set: { active: true } })
      .returning({ id: users.id });
    await tx.insert(userRoles).values({ userId: user.id, role: "admin" }).onConflictDoNothing();
    await tx.insert(userTokens).values({ tokenHash: hashToken(token), userId: user.id, purpose: "invite", expiresAt });
    await sendEmail(
      {
        to: { address: args.data.email, name: args.data.name },
        template: "invitation",
        subject: "Einladung in das KAI-Portal",
        body: createElement(InvitationEmail, { name: args.data.name, link, invitedBy: "Die KAI-Gruppe", expiresAt: formatDateTime(expiresAt) }),
      },
      tx,
    );
    await recordAudit({ actorId: null, action: "user.admin_invited_by_operator", entityType: "user", entityId: user.id, after: { email: args.data.email } }, tx);
  });
  console.log(`Einladung für ${args.data.email} angelegt (gültig bis ${formatDateTime(expiresAt)}):\n${link}`);
} finally {
  await handle.close();
}
