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
import type { DoctorCheck, DoctorContext } from "../doctor.js";
import { configTable, readLocalConfig } from "./setup.js";

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

/** The git checks for the repository doctor runs in; none outside a repository. */
export async function gitChecks(ctx: DoctorContext): Promise<DoctorCheck[]> {
  const repo = ctx.repo;
  if (!repo) return [];
  const root = repo.root;
  const checks: DoctorCheck[] = [];
  const config = readLocalConfig(root);

  if (!repo.wired) {
    // Not every repository wants the git integration: advice, not a failure.
    checks.push({ label: "git setup", ok: false, advisory: true, detail: "this repository is not set up (no filter.backpack config)", fix: SETUP_HINT });
  } else {
    const mode = config.get("diff.backpack.textconv") === "cat" ? "plain" : "layers";
    const wrong = configTable(installLocation(), mode).filter((entry) => config.get(entry.key) !== entry.value).map((e) => e.key);
    checks.push(
      wrong.length === 0
        ? { label: "git setup", ok: true, detail: `filter, diff (${mode}) and merge drivers point at this backpack` }
        : { label: "git setup", ok: false, detail: `git config differs from this backpack's: ${wrong.join(", ")}`, fix: "run `backpack setup` again (node or backpack moved, or a value was changed)" },
    );
    const [node, cli] = commandPaths(config.get("filter.backpack.process") ?? "");
    const missing: string[] = [];
    if (!node || !canAccess(node, constants.X_OK)) missing.push(node ?? "(no node path)");
    if (!cli || !canAccess(cli, constants.R_OK)) missing.push(cli ?? "(no backpack path)");
    checks.push(
      missing.length === 0
        ? { label: "git node path", ok: true, detail: `git runs ${node} ${cli}` }
        : { label: "git node path", ok: false, detail: `the filter command points at a missing file: ${missing.join(", ")}`, fix: SETUP_HINT },
    );
  }

  const attrs = gitText(["check-attr", "filter", "diff", "merge", "--", "agent.lock"], { cwd: root });
  const mapped = ["filter", "diff", "merge"].every((a) => attrs.includes(`agent.lock: ${a}: backpack`));
  checks.push(
    mapped
      ? { label: ".gitattributes", ok: true, detail: "agent.lock maps to filter, diff and merge backpack" }
      : { label: ".gitattributes", ok: false, advisory: !repo.wired, detail: "agent.lock is not mapped to backpack", fix: SETUP_HINT },
  );

  checks.push(
    hookInstalled(root)
      ? { label: "pre-commit hook", ok: true, detail: `installed (${hookTarget(root).path})` }
      : // Advice: `setup --no-hook` leaves it out on purpose (a team with its own hook manager).
        { label: "pre-commit hook", ok: false, advisory: true, detail: `not installed (${hookTarget(root).path})`, fix: "run `backpack setup`, or call `backpack git pre-commit` from your hook manager" },
  );

  const cache = gitText(["config", "--get", "diff.backpack.cachetextconv"], { cwd: root, allowFail: true });
  checks.push(
    cache === "true"
      ? { label: "cachetextconv", ok: false, detail: "diff.backpack.cachetextconv is on: git keeps decrypted text in notes", fix: "git config --unset diff.backpack.cachetextconv (in every scope that sets it), then `backpack lock`" }
      : { label: "cachetextconv", ok: true, detail: "off" },
  );

  // Not only reported: the ref holds plaintext, so doctor deletes it (as `lock` does).
  checks.push(
    removeTextconvNotes(root)
      ? { label: "textconv notes", ok: false, detail: `deleted ${TEXTCONV_NOTES_REF}: it held decrypted text`, fix: "run `git gc --prune=now` to purge the objects it pointed at" }
      : { label: "textconv notes", ok: true, detail: "no cached plaintext" },
  );
  return checks;
}
