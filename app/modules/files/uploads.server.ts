import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { checkAttachment, MAX_ATTACHMENT_BYTES, type CheckedAttachment } from "./attachments";

export type CheckedUpload = CheckedAttachment & { bytes: Uint8Array };

/**
 * A form with file fields (tickets, issue 7 item 8; agenda documents, issue 9 item 4): multipart
 * up to the route's body rule in server/app.js, each file checked by its bytes (type, size,
 * macros) with checkAttachment. Returns the other fields, the accepted files and a German error
 * per refused file; `tooLarge` when a file was over the limit (the route's cue for 413, D20).
 * Nothing is stored here. A plain urlencoded form passes through unchanged.
 */
export async function readUploadForm(
  request: Request,
  { field, maxFiles }: { field: string; maxFiles: number },
): Promise<{ formData: FormData; files: CheckedUpload[]; fileErrors: string[]; tooLarge: boolean }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.startsWith("multipart/form-data")) return { formData: await request.formData(), files: [], fileErrors: [], tooLarge: false };
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
      return { formData: new FormData(), files: [], fileErrors: [`Eine Datei ist größer als 10 MB.`], tooLarge: true };
    }
    throw error;
  }
  const files: CheckedUpload[] = [];
  const fileErrors: string[] = [];
  for (const entry of formData.getAll(field)) {
    if (typeof entry === "string") {
      if (entry.startsWith("zu groß:")) fileErrors.push(`Die Datei „${entry.slice(8)}“ ist größer als 10 MB.`);
      continue;
    }
    if (!entry.name && entry.size === 0) continue; // an empty file field
    const bytes = new Uint8Array(await entry.arrayBuffer());
    const checked = checkAttachment({ name: entry.name, bytes });
    if (checked.ok) files.push({ ...checked.file, bytes });
    else {
      fileErrors.push(checked.error);
      if (checked.reason === "too-large") tooLarge = true;
    }
  }
  if (files.length + fileErrors.length > maxFiles) fileErrors.push(`Bitte höchstens ${maxFiles} Dateien auf einmal anhängen.`);
  formData.delete(field);
  return { formData, files, fileErrors, tooLarge };
}
