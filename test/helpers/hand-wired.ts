/**
 * A repository wired for backpack by hand, the way `backpack setup` wires one
 * (filter process plus clean/smudge, required, textconv, merge driver, the
 * .gitattributes line, backpack.key), with a random repo key that git's
 * filters and drivers find in AGENT_MASTER_KEY. Used by the diff and merge
 * end-to-end tests, so they depend on the filters but not on setup.
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { keyFingerprint } from "../../src/core/crypto.js";
import { exportRepoKey } from "../../src/core/key-material.js";
import { CLI, type RunResult, type Sandbox } from "./sandbox.js";

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
 * The git config `backpack setup` writes, with the CLI at an absolute, quoted
 * path, and the .gitattributes line (not for a clone, which has it already).
 */
export function wireByHand(sb: Sandbox, dir: string, fingerprint: string, options: { gitattributes?: boolean } = {}): void {
  const cli = `"${process.execPath}" "${CLI}" git`;
  const config: [string, string][] = [
    ["filter.backpack.process", `${cli} filter-process`],
    ["filter.backpack.clean", `${cli} clean %f`],
    ["filter.backpack.smudge", `${cli} smudge %f`],
    ["filter.backpack.required", "true"],
    ["diff.backpack.textconv", `${cli} textconv`],
    ["merge.backpack.name", "backpack: layer-aware merge of agent.lock"],
    ["merge.backpack.driver", `${cli} merge %O %A %B %L %P`],
    ["backpack.key", fingerprint],
  ];
  for (const [name, value] of config) sb.git(["config", name, value], { cwd: dir });
  if (options.gitattributes !== false) writeFileSync(join(dir, ".gitattributes"), "agent.lock filter=backpack diff=backpack merge=backpack\n");
}

/** Makes a repository under the sandbox, wired by hand, with a fresh key. */
export function handWiredRepo(sb: Sandbox, name?: string): WiredRepo {
  const dir = sb.repo(name);
  const raw = randomBytes(32);
  const exportedKey = exportRepoKey(raw);
  const fingerprint = keyFingerprint(raw);
  wireByHand(sb, dir, fingerprint);
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
