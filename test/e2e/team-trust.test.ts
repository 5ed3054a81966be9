// Keychain pass (.ci/run): members' identities are read from each user's key store.
/**
 * A hostile `.backpack/team.json` arriving in a pull request (issue #11,
 * "a repository is untrusted input"), with real git, a bare remote, the built
 * CLI and the real `age` CLI: a line added by an outsider, a partial member
 * widening their own layers, a key replaced by one the attacker made. None of
 * them gets a key from a full member's next `team add`, `rotate`, `remove` or
 * `rewrap`: each is shown and refused (exit 10) until the member has reviewed
 * it and run `backpack team trust`.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI, type Sandbox, makeSandbox } from "../helpers/sandbox.js";
import { ageDecrypt, ageKeygen, ok, sharedRepo } from "../helpers/team.js";
import { itWithTool } from "../helpers/tools.js";

const MEMORY_NOTE = "team-trust memory 5e1d";
const doc = { version: 2, credentials: {}, personality: { system_prompt: "You review PRs." }, memory: { notes: [MEMORY_NOTE] } };
const itWithAge = itWithTool("age", "age");

/** True when the real age CLI opens `file` with the identity in `identity`. */
const ageOpens = (identity: string, file: string): boolean => ageDecrypt(identity, file).status === 0;

