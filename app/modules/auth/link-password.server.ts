import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { contextOf } from "~/context";
import { PublicError } from "~/errors";
import { setPasswordWithToken } from "./account.server";
import { setPasswordSchema } from "./validation";

/**
 * The POST behind both single-use links (invitation and password reset): validate, consume the
 * link and set the password, then send the person to the sign-in page. Passwords are never echoed.
 */
export async function setPasswordFromLink({ request, params, context }: ActionFunctionArgs, purpose: "invite" | "reset") {
  const submission = parseWithZod(await request.formData(), { schema: setPasswordSchema });
  const hideFields = ["password", "confirm"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  try {
    await setPasswordWithToken({
      token: params.token ?? "",
      purpose,
      password: submission.value.password,
      ip: contextOf(context).clientIp ?? null,
    });
  } catch (error) {
    if (error instanceof PublicError) return data(submission.reply({ formErrors: [error.message], hideFields }), { status: error.status });
    throw error;
  }
  return redirect("/anmelden?passwort-gesetzt=1");
}
