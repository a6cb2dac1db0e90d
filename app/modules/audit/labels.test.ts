import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { getTableColumns } from "drizzle-orm";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { userRoles } from "#db/schema/auth";
import { memberCreateSchema } from "~/modules/members/validation";
import { roomSchema } from "~/modules/training/validation";
import { ACTION_LABELS, actionLabel, changedFields, entityTypeLabel, FIELD_LABELS, fieldLabel, formatAuditValue, type AuditNames } from "./labels";

const names: AuditNames = {
  centres: new Map([["west", "West"]]),
  municipalities: new Map([[7, "Jemgum"]]),
  procedures: new Map([
    [1, "KAI-EWOS"],
    [2, "KAI-FINAS"],
  ]),
};

describe("audit labels (issue 5, item 10)", () => {
  it("names known actions, types and fields in German and shows unknown ones as they are", () => {
    expect(actionLabel("member.updated")).toBe("Mitglied geändert");
    expect(actionLabel("ticket.teleported")).toBe("ticket.teleported");
    expect(entityTypeLabel("municipality")).toBe("Mitglied");
    expect(entityTypeLabel("spaceship")).toBe("spaceship");
    expect(fieldLabel("inhabitants")).toBe("Einwohnerzahl");
    expect(fieldLabel("endsAt")).toBe("Ende");
    expect(fieldLabel("warpFactor")).toBe("warpFactor");
    expect(formatAuditValue("warpFactor", 9.5)).toBe("9,5");
  });

  it("formats values as a person reads them: German numbers, Berlin times across DST, ja/nein, names, 'leer'", () => {
    expect(formatAuditValue("inhabitants", 12500)).toBe("12.500");
    expect(formatAuditValue("attendees", 3)).toBe("3");
    // 17:05 UTC is 18:05 in Berlin in winter (CET), 19:05 in summer (CEST).
    expect(formatAuditValue("startsAt", "2026-12-01T17:05:00.000Z")).toBe("01.12.2026, 18:05 Uhr");
    expect(formatAuditValue("endsAt", "2026-07-01T17:05:00.000Z")).toBe("01.07.2026, 19:05 Uhr");
    // The night of the spring switch: 00:59 UTC is 01:59 CET, 01:00 UTC is 03:00 CEST.
    expect(formatAuditValue("startsAt", "2026-03-29T00:59:00Z")).toBe("29.03.2026, 01:59 Uhr");
    expect(formatAuditValue("startsAt", "2026-03-29T01:00:00Z")).toBe("29.03.2026, 03:00 Uhr");
    // An instant under a key without a kind is recognised too.
    expect(formatAuditValue("somethingAt", "2026-10-25T01:30:00Z")).toBe("25.10.2026, 02:30 Uhr");
    expect(formatAuditValue("memberSince", "2024-01-01")).toBe("01.01.2024");
    expect(formatAuditValue("active", true)).toBe("ja");
    expect(formatAuditValue("active", false)).toBe("nein");
    expect(formatAuditValue("role", "centre_manager")).toBe("Geschäftsführung des Zentrums");
    expect(formatAuditValue("workingGroup", "FINAS")).toBe("Finanzwesen");
    expect(formatAuditValue("centreId", "west", names)).toBe("West");
    expect(formatAuditValue("municipalityId", 7, names)).toBe("Jemgum");
    expect(formatAuditValue("municipalityId", 99, names)).toBe("Kommune Nr. 99 (nicht mehr vorhanden)");
    expect(formatAuditValue("procedures", [1, 2], names)).toBe("KAI-EWOS, KAI-FINAS");
    expect(formatAuditValue("kind", "seminar")).toBe("Schulung");
    expect(formatAuditValue("kind", "Samtgemeinde")).toBe("Samtgemeinde");
    expect(formatAuditValue("status", "cancelled")).toBe("abgesagt");
    for (const empty of [null, undefined, "", []]) {
      expect(formatAuditValue("location", empty)).toBe("leer");
      expect(formatAuditValue("procedures", empty, names)).toBe("leer");
      expect(formatAuditValue("unknownKey", empty)).toBe("leer");
    }
  });

  it("lists every changed key with its label, sorted by label, as plain text (D17: markup stays text)", () => {
    const changes = changedFields({ inhabitants: 12000, note: "<b>alt</b>" }, { inhabitants: 12500, centreId: "west", tags: ["a"] }, names);
    expect(changes).toEqual([
      { key: "inhabitants", label: "Einwohnerzahl", before: "12.000", after: "12.500" },
      { key: "note", label: "Notiz", before: "<b>alt</b>", after: "leer" },
      { key: "tags", label: "tags", before: "leer", after: "a" },
      { key: "centreId", label: "Zentrum", before: "leer", after: "West" },
    ]);
    expect(changedFields(null, null)).toEqual([]);
    expect(changedFields({ long: "x".repeat(500) }, {})[0].before).toHaveLength(200);
    expect(changedFields({ long: "x".repeat(500) }, {}, names, { maxLength: null })[0].before).toHaveLength(500);
  });
});