describe("a hostile team.json in a pull request", () => {
  let alice: Sandbox;
  let mallory: Sandbox;
  let remote: string;
  let a: string;
  let malloryKey: string;
  let malloryRecipient: string;
  const teamFile = () => join(a, ".backpack/team.json");
  const keyFiles = ["file", "credentials", "personality", "memory"].map((g) => `.backpack/keys/${g}.age`);

  beforeEach(() => {
    alice = makeSandbox();
    mallory = alice.machine("mallory");
    ({ remote, clone: a } = sharedRepo(alice, doc));
    ok(alice.backpack(["team", "init", "--name", "alice"], { cwd: a }), "team init");
    alice.git(["commit", "-qm", "team"], { cwd: a });
    alice.git(["push", "-q", "origin", "HEAD"], { cwd: a });
    malloryKey = join(mallory.root, "mallory.key");
    malloryRecipient = ageKeygen(malloryKey);
  });
  afterEach(() => alice.cleanup());

  /** Alice adds bob (his own backpack identity) to the team and pushes; bob clones into `b`, not yet set up. */
  function bobJoinsAndClones(): { bob: Sandbox; b: string; bobRecipient: string } {
    const bob = alice.machine("bob");
    const bobRecipient = ok(bob.backpack(["identity"]), "identity").trim();
    ok(alice.backpack(["team", "add", "bob", bobRecipient], { cwd: a }), "team add bob");
    alice.git(["commit", "-qm", "add bob"], { cwd: a });
    alice.git(["push", "-q", "origin", "HEAD"], { cwd: a });
    bob.git(["clone", "-q", remote, "b"]);
    return { bob, b: join(bob.root, "b"), bobRecipient };
  }

  /** Mallory's clone edits team.json with `edit` and pushes the branch `pr`; alice merges it (as a reviewer who missed the line would). */
  function mergePullRequest(edit: (team: { members: unknown[]; keys: Record<string, { key: string }> }, clone: string) => void): void {
    mallory.git(["clone", "-q", remote, "m"]);
    const m = join(mallory.root, "m");
    mallory.git(["switch", "-q", "-c", "pr"], { cwd: m });
    const path = join(m, ".backpack/team.json");
    const team = JSON.parse(readFileSync(path, "utf8"));
    edit(team, m);
    writeFileSync(path, `${JSON.stringify(team, null, 2)}\n`);
    mallory.git(["add", "-A"], { cwd: m });
    mallory.git(["commit", "-qm", "docs: typo"], { cwd: m });
    mallory.git(["push", "-q", "origin", "pr"], { cwd: m });
    alice.git(["fetch", "-q", "origin"], { cwd: a });
    alice.git(["merge", "-q", "--no-edit", "origin/pr"], { cwd: a });
  }

  /** Every team command that wraps keys is refused with the change named; nothing under .backpack/ changes. */
  function expectEveryWrapRefused(change: RegExp): void {
    const before = keyFiles.map((f) => readFileSync(join(a, f), "utf8"));
    const teamBefore = readFileSync(teamFile(), "utf8");
    for (const [args, command] of [
      [["team", "rotate"], "team rotate"],
      [["team", "rewrap"], "team rewrap"],
      [["team", "add", "carol", "age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq"], "team add"],
      [["team", "remove", "alice"], "team remove"],
    ] as const) {
      const r = alice.backpack([...args], { cwd: a });
      expect(r.status, `${command}: ${r.stdout}${r.stderr}`).toBe(10);
      const [message = "", hint = ""] = r.stderr.trimEnd().split("\n");
      expect(message).toMatch(/^backpack: \.backpack\/team\.json changed since you last wrote or trusted it \(/);
      expect(message).toMatch(change);
      expect(message).toContain(`\`backpack ${command}\` would wrap the team's keys for whoever it lists`);
      expect(hint).toMatch(/^hint: review it .*run `backpack team trust`/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(keyFiles.map((f) => readFileSync(join(a, f), "utf8"))).toEqual(before);
    expect(readFileSync(teamFile(), "utf8")).toBe(teamBefore);
    for (const f of keyFiles) expect(ageOpens(malloryKey, join(a, f)), f).toBe(false);
  }

  itWithAge("an outsider's member line: every wrapping command refuses and names it; the age CLI opens no key file for them", () => {
    mergePullRequest((team) => team.members.push({ name: "mallory", recipient: malloryRecipient, layers: ["credentials", "personality", "memory"] }));
    expectEveryWrapRefused(new RegExp(`member mallory added \\(${malloryRecipient}, reads credentials, personality, memory\\)`));
    // The list says so too, and team trust --show shows the change without trusting it.
    const list = alice.backpack(["team", "list"], { cwd: a });
    expect(list.stderr).toContain("changed since you last wrote or trusted it");
    const show = ok(alice.backpack(["team", "trust", "--show"], { cwd: a }), "team trust --show");
    expect(show).toContain(`member mallory added (${malloryRecipient}`);
    expect(alice.backpack(["team", "rotate"], { cwd: a }).status).toBe(10);
  });

  itWithAge("a partial member widening their own layers, and a key replaced by the attacker's: refused until trusted", () => {
    const bobKey = join(alice.root, "bob.key");
    const bobRecipient = ageKeygen(bobKey);
    ok(alice.backpack(["team", "add", "bob", bobRecipient, "--layers", "personality,memory"], { cwd: a }), "team add bob");
    alice.git(["commit", "-qm", "add bob"], { cwd: a });
    alice.git(["push", "-q", "origin", "HEAD"], { cwd: a });
    const fileKey = JSON.parse(readFileSync(teamFile(), "utf8")).keys.file.key as string;
    mergePullRequest((team) => {
      (team.members[1] as { layers: string[] }).layers = ["credentials", "personality", "memory"];
      (team.keys.file as { key: string }).key = "0123456789abcdef";
    });
    expectEveryWrapRefused(/member bob's layers changed from personality, memory to credentials, personality, memory; the file key changed from [0-9a-f]{16} to 0123456789abcdef/);
    expect(ageOpens(bobKey, join(a, ".backpack/keys/credentials.age"))).toBe(false);
    const doctor = alice.backpack(["doctor"], { cwd: a });
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toMatch(/team trust +\.backpack\/team\.json changed since you last wrote or trusted it: .*the file key changed from [0-9a-f]{16} to 0123456789abcdef \(git add cannot encrypt until you trust it\)/);
    expect(fileKey).not.toBe("0123456789abcdef");
  });

  it("a member's fresh clone trusts the team once (shown in full); then their own changes need no trusting", () => {
    const { bob, b } = bobJoinsAndClones();
    // setup trusts the team file as cloned (trust on first use, as ssh's known_hosts).
    expect(ok(bob.backpack(["setup"], { cwd: b }), "bob setup")).toMatch(/\.backpack\/team\.json: its 2 member\(s\) and keys recorded as trusted in this clone/);
    expect(ok(bob.backpack(["team", "trust"], { cwd: b }), "trusted by setup")).toContain("nothing to trust");
    // A clone set up by an earlier release has no record: the whole file is shown and trusted once.
    rmSync(join(b, ".git/backpack/team-trusted.json"));
    const refused = bob.backpack(["team", "rotate"], { cwd: b });
    expect(refused.status).toBe(10);
    expect(refused.stderr).toMatch(/^backpack: you have not trusted \.backpack\/team\.json in this clone yet \(member alice added .*; member bob added /);
    const trusted = ok(bob.backpack(["team", "trust"], { cwd: b }), "team trust");
    expect(trusted).toContain("not trusted in this clone yet; .backpack/team.json lists:");
    expect(trusted).toMatch(/trusted: team add, remove, rotate and rewrap now wrap keys for these 2 member\(s\)/);
    expect(ok(bob.backpack(["team", "trust"], { cwd: b }), "trust again")).toContain("nothing to trust");
    ok(bob.backpack(["team", "rotate"], { cwd: b }), "bob rotates");
    ok(bob.backpack(["team", "rewrap"], { cwd: b }), "bob rewraps what he just wrote");
    bob.git(["commit", "-qm", "rotate"], { cwd: b });
    bob.git(["push", "-q", "origin", "HEAD"], { cwd: b });
    // Alice pulls bob's rotation: new keys she did not write, shown and trusted before she wraps again.
    alice.git(["pull", "-q", "--no-rebase", "origin", "main"], { cwd: a });
    const aliceRefused = alice.backpack(["team", "rewrap"], { cwd: a });
    expect(aliceRefused.status).toBe(10);
    expect(aliceRefused.stderr).toMatch(/the file key changed from [0-9a-f]{16} to [0-9a-f]{16}/);
    ok(alice.backpack(["team", "trust"], { cwd: a }), "alice trusts bob's rotation");
    ok(alice.backpack(["team", "rewrap"], { cwd: a }), "alice rewraps");
    expect(JSON.parse(ok(alice.backpack(["show", "--json"], { cwd: a }), "show")).memory).toEqual({ notes: [MEMORY_NOTE] });
  });

  itWithAge("a key replaced by one the attacker made and wrapped for everyone: git add and lock refuse to encrypt with it", () => {
    // Mallory's own key, as a key line, wrapped with the real age CLI for alice and herself.
    const line = `BACKPACK-KEY-1:${Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256)).toString("base64url")}`;
    const imported = ok(mallory.backpack(["key", "import"], { cwd: mallory.root, input: line }), "key import");
    const malloryFingerprint = (/[0-9a-f]{16}/.exec(imported) ?? [""])[0];
    expect(malloryFingerprint).toMatch(/^[0-9a-f]{16}$/);
    const aliceRecipient = JSON.parse(readFileSync(teamFile(), "utf8")).members[0].recipient as string;
    const memoryKey = JSON.parse(readFileSync(teamFile(), "utf8")).keys.memory.key as string;
    mergePullRequest((team, clone) => {
      (team.keys.memory as { key: string }).key = malloryFingerprint;
      const r = spawnSync("age", ["-r", aliceRecipient, "-r", malloryRecipient, "-a", "-o", join(clone, ".backpack/keys/memory.age")], { input: line, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
    });
    expect(ageOpens(malloryKey, join(a, ".backpack/keys/memory.age"))).toBe(true);

    const indexBefore = alice.git(["ls-files", "-s"], { cwd: a }).stdout;
    const edited = JSON.parse(readFileSync(join(a, "agent.lock"), "utf8"));
    edited.memory = { notes: [MEMORY_NOTE, "written after the pull request"] };
    writeFileSync(join(a, "agent.lock"), `${JSON.stringify(edited, null, 2)}\n`);
    const add = alice.git(["add", "agent.lock"], { cwd: a, allowFail: true });
    expect(add.status).not.toBe(0);
    expect(add.stderr).toContain(`cannot encrypt agent.lock: the team's keys in .backpack/team.json changed since you last wrote or trusted it (the memory key changed from ${memoryKey} to ${malloryFingerprint})`);
    expect(add.stderr).toContain("backpack team trust");
    expect(alice.git(["ls-files", "-s"], { cwd: a }).stdout).toBe(indexBefore);
    const lock = alice.backpack(["lock"], { cwd: a });
    expect(lock.status).toBe(10);
    expect(lock.stderr).toContain(`the memory key changed from ${memoryKey} to ${malloryFingerprint}`);
    // Nothing under mallory's key reached the object store.
    const objects = spawnSync("git", ["cat-file", "--batch-all-objects", "--batch"], { cwd: a, encoding: "latin1", maxBuffer: 64 << 20 }).stdout;
    expect(objects).not.toContain(`"memory":"${malloryFingerprint}"`);
    expect(objects).not.toContain("written after the pull request");
  });

  itWithAge("a member who only ran setup: a pulled key swap is refused by git add (setup recorded the team as cloned)", () => {
    const { bob, b, bobRecipient } = bobJoinsAndClones();
    ok(bob.backpack(["setup"], { cwd: b }), "bob setup");
    const line = `BACKPACK-KEY-1:${Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 53 + 7) % 256)).toString("base64url")}`;
    const malloryFingerprint = (/[0-9a-f]{16}/.exec(ok(mallory.backpack(["key", "import"], { cwd: mallory.root, input: line }), "key import")) ?? [""])[0];
    const memoryKey = JSON.parse(readFileSync(teamFile(), "utf8")).keys.memory.key as string;
    mergePullRequest((team, clone) => {
      (team.keys.memory as { key: string }).key = malloryFingerprint;
      // Wrapped for every member, so that each of them can encrypt with it.
      const r = spawnSync("age", ["-r", bobRecipient, "-r", malloryRecipient, "-a", "-o", join(clone, ".backpack/keys/memory.age")], { input: line, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
    });
    alice.git(["push", "-q", "origin", "HEAD"], { cwd: a });
    bob.git(["pull", "-q", "--no-rebase", "origin", "main"], { cwd: b });
    const edited = JSON.parse(readFileSync(join(b, "agent.lock"), "utf8"));
    edited.memory = { notes: [MEMORY_NOTE, "bob wrote this after the pull"] };
    writeFileSync(join(b, "agent.lock"), `${JSON.stringify(edited, null, 2)}\n`);
    const add = bob.git(["add", "agent.lock"], { cwd: b, allowFail: true });
    expect(add.status).not.toBe(0);
    expect(add.stderr).toContain(`the memory key changed from ${memoryKey} to ${malloryFingerprint}`);
    const objects = spawnSync("git", ["cat-file", "--batch-all-objects", "--batch"], { cwd: b, encoding: "latin1", maxBuffer: 64 << 20 }).stdout;
    expect(objects).not.toContain("bob wrote this after the pull");
  });

  it("your own team rotate, killed midway and finished by doctor --fix, needs no trusting: git add encrypts with the new keys", async () => {
    ok(alice.backpack(["lock"], { cwd: a }), "lock");
    const marker = join(alice.root, "paused");
    const child = spawn(process.execPath, [CLI, "team", "rotate"], {
      cwd: a,
      env: { ...alice.env, BACKPACK_TEST_PAUSE: "rotate-after-files:1", BACKPACK_TEST_PAUSE_FILE: marker },
      stdio: "ignore",
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_, signal) => resolve(signal)));
    for (let i = 0; i < 3000 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 20));
    expect(existsSync(marker)).toBe(true);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const fix = alice.backpack(["doctor", "--fix"], { cwd: a });
    expect(fix.stderr).toContain("finished an interrupted key rotation");
    expect(ok(alice.backpack(["team", "trust", "--show"], { cwd: a }), "trust --show")).toContain("nothing to trust");
    ok(alice.backpack(["unlock"], { cwd: a }), "unlock");
    const edited = JSON.parse(readFileSync(join(a, "agent.lock"), "utf8"));
    edited.memory = { notes: [MEMORY_NOTE, "after the rotation"] };
    writeFileSync(join(a, "agent.lock"), `${JSON.stringify(edited, null, 2)}\n`);
    const add = alice.git(["add", "agent.lock"], { cwd: a, allowFail: true });
    expect(add.status, add.stderr).toBe(0);
    const fileKey = JSON.parse(readFileSync(teamFile(), "utf8")).keys.file.key as string;
    expect(alice.git(["cat-file", "-p", ":agent.lock"], { cwd: a }).stdout).toContain(`"key": "${fileKey}"`);
  }, 60_000);
});
