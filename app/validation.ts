import { z } from "zod";

/** The `page` query parameter of paged lists (mailbox, audit trail). */
export const pageNumber = z
  .number({ invalid_type_error: "Bitte eine gültige Seitenzahl angeben." })
  .int("Bitte eine gültige Seitenzahl angeben.")
  .min(1, "Bitte eine gültige Seitenzahl angeben.")
  .max(100_000, "Bitte eine gültige Seitenzahl angeben.")
  .default(1);
