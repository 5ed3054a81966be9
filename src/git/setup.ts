/**
 * `backpack setup`: wires a repository (DESIGN.md, "Git integration").
 *
 * Local git config is written from a table, as git-lfs does (lfs/attribute.go):
 * a key that is unset, already right, or holds a value an earlier backpack
 * wrote (another install path, the other diff mode) is set; a key holding
 * anything else is left alone unless --force, and the error names it. Every
 * check runs before anything is written. Then the `.gitattributes` line, the
 * pre-commit hook, the repo key (found from committed headers on a clone,
 * else created), and the working copies are unlocked when a key is at hand.
 * Running it twice changes nothing; `--uninstall` removes what it added.
 */
import { readTrustedTeam, recordTrustedTeam } from "./team-trust.js";
import { TEAM_FILE } from "../core/team.js";
import { randomBytes } from "node:crypto";
import { unlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { isCiEnvironment } from "../io/ci-environment.js";
import { type KeySettings, loadKeySettings } from "../config/effective.js";
import { type RepoKey, newRepoKey, parseExportedKey, resolveRepoKey } from "../core/key-material.js";
import type { KdfParams } from "../core/schema.js";
import { readStoredForm, storedToWorkingText } from "../core/stored-form.js";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { READ_LIMITS, readTextBoundedIfExists } from "../io/bounded-read.js";
import { readTextIfExists } from "../io/read-if-exists.js";
import { attributeSource } from "./attributes.js";
import { DEFAULT_KEY_ACCOUNT, type KeySource, repoKeyAccount } from "../keys/key-source.js";
import { createKeyResolver, defaultKeySources, newKdfParams, unlockHint, storeRepoKey, writableStore } from "../keys/sources.js";
import { trackedAgentLocks, untrackedAgentLocks } from "./agent-locks.js";
import { catFileBatch } from "./cat-file.js";
import { git, gitText } from "./exec.js";
import { type HookChange, type HookName, type HookTarget, installHook, uninstallHook } from "./hooks.js";
import { type InstallLocation, baseCommand, gitCommand, installLocation, textconvCommand } from "./install-location.js";
import { type LockReport, lockWorkingCopies, unlockWorkingCopies } from "./lock.js";
import { type RepoInfo, formatKdf, requireRepo } from "./repo.js";

/** How `git diff` shows agent.lock: layer by layer (textconv), or the raw working form (`cat`). */
export type DiffMode = "layers" | "plain";

/** The `.gitattributes` line; a pattern without a slash matches at any depth. */
export const ATTRIBUTES_LINE = "agent.lock filter=backpack diff=backpack merge=backpack";

/** Textconv for the plain mode: git smudges before textconv, so this shows the working form. */
const PLAIN_TEXTCONV = "cat";

/** One git config entry setup manages. */
export interface ConfigEntry {
  key: string;
  value: string;
  /** True for values a backpack setup wrote (any install path or mode): replaced without --force. */
  ours: (value: string) => boolean;
}

const OUR_COMMAND = /backpack(\.js)?' git (filter-process|clean|smudge|textconv|merge)\b/;
const OUR_TEXTCONV = /^backpack_node='.*' \. '.*\/bin\/textconv\.sh'$/;
const isOurCommand = (value: string) => OUR_COMMAND.test(value) || OUR_TEXTCONV.test(value);

/**
 * The hunk header of `git diff` names the layer: the nearest line above the
 * hunk that opens a top-level key of the working form (two spaces in), whose
 * name git shows.
 */
export const DIFF_XFUNCNAME = '^  "([^"]+)":';
/**
 * Words for `git diff --word-diff` in a long JSON string (a system prompt):
 * a JSON escape (`\\n`: a line break in the prompt) is a word of its own, then runs
 * of letters and digits, then any other single character.
 */
export const DIFF_WORD_REGEX = '\\\\.|[^][[:space:]"\\\\{}(),.;:!?]+|[^[:space:]]';

/** The config entries for an install location and diff mode. */
export function configTable(location: InstallLocation, diff: DiffMode): ConfigEntry[] {
  const cmd = gitCommand(location);
  return [
    { key: "filter.backpack.process", value: `${cmd} git filter-process`, ours: isOurCommand },
    { key: "filter.backpack.clean", value: `${cmd} git clean %f`, ours: isOurCommand },
    { key: "filter.backpack.smudge", value: `${cmd} git smudge %f`, ours: isOurCommand },
    { key: "filter.backpack.required", value: "true", ours: (v) => v === "true" },
    {
      key: "diff.backpack.textconv",
      value: diff === "plain" ? PLAIN_TEXTCONV : textconvCommand(location),
      ours: (v) => v === PLAIN_TEXTCONV || isOurCommand(v),
    },
    { key: "diff.backpack.xfuncname", value: DIFF_XFUNCNAME, ours: (v) => v.startsWith('^  "(') },
    // git reads config names case-insensitively and lists them in lower case: wordRegex is wordregex here.
    { key: "diff.backpack.wordregex", value: DIFF_WORD_REGEX, ours: (v) => v.startsWith("\\\\.|") },
    { key: "merge.backpack.name", value: "backpack: merge agent.lock layer by layer", ours: (v) => v.startsWith("backpack") },
    { key: "merge.backpack.driver", value: `${cmd} git merge %O %A %B %L %P`, ours: isOurCommand },
    // What the pre-commit hook runs (the hook may be committed, e.g. with husky, so it holds no paths).
    { key: "backpack.command", value: baseCommand(location), ours: (v) => /backpack(\.js)?'$/.test(v) },
  ];
}

/** Set when setup added the `.gitattributes` line (on a clone it is usually committed already). */
const ATTRIBUTES_ADDED = "backpack.attributesadded";
/** Config keys setup writes besides the table. */
const KEY_ENTRIES = ["backpack.key", "backpack.kdf", ATTRIBUTES_ADDED];
const SECTIONS = ["filter.backpack", "diff.backpack", "merge.backpack", "backpack"];

/** The repository's local config for backpack's sections, in one git call. */
export function readLocalConfig(root: string): Map<string, string> {
  const r = git(["config", "--local", "-z", "--get-regexp", "^((filter|diff|merge)\\.backpack|backpack)\\."], { cwd: root, allowFail: true });
  const map = new Map<string, string>();
  // -z: "name\nvalue\0" per entry.
  for (const entry of r.stdout.toString("utf8").split("\0")) {
    if (!entry) continue;
    const nl = entry.indexOf("\n");
    map.set(nl < 0 ? entry : entry.slice(0, nl), nl < 0 ? "" : entry.slice(nl + 1));
  }
  return map;
}

function setConfig(root: string, key: string, value: string): void {
  git(["config", "--local", key, value], { cwd: root });
}

function unsetConfig(root: string, key: string): void {
  git(["config", "--local", "--unset-all", key], { cwd: root, allowFail: true });
}

/** Removes section headers left empty (git config --unset keeps them). */
function removeEmptySections(root: string): void {
  const left = [...readLocalConfig(root).keys()];
  for (const section of SECTIONS) {
    const prefix = `${section}.`;
    const inSection = left.filter((k) => k.startsWith(prefix) && (section !== "backpack" || !k.slice(prefix.length).includes(".")));
    if (inSection.length === 0) git(["config", "--local", "--remove-section", section], { cwd: root, allowFail: true });
  }
}

/** A line of the report: what was done (or found already done). */
export interface SetupStep {
  what: string;
  changed: boolean;
  /** Lines to show under the step (a snippet for the user to add somewhere). */
  detail?: string[];
}

export interface SetupOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Replace config values backpack did not write. */
  force?: boolean;
  /** Unset: keep the current mode (layers for a new setup). */
  diff?: DiffMode;
  /** Leave the pre-commit hook out (a team with its own hook manager). */
  hook?: boolean;
  /** Install the pre-push hook too (`backpack verify` on the commits being pushed). */
  prePush?: boolean;
  /** Tests and the demo pass their own; default: this install. */
  location?: InstallLocation;
  /**
   * Save an exported key found only in the master key variable in a key
   * store. Default: yes, except on CI (CI set).
   */
  storeKey?: boolean;
}

export interface SetupResult {
  root: string;
  steps: SetupStep[];
  unlock?: LockReport;
  /** Set when the working copies stay locked: the key that is not at hand, and how to unlock. */
  locked?: { key: string; hint: string };
  /** Hooks git will not run as things stand (a shared hooks folder, husky not active yet): what and what to do. */
  hookWarnings?: { message: string; hint: string }[];
  /** Uncommitted agent.lock files encrypted with another key that is not at hand: left as they are, and what to do. */
  stranded?: { path: string; message: string; hint: string }[];
}

function attributesPath(root: string): string {
  return join(root, ".gitattributes");
}

function hasOurLine(text: string | undefined): boolean {
  return (text ?? "").split(/\r?\n/).some((line) => line.trim() === ATTRIBUTES_LINE);
}

/** The diff mode the config holds now, if any. */
function currentDiffMode(config: Map<string, string>): DiffMode | undefined {
  const textconv = config.get("diff.backpack.textconv");
  if (textconv === undefined) return undefined;
  return textconv === PLAIN_TEXTCONV ? "plain" : "layers";
}

interface KeyChoice {
  fingerprint: string;
  kdf?: KdfParams;
  how: string;
}

/** The key headers of committed (index) agent.lock files, most frequent first. */
function committedHeaders(root: string): { key: string; kdf?: KdfParams }[] {
  const texts: string[] = [];
  const oids = [...new Set(trackedAgentLocks(root).map((f) => f.oid))];
  for (const blob of catFileBatch(oids, { cwd: root, maxBytes: 64 * 1024 * 1024 })) {
    if (blob.content) texts.push(blob.content.toString("utf8"));
  }
  const counts = new Map<string, { header: { key: string; kdf?: KdfParams }; n: number }>();
  for (const text of texts) {
    const stored = readStoredForm(text);
    if (!stored) continue;
    const seen = counts.get(stored.key);
    if (seen) seen.n++;
    else counts.set(stored.key, { header: stored.kdf ? { key: stored.key, kdf: stored.kdf } : { key: stored.key }, n: 1 });
  }
  return [...counts.values()].sort((a, b) => b.n - a.n).map((c) => c.header);
}

/**
 * Finds the repository's key (committed headers, the master key variable) or
 * creates one. Only committed files name it: an agent.lock that `backpack
 * init` wrote before setup was encrypted with whatever key was at hand then
 * (the user's personal default key), which must never become a repository's
 * key; setup brings such files over afterwards (adoptUntracked).
 */
async function chooseKey(repo: RepoInfo, options: SetupOptions, settings: KeySettings): Promise<KeyChoice> {
  const { env } = options;
  const sources = defaultKeySources(env, settings);
  const resolver = createKeyResolver({ sources, env, settings, root: repo.root });
  const headers = committedHeaders(repo.root);
  if (headers.length > 0) {
    for (const header of headers) {
      const key = await resolver.tryKeyFor(header);
      if (!key) continue;
      const saved = repo.team ? ", a team key opened with your age identity" : await saveKeyFromEnvironment(key, sources, options, settings);
      return { fingerprint: header.key, ...(header.kdf ? { kdf: header.kdf } : {}), how: `found: the committed agent.lock files use it${saved}` };
    }
    const first = headers[0] as { key: string; kdf?: KdfParams };
    return { fingerprint: first.key, ...(first.kdf ? { kdf: first.kdf } : {}), how: "named by the committed agent.lock headers (not on this machine yet)" };
  }
  const variable = settings.masterKeyEnv;
  const text = env[variable];
  if (text) {
    const raw = parseExportedKey(text);
    if (raw) {
      const key = resolveRepoKey({ kind: "raw", key: raw });
      return { fingerprint: key.fingerprint, how: `from ${variable}${await saveKeyFromEnvironment(key, sources, options, settings)}` };
    }
    // A passphrase: a new salt for this repository, recorded so one passphrase always gives one key here.
    const kdf = newKdfParams(settings.kdf);
    return { fingerprint: resolveRepoKey({ kind: "passphrase", passphrase: text, kdf }).fingerprint, kdf, how: `from the passphrase in ${variable} (new salt recorded)` };
  }
  const key = newRepoKey(randomBytes(32));
  const store = await writableStore(sources.filter((s) => s.name !== "environment"));
  await storeRepoKey(store, key);
  return { fingerprint: key.fingerprint, how: `created, kept in the ${store.name} store (share it with \`backpack key export\`)` };
}

/**
 * An exported key that only the master key variable holds is saved in a key
 * store, so the repository keeps working without the variable (the filters
 * run in any later shell). Not on CI (the variable is there on every run, and
 * a shared runner should not keep keys), and not with --no-store-key; each
 * case says so. Returns the words added to the setup step.
 */
async function saveKeyFromEnvironment(key: RepoKey, sources: KeySource[], options: SetupOptions, settings: KeySettings): Promise<string> {
  if (key.kdf) return ""; // a passphrase: the variable stays the way in, as with the Python tool
  const stores = sources.filter((s) => s.name !== "environment");
  const account = repoKeyAccount(key.fingerprint);
  for (const source of stores) {
    if ((await source.available()) === true && (await source.get(account)) !== undefined) return `, already in the ${source.name} store`;
  }
  const variable = settings.masterKeyEnv;
  const wanted = options.storeKey ?? !isCiEnvironment(options.env);
  if (!wanted) {
    return options.storeKey === false
      ? `, not saved (--no-store-key): keep ${variable} set wherever git runs here`
      : `, not saved (CI is set: ${variable} is needed on every run; --store-key saves it)`;
  }
  const store = await writableStore(stores);
  await storeRepoKey(store, key);
  return `, saved in the ${store.name} store so the repository works without ${variable} (--no-store-key skips this)`;
}

/** Wires the repository containing `options.cwd`. */
export async function setup(options: SetupOptions): Promise<SetupResult> {
  const repo = requireRepo(options.cwd);
  const root = repo.root;
  const location = options.location ?? installLocation();
  const config = readLocalConfig(root);
  const table = configTable(location, options.diff ?? currentDiffMode(config) ?? "layers");

  // Every check before any write: a foreign value stops setup with nothing changed.
  const toSet: ConfigEntry[] = [];
  for (const entry of table) {
    const current = config.get(entry.key);
    if (current === entry.value) continue;
    if (current !== undefined && !entry.ours(current) && !options.force) {
      throw new BackpackError(
        "USAGE",
        `git config ${entry.key} is already set to something backpack did not write`,
        `see it with \`git config --local ${entry.key}\`; run \`backpack setup --force\` to replace it`,
      );
    }
    toSet.push(entry);
  }

  const steps: SetupStep[] = [];
  const recorded = config.get("backpack.key");
  const settings = await loadKeySettings(root, options.env);
  if (!recorded) {
    const choice = await chooseKey(repo, options, settings);
    setConfig(root, "backpack.key", choice.fingerprint);
    if (choice.kdf) setConfig(root, "backpack.kdf", formatKdf(choice.kdf));
    steps.push({ what: `key ${choice.fingerprint}: ${choice.how}`, changed: true });
  } else {
    steps.push({ what: `key ${recorded}: already recorded (git config backpack.key)`, changed: false });
  }

  // Trust on first use, as ssh's known_hosts: the team file as cloned is the one this clone's
  // filters and team commands hold later changes (a pull request's) against.
  if (repo.team && "doc" in repo.team && !readTrustedTeam(repo)) {
    recordTrustedTeam(repo, repo.team.doc);
    steps.push({ what: `${TEAM_FILE}: its ${repo.team.doc.members.length} member(s) and keys recorded as trusted in this clone (a later change to them needs \`backpack team trust\`)`, changed: true });
  }

  for (const entry of toSet) setConfig(root, entry.key, entry.value);
  steps.push(
    toSet.length > 0
      ? { what: `git config: set ${toSet.map((e) => e.key).join(", ")}`, changed: true }
      : { what: "git config: filter, diff and merge drivers already set", changed: false },
  );
  if (config.get("diff.backpack.cachetextconv") !== undefined) {
    // cachetextconv keeps the rendered text (plaintext) in refs/notes/textconv/backpack.
    unsetConfig(root, "diff.backpack.cachetextconv");
    steps.push({ what: "git config: removed diff.backpack.cachetextconv (it stores plaintext in notes)", changed: true });
  }

  const attributes = readTextIfExists(attributesPath(root), { within: root });
  if (hasOurLine(attributes)) {
    steps.push({ what: ".gitattributes: agent.lock already mapped to backpack", changed: false });
  } else {
    const before = attributes === undefined || attributes === "" || attributes.endsWith("\n") ? (attributes ?? "") : `${attributes}\n`;
    writeFileAtomic(attributesPath(root), `${before}${ATTRIBUTES_LINE}\n`);
    setConfig(root, ATTRIBUTES_ADDED, "true");
    steps.push({ what: `.gitattributes: added "${ATTRIBUTES_LINE}" (commit it)`, changed: true });
  }
  const check = gitText(["check-attr", "filter", "--", "agent.lock"], { cwd: root });
  if (!check.endsWith(": filter: backpack")) {
    const source = attributeSource(root, "agent.lock", "filter");
    const where = source ? `${source.file}:${source.line} \`${source.text}\`: remove or change that line` : check;
    steps.push({ what: `.gitattributes: warning: another rule overrides it (${where})`, changed: false });
  }

  const hookWarnings: NonNullable<SetupResult["hookWarnings"]> = [];
  const hookNames: HookName[] = [...(options.hook !== false ? (["pre-commit"] as const) : []), ...(options.prePush ? (["pre-push"] as const) : [])];
  for (const name of hookNames) {
    const hook = installHook(root, location, name);
    if (hook.change === "shared") {
      steps.push({ what: `${name} hook: not installed: core.hooksPath (${hook.target.scope} config) is ${dirname(hook.target.path)}, a folder every repository shares`, changed: false });
      hookWarnings.push(sharedFolderWarning(name, hook.target));
      continue;
    }
    if (hook.snippet) {
      steps.push({
        what: `${name} hook: ${hook.target.kind} manages this repository's hooks and rewrites them from ${hook.target.path}: add backpack's check there (docs/hooks.md), then run \`${hook.snippet.apply}\`:`,
        changed: false,
        detail: hook.snippet.lines,
      });
      continue;
    }
    if (hook.change === "manual") {
      steps.push({ what: `${name} hook: ${hook.target.kind} manages this repository's hooks: add \`backpack verify\` of the pushed commits to its ${name} in ${hook.target.path} (docs/git.md, "The pre-push hook")`, changed: false });
      continue;
    }
    steps.push({ what: `${name} hook: ${describeHookChange(hook.change, hook.target.kind, name)} (${hook.target.path})`, changed: hook.change !== "unchanged" && hook.change !== "configured" });
    if (hook.target.inactive) {
      hookWarnings.push({
        message: `the ${name} hook does not run yet: ${hook.target.inactive}`,
        hint: "run `npm install` (or `npx husky`) in this clone, then `backpack doctor` shows the hook as active",
      });
    }
  }

  const wired = requireRepo(options.cwd);
  const unlock = await unlockWorkingCopies(wired, options.env, options.storeKey !== undefined ? { storeKey: options.storeKey } : {});
  if (unlock.changed.length > 0) steps.push({ what: `unlocked ${unlock.changed.length} agent.lock file(s): ${unlock.changed.join(", ")}`, changed: true });
  const adopted = await adoptUntracked(wired, options.env, settings);
  steps.push(...adopted.steps);
  const result: SetupResult = { root, steps, unlock };
  if (hookWarnings.length > 0) result.hookWarnings = hookWarnings;
  if (adopted.stranded.length > 0) result.stranded = adopted.stranded;
  const locked = unlock.noKey[0];
  if (locked) result.locked = { key: locked.key, hint: unlockHint(settings.masterKeyEnv) };
  return result;
}

/**
 * Uncommitted agent.lock files (untracked, not ignored) in the stored form:
 * `backpack init` before `backpack setup` encrypts with the key at hand then,
 * usually the user's personal default key, not the repository's. With that
 * key at hand, the file is rewritten in the working form, exactly what init
 * writes in a wired repository, so that `git add` encrypts it with the
 * repository's key. Without it, the file is left as it is and the user is
 * told what `git add` would do and how to fix it.
 */
async function adoptUntracked(repo: RepoInfo, env: NodeJS.ProcessEnv, settings: KeySettings): Promise<{ steps: SetupStep[]; stranded: NonNullable<SetupResult["stranded"]> }> {
  const steps: SetupStep[] = [];
  const stranded: NonNullable<SetupResult["stranded"]> = [];
  const paths = untrackedAgentLocks(repo.root);
  if (paths.length === 0) return { steps, stranded };
  const sources = defaultKeySources(env, settings);
  const resolver = createKeyResolver({ sources, repoFingerprint: repo.keyFingerprint, kdf: repo.kdf, env, settings, root: repo.root });
  let personal: string | undefined;
  for (const source of sources) {
    if (source.name === "environment" || (await source.available()) !== true) continue;
    personal = await source.get(DEFAULT_KEY_ACCOUNT);
    if (personal) break;
  }
  const repoKey = repo.keyFingerprint ?? "";
  for (const path of paths) {
    const text = readTextBoundedIfExists(join(repo.root, path), { limit: READ_LIMITS.agentLock, label: path, symlinks: { within: repo.root } });
    const stored = text === undefined ? undefined : readStoredForm(text);
    if (!stored) continue; // the working form already (or not an agent.lock backpack writes: left to validate/migrate)
    const which = stored.key === repoKey ? `the repository's key ${repoKey}` : stored.key === personal ? `your personal default key ${stored.key}` : `key ${stored.key}`;
    const key = await resolver.tryKeyFor(stored);
    if (!key) {
      stranded.push({
        path,
        message: `${path} (not committed yet) is encrypted with ${which}, which is not on this machine${stored.key === repoKey ? "" : `, and not the repository's key ${repoKey}`}: \`git add\` would commit it as it is`,
        hint: `bring that key here (\`backpack key import\`) and run \`backpack setup\` again to move it to the repository's key, or replace the file (\`backpack init --force\`)`,
      });
      continue;
    }
    let working: string;
    try {
      working = storedToWorkingText(stored, key, path);
    } catch (error) {
      if (!isBackpackError(error)) throw error;
      stranded.push({ path, message: `${path} (not committed yet) left as it is: ${error.message}`, hint: error.hint ?? "check it with `backpack validate`" });
      continue;
    }
    writeFileAtomic(join(repo.root, path), working);
    steps.push({
      what:
        stored.key === repoKey
          ? `${path} (not committed yet): decrypted into the working form; \`git add\` encrypts it`
          : `${path} (not committed yet) was encrypted with ${which}: now in the working form, so \`git add\` encrypts it with the repository's key ${repoKey}`,
      changed: true,
    });
  }
  return { steps, stranded };
}

/** What to say when core.hooksPath names a folder other repositories share (never written: a hook there that needs backpack would break them). */
export function sharedFolderWarning(name: HookName, target: HookTarget): { message: string; hint: string } {
  return {
    message: `git runs hooks from ${dirname(target.path)} (core.hooksPath in your ${target.scope} git config), shared by every repository on this machine: backpack writes no ${name} hook there, so this repository has none`,
    hint: `add the lines for a shared folder from docs/git.md ("A shared hooks folder") to ${target.path} (they run backpack only in repositories set up for it), or give this repository hooks of its own: \`git config --local core.hooksPath .git/hooks\` then \`backpack setup\` again`,
  };
}

function describeHookChange(change: HookChange, kind: string, name: HookName = "pre-commit"): string {
  switch (change) {
    case "configured":
      return `${kind} runs backpack's check already`;
    case "installed":
      return "installed";
    case "updated":
      return "updated";
    case "appended":
      return "added to the existing husky hook";
    case "chained":
      return `installed; the existing hook was kept as ${name}.pre-backpack and runs first`;
    case "unchanged":
      return "already installed";
    default:
      return change;
  }
}

/**
 * Removes what setup added. The working copies are locked first (with the
 * filter gone, a decrypted file would otherwise show as modified, and could
 * be committed as plaintext).
 */
export async function uninstall(options: SetupOptions): Promise<SetupResult> {
  const repo = requireRepo(options.cwd);
  const root = repo.root;
  const steps: SetupStep[] = [];
  const locked = await lockWorkingCopies(repo, options.env);
  if (locked.changed.length > 0) steps.push({ what: `locked ${locked.changed.length} agent.lock file(s) first`, changed: true });

  const config = readLocalConfig(root);
  const location = options.location ?? installLocation();
  const removed: string[] = [];
  const kept: string[] = [];
  for (const entry of configTable(location, "layers")) {
    const current = config.get(entry.key);
    if (current === undefined) continue;
    if (entry.ours(current) || options.force) {
      unsetConfig(root, entry.key);
      removed.push(entry.key);
    } else {
      kept.push(entry.key);
    }
  }
  const removeAttributes = config.get(ATTRIBUTES_ADDED) === "true";
  for (const key of KEY_ENTRIES) {
    if (config.has(key)) {
      unsetConfig(root, key);
      removed.push(key);
    }
  }
  removeEmptySections(root);
  steps.push({ what: removed.length > 0 ? `git config: removed ${removed.join(", ")}` : "git config: nothing of backpack's was set", changed: removed.length > 0 });
  if (kept.length > 0) steps.push({ what: `git config: kept ${kept.join(", ")} (not written by backpack; --force removes them)`, changed: false });

  const attributes = readTextIfExists(attributesPath(root), { within: root });
  if (hasOurLine(attributes) && !removeAttributes) {
    steps.push({ what: ".gitattributes: kept the agent.lock line (setup did not add it here; it came with the repository)", changed: false });
  } else if (hasOurLine(attributes)) {
    const rest = (attributes ?? "")
      .split(/(?<=\n)/)
      .filter((line) => line.trim() !== ATTRIBUTES_LINE)
      .join("");
    if (rest.trim() === "") unlinkSync(attributesPath(root));
    else writeFileAtomic(attributesPath(root), rest);
    steps.push({ what: ".gitattributes: removed the agent.lock line (commit it to unwire the repository for everyone)", changed: true });
  }

  for (const name of ["pre-commit", "pre-push"] as const) {
    const hook = uninstallHook(root, name);
    if (hook.change === "left") {
      steps.push({ what: `${name} hook: ${hook.target.kind} runs backpack's check: remove it from ${hook.target.path} yourself (setup did not write it)`, changed: false });
    } else if (hook.change !== "absent") {
      steps.push({ what: `${name} hook: ${hook.change === "restored" ? "removed; the hook it chained is back" : "removed"} (${hook.target.path})`, changed: true });
    }
  }
  if (locked.renderingsRemoved) steps.push({ what: "deleted the diff renderings kept for git log -p (.git/backpack/textconv)", changed: true });
  if (locked.notesRemoved) steps.push({ what: "deleted refs/notes/textconv/backpack (it held plaintext)", changed: true });
  steps.push({ what: "keys stay in your key stores (`backpack key list`)", changed: false });
  return { root, steps };
}