/**
 * Finds every audit entry the code writes (calls of `recordAudit` and of the calendar engine's
 * `audit` wrapper) and collects its actions and before/after keys. Keys that the source builds at
 * run time (a spread, a variable) are declared below, so a new one makes this test fail until it
 * is declared — and then until it has a label.
 */
const ROOT = join(import.meta.dirname, "../../..");
const SOURCE_DIRS = ["app", "scripts"];

const grantKeys = ["role", "centreId", "workingGroup", "municipalityId"];
const eventInputKeys = ["kind", "title", "description", "location", "startsAt", "endsAt"];
/** `file#function: expression` → the keys that expression holds. */
/** What updateSeminar compares (its seminarValues). */
const seminarKeys = ["title", "description", "type", "procedureId", "moduleId", "audience", "locationKind", "centreId", "roomId", "hostMunicipalityId", "address", "onlineUrl", "capacity", "registrationDeadline", "cancellationDeadline", "startsAt", "endsAt"];
const DYNAMIC_FIELDS: Record<string, string[]> = {
  "app/modules/auth/people.server.ts#invitePerson: ...grant": grantKeys,
  "app/modules/auth/people.server.ts#addRole: grant": grantKeys,
  // The removed user_roles row without its ids.
  "app/modules/auth/people.server.ts#removeRole: before": Object.keys(getTableColumns(userRoles)).filter((k) => k !== "id" && k !== "userId"),
  "app/modules/auth/people.server.ts#setActive: before": ["active"],
  // diffFields over `next`: the fields an update may change.
  // change("name" | "phone" | "email", …) fills both sides.
  "app/modules/auth/people.server.ts#updatePersonDetails: before": ["name", "phone", "email"],
  "app/modules/auth/people.server.ts#updatePersonDetails: after": ["name", "phone", "email"],
  "app/modules/members/commands.server.ts#updateMemberInTransaction: diff.before": ["name", "inhabitants", "centreId", "memberSince"],
  "app/modules/members/commands.server.ts#updateMemberInTransaction: diff.after": ["name", "inhabitants", "centreId", "memberSince"],
  "app/modules/members/commands.server.ts#updateCentreContact: diff.before": ["street", "postalCode", "city", "phone", "email"],
  "app/modules/members/commands.server.ts#updateCentreContact: diff.after": ["street", "postalCode", "city", "phone", "email"],
  "app/modules/members/commands.server.ts#createMember: args.data": Object.keys(memberCreateSchema.shape),
  // The wrapper passes on what its callers give (collected at those calls).
  "app/modules/calendar/events.server.ts#audit: fields.before": [],
  "app/modules/calendar/events.server.ts#audit: ...fields.after": [],
  "app/modules/calendar/events.server.ts#updateCalendarEvent: Object.fromEntries(keys.map((k) => [k, before[k]]))": eventInputKeys,
  "app/modules/calendar/events.server.ts#updateCalendarEvent: Object.fromEntries(keys.map((k) => [k, event[k]]))": eventInputKeys,
  "app/modules/tickets/commands.server.ts#run: ...(args.attachments?.length ? { attachments: args.attachments.map((a) => a.name).join(\", \") } : {})": ["attachments"],
  "app/modules/tickets/filing.server.ts#run: ...(input.attachments?.length ? { attachments: input.attachments.map((a) => a.name).join(\", \") } : {})": ["attachments"],
  "app/modules/training/commands.server.ts#updateSeminar: ...Object.fromEntries(changed.map((k) => [k, before[k]]))": seminarKeys,
  "app/modules/training/commands.server.ts#updateSeminar: ...Object.fromEntries(changed.map((k) => [k, seminar[k]]))": seminarKeys,
  "app/modules/training/commands.server.ts#updateSeminar: ...(sameSet(trainersBefore, trainerIds) ? {} : { trainerIds: trainersBefore })": ["trainerIds"],
  "app/modules/training/commands.server.ts#updateSeminar: ...(sameSet(trainersBefore, trainerIds) ? {} : { trainerIds })": ["trainerIds"],
  "app/modules/training/rooms.server.ts#createRoom: ...args.input": Object.keys(roomSchema.shape),
};
/** Actions computed at run time. */
const DYNAMIC_ACTIONS: Record<string, string[]> = {
  "app/modules/calendar/events.server.ts#audit: action": [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function enclosingFunction(node: ts.Node): string {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name) return n.name.getText();
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent)) return n.parent.name.getText();
  }
  return "(top level)";
}

