import { readUploadForm } from "~/modules/files/uploads.server";
import type { NewAttachment } from "./filing.server";

export const MAX_FILES_PER_FORM = 5;

/**
 * A ticket form with attachments (item 8): the shared upload reader (app/modules/files/
 * uploads.server.ts) on the field `anhang`. Returns the other fields, the accepted files and a
 * German error per refused file; nothing is stored here.
 */
export async function readTicketForm(request: Request): Promise<{ formData: FormData; attachments: NewAttachment[]; fileErrors: string[]; tooLarge: boolean }> {
  const { formData, files, fileErrors, tooLarge } = await readUploadForm(request, { field: "anhang", maxFiles: MAX_FILES_PER_FORM });
  return { formData, attachments: files, fileErrors, tooLarge };
}
