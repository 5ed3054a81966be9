/**
 * What a command needs to know about where it runs: the repository (if any),
 * whether it is wired by `backpack setup`, the key settings of its config
 * files, and a key resolver configured for it.
 */
import { type KeySettings, defaultsForBrokenFile, keySettingsOf } from "../config/effective.js";
import { loadConfig } from "../config/load.js";
import { relative, resolve, sep } from "node:path";
import { git } from "./exec.js";
import { attributeSource } from "./attributes.js";
import { findRepo, type RepoInfo } from "./repo.js";
import type { KeySource } from "../keys/key-source.js";
import type { KeyResolver } from "../keys/resolver.js";
import { createKeyResolver, defaultKeySources } from "../keys/sources.js";
import type { FileContext } from "../agent-file/agent-file.js";

export interface CommandContext extends FileContext {
  cwd: string;
  repo: RepoInfo | undefined;
  /** True inside a repository wired by `backpack setup`. */
  wired: boolean;
  resolver: KeyResolver;
  /** The key sources, in the order they are tried (environment, keychain, file store). */
  sources: KeySource[];
  /** master_key_env, keychain_service and the kdf cost, from the config files here. */
  settings: KeySettings;
}

/** The key settings of the config files here (the defaults, with a warning, when one is broken). */
function keySettingsHere(repoRoot: string | undefined, env: NodeJS.ProcessEnv): KeySettings {
  try {
    return keySettingsOf(loadConfig({ repoRoot, env, lazy: true }));
  } catch (error) {
    return defaultsForBrokenFile(error, env);
  }
}

/** True when git's backpack filter applies to `path` (`git check-attr filter`, which reads every .gitattributes as git will). */
function filterCovers(root: string, path: string): boolean {
  const out = git(["check-attr", "-z", "filter", "--", relative(root, resolve(path))], { cwd: root, allowFail: true });
  // -z output: "<path> NUL filter NUL <value> NUL"
  return out.status === 0 && out.stdout.toString("utf8").split("\0")[2] === "backpack";
}

/** Opens the context for a command running in `cwd`. */
export function openContext(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): CommandContext {
  const repo = findRepo(cwd);
  const settings = keySettingsHere(repo?.root, env);
  const sources = defaultKeySources(env, settings);
  const resolver = createKeyResolver({
    sources,
    repoFingerprint: repo?.keyFingerprint,
    kdf: repo?.kdf,
    env,
    settings,
    root: repo?.root,
  });
  const context: CommandContext = { cwd, repo, wired: repo?.wired ?? false, resolver, sources, settings };
  if (repo?.wired) {
    context.filterCovers = (path) => filterCovers(repo.root, path);
    context.filterOverride = (path) => {
      const source = attributeSource(repo.root, relative(repo.root, resolve(path)).split(sep).join("/"), "filter");
      return source && `${source.file}:${source.line} (\`${source.text}\`, filter ${source.value})`;
    };
  }
  return context;
}
