/**
 * The per-process context cache the library uses (updateMemory): the same
 * context while nothing changed, a fresh one as soon as the repository's git
 * config, backpack.toml, a watched variable or the repository itself changes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { keptContext } from "../../src/git/context-cache.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { trustRepo } from "../helpers/trust.js";

let sb: Sandbox;
let repo: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  sb = makeSandbox();
  repo = sb.repo();
  env = { ...sb.env };
});
afterEach(() => sb.cleanup());

describe("keptContext", () => {
  it("reuses a context while its sources are unchanged", () => {
    const first = keptContext(repo, env);
    expect(first.repo?.root).toBe(repo);
    expect(keptContext(repo, env)).toBe(first);
    // Another environment object is another cache.
    expect(keptContext(repo, { ...env })).not.toBe(first);
  });

  it("sees a git config change (setup, rotate), a backpack.toml change and a watched variable", () => {
    const first = keptContext(repo, env);
    sb.git(["config", "backpack.key", "0123456789abcdef"], { cwd: repo });
    const keyed = keptContext(repo, env);
    expect(keyed).not.toBe(first);
    expect(keyed.repo?.keyFingerprint).toBe("0123456789abcdef");

    writeFileSync(join(repo, "backpack.toml"), 'master_key_env = "TEAM_KEY"\n');
    // master_key_env is a setting a repository sets only once the user trusts it.
    trustRepo(sb, repo);
    const configured = keptContext(repo, env);
    expect(configured).not.toBe(keyed);
    expect(configured.settings.masterKeyEnv).toBe("TEAM_KEY");

    env.BACKPACK_MASTER_KEY_ENV = "OTHER_KEY";
    expect(keptContext(repo, env).settings.masterKeyEnv).toBe("OTHER_KEY");
  });

  it("sees a repository made below, and keeps nothing outside a repository", () => {
    const sub = join(repo, "agents", "one");
    mkdirSync(sub, { recursive: true });
    expect(keptContext(sub, env).repo?.root).toBe(repo);
    sb.git(["init", "-q"], { cwd: join(repo, "agents") });
    expect(keptContext(sub, env).repo?.root).toBe(join(repo, "agents"));

    const outside = join(sb.root, "plain");
    mkdirSync(outside);
    const first = keptContext(outside, env);
    expect(first.repo).toBeUndefined();
    expect(keptContext(outside, env)).not.toBe(first);
  });
});
