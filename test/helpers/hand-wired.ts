/**
 * A repository wired for backpack with exactly the git config `backpack setup`
 * writes (its own config table: filter process plus clean/smudge, required,
 * textconv, merge driver) and its .gitattributes line, but no pre-commit hook
 * and a random repo key that git's filters and drivers find in
 * AGENT_MASTER_KEY: so the diff and merge tests can run a repository with the
 * key at hand or without it, and do not depend on the hook's checks.
 */
import { randomBytes } from "node:crypto";
import { cpSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { keyFingerprint } from "../../src/core/crypto.js";
import { exportRepoKey } from "../../src/core/key-material.js";
import { installLocation } from "../../src/git/install-location.js";
import { ATTRIBUTES_LINE, configTable } from "../../src/git/setup.js";
import type { RunResult, Sandbox } from "./sandbox.js";

export interface WiredRepo {
  dir: string;
  /** The exported repo key (BACKPACK-KEY-1:...). */
  exportedKey: string;
  fingerprint: string;
  /** Environment with the key (AGENT_MASTER_KEY) set. */
  keyEnv: NodeJS.ProcessEnv;
  /** Runs git in the repository with the key at hand; throws on failure unless allowFail. */
  git(args: string[], options?: { allowFail?: boolean; env?: NodeJS.ProcessEnv; cwd?: string }): RunResult;
  /** Runs git with no key at hand (a locked checkout). */
  gitLocked(args: string[], options?: { allowFail?: boolean; cwd?: string }): RunResult;
}

/**
 * The git config `backpack setup` writes (CLI at an absolute, quoted path),
 * and the .gitattributes line (not for a clone, which has it already).
 */
export function wireByHand(sb: Sandbox, dir: string, fingerprint: string, options: { gitattributes?: boolean } = {}): void {
  const entries = configTable(installLocation(), "layers").filter((entry) => entry.key !== "backpack.command");
  for (const { key, value } of [...entries, { key: "backpack.key", value: fingerprint }]) sb.git(["config", key, value], { cwd: dir });
  if (options.gitattributes !== false) writeFileSync(join(dir, ".gitattributes"), `${ATTRIBUTES_LINE}\n`);
}

/** Makes a repository under the sandbox, wired by hand, with a fresh key. */
export function handWiredRepo(sb: Sandbox, name?: string): WiredRepo {
  const dir = sb.repo(name);
  const raw = randomBytes(32);
  const repo = wiredRepoAt(sb, dir, exportRepoKey(raw), keyFingerprint(raw));
  wireByHand(sb, dir, repo.fingerprint);
  return repo;
}

/**
 * A copy of `repo` (working tree and .git, so its commits and config too)
 * under `sb`, with the same key: for tests that each start from the same
 * history, cheaper than committing it again through the filters.
 */
export function copyOfRepo(sb: Sandbox, repo: WiredRepo, name = "repo"): WiredRepo {
  const dir = join(sb.root, name);
  cpSync(repo.dir, dir, { recursive: true });
  return wiredRepoAt(sb, dir, repo.exportedKey, repo.fingerprint);
}

function wiredRepoAt(sb: Sandbox, dir: string, exportedKey: string, fingerprint: string): WiredRepo {
  const keyEnv = { AGENT_MASTER_KEY: exportedKey };
  return {
    dir,
    exportedKey,
    fingerprint,
    keyEnv,
    git: (args, options = {}) => sb.git(args, { cwd: options.cwd ?? dir, allowFail: options.allowFail, env: { ...keyEnv, ...options.env } }),
    gitLocked: (args, options = {}) => sb.git(args, { cwd: options.cwd ?? dir, allowFail: options.allowFail }),
  };
}
