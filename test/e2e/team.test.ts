// Keychain pass (.ci/run): member identities and wrapped keys in each user's key store.
/**
 * Teams end to end: two users (separate HOMEs, separate age identities) work
 * on one repository through a shared bare remote with real git and the built
 * CLI; the real `age` CLI opens the wrapped keys; a removed member cannot read
 * what is committed next; a CI identity from BACKPACK_IDENTITY(_FILE) opens a
 * fresh clone with nothing else.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, STORE_NAME, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";
import { ageDecrypt, ageKeygen, ok, sharedRepo } from "../helpers/team.js";
import { itWithTool } from "../helpers/tools.js";

/** Fake but real-looking values: they must never reach the object store or any output. */
const DEPLOY_TOKEN = "ghp_FAKEteamTokenValue0123456789abcdefABCD";
const MEMORY_NOTE = "the staging db moved to eu-west-3";
const AFTER_REMOVAL = "a secret plan made after bob left";
const NEW_TOKEN = "new-credential-value-only-alice-reads";

const doc = {
  version: 2,
  credentials: { DEPLOY_TOKEN: { source: "embedded", value: DEPLOY_TOKEN }, OPENAI_API_KEY: { source: "vault" } },
  personality: { system_prompt: "You ship releases.", tone: "terse" },
  memory: { notes: [MEMORY_NOTE] },
};


/** The tests that use the real age CLI (Debian's age package). */
const itWithAge = itWithTool("age", "age");

