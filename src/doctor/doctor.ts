/**
 * `backpack doctor` is a list of check providers, each returning findings.
 * A stream adds its checks with one line in `doctorProviders` (lazy, so only
 * doctor loads them). Findings name problems and their fixes, never a value.
 */
import type { DoctorCheck } from "../config/doctor-check.js";
import type { DoctorContext } from "../keys/doctor-context.js";

export type DoctorProvider = (ctx: DoctorContext) => Promise<DoctorCheck[]>;

/** Every provider, in the order its findings are printed. */
export const doctorProviders: Array<() => Promise<DoctorProvider>> = [
  async () => (await import("../agent-file/doctor-checks.js")).fileChecks,
  async () => (await import("../config/doctor-checks.js")).configChecks,
  async () => (await import("../keys/doctor-checks.js")).keyChecks,
  async () => (await import("../keys/team-doctor-checks.js")).teamChecks,
  async () => (await import("../git/doctor-checks.js")).gitChecks,
];

/** Runs every provider; a provider that throws becomes a failed finding, not a crash. */
export async function runDoctor(ctx: DoctorContext, providers = doctorProviders): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  for (const load of providers) {
    try {
      out.push(...(await (await load())(ctx)));
    } catch (error) {
      const message = error instanceof Error && error.name === "BackpackError" ? error.message : `internal error (${error instanceof Error ? error.name : "error"})`;
      out.push({ label: "doctor", ok: false, detail: `a check could not run: ${message}`, fix: "run `backpack doctor --debug` and report it" });
    }
  }
  return out;
}

/** True when any finding is a problem. */
export function hasProblems(checks: DoctorCheck[]): boolean {
  return checks.some((c) => !c.ok && !c.advisory);
}
