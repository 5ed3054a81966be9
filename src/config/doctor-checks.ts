/**
 * Doctor checks of the config files: each one that exists is read and
 * checked against the zod schema built from the SETTINGS table (the strict
 * check, with zod's wording), and the settings it sets are named.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { DoctorCheck, DoctorScope } from "./doctor-check.js";
import { isBackpackError } from "../errors/errors.js";
import { invalidConfig, readTomlFile } from "./load.js";
import { REPO_CONFIG_FILE, userConfigPath } from "./paths.js";
import { strictConfigProblem } from "./schema.js";
import { SETTINGS, getFromFile } from "./settings.js";
import type { ConfigFile } from "./settings.js";

function fileCheck(label: string, path: string): DoctorCheck | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const data = readTomlFile(path);
    const problem = strictConfigProblem(data);
    if (problem) throw invalidConfig(path, problem.where, problem.message);
    const set = SETTINGS.filter((s) => getFromFile(data as ConfigFile, s.name) !== undefined).map((s) => s.name);
    return { label, ok: true, detail: `${path}: ${set.length ? `sets ${set.join(", ")}` : "sets nothing"}` };
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    return { label, ok: false, detail: error.message, fix: "fix the file (`backpack config list` shows the settings; see docs/configuration.md)" };
  }
}

/** The repository's backpack.toml and the user's config.toml, when they exist. */
export async function configChecks(ctx: DoctorScope): Promise<DoctorCheck[]> {
  const checks = [fileCheck("user config", userConfigPath(ctx.env)), ctx.repo ? fileCheck("backpack.toml", join(ctx.repo.root, REPO_CONFIG_FILE)) : undefined];
  return checks.filter((c): c is DoctorCheck => c !== undefined);
}
