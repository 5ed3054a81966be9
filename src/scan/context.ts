/**
 * What every repository scan needs before it reads a byte: the repository's
 * root, the allow-list (config and baseline), the known secret values (the
 * vault, the master key in the environment, and the embedded credentials of
 * the repository's agent.lock files) and which paths the backpack filter
 * covers. The TOML parser is loaded only when a config file exists, and the
 * schema library never (see config/settings.ts).
 */
import { existsSync } from "node:fs";
import { readAgentFileText } from "../agent-file/read-text.js";
import { isAbsolute, join, resolve } from "node:path";
import { type KeySettings, keySettingsOf, loadConfigLazily } from "../config/effective.js";
import { BackpackError } from "../errors/errors.js";
import { git } from "../git/exec.js";
import { defaultKeyStorePath } from "../keys/file-source.js";
import { log } from "../output/log.js";
import type { AllowList, GuardAllowList } from "./allow.js";
import { MAX_SCAN_BYTES } from "./blob.js";
import { readBaseline } from "./baseline.js";
import { type KnownSecrets, prepareKnownSecrets } from "./known-secrets.js";
import { embeddedCredentialValues } from "./lock-form.js";

export interface ScanContext {
  /** Top of the working tree (or the folder scanned, outside a repository). */
  root: string;
  /** False when scanning plain folders outside git. */
  inRepo: boolean;
  allow: AllowList;
  known: KnownSecrets;
  /** Paths (from the root, `/`-separated) the backpack filter covers, tracked or not ignored. */
  covered: ReadonlySet<string>;
  /** The environment git runs with. */
  env: NodeJS.ProcessEnv;
  /** Files larger than this are skipped (and counted). */
  maxBytes: number;
  /** Candidates judged per rule and file (FINDING_LIMIT by default; Infinity for all, as a baseline needs). */
  limit?: number;
}

export interface ContextOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** A baseline file (relative to cwd) whose findings are accepted; overrides `scan.baseline`. */
  baseline?: string | undefined;
  /** Ignore any baseline (used when writing a new one). */
  noBaseline?: boolean;
  /** Extra known secret values (tests, and callers that hold values already). */
  knownValues?: readonly string[];
  /** Default MAX_SCAN_BYTES. */
  maxBytes?: number;
  /** Candidates judged per rule and file; default FINDING_LIMIT (Infinity: every one). */
  limit?: number;
  /** The paths the backpack filter covers, when the caller listed them already (the pre-commit hook's script). */
  covered?: readonly string[];
}

/** Settings read from the config: the allow-list, the baseline path, and where the user's values are. */
interface ScanSettings {
  paths: string[];
  rules: string[];
  fingerprints: string[];
  baseline: string;
  keys: KeySettings;
  /** The same allow-list as the guards may heed it: a value from an untrusted repository's backpack.toml dropped (allow.ts). */
  guards: { paths: string[]; rules: string[]; fingerprints: string[]; baseline: string };
}

/** Reads the `[scan]` settings and the key settings. */
async function scanSettings(root: string | undefined, env: NodeJS.ProcessEnv): Promise<ScanSettings> {
  const config = await loadConfigLazily(root, env);
  const list = (name: string) => (config.get(name) as string[] | undefined) ?? [];
  const fromRepository = ["scan.allow_paths", "scan.allow_rules", "scan.allow_fingerprints", "scan.baseline"].some((name) => config.entry(name).origin === "repository");
  const trusted = !fromRepository || (root !== undefined && (await repositoryTrusted(root, env)));
  // Untrusted: the guards heed the settings as they would be without the repository's file (yours).
  const own = trusted ? config : await loadConfigLazily(undefined, env);
  const ownList = (name: string) => (own.get(name) as string[] | undefined) ?? [];
  return {
    paths: list("scan.allow_paths"),
    rules: list("scan.allow_rules"),
    fingerprints: list("scan.allow_fingerprints"),
    baseline: String(config.get("scan.baseline") ?? ""),
    keys: keySettingsOf(config),
    guards: {
      paths: ownList("scan.allow_paths"),
      rules: ownList("scan.allow_rules"),
      fingerprints: ownList("scan.allow_fingerprints"),
      baseline: String(own.get("scan.baseline") ?? ""),
    },
  };
}

/**
 * The paths where the guards may allow plaintext agent.lock layers (fixtures,
 * templates): `scan.allow_paths` from your own config, or from the
 * repository's backpack.toml only when you trust it. `backpack verify` heeds
 * the same list, so a repository cannot tell it to overlook plaintext either.
 */
export async function guardAllowedPaths(root: string, env: NodeJS.ProcessEnv): Promise<string[]> {
  return (await scanSettings(root, env)).guards.paths;
}

/** True when the user trusts the repository's backpack.toml as it is now (`backpack trust`). */
async function repositoryTrusted(root: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const [{ isTrusted }, { READ_LIMITS, readTextBoundedIfExists }, { REPO_CONFIG_FILE }] = await Promise.all([
    import("../config/trust.js"),
    import("../io/bounded-read.js"),
    import("../config/paths.js"),
  ]);
  const text = readTextBoundedIfExists(join(root, REPO_CONFIG_FILE), { limit: READ_LIMITS.config, symlinks: { within: root } });
  return text !== undefined && isTrusted(root, text, env);
}

