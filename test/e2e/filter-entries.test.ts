/**
 * The single-file filters (`backpack git clean|smudge [path]`, stdin to
 * stdout) as git's fallback runs them, and the start-up rule for smudge: it
 * must not load zod (about 50 ms, as much as Node itself) nor fflate.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptWorkingForm, parseAgentLock, serializeStoredForm, serializeWorkingForm } from "../../src/core/agent-lock.js";
import { exportRepoKey, newRepoKey } from "../../src/core/key-material.js";
import { agentFile } from "../helpers/agent-files.js";
import { type GuardedLibrary, runListingBuiltins, runWithout } from "../helpers/load-guards.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { assertNoSecrets, assertSameSecret } from "../helpers/secrets.js";

describe("backpack git clean / smudge (one file, stdin to stdout)", () => {
  let sb: Sandbox;
  let repo: string;
  const key = newRepoKey(randomBytes(32));
  const env = { AGENT_MASTER_KEY: exportRepoKey(key.key) };
  const file = agentFile("single");
  const parsed = parseAgentLock(file.text);
  if (parsed.form !== "working") throw new Error("fixture is not a working form");
  const working = serializeWorkingForm(parsed.doc);
  const stored = serializeStoredForm(encryptWorkingForm(parsed.doc, key));

  beforeAll(() => {
    sb = makeSandbox();
    repo = sb.repo();
    sb.git(["config", "backpack.key", key.fingerprint], { cwd: repo });
  });
  afterAll(() => sb.cleanup());

  const run = (args: string[], input: string, extra: NodeJS.ProcessEnv = env) => sb.backpack(["git", ...args], { cwd: repo, input, env: extra });

  it("smudge decrypts with the key, and passes the stored form through without it", () => {
    const r = run(["smudge", "agent.lock"], stored);
    expect(r.status, r.stderr).toBe(0);
    assertSameSecret(r.stdout, working, "smudge with the key");
    const locked = run(["smudge", "agent.lock"], stored, {});
    expect(locked.status).toBe(0);
    assertSameSecret(locked.stdout, stored, "smudge without the key");
    expect(locked.stderr).toMatch(/agent\.lock stays locked \(encrypted\): no key at hand for key [0-9a-f]{16}\nhint: /);
  });

  it("clean encrypts the working form, passes the stored form through, and fails closed", () => {
    assertSameSecret(run(["clean", "agent.lock"], file.text).stdout, stored, "clean of the working form");
    assertSameSecret(run(["clean", "agent.lock"], stored).stdout, stored, "clean of the stored form");
    const invalid = run(["clean", "sub/agent.lock"], "{ not json");
    expect(invalid.status).toBe(4);
    expect(invalid.stdout).toBe("");
    expect(invalid.stderr).toMatch(/^backpack: sub\/agent\.lock is not valid JSON/);
    const noKey = run(["clean", "agent.lock"], file.text, {});
    expect(noKey.status).toBe(5);
    expect(noKey.stdout).toBe("");
    expect(noKey.stderr).toMatch(/cannot encrypt agent\.lock: the repository's key [0-9a-f]{16} is not on this machine\nhint: .*--key-file/);
    assertNoSecrets([invalid.stderr, noKey.stderr], file.secrets);
  });

  it("smudge starts no process and loads no child_process (nor its net and dgram); clean, which asks git for the key, does (so the list is real)", () => {
    const smudge = runListingBuiltins(sb, ["git", "smudge", "agent.lock"], { cwd: repo, input: stored, env });
    expect(smudge.result.status, smudge.result.stderr).toBe(0);
    assertSameSecret(smudge.result.stdout, working, "smudge listing its builtins");
    expect(smudge.builtins.has("child_process")).toBe(false);
    expect(smudge.builtins.has("net")).toBe(false);
    const clean = runListingBuiltins(sb, ["git", "clean", "agent.lock"], { cwd: repo, input: file.text, env });
    expect(clean.result.status, clean.result.stderr).toBe(0);
    expect(clean.builtins.has("child_process")).toBe(true);
  });

  /** Runs `backpack git <args>` under the guard for `library`, and checks that smudge works there. */
  const guarded = (library: GuardedLibrary) => {
    const node = (args: string[], input: string) => runWithout(sb, [library], ["git", ...args], { cwd: repo, input, env });
    const smudge = node(["smudge"], stored);
    expect(smudge.status, smudge.stderr).toBe(0);
    assertSameSecret(smudge.stdout, working, `smudge with no ${library}`);
    return node;
  };

  it("smudge loads no fflate; clean, which compresses, does (so the guard is real)", () => {
    const clean = guarded("fflate")(["clean"], file.text);
    expect(clean.status).not.toBe(0);
    expect(clean.stderr).toMatch(/internal error|fflate loaded/);
  });

  it("neither smudge nor clean of a valid file loads zod; clean loads it to explain a refused file (so the guard is real)", () => {
    const node = guarded("zod");
    const clean = node(["clean"], file.text);
    expect(clean.status, clean.stderr).toBe(0);
    assertSameSecret(clean.stdout, stored, "clean with no zod");
    const passthrough = node(["clean"], stored);
    expect(passthrough.status, passthrough.stderr).toBe(0);
    assertSameSecret(passthrough.stdout, stored, "clean of the stored form with no zod");
    const refused = node(["clean"], file.text.replace('"version": 2', '"version": 3'));
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/internal error|zod loaded/);
  });
});
