import type { BadgeTone } from "~/components/badge";
import type { SlaLevel } from "./sla";

/** The badge colour of an SLA state; the badge's text always says the same (not colour alone, item 12). */
export function slaBadgeTone(level: SlaLevel, paused: boolean): BadgeTone {
  if (paused) return "info";
  return level === "ueberschritten" ? "danger" : level === "warnung" ? "warning" : "success";
}