describe("backpack team", () => {
  let alice: Sandbox;
  let bob: Sandbox;
  let remote: string;
  let a: string;

  beforeEach(() => {
    alice = makeSandbox();
    bob = alice.machine("bob");
    ({ remote, clone: a } = sharedRepo(alice, doc));
  });
  afterEach(() => alice.cleanup());

  const showJson = (sb: Sandbox, cwd: string) => JSON.parse(ok(sb.backpack(["show", "--json", "--show-secrets"], { cwd }), "show"));

  it("two members share a repository through a remote; the removed one cannot read what comes next", () => {
    const init = ok(alice.backpack(["team", "init", "--name", "alice"], { cwd: a }), "team init");
    expect(init).toMatch(/team started: alice \(age1[0-9a-z]{58}\) reads credentials, personality, memory/);
    expect(alice.git(["status", "--short"], { cwd: a }).stdout).toMatch(/A {2}\.backpack\/team\.json/);
    alice.git(["commit", "-qm", "team"], { cwd: a });

    // Bob makes his identity and sends the recipient; alice adds him.
    const bobRecipient = ok(bob.backpack(["identity"]), "identity").trim();
    expect(bobRecipient).toMatch(/^age1[0-9a-z]{58}$/);
    expect(ok(bob.backpack(["identity"]), "identity again").trim()).toBe(bobRecipient);
    ok(alice.backpack(["team", "add", "bob", bobRecipient], { cwd: a }), "team add");
    alice.git(["commit", "-qm", "add bob"], { cwd: a });
    alice.git(["push", "-q", "origin", "HEAD"], { cwd: a });
    const list = JSON.parse(ok(alice.backpack(["team", "list", "--json"], { cwd: a }), "team list"));
    expect(list.members.map((m: { name: string }) => m.name)).toEqual(["alice", "bob"]);
    expect(list.you).toMatchObject({ member: "alice", readable: ["credentials", "personality", "memory"] });
    const doctor = alice.backpack(["doctor"], { cwd: a }).stdout;
    expect(doctor).toMatch(new RegExp(`age identity\\s+age1[0-9a-z]{58} \\(from ${STORE_NAME} store\\)`));
    expect(doctor).toMatch(/member alice\s+reads credentials, personality, memory \(you\)/);
    expect(doctor).toMatch(/member bob\s+reads credentials, personality, memory\n/);
    expect(doctor).toMatch(/your layers\s+you can open credentials, personality, memory/);

    // A fresh clone unlocks with bob's identity and nothing else: no key line passed between them.
    bob.git(["clone", "-q", remote, "b"]);
    const b = join(bob.root, "b");
    const setup = ok(bob.backpack(["setup"], { cwd: b }), "bob setup");
    expect(setup).toMatch(/unlocked 1 agent\.lock/);
    expect(showJson(bob, b).memory).toEqual({ notes: [MEMORY_NOTE] });

    // Both commit and pull.
    const bobDoc = { ...doc, memory: { notes: [MEMORY_NOTE, "bob was here"] } };
    writeFileSync(join(b, "agent.lock"), `${JSON.stringify(bobDoc, null, 2)}\n`);
    bob.git(["commit", "-qam", "bob's memory"], { cwd: b });
    bob.git(["push", "-q", "origin", "HEAD"], { cwd: b });
    alice.git(["pull", "-q", "--no-rebase", "origin", "main"], { cwd: a });
    expect(showJson(alice, a).memory.notes).toContain("bob was here");

    // Alice removes bob: a new key, every agent.lock re-encrypted in the same change.
    const removed = ok(alice.backpack(["team", "remove", "bob"], { cwd: a }), "team remove");
    expect(removed).toMatch(/removed bob; new keys for what they could read \(the file key and the credentials, personality, memory layer key\(s\)\), wrapped for the 1 member\(s\) left/);
    expect(removed).toMatch(/History stays readable to them/);
    expect(removed).toMatch(/rotate these credentials where they are issued \(backpack cannot un-share them\): DEPLOY_TOKEN/);
    expect(removed).not.toContain(DEPLOY_TOKEN);
    alice.git(["commit", "-qm", "remove bob"], { cwd: a });
    const later = { ...doc, memory: { notes: [AFTER_REMOVAL] } };
    writeFileSync(join(a, "agent.lock"), `${JSON.stringify(later, null, 2)}\n`);
    alice.git(["commit", "-qam", "after bob"], { cwd: a });
    alice.git(["push", "-q", "origin", "HEAD"], { cwd: a });

    // Bob pulls: the checkout goes on, the file stays locked, nothing of it opens for him.
    const pull = bob.git(["pull", "-q", "--no-rebase", "origin", "main"], { cwd: b });
    expect(pull.stderr).toMatch(/agent\.lock stays locked/);
    expect(readFileSync(join(b, "agent.lock"), "utf8")).toMatch(/"backpack": "agent\.lock"/);
    const show = bob.backpack(["show"], { cwd: b });
    expect(show.status).toBe(5);
    expect(`${show.stdout}${show.stderr}`).not.toContain(AFTER_REMOVAL);
    // ...while the commits from before stay readable to him (the documented limit of removal).
    const old = bob.git(["show", "--textconv", "HEAD~2:agent.lock"], { cwd: b });
    expect(old.stdout).toContain("bob was here");

    for (const [sb, repo] of [[alice, a], [bob, b]] as const) assertNoPlaintextInObjects(sb, repo, [DEPLOY_TOKEN, MEMORY_NOTE, AFTER_REMOVAL, "You ship releases"]);
  });

  it("access per layer: bob reads personality and memory, never the credentials, and both commit and pull", () => {
    ok(alice.backpack(["team", "init", "--name", "alice"], { cwd: a }), "team init");
    alice.git(["commit", "-qm", "team"], { cwd: a });
    const bobRecipient = ok(bob.backpack(["identity"]), "identity").trim();
    const added = ok(alice.backpack(["team", "add", "bob", bobRecipient, "--layers", "personality,memory"], { cwd: a }), "team add --layers");
    expect(added).toMatch(/added bob: reads personality, memory/);
    // Only the keys of the layers granted (and the file key) changed: credentials.age is not wrapped for bob.
    expect(alice.git(["status", "--short"], { cwd: a }).stdout.split("\n").filter(Boolean).sort()).toEqual(
      [".backpack/keys/file.age", ".backpack/keys/memory.age", ".backpack/keys/personality.age", ".backpack/team.json"].map((f) => `M  ${f}`),
    );
    alice.git(["commit", "-qm", "add bob (personality, memory)"], { cwd: a });
    alice.git(["push", "-q", "origin", "HEAD"], { cwd: a });
    const team = JSON.parse(readFileSync(join(a, ".backpack/team.json"), "utf8"));

    bob.git(["clone", "-q", remote, "b"]);
    const b = join(bob.root, "b");
    const outputs: string[] = [];
    const run = (args: string[], what: string) => {
      const r = bob.backpack(args, { cwd: b });
      outputs.push(r.stdout, r.stderr);
      return ok(r, what);
    };
    run(["setup"], "bob setup");
    // The credentials stay sealed in his working file, visibly, with who can open them.
    const working = JSON.parse(readFileSync(join(b, "agent.lock"), "utf8"));
    expect(working.credentials).toEqual({ $sealed: expect.stringMatching(/^v3\.[jz]\./), key: team.keys.credentials.key, readers: ["alice"] });
    expect(working.memory).toEqual({ notes: [MEMORY_NOTE] });
    expect(bob.git(["status", "--porcelain"], { cwd: b }).stdout).toBe("");
    expect(run(["show"], "show")).toMatch(/\[credentials\] sealed \(readers: alice\): you do not hold this layer's key/);
    expect(JSON.parse(run(["show", "--json", "--show-secrets"], "show --json")).credentials).toEqual({ sealed: true, readers: ["alice"] });

    // Bob edits the memory and commits: the sealed token goes back byte for byte.
    const credentialsLine = (text: string) => text.split("\n").find((l) => l.includes('"credentials": "v3.')) ?? "none";
    working.memory.notes.push("bob was here");
    writeFileSync(join(b, "agent.lock"), `${JSON.stringify(working, null, 2)}\n`);
    const diff = bob.git(["diff"], { cwd: b }).stdout;
    expect(diff).toMatch(/\+\s+"bob was here"/);
    expect(bob.git(["show", "--textconv", "HEAD:agent.lock"], { cwd: b }).stdout).toMatch(/"credentials": "sealed \(readers: alice\) [0-9a-f]{8}"/);
    expect(run(["diff"], "backpack diff")).toMatch(/\[credentials\] sealed \(readers: alice\): unchanged/);
    bob.git(["commit", "-qam", "bob's memory"], { cwd: b });
    const stored = bob.git(["cat-file", "blob", "HEAD:agent.lock"], { cwd: b }).stdout;
    expect(credentialsLine(stored)).toMatch(/"credentials": "v3\./);
    expect(credentialsLine(stored)).toBe(credentialsLine(bob.git(["cat-file", "blob", "HEAD~1:agent.lock"], { cwd: b }).stdout));
    bob.git(["push", "-q", "origin", "HEAD"], { cwd: b });

    // Alice changes the credentials while bob changes the tone: both pull, the merge takes the sealed layer whole.
    alice.git(["pull", "-q", "--no-rebase", "origin", "main"], { cwd: a });
    const aliceDoc = showJson(alice, a);
    expect(aliceDoc.memory.notes).toEqual([MEMORY_NOTE, "bob was here"]);
    expect(aliceDoc.credentials.DEPLOY_TOKEN.value).toBe(DEPLOY_TOKEN);
    const aWorking = JSON.parse(readFileSync(join(a, "agent.lock"), "utf8"));
    aWorking.credentials.NEW_TOKEN = { source: "embedded", value: NEW_TOKEN };
    writeFileSync(join(a, "agent.lock"), `${JSON.stringify(aWorking, null, 2)}\n`);
    alice.git(["commit", "-qam", "alice: a new credential"], { cwd: a });
    alice.git(["push", "-q", "origin", "HEAD"], { cwd: a });
    const bWorking = JSON.parse(readFileSync(join(b, "agent.lock"), "utf8"));
    bWorking.personality.tone = "warm";
    writeFileSync(join(b, "agent.lock"), `${JSON.stringify(bWorking, null, 2)}\n`);
    bob.git(["commit", "-qam", "bob: warmer"], { cwd: b });
    const merge = bob.git(["pull", "-q", "--no-rebase", "origin", "main"], { cwd: b });
    expect(merge.status, merge.stderr).toBe(0);
    outputs.push(merge.stdout, merge.stderr);
    const merged = JSON.parse(readFileSync(join(b, "agent.lock"), "utf8"));
    expect(merged.personality.tone).toBe("warm");
    expect(merged.credentials.readers).toEqual(["alice"]);
    bob.git(["push", "-q", "origin", "HEAD"], { cwd: b });
    alice.git(["pull", "-q", "--no-rebase", "origin", "main"], { cwd: a });
    const both = showJson(alice, a);
    expect(both.personality.tone).toBe("warm");
    expect(both.credentials.NEW_TOKEN.value).toBe(NEW_TOKEN);
    ok(alice.backpack(["verify"], { cwd: a }), "verify by a reader of every layer");
    const bobVerify = run(["verify", "--all"], "verify by bob");
    expect(bobVerify).toMatch(/blob\(s\) with the credentials layer sealed for you: only a reader of it can check that layer/);

    // What bob can do to the layer he cannot read: put back its earlier token. The integrity line accepts it
    // (he holds the file key); verify over history names it, for a reader to confirm.
    const rolled = JSON.parse(readFileSync(join(b, "agent.lock"), "utf8"));
    rolled.credentials = working.credentials;
    writeFileSync(join(b, "agent.lock"), `${JSON.stringify(rolled, null, 2)}\n`);
    bob.git(["commit", "-qam", "bob: an older credentials layer"], { cwd: b });
    bob.git(["push", "-q", "origin", "HEAD"], { cwd: b });
    alice.git(["pull", "-q", "--no-rebase", "origin", "main"], { cwd: a });
    expect(showJson(alice, a).credentials.NEW_TOKEN).toBeUndefined();
    const caught = alice.backpack(["verify", "--all"], { cwd: a });
    expect(caught.status).toBe(1);
    expect(caught.stderr).toMatch(/agent\.lock: the credentials layer went back to an earlier version of itself/);

    // Alice removes bob: only the file key and his layers get new keys; the credentials key stays.
    const removed = ok(alice.backpack(["team", "remove", "bob"], { cwd: a }), "team remove");
    expect(removed).toMatch(/the file key and the personality, memory layer key\(s\)/);
    const after = JSON.parse(readFileSync(join(a, ".backpack/team.json"), "utf8"));
    expect(after.keys.credentials.key).toBe(team.keys.credentials.key);
    expect(after.keys.memory.key).not.toBe(team.keys.memory.key);
    expect(after.keys.file.key).not.toBe(team.keys.file.key);
    alice.git(["commit", "-qm", "remove bob"], { cwd: a });
    const later = { ...JSON.parse(readFileSync(join(a, "agent.lock"), "utf8")), memory: { notes: [AFTER_REMOVAL] } };
    writeFileSync(join(a, "agent.lock"), `${JSON.stringify(later, null, 2)}\n`);
    alice.git(["commit", "-qam", "after bob"], { cwd: a });
    alice.git(["push", "-q", "origin", "HEAD"], { cwd: a });
    const pull = bob.git(["pull", "-q", "--no-rebase", "origin", "main"], { cwd: b });
    outputs.push(pull.stdout, pull.stderr);
    expect(readFileSync(join(b, "agent.lock"), "utf8")).toMatch(/"backpack": "agent\.lock"/);
    const show = bob.backpack(["show"], { cwd: b });
    outputs.push(show.stdout, show.stderr);
    expect(show.status).toBe(5);

    // Bob never saw the credentials: not in his working tree, his object store, or anything printed to him.
    for (const out of outputs) {
      expect(out).not.toContain(DEPLOY_TOKEN);
      expect(out).not.toContain(NEW_TOKEN);
      expect(out).not.toContain(AFTER_REMOVAL);
    }
    expect(readFileSync(join(b, "agent.lock"), "utf8")).not.toContain(DEPLOY_TOKEN);
    assertNoPlaintextInObjects(bob, b, [DEPLOY_TOKEN, NEW_TOKEN, AFTER_REMOVAL]);
    assertNoPlaintextInObjects(alice, a, [DEPLOY_TOKEN, NEW_TOKEN, AFTER_REMOVAL, MEMORY_NOTE]);
  });

  itWithAge("the age CLI opens each key file a member with some layers is entitled to, and no other", () => {
    ok(alice.backpack(["team", "init", "--name", "alice"], { cwd: a }), "team init");
    const ci = join(alice.root, "ci.key");
    ok(alice.backpack(["team", "add", "ci", ageKeygen(ci), "--layers", "personality,memory"], { cwd: a }), "team add ci");
    const team = JSON.parse(readFileSync(join(a, ".backpack/team.json"), "utf8"));
    for (const group of ["file", "personality", "memory"]) {
      const opened = ageDecrypt(ci, join(a, `.backpack/keys/${group}.age`));
      expect(opened.status, `${group}: ${opened.stderr}`).toBe(0);
      const imported = alice.backpack(["key", "import"], { cwd: alice.machine(`check-${group}`).root, input: opened.stdout });
      expect(imported.stdout).toContain(team.keys[group].key);
    }
    const refused = ageDecrypt(ci, join(a, ".backpack/keys/credentials.age"));
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).toBe("");
  });

  itWithAge("wraps keys as standard age files: the age CLI opens them for a member, and not for anyone else", () => {
    ok(alice.backpack(["team", "init", "--name", "alice"], { cwd: a }), "team init");
    const ci = join(alice.root, "ci.key");
    const stranger = join(alice.root, "stranger.key");
    const ciRecipient = ageKeygen(ci);
    ageKeygen(stranger);
    ok(alice.backpack(["team", "add", "ci", ciRecipient], { cwd: a }), "team add ci");

    const opened = ageDecrypt(ci, join(a, ".backpack/keys/credentials.age"));
    expect(opened.status, opened.stderr).toBe(0);
    expect(opened.stdout).toMatch(/^BACKPACK-KEY-1:[A-Za-z0-9_-]{43}$/);
    const team = JSON.parse(readFileSync(join(a, ".backpack/team.json"), "utf8"));
    // The key the age CLI opened is the one the team file names.
    const viaEnv = alice.backpack(["key", "import"], { cwd: alice.machine("check").root, input: opened.stdout });
    expect(viaEnv.stdout).toContain(team.keys.credentials.key);

    const refused = ageDecrypt(stranger, join(a, ".backpack/keys/credentials.age"));
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).toBe("");
  });

  itWithAge("a CI identity (BACKPACK_IDENTITY_FILE or BACKPACK_IDENTITY) opens a fresh clone with nothing else", () => {
    ok(alice.backpack(["team", "init", "--name", "alice"], { cwd: a }), "team init");
    const ciKey = join(alice.root, "ci.key");
    ok(alice.backpack(["team", "add", "ci", ageKeygen(ciKey)], { cwd: a }), "team add ci");
    alice.git(["commit", "-qm", "team"], { cwd: a });
    alice.git(["push", "-q", "origin", "HEAD"], { cwd: a });

    const runner = alice.machine("runner");
    runner.git(["clone", "-q", remote, "w"]);
    const w = join(runner.root, "w");
    const locked = runner.backpack(["show"], { cwd: w });
    expect(locked.status).toBe(5);
    expect(locked.stderr).toMatch(/hint: you have no age identity here \(`backpack identity`, BACKPACK_IDENTITY_FILE\)/);

    const byFile = runner.backpack(["show", "--json", "--show-secrets"], { cwd: w, env: { BACKPACK_IDENTITY_FILE: ciKey } });
    expect(byFile.status, byFile.stderr).toBe(0);
    expect(JSON.parse(byFile.stdout).credentials.DEPLOY_TOKEN.value).toBe(DEPLOY_TOKEN);

    const identityText = readFileSync(ciKey, "utf8");
    const byValue = runner.backpack(["show", "--json"], { cwd: w, env: { BACKPACK_IDENTITY: identityText } });
    expect(byValue.status, byValue.stderr).toBe(0);
    expect(JSON.parse(byValue.stdout).memory).toEqual({ notes: [MEMORY_NOTE] });
    // An identity from the environment keeps nothing in the runner's stores.
    expect(runner.backpack(["key", "list", "--json"], { cwd: w }).stdout.trim()).toBe("[]");

    const secretLine = identityText.split("\n").find((l) => l.startsWith("AGE-SECRET-KEY-1")) as string;
    const damaged = runner.backpack(["show"], { cwd: w, env: { BACKPACK_IDENTITY: "AGE-SECRET-KEY-1QQQ" } });
    expect(damaged.status).not.toBe(0);
    for (const out of [byFile, byValue, damaged, locked]) expect(`${out.stdout}${out.stderr}`).not.toContain(secretLine);
  });

  it("key_command in the user's config gives the identity; a repository's backpack.toml cannot set it", () => {
    ok(alice.backpack(["team", "init", "--name", "alice"], { cwd: a }), "team init");
    const ciKey = join(alice.root, "ci.key");
    ok(alice.backpack(["team", "add", "ci", ageKeygen(ciKey)], { cwd: a }), "team add ci");
    const marker = join(alice.root, "repo-command-ran");
    const hostile = join(alice.root, "hostile.sh");
    writeFileSync(hostile, `#!/bin/sh\ntouch "${marker}"\ncat "${ciKey}"\n`, { mode: 0o755 });
    writeFileSync(join(a, "backpack.toml"), `key_command = ["${hostile}"]\n`);
    alice.git(["add", "-A"], { cwd: a });
    // A hostile contributor skips hooks (the pre-commit check refuses this file too).
    alice.git(["commit", "-qm", "team, and a hostile setting", "--no-verify"], { cwd: a });
    alice.git(["push", "-q", "origin", "HEAD"], { cwd: a });

    const runner = alice.machine("runner");
    runner.git(["clone", "-q", remote, "w"]);
    const w = join(runner.root, "w");
    const refused = runner.backpack(["show", "--json"], { cwd: w });
    expect(refused.status).toBe(5);
    expect(refused.stderr).toMatch(/backpack\.toml: key_command: can be set only in your user config/);
    expect(existsSync(marker)).toBe(false);

    const helper = join(runner.root, "identity-from-vault.sh");
    writeFileSync(helper, `#!/bin/sh\ncat "$1"\n`, { mode: 0o755 });
    mkdirSync(join(runner.home, ".config/backpack"), { recursive: true });
    writeFileSync(join(runner.home, ".config/backpack/config.toml"), `key_command = ["${helper}", "${ciKey}"]\nkey_command_timeout = 5\n`);
    rmSync(join(w, "backpack.toml"));
    const opened = runner.backpack(["show", "--json"], { cwd: w });
    expect(opened.status, opened.stderr).toBe(0);
    expect(JSON.parse(opened.stdout).memory).toEqual({ notes: [MEMORY_NOTE] });
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses what would lose access or cannot work, changing nothing", () => {
    ok(alice.backpack(["team", "init", "--name", "alice"], { cwd: a }), "team init");
    alice.git(["commit", "-qm", "team"], { cwd: a });
    const before = readFileSync(join(a, ".backpack/team.json"), "utf8");
    const cases: Array<[string[], number, RegExp]> = [
      [["team", "init", "--name", "again"], 2, /already has a team/],
      [["team", "remove", "alice"], 2, /alice is the last member/],
      [["team", "remove", "nobody"], 3, /"nobody" is not a member/],
      [["team", "add", "mallory", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFake"], 2, /not an age X25519 recipient/],
      [["team", "add", "bob", "age1qqqq"], 2, /not an age X25519 recipient/],
      [["team", "add", "bob", "age19w4hv6cwgzpmf8wa5nvzwgaku8fwspfwj53mf92ameaq2wefm9qq9nn0tt", "--layers", "secrets"], 2, /unknown layer "secrets"/],
      [["key", "rotate"], 2, /team repository/],
    ];
    for (const [args, code, message] of cases) {
      const r = alice.backpack(args, { cwd: a });
      expect(r.status, `${args.join(" ")}: ${r.stderr}`).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(join(a, ".backpack/team.json"), "utf8")).toBe(before);
    expect(alice.git(["status", "--porcelain"], { cwd: a }).stdout).toBe("");
  });
});
