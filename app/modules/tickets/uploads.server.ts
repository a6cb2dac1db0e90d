import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { checkAttachment, MAX_ATTACHMENT_BYTES } from "~/modules/files/attachments";
import type { NewAttachment } from "./filing.server";

export const MAX_FILES_PER_FORM = 5;

/**
 * A ticket form with attachments (item 8): multipart up to the body rule in server/app.js, each
 * file checked by its bytes (type, size, macros). Returns the other fields, the accepted files and
 * a German error per refused file; nothing is stored here.
 */
export async function readTicketForm(request: Request): Promise<{ formData: FormData; attachments: NewAttachment[]; fileErrors: string[]; tooLarge: boolean }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { formData: await request.formData(), attachments: [], fileErrors: [], tooLarge: false };
  let tooLarge = false;
  const handler = unstable_createMemoryUploadHandler({ maxPartSize: MAX_ATTACHMENT_BYTES + 1 });
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, async (part) => {
      try {
        return await handler(part);
      } catch (error) {
        if (error instanceof Error && /exceeded upload size/i.test(error.message)) {
          tooLarge = true;
          return `zu groß:${part.filename ?? "Datei"}`;
        }
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof Error && /exceeded upload size/i.test(error.message)) {
      return { formData: new FormData(), attachments: [], fileErrors: [`Eine Datei ist größer als 10 MB.`], tooLarge: true };
    }
    throw error;
  }
  const attachments: NewAttachment[] = [];
  const fileErrors: string[] = [];
  const entries = formData.getAll("anhang");
  for (const entry of entries) {
    if (typeof entry === "string") {
      if (entry.startsWith("zu groß:")) fileErrors.push(`Die Datei „${entry.slice(8)}“ ist größer als 10 MB.`);
      continue;
    }
    if (!entry.name && entry.size === 0) continue; // an empty file field
    const bytes = new Uint8Array(await entry.arrayBuffer());
    const checked = checkAttachment({ name: entry.name, bytes });
    if (checked.ok) attachments.push({ ...checked.file, bytes });
    else fileErrors.push(checked.error);
  }
  if (attachments.length + fileErrors.length > MAX_FILES_PER_FORM) fileErrors.push(`Bitte höchstens ${MAX_FILES_PER_FORM} Dateien auf einmal anhängen.`);
  formData.delete("anhang");
  return { formData, attachments, fileErrors, tooLarge };
}
