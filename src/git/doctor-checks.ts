/**
 * What `backpack doctor` checks about the git wiring: the config setup writes,
 * the paths it points at, the `.gitattributes` mapping, the hook, and the
 * places plaintext could hide: cachetextconv and its notes ref (deleted when
 * found), rerere's record of conflicted files, and an agent.lock committed
 * in plaintext in HEAD. For `backpack doctor`'s git section.
 */
import { accessSync, constants, existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gitText } from "./exec.js";
import { type HookName, hookDiffers, hookInstalled, hookTarget } from "./hooks.js";
import { installLocation } from "./install-location.js";
import { TEXTCONV_NOTES_REF, removeTextconvNotes } from "./lock.js";
import type { DoctorCheck } from "../config/doctor-check.js";
import type { DoctorContext } from "../keys/doctor-context.js";
import { configTable, readLocalConfig, sharedFolderWarning } from "./setup.js";
import { verifyCommitted } from "./verify.js";
import { readRotateJournal, rotateJournalPath } from "./rotate-journal.js";
import { isBackpackError } from "../errors/errors.js";
import { readTeamFile } from "../keys/member-keys.js";
import { readTrustedTeam, untrustedChanges } from "./team-trust.js";

/** An interrupted `backpack key rotate` (its journal is still there): files may be mixed between two keys. */
function rotationCheck(repo: { commonDir: string }): DoctorCheck[] {
  try {
    const journal = readRotateJournal(repo);
    if (!journal) return [];
    return [
      {
        label: "key rotation",
        ok: false,
        detail: `a key rotation from ${journal.from ?? "(no key)"} to ${journal.to}, started ${journal.started}, was interrupted: files may be mixed between the two keys`,
        fix: "`backpack doctor --fix` finishes it (so does the next backpack command in this repository)",
      },
    ];
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    return [{ label: "key rotation", ok: false, detail: error.message, fix: error.hint ?? `see ${rotateJournalPath(repo)}` }];
  }
}

/**
 * A team file that differs from the team this user last wrote or trusted in
 * this clone: other keys stop the clean filter (a problem), other members
 * only wait for `backpack team trust` before the next team command (advice).
 * Nothing before the user's first team command here.
 */