/**
 * The repository's root, or undefined outside a repository. As git's
 * pre-commit hook (git set GIT_INDEX_FILE and runs hooks at the top of the
 * working tree) with a `.git` here and no GIT_DIR or GIT_WORK_TREE: this
 * folder, without a git process (one of the hook's four on every commit).
 */
function repoRoot(cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.GIT_INDEX_FILE && !env.GIT_DIR && !env.GIT_WORK_TREE && existsSync(join(cwd, ".git"))) return resolve(cwd);
  const r = git(["rev-parse", "--show-toplevel"], { cwd, env, allowFail: true });
  return r.status === 0 ? r.stdout.toString("utf8").trim() || undefined : undefined;
}

/**
 * git's arguments listing the paths the backpack filter covers
 * (`:(attr:filter=backpack)`): in the index, and untracked ones not ignored
 * (an agent.lock not added yet still holds values). The hook script
 * (hooks/pre-commit) runs the same, in whatever folder a line before it left
 * (a husky hook's `cd web`): `top` and `--full-name` list the whole
 * repository with paths from its top wherever git runs.
 */
export const COVERED_LIST_ARGS = ["ls-files", "-z", "--full-name", "--cached", "--others", "--exclude-standard", "--", ":(top,attr:filter=backpack)"] as const;

function coveredPaths(root: string, env: NodeJS.ProcessEnv): Set<string> {
  const out = git([...COVERED_LIST_ARGS], { cwd: root, env }).stdout.toString("utf8");
  return new Set(out.split("\0").filter(Boolean));
}

/** Embedded credential values of the covered agent.lock files whose working copy is in working form. */
function agentLockValues(root: string, covered: Iterable<string>): string[] {
  const values: string[] = [];
  for (const path of covered) {
    let text: string;
    try {
      text = readAgentFileText(join(root, path));
    } catch {
      continue; // deleted in the working tree: nothing to learn from it
    }
    values.push(...embeddedCredentialValues(text));
  }
  return values;
}

/**
 * The values the user holds: the personal vault's, and the master key or
 * passphrase in the environment (the master_key_env variable). A vault that
 * cannot be read (a locked keychain) leaves the other checks running, with a
 * warning.
 */
async function userValues(env: NodeJS.ProcessEnv, settings: KeySettings): Promise<string[]> {
  const values: string[] = [];
  const master = env[settings.masterKeyEnv];
  if (master) values.push(master);
  // Without a keychain (BACKPACK_KEYCHAIN=off, as in CI) and without a key file the vault is empty:
  // skip loading the key stores, which costs the hook as much as everything else it does.
  if (env.BACKPACK_KEYCHAIN === "off" && !existsSync(defaultKeyStorePath(env))) return values;
  // The vault's stores only (stores.ts): not the key resolver, which would load node:crypto for nothing.
  const [{ Vault }, { userKeyStores }] = await Promise.all([import("../keys/vault.js"), import("../keys/stores.js")]);
  try {
    values.push(...(await new Vault(userKeyStores(env, settings)).readAll()).values());
  } catch (error) {
    log.warn("could not read your vault; the scan goes on without its values", { error: error instanceof Error ? error.name : "error" });
  }
  return values;
}

/** Opens the context for a scan run from `cwd`. */
export async function openScanContext(options: ContextOptions): Promise<ScanContext> {
  const env = options.env ?? process.env;
  const root = repoRoot(options.cwd, env);
  const settings = await scanSettings(root, env);
  const covered = !root ? new Set<string>() : options.covered ? new Set(options.covered) : coveredPaths(root, env);
  const values = [...(options.knownValues ?? []), ...(await userValues(env, settings.keys)), ...(root ? agentLockValues(root, covered) : [])];

  let baseline: ReadonlySet<string> | undefined;
  let guardBaseline: ReadonlySet<string> | undefined;
  if (!options.noBaseline) {
    const fileOf = (setting: string) => (setting && root ? (isAbsolute(setting) ? setting : join(root, setting)) : undefined);
    // --baseline is the user's own, so it is the guards' too.
    const file = options.baseline ? resolve(options.cwd, options.baseline) : fileOf(settings.baseline);
    if (file) baseline = readBaseline(file);
    const guardFile = options.baseline ? file : fileOf(settings.guards.baseline);
    if (guardFile) guardBaseline = guardFile === file ? baseline : readBaseline(guardFile);
  }
  const g = settings.guards;
  const guards: GuardAllowList = { paths: g.paths, rules: g.rules, fingerprints: g.fingerprints, ...(guardBaseline ? { baseline: guardBaseline } : {}) };
  const allow: AllowList = { paths: settings.paths, rules: settings.rules, fingerprints: settings.fingerprints, ...(baseline ? { baseline } : {}), guards };
  return { root: root ?? resolve(options.cwd), inRepo: root !== undefined, allow, known: prepareKnownSecrets(values), covered, env, maxBytes: options.maxBytes ?? MAX_SCAN_BYTES, ...(options.limit !== undefined ? { limit: options.limit } : {}) };
}

/** The context's root, or a GIT error for scans that need a repository. */
export function requireRepo(ctx: ScanContext, what: string): string {
  if (!ctx.inRepo) throw new BackpackError("GIT", `${what} needs a git repository`, "run it inside a repository (or scan folders with `backpack scan PATHS`)");
  return ctx.root;
}
