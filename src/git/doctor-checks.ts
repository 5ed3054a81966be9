/**
 * What `backpack doctor` checks about the git wiring: the config setup writes,
 * the paths it points at, the `.gitattributes` mapping, the hook, and the two
 * places plaintext could hide (cachetextconv, and its notes ref, which is
 * deleted when found). For `backpack doctor`'s git section.
 */
import { accessSync, constants } from "node:fs";
import { gitText } from "./exec.js";
import { hookInstalled, hookTarget } from "./hooks.js";
import { installLocation } from "./install-location.js";
import { TEXTCONV_NOTES_REF, removeTextconvNotes } from "./lock.js";
import { findRepo } from "./repo.js";
import { configTable, readLocalConfig } from "./setup.js";

/** One line of doctor's report. */
export interface DoctorCheck {
  name: string;
  ok: boolean;
  /** What was found (never a secret). */
  message: string;
  /** How to fix it, when not ok. */
  hint?: string;
}

const SETUP_HINT = "run `backpack setup` in the repository";

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

/** The paths a configured command runs: `'<node>' '<cli>' git ...`. */
function commandPaths(value: string): string[] {
  return [...value.matchAll(/'((?:[^']|'\\'')*)'/g)].slice(0, 2).map((m) => (m[1] as string).replace(/'\\''/g, "'"));
}

/** The git checks for the repository containing `cwd`; empty outside a repository. */
export function gitDoctorChecks(cwd: string): DoctorCheck[] {
  const repo = findRepo(cwd);
  if (!repo) return [];
  const root = repo.root;
  const checks: DoctorCheck[] = [];
  const config = readLocalConfig(root);

  if (!repo.wired) {
    checks.push({ name: "git config", ok: false, message: "this repository is not set up (no filter.backpack config)", hint: SETUP_HINT });
  } else {
    const mode = config.get("diff.backpack.textconv") === "cat" ? "plain" : "layers";
    const wrong = configTable(installLocation(), mode).filter((entry) => config.get(entry.key) !== entry.value).map((e) => e.key);
    checks.push(
      wrong.length === 0
        ? { name: "git config", ok: true, message: `filter, diff (${mode}) and merge drivers point at this backpack` }
        : { name: "git config", ok: false, message: `differs from this backpack's: ${wrong.join(", ")}`, hint: "run `backpack setup` again (node or backpack moved, or a value was changed)" },
    );
    const process = config.get("filter.backpack.process") ?? "";
    const [node, cli] = commandPaths(process);
    const missing: string[] = [];
    if (!node || !canAccess(node, constants.X_OK)) missing.push(node ?? "(no node path)");
    if (!cli || !canAccess(cli, constants.R_OK)) missing.push(cli ?? "(no backpack path)");
    checks.push(
      missing.length === 0
        ? { name: "node path", ok: true, message: `git runs ${node} ${cli}` }
        : { name: "node path", ok: false, message: `the filter command points at a missing file: ${missing.join(", ") || "(cannot read the command)"}`, hint: SETUP_HINT },
    );
  }

  const attrs = gitText(["check-attr", "filter", "diff", "merge", "--", "agent.lock"], { cwd: root });
  const mapped = ["filter", "diff", "merge"].every((a) => attrs.includes(`agent.lock: ${a}: backpack`));
  checks.push(
    mapped
      ? { name: ".gitattributes", ok: true, message: "agent.lock maps to filter, diff and merge backpack" }
      : { name: ".gitattributes", ok: false, message: "agent.lock is not mapped to backpack", hint: SETUP_HINT },
  );

  checks.push(
    hookInstalled(root)
      ? { name: "pre-commit hook", ok: true, message: `installed (${hookTarget(root).path})` }
      : { name: "pre-commit hook", ok: false, message: `not installed (${hookTarget(root).path})`, hint: "run `backpack setup` (or add the hook to your hook manager)" },
  );

  const cache = gitText(["config", "--get", "diff.backpack.cachetextconv"], { cwd: root, allowFail: true });
  checks.push(
    cache === "true"
      ? { name: "cachetextconv", ok: false, message: "diff.backpack.cachetextconv is on: git keeps decrypted text in notes", hint: "git config --unset diff.backpack.cachetextconv (in every scope that sets it), then `backpack lock`" }
      : { name: "cachetextconv", ok: true, message: "off" },
  );

  // Not only reported: the ref holds plaintext, so doctor deletes it (as `lock` does).
  checks.push(
    removeTextconvNotes(root)
      ? { name: "textconv notes", ok: false, message: `deleted ${TEXTCONV_NOTES_REF}: it held decrypted text`, hint: "run `git gc --prune=now` to purge the objects it pointed at" }
      : { name: "textconv notes", ok: true, message: "no cached plaintext" },
  );
  return checks;
}
