import { z } from "zod";

/**
 * The colleagues municipal IT registers at once (issue 8 item 4): one person per line,
 * "Name, E-Mail-Adresse" or "Name <E-Mail-Adresse>". Returns the people, or the German errors
 * with their line numbers.
 */
const email = z.string().email();

/** At most this many people in one group booking. */
export const MAX_GROUP_SIZE = 20;

export interface ListedPerson {
  name: string;
  email: string;
}

export function parsePeopleList(text: string, max: number): { people: ListedPerson[]; errors: string[] } {
  const people: ListedPerson[] = [];
  const errors: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const match = line.match(/^(.*?)\s*<([^>]+)>\s*$/) ?? line.match(/^(.*?)[,;\t]\s*(\S+@\S+)\s*$/);
    const name = match?.[1].trim().replace(/,$/, "").trim() ?? "";
    const address = match?.[2].trim().toLowerCase() ?? "";
    if (!match || !name) {
      errors.push(`Zeile ${index + 1}: Bitte „Name, E-Mail-Adresse“ angeben.`);
      return;
    }
    if (name.length > 120) {
      errors.push(`Zeile ${index + 1}: Der Name ist zu lang (höchstens 120 Zeichen).`);
      return;
    }
    if (!email.safeParse(address).success || address.length > 254) {
      errors.push(`Zeile ${index + 1}: „${address}“ ist keine gültige E-Mail-Adresse.`);
      return;
    }
    people.push({ name, email: address });
  });
  if (!people.length && !errors.length) errors.push("Bitte mindestens eine Person angeben, eine pro Zeile.");
  if (people.length > max) errors.push(`Bitte höchstens ${max} Personen auf einmal anmelden.`);
  return { people, errors };
}
