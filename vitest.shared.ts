import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));

/** The same path aliases as tsconfig.json, for vitest. */
export const alias = {
  "~": path.join(root, "app"),
  "#db": path.join(root, "db"),
  "#emails": path.join(root, "emails"),
};
