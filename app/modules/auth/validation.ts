import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy";
import { ROLES, WORKING_GROUPS } from "#db/schema/auth";
import { text } from "~/validation";

const email = text({ required_error: "Bitte Ihre E-Mail-Adresse angeben." })
  .max(254, "Die E-Mail-Adresse ist zu lang.")
  .email("Bitte eine gültige E-Mail-Adresse angeben.")
  .transform((v) => v.toLowerCase());

/** Someone else's address, typed by an admin: the messages speak about "the person". */
const personEmail = text({ required_error: "Bitte geben Sie die E-Mail-Adresse der Person an." })
  .max(254, "Die E-Mail-Adresse ist zu lang.")
  .email("Bitte geben Sie eine gültige E-Mail-Adresse an.")
  .transform((v) => v.toLowerCase());

const personName = text({ required_error: "Bitte geben Sie den Namen der Person an." })
  .min(2, "Bitte geben Sie den Namen der Person an.")
  .max(120, "Der Name darf höchstens 120 Zeichen lang sein.");

export const PHONE_MAX = 40;
/** A business phone number as people write it: "04161 555-0100", "+49 (4161) 555 0100". */
const phone = text()
  .max(PHONE_MAX, `Die Telefonnummer darf höchstens ${PHONE_MAX} Zeichen lang sein.`)
  .regex(/^[0-9 +\-/()]*$/, "Die Telefonnummer darf nur Ziffern, Leerzeichen und die Zeichen + - / ( ) enthalten.")
  .refine((v) => v === "" || /[0-9]/.test(v), "Die Telefonnummer muss Ziffern enthalten.")
  .optional();

const passwordCount = (v: string) => [...v.normalize("NFC")].length;
export const newPassword = z
  .string({ required_error: "Bitte ein Passwort eingeben." })
  .refine((v) => passwordCount(v) >= PASSWORD_MIN, `Das Passwort muss mindestens ${PASSWORD_MIN} Zeichen lang sein.`)
  .refine((v) => passwordCount(v) <= PASSWORD_MAX, `Das Passwort darf höchstens ${PASSWORD_MAX} Zeichen lang sein.`);

export const loginSchema = z.object({
  email,
  // Any length is accepted here: a login must never tell which policy an old password broke.
  password: z.string({ required_error: "Bitte Ihr Passwort eingeben." }).min(1, "Bitte Ihr Passwort eingeben.").max(1024, "Das Passwort ist zu lang."),
  redirectTo: z.string().max(2000).optional(),
});

export const forgotPasswordSchema = z.object({ email });

const confirmMatches = (d: { password: string; confirm: string }) => d.password === d.confirm;
const confirmMessage = { message: "Die beiden Passwörter stimmen nicht überein.", path: ["confirm"] };

export const setPasswordSchema = z
  .object({ password: newPassword, confirm: z.string({ required_error: "Bitte das Passwort wiederholen." }).max(1024, "Das Passwort ist zu lang.") })
  .refine(confirmMatches, confirmMessage);

export const changePasswordSchema = z
  .object({
    current: z.string({ required_error: "Bitte Ihr aktuelles Passwort eingeben." }).max(1024),
    password: newPassword,
    confirm: z.string({ required_error: "Bitte das neue Passwort wiederholen." }).max(1024, "Das Passwort ist zu lang."),
  })
  .refine(confirmMatches, confirmMessage);

// German messages for hand-made requests too: a select only offers valid values. Whether a role
// needs a scope is checked in normaliseGrant (people.server.ts), which names the missing field.
const grantFields = {
  role: z.enum(ROLES, { errorMap: () => ({ message: "Bitte eine Rolle wählen." }) }),
  centreId: z.enum(["nord", "mitte", "west", "sued"], { errorMap: () => ({ message: "Bitte ein Zentrum aus der Liste wählen." }) }).optional(),
  workingGroup: z.enum(WORKING_GROUPS, { errorMap: () => ({ message: "Bitte einen Facharbeitskreis aus der Liste wählen." }) }).optional(),
  municipalityId: z.coerce
    .number({ invalid_type_error: "Bitte eine Kommune aus der Liste wählen." })
    .int("Bitte eine Kommune aus der Liste wählen.")
    .positive("Bitte eine Kommune aus der Liste wählen.")
    .optional(),
};

export const roleGrantSchema = z.object(grantFields);

export const inviteSchema = z.object({
  email: personEmail,
  name: personName,
  ...grantFields,
});

/** The admin's correction of a person's name, address and phone (issue 5 item 11). */
export const personDetailsSchema = z.object({
  name: personName,
  email: personEmail,
  phone,
});