function scanAuditCalls() {
  const fields = new Set<string>();
  const actions = new Set<string>();
  const unknownDynamic: string[] = [];
  const usedDynamic = new Set<string>();
  const dynamic = (where: string, table: Record<string, string[]>, into: Set<string>) => {
    const declared = table[where];
    if (!declared) unknownDynamic.push(where);
    else {
      usedDynamic.add(where);
      declared.forEach((k) => into.add(k));
    }
  };
  const collectAction = (expr: ts.Expression, where: string) => {
    if (ts.isStringLiteral(expr)) actions.add(expr.text);
    else if (ts.isConditionalExpression(expr)) {
      collectAction(expr.whenTrue, where);
      collectAction(expr.whenFalse, where);
    } else dynamic(`${where}: ${expr.getText()}`, DYNAMIC_ACTIONS, actions);
  };
  const collectFields = (expr: ts.Expression, where: string) => {
    if (ts.isObjectLiteralExpression(expr)) {
      for (const p of expr.properties) {
        if (ts.isSpreadAssignment(p)) dynamic(`${where}: ${p.getText()}`, DYNAMIC_FIELDS, fields);
        else if (p.name) fields.add(p.name.getText());
      }
    } else if (expr.kind !== ts.SyntaxKind.NullKeyword && !(ts.isIdentifier(expr) && expr.text === "undefined")) {
      dynamic(`${where}: ${expr.getText()}`, DYNAMIC_FIELDS, fields);
    }
  };
  let calls = 0;
  for (const file of SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d)))) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("recordAudit")) continue;
    const rel = relative(ROOT, file);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const callee = node.expression.text;
        const where = `${rel}#${enclosingFunction(node)}`;
        // recordAudit({ action, before, after }) and, in the calendar engine, audit(tx, actor, action, event, { before, after }).
        const input = callee === "recordAudit" ? node.arguments[0] : callee === "audit" && rel.includes("calendar") ? node.arguments[4] : undefined;
        if (callee === "audit" && rel.includes("calendar") && node.arguments[2]) collectAction(node.arguments[2], where);
        if (input && ts.isObjectLiteralExpression(input)) {
          calls++;
          for (const p of input.properties) {
            // `{ before }` shorthand: the value is the variable of that name.
            const value = ts.isPropertyAssignment(p) ? p.initializer : ts.isShorthandPropertyAssignment(p) ? p.name : undefined;
            if (!value || !p.name) continue;
            const name = p.name.getText();
            if (name === "action") collectAction(value, where);
            if (name === "before" || name === "after") collectFields(value, where);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  const declared = [...Object.keys(DYNAMIC_FIELDS), ...Object.keys(DYNAMIC_ACTIONS)];
  return { calls, fields, actions, unknownDynamic, staleDeclarations: declared.filter((d) => !usedDynamic.has(d)) };
}

describe("every audit entry the code writes has German labels (issue 5, item 10)", () => {
  const scan = scanAuditCalls();

  it("finds the audit calls, and every computed key is declared in this test", () => {
    expect(scan.calls).toBeGreaterThan(20);
    expect(scan.unknownDynamic, "declare the keys of these expressions in DYNAMIC_FIELDS / DYNAMIC_ACTIONS").toEqual([]);
    expect(scan.staleDeclarations, "these declarations no longer match the code").toEqual([]);
  });

  it("every field key has a label in FIELD_LABELS", () => {
    expect(scan.fields.size).toBeGreaterThan(15);
    expect([...scan.fields].filter((k) => !FIELD_LABELS[k]).sort()).toEqual([]);
  });

  it("every action has a label in ACTION_LABELS", () => {
    expect(scan.actions.size).toBeGreaterThan(20);
    expect([...scan.actions].filter((a) => !ACTION_LABELS[a]).sort()).toEqual([]);
  });
});
