import { execFileSync } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import { assertNoConsoleErrors, newPage, signIn, useBrowser } from "./browser";
import { demoAttendanceSeminar } from "./page-list";

// Issue 8 item 8 on the built production server (the demo seed's past seminar): the PDFs come out
// of build/ with Fira Sans found in node_modules, and a participant answers the survey that the
// trainer then sees summarised.
const baseUrl = inject("baseUrl");
const browser = useBrowser();

const pdfText = (pdf: Buffer) => execFileSync("pdftotext", ["-enc", "UTF-8", "-", "-"], { input: pdf }).toString("utf8");

describe("attendance list, certificate and survey in the browser", () => {
  it("the trainer prints the attendance list, a participant downloads the certificate and answers the survey", async () => {
    const { page: trainer, errors: trainerErrors } = await newPage(await browser().newContext({ viewport: { width: 1280, height: 900 } }));
    const { page: participant, errors: participantErrors } = await newPage(await browser().newContext({ viewport: { width: 1280, height: 900 } }));

    await signIn(trainer, baseUrl, "schulung@kai.example");
    const attendancePath = await demoAttendanceSeminar("anwesenheit")(trainer, baseUrl);
    await trainer.goto(`${baseUrl}${attendancePath}`);
    const href = await trainer.getByRole("link", { name: /als PDF/ }).getAttribute("href");
    const list = await trainer.request.get(`${baseUrl}${href}`);
    expect(list.status()).toBe(200);
    expect(list.headers()["content-type"]).toBe("application/pdf");
    const listText = pdfText(await list.body());
    expect(listText).toContain("Anwesenheitsliste: KAI-EWOS: Meldewesen kompakt (Rückblick)");
    expect(listText).toContain("Gesine Gäßler");
    expect(listText).toContain("Rieke Rheinländer");

    await signIn(participant, baseUrl, "it.jemgum@kai.example");
    const seminarPath = attendancePath.replace(/\/anwesenheit$/, "");
    const certificate = await participant.request.get(`${baseUrl}${seminarPath}/bescheinigung.pdf`);
    expect(certificate.status()).toBe(200);
    const certificateText = pdfText(await certificate.body());
    expect(certificateText).toContain("Jens Jemgumer, Jemgum,");
    expect(certificateText).toContain("im Umfang von 13,5 Stunden teilgenommen.");
    // Not for others: the participant cannot open the attendance list.
    expect((await participant.request.get(`${baseUrl}${href}`)).status()).toBe(404);

    await participant.goto(`${baseUrl}${seminarPath}/rueckmeldung`);
    await participant.getByLabel("5 Sterne – sehr gut").check();
    await participant.getByLabel(/^Kommentar/).fill("Hat sich gelohnt – gern wieder.");
    await participant.getByRole("button", { name: "Rückmeldung senden" }).click();
    await expect.poll(() => participant.getByText("Ihre Rückmeldung ist gespeichert.").count()).toBe(1);

    await trainer.goto(`${baseUrl}${seminarPath}/rueckmeldung`);
    const summary = trainer.locator("main");
    await expect.poll(() => summary.textContent()).toContain("Hat sich gelohnt – gern wieder.");
    expect(await summary.textContent()).toContain("4,5 von 5 Sternen");
    expect(await summary.textContent()).not.toContain("Jens Jemgumer");
    assertNoConsoleErrors([...trainerErrors, ...participantErrors]);
  });
});
