/**
 * Repository discovery. Linked worktrees share one repository: its config and
 * key live with the common dir (`git rev-parse --git-common-dir`), never an
 * assumed `.git/`.
 */
import { isAbsolute, resolve } from "node:path";
import type { KdfParams } from "../core/schema.js";
import { FILE_GROUP, type TeamDoc, WHOLE_FILE_GROUP } from "../core/team.js";
import { BackpackError, isBackpackError } from "../errors/errors.js";
import { readTeamFile } from "../keys/member-keys.js";
import { git } from "./exec.js";

export interface RepoInfo {
  /** Top of the working tree. */
  root: string;
  /** This worktree's git dir. */
  gitDir: string;
  /** The shared git dir (config, hooks, objects). */
  commonDir: string;
  /** True when `backpack setup` wired this repository (filter.backpack.* set). */
  wired: boolean;
  /**
   * The repo key's fingerprint: in a team repository, the current key the
   * team file names (it changes when a member is removed, on every clone at
   * once); else git config backpack.key, if set.
   */
  keyFingerprint: string | undefined;
  /** Set in a team repository (`.backpack/team.json`): its team file; or why it cannot be read. */
  team?: { doc: TeamDoc } | { problem: BackpackError };
  /** The passphrase KDF parameters (git config backpack.kdf), if recorded. */
  kdf: KdfParams | undefined;
}

/** Finds the repository containing `cwd`, or undefined outside one. */
export function findRepo(cwd: string): RepoInfo | undefined {
  const r = git(["rev-parse", "--show-toplevel", "--absolute-git-dir", "--git-common-dir"], { cwd, allowFail: true });
  if (r.status !== 0) return undefined;
  const [root, gitDir, common] = r.stdout.toString("utf8").trim().split("\n");
  if (!root || !gitDir || !common) return undefined;
  const commonDir = isAbsolute(common) ? common : resolve(cwd, common);
  const config = readBackpackConfig(cwd);
  const info: RepoInfo = {
    root,
    gitDir,
    commonDir,
    wired: config.get("filter.backpack.process") !== undefined || config.get("filter.backpack.clean") !== undefined,
    keyFingerprint: config.get("backpack.key"),
    kdf: parseKdf(config.get("backpack.kdf")),
  };
  try {
    const team = readTeamFile(root);
    if (team) {
      info.team = { doc: team };
      // With a key per layer, the file key (which every member holds) is the one named here; the layer keys come with it.
      info.keyFingerprint = (team.keys[WHOLE_FILE_GROUP] ?? team.keys[FILE_GROUP])?.key;
      info.kdf = undefined;
    }
  } catch (error) {
    if (!isBackpackError(error)) throw error;
    // Fail closed: no key to encrypt with rather than a stale one; commands name the problem.
    info.team = { problem: error };
    info.keyFingerprint = undefined;
  }
  return info;
}

/** The repository containing `cwd`; a GIT error (exit 8) outside one. */
export function requireRepo(cwd: string): RepoInfo {
  const repo = findRepo(cwd);
  if (!repo) throw new BackpackError("GIT", "not inside a git work tree", "run it in your repository (or `git init` first)");
  return repo;
}

/** Reads the backpack-related local and global git config in one call. */
function readBackpackConfig(cwd: string): Map<string, string> {
  const r = git(["config", "-z", "--get-regexp", "^(filter\\.backpack\\.|backpack\\.)"], { cwd, allowFail: true });
  const map = new Map<string, string>();
  // -z output: "name\nvalue\0" per entry (https://git-scm.com/docs/git-config#Documentation/git-config.txt--z)
  for (const entry of r.stdout.toString("utf8").split("\0")) {
    if (!entry) continue;
    const nl = entry.indexOf("\n");
    if (nl < 0) map.set(entry, "");
    else map.set(entry.slice(0, nl), entry.slice(nl + 1));
  }
  return map;
}

function parseKdf(text: string | undefined): KdfParams | undefined {
  if (!text) return undefined;
  // Recorded as "scrypt:<logN>:<r>:<p>:<salt>".
  const [name, logN, r, p, salt] = text.split(":");
  if (name !== "scrypt" || !salt) return undefined;
  return { name: "scrypt", logN: Number(logN), r: Number(r), p: Number(p), salt };
}

/** The git config value for recorded KDF params (inverse of parseKdf). */
export function formatKdf(kdf: KdfParams): string {
  return `${kdf.name}:${kdf.logN}:${kdf.r}:${kdf.p}:${kdf.salt}`;
}

/** Sets (or with `value` undefined, unsets) a key in the repository's local git config. */
export function setLocalConfig(repo: Pick<RepoInfo, "root">, name: string, value: string | undefined): void {
  if (value === undefined) git(["config", "--local", "--unset-all", name], { cwd: repo.root, allowFail: true });
  else git(["config", "--local", name, value], { cwd: repo.root });
}
