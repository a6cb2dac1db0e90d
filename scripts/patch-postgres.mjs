// Runs at `npm install` / `npm ci` (postinstall). Fixes crashes in postgres.js 3.4.9 that upstream
// has not released a fix for (porsager/postgres#1154, #1208; see docs/decisions/006-postgres-js-patch.md):
// when a connection dies, a write scheduled with setImmediate runs on a null socket and throws an
// uncatchable TypeError that kills the server; the write timer is left armed, so the reconnected
// connection never flushes again; and a transaction's ROLLBACK on the dead connection becomes an
// unhandled rejection. Idempotent; refuses other versions so an upgrade makes us look again.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = path.join(root, "node_modules", "postgres");
if (!fs.existsSync(pkgDir)) process.exit(0);
const version = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version;
const MARKER = "kai-portal patch";
if (version !== "3.4.9") {
  console.error(`scripts/patch-postgres.mjs: postgres ${version} installed, the patch is for 3.4.9. Check whether upstream fixed nextWrite on a closed socket, then update or remove the patch.`);
  process.exit(1);
}

const replacements = [
  [
    "  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)",
    `  function nextWrite(fn) {\n    if (!socket) { // ${MARKER}: the connection closed; fail the query instead of the process\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
  ],
  ["    clearImmediate(nextWriteTimer)\n    if (socket) {", `    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null // ${MARKER}\n    if (socket) {`],
  ["    clearImmediate(nextWriteTimer)\n    socket.removeListener('data', data)", `    clearImmediate(nextWriteTimer)\n    chunk = nextWriteTimer = null // ${MARKER}\n    socket.removeListener('data', data)`],
];

// In sql.begin(), the transaction body races the connection's close. When the close wins, the
// body's ROLLBACK on the dead connection rejects with nobody listening: an unhandled rejection,
// which also ends a Node process. Mark the losing branch as handled; the race still rejects.
const beginReplacements = [
  [
    "      return await Promise.race([\n        scope(connection, fn),",
    `      const scoped = scope(connection, fn)\n      scoped.catch(() => {}) // ${MARKER}\n      return await Promise.race([\n        scoped,`,
  ],
];

const files = [
  ["src/connection.js", replacements],
  ["cjs/src/connection.js", replacements],
  ["src/index.js", beginReplacements],
  ["cjs/src/index.js", beginReplacements],
];
for (const [file, edits] of files) {
  const target = path.join(pkgDir, file);
  let text = fs.readFileSync(target, "utf8");
  if (text.includes(MARKER)) continue;
  for (const [from, to] of edits) {
    if (!text.includes(from)) {
      console.error(`scripts/patch-postgres.mjs: expected code not found in postgres/${file}; patch not applied.`);
      process.exit(1);
    }
    text = text.replace(from, to);
  }
  fs.writeFileSync(target, text);
}
