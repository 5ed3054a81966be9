/**
 * What `backpack run` tells the user before the agent starts (on stderr, so
 * the agent's stdout stays its own): credential names and where they came
 * from, never values; what is missing and the command that adds it.
 */
import { addValueHint } from "./credential-hints.js";
import { getLogLevel } from "../output/log.js";
import type { RunPlan } from "../runtime/plan.js";

const SOURCE_LABEL = { environment: "environment", embedded: "agent.lock", vault: "vault" } as const;

/** The report lines for a plan (none with --quiet). */
export function describeRunPlan(plan: RunPlan): string[] {
  if (getLogLevel() === "error" || getLogLevel() === "silent") return [];
  const lines: string[] = [];
  const injected = plan.injected.map((c) => `${c.name} (${SOURCE_LABEL[c.source]})`);
  if (injected.length) lines.push(`backpack: injected ${injected.join(", ")}`);
  if (plan.fromEnvironment.length) lines.push(`backpack: already in the environment: ${plan.fromEnvironment.join(", ")}`);
  const declined = plan.withheld.filter((w) => w.reason === "declined").map((w) => w.name);
  if (declined.length) lines.push(`backpack: not injected (you said no): ${declined.join(", ")}`);
  const noTerminal = plan.withheld.filter((w) => w.reason === "no-terminal").map((w) => w.name);
  if (noTerminal.length) {
    lines.push(
      `backpack: not injected (no terminal to ask for consent): ${noTerminal.join(", ")}`,
      "  allow them with --non-interactive, or answer \"always\" once in a terminal",
    );
  }
  for (const name of plan.missing) lines.push(`backpack: missing ${name}: add it with \`${addValueHint(name)}\` (or set it in the environment)`);
  if (lines.length === 0 && Object.keys(plan.doc.credentials).length === 0) lines.push("backpack: this agent declares no credentials");
  return lines;
}