function teamTrustCheck(repo: { root: string; commonDir: string }): DoctorCheck[] {
  try {
    const team = readTeamFile(repo.root);
    if (!team || !readTrustedTeam(repo)) return [];
    const { changes } = untrustedChanges(repo, team);
    if (changes.length === 0) return [{ label: "team trust", ok: true, detail: "the team file is the one you last wrote or trusted" }];
    const keysChanged = changes.some((c) => / key (changed|group)|^key group/.test(c));
    return [
      {
        label: "team trust",
        ok: false,
        ...(keysChanged ? {} : { advisory: true }),
        detail: `.backpack/team.json changed since you last wrote or trusted it: ${changes.join("; ")}${keysChanged ? " (git add cannot encrypt until you trust it)" : ""}`,
        fix: "review it (`git log -p -- .backpack/team.json`); if it is right, `backpack team trust`",
      },
    ];
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    return [{ label: "team trust", ok: false, detail: error.message, fix: error.hint ?? "see docs/team.md" }];
  }
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

/**
 * Whether git will run our hook: installed where git looks, and not in a
 * husky folder git does not look in yet (before `npm install`), nor left out
 * because core.hooksPath names a folder shared by every repository.
 */
function hookCheck(root: string, name: HookName, wired: boolean): DoctorCheck {
  const label = `${name} hook`;
  const target = hookTarget(root, name);
  const installed = hookInstalled(root, name);
  if (target.kind === "shared") {
    if (installed) return { label, ok: true, detail: `the shared hooks folder's ${name} (${target.path}, core.hooksPath in your ${target.scope} config) runs backpack` };
    const warning = sharedFolderWarning(name, target);
    return { label, ok: false, advisory: !wired, detail: warning.message, fix: warning.hint };
  }
  if (!installed) {
    // Advice: `setup --no-hook` leaves it out on purpose (a team with its own hook manager).
    return { label, ok: false, advisory: true, detail: `not installed (${target.path})`, fix: "run `backpack setup`, or add backpack's check to your hook manager (docs/hooks.md)" };
  }
  if (target.inactive) {
    return { label, ok: false, detail: `in ${target.path}, but ${target.inactive}`, fix: "run `npm install` (or `npx husky`) in this clone" };
  }
  if (hookDiffers(root, installLocation(), name, target)) {
    // Advice: an older hook still runs the check (docs/git.md, "The pre-commit hook"), only slower.
    return {
      label,
      ok: false,
      advisory: true,
      detail: `installed (${target.path}), but not as this backpack writes it (an older backpack's, or a newer one's); it still runs the check`,
      fix:
        name === "pre-commit"
          ? "run `backpack setup` to update it (an older pre-commit hook runs its two gits from node: about 6 ms more per commit)"
          : "run `backpack setup --pre-push` to update it",
    };
  }
  return { label, ok: true, detail: `installed (${target.path})` };
}

/** The git checks for the repository doctor runs in; none outside a repository. */
export async function gitChecks(ctx: DoctorContext): Promise<DoctorCheck[]> {
  const repo = ctx.repo;
  if (!repo) return [];
  const root = repo.root;
  const checks: DoctorCheck[] = [...rotationCheck(repo), ...teamTrustCheck(repo)];
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

  checks.push(hookCheck(root, "pre-commit", repo.wired));
  if (hookInstalled(root, "pre-push")) checks.push(hookCheck(root, "pre-push", repo.wired));

  // --type=bool: git also takes yes, on and 1 for true.
  const cache = gitText(["config", "--type=bool", "--get", "diff.backpack.cachetextconv"], { cwd: root, allowFail: true });
  checks.push(
    cache === "true"
      ? {
          label: "cachetextconv",
          ok: false,
          detail: "diff.backpack.cachetextconv is on: git keeps the decrypted diff text in refs/notes/textconv/backpack",
          fix: "git config --unset-all diff.backpack.cachetextconv (in every scope that sets it: --local, --global), then `backpack lock`",
        }
      : { label: "cachetextconv", ok: true, detail: "off" },
  );
  checks.push(rerereCheck(root, repo.commonDir));
  checks.push(await committedCheck(ctx, root));

  // Not only reported: the ref holds plaintext, so doctor deletes it (as `lock` does).
  checks.push(
    removeTextconvNotes(root)
      ? { label: "textconv notes", ok: false, detail: `deleted ${TEXTCONV_NOTES_REF}: it held decrypted text`, fix: "run `git gc --prune=now` to purge the objects it pointed at" }
      : { label: "textconv notes", ok: true, detail: "no cached plaintext" },
  );
  return checks;
}

/** rr-cache entries whose recorded text looks like a decrypted agent.lock (its three layers). */
function agentLockEntries(rrCache: string): number {
  let found = 0;
  for (const id of readdirSync(rrCache)) {
    const texts = ["preimage", "postimage", "thisimage"].map((name) => join(rrCache, id, name)).filter((path) => existsSync(path));
    const looksLikeAgentLock = (path: string) => {
      const text = readFileSync(path, "utf8");
      return text.includes('"credentials"') && text.includes('"personality"') && text.includes('"memory"');
    };
    if (texts.some(looksLikeAgentLock)) found++;
  }
  return found;
}

/**
 * git rerere records every conflicted file's text in .git/rr-cache, and the
 * merge driver's markers sit in the decrypted working file: with rerere on,
 * an agent.lock conflict leaves plaintext there. git turns rerere on by
 * itself when rerere.enabled is unset and .git/rr-cache exists.
 */
function rerereCheck(root: string, commonDir: string): DoctorCheck {
  const setting = gitText(["config", "--type=bool", "--get", "rerere.enabled"], { cwd: root, allowFail: true });
  const rrCache = join(commonDir, "rr-cache");
  const hasCache = existsSync(rrCache);
  const on = setting === "true" || (setting === "" && hasCache);
  const recorded = hasCache ? agentLockEntries(rrCache) : 0;
  if (!on && recorded === 0) return { label: "rerere", ok: true, detail: setting === "false" ? "off" : "off (rerere.enabled unset, no rr-cache)" };
  const why = setting === "true" ? "rerere.enabled is on" : setting === "" && hasCache ? "rerere is on (rerere.enabled is unset and .git/rr-cache exists)" : "rerere is off";
  const held = recorded > 0 ? `; ${recorded} recorded conflict(s) there hold decrypted agent.lock text` : "";
  return {
    label: "rerere",
    ok: false,
    detail: `${why}: git records conflicted files, the decrypted agent.lock included, in .git/rr-cache${held}`,
    fix: `git config rerere.enabled false${hasCache ? `, then delete ${rrCache} (it also forgets the resolutions recorded for other files)` : ""}`,
  };
}

/** An agent.lock in HEAD must be the stored form and intact (`backpack verify`'s check of HEAD). */
async function committedCheck(ctx: DoctorContext, root: string): Promise<DoctorCheck> {
  const result = await verifyCommitted(root, ctx.resolver);
  if (result.blobs === 0) return { label: "committed agent.lock", ok: true, detail: "none in HEAD" };
  const [first] = result.problems;
  if (!first) return { label: "committed agent.lock", ok: true, detail: `${result.blobs} in ${result.scope}: encrypted${result.authenticated ? ` (${result.authenticated} authenticated)` : ""}` };
  const plaintext = result.problems.filter((p) => p.problem.startsWith("committed in plaintext")).map((p) => p.path);
  const others = result.problems.filter((p) => !plaintext.includes(p.path)).map((p) => `${p.path}: ${p.problem}`);
  return {
    label: "committed agent.lock",
    ok: false,
    detail: [plaintext.length ? `committed in plaintext in ${result.scope}: ${plaintext.join(", ")}` : "", ...others].filter(Boolean).join("; "),
    fix: plaintext.length
      ? "`backpack setup`, then `git add --renormalize .` and commit (the values stay in history: rotate every embedded credential, and rewrite history if it was pushed)"
      : "restore the file from a good commit, or re-create it; `backpack verify` shows each problem",
  };
}
