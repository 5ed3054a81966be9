/**
 * The textconv and merge drivers driven by real git: git diff, diff --cached,
 * log -p, show; merge, rebase and cherry-pick, with and without conflicts,
 * with and without the key. Every test ends by checking that no plaintext
 * reached the object store.
 */
import { trustRepo } from "../helpers/trust.js";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WorkingForm } from "../../src/core/schema.js";
import { type WiredRepo, copyOfRepo, handWiredRepo, wireByHand } from "../helpers/hand-wired.js";
import { type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";
import { assertSameSecret } from "../helpers/secrets.js";

const SECRET = "sk-live-e2e-SECRET-7f3a9c"; // backpack:allow generic-secret (a fake value for the test)
const SECRET_2 = "sk-live-e2e-ROTATED-55b1e0"; // backpack:allow generic-secret

const base: WorkingForm = {
  version: 2,
  credentials: { DEPLOY: { source: "embedded", value: SECRET }, OPENAI_API_KEY: { source: "vault" } },
  personality: { system_prompt: "You are the e2e analyst.\nCite every source.", tone: "tone-formal" },
  memory: { facts: ["fact-ada-tea"] },
};

/** Every plaintext string the tests put into an agent.lock. */
const PLAINTEXTS = [
  SECRET,
  SECRET_2,
  "e2e analyst",
  "Cite every source",
  "tone-formal",
  "tone-playful",
  "tone-terse",
  "tone-feature",
  "fact-ada-tea",
  "fact-ada-paris",
  "fact-ada-rome",
  "<<<<<<<",
];

function edit(doc: WorkingForm, change: (d: WorkingForm) => void): WorkingForm {
  const copy = structuredClone(doc);
  change(copy);
  return copy;
}

function addFact(doc: WorkingForm, fact: string): void {
  doc.memory.facts = [...(doc.memory.facts as string[]), fact];
}

function writeDoc(repo: WiredRepo, doc: WorkingForm): void {
  writeFileSync(join(repo.dir, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
}

function readWorking(repo: WiredRepo): string {
  return readFileSync(join(repo.dir, "agent.lock"), "utf8");
}

function commitDoc(repo: WiredRepo, doc: WorkingForm, message: string): void {
  writeDoc(repo, doc);
  repo.git(["add", "agent.lock", ".gitattributes"]);
  repo.git(["commit", "-q", "-m", message]);
}

/** The blob a revision holds for agent.lock, as stored. */
function storedBlob(repo: WiredRepo, rev: string): string {
  return repo.git(["cat-file", "blob", `${rev}:agent.lock`]).stdout;
}

/** Keeps one side of every conflict block and drops the markers (what a user does by hand). */
function keepSide(text: string, side: "ours" | "theirs"): string {
  let state: "outside" | "ours" | "theirs" = "outside";
  return text
    .split("\n")
    .filter((line) => {
      if (line.startsWith("<<<<<<< ")) state = "ours";
      else if (line === "=======") state = "theirs";
      else if (line.startsWith(">>>>>>> ")) state = "outside";
      else return state === "outside" || state === side;
      return false;
    })
    .join("\n");
}

/** True when no line of `text` contains a secret (checked without printing it). */
function leaks(text: string): boolean {
  return [SECRET, SECRET_2].some((secret) => text.includes(secret));
}

/** A wired repository with `base` committed: each test of the first two groups starts from a copy. */
let template: Sandbox;
let committedBase: WiredRepo;
beforeAll(() => {
  template = makeSandbox();
  committedBase = handWiredRepo(template);
  commitDoc(committedBase, base, "init");
});
afterAll(() => template.cleanup());

describe("git diff, log -p and show through the textconv driver", () => {
  let sb: Sandbox;
  let repo: WiredRepo;
  beforeEach(() => {
    sb = makeSandbox();
    repo = copyOfRepo(sb, committedBase);
  });
  afterEach(() => sb.cleanup());

  it("show decrypted layers, one line per key, with credential values redacted", () => {
    expect(storedBlob(repo, "HEAD")).toMatch(/^\{\n {2}"backpack": "agent\.lock",/);

    writeDoc(repo, edit(base, (d) => (d.personality.tone = "tone-playful")));
    const diff = repo.git(["diff"]).stdout;
    expect(diff).toMatch(/^- {4}"tone": "tone-formal"\n\+ {4}"tone": "tone-playful"$/m);
    // The hunk header names the layer the hunk starts in (diff.backpack.xfuncname): here the
    // three lines of context reach back into credentials, and personality's own line is in the hunk.
    expect(diff).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@ credentials\n {3}\},\n {3}"personality": \{$/m);
    expect(diff).not.toMatch(/^[-+].*(system_prompt|DEPLOY)/m);

    repo.git(["add", "agent.lock"]);
    expect(repo.git(["diff"]).stdout).toBe("");
    const cached = repo.git(["diff", "--cached"]).stdout;
    expect(cached).toContain('+    "tone": "tone-playful"');

    // A rotated credential shows as a changed fingerprint, never as the values.
    writeDoc(repo, edit(base, (d) => ((d.personality.tone = "tone-playful"), (d.credentials.DEPLOY = { source: "embedded", value: SECRET_2 }))));
    const rotated = repo.git(["diff"]).stdout;
    expect(rotated).toMatch(/^- {6}"value": "<redacted:[0-9a-f]{8}>"\n\+ {6}"value": "<redacted:[0-9a-f]{8}>"$/m);
    repo.git(["commit", "-q", "-am", "tone and rotation"]);

    const log = repo.git(["log", "-p"]).stdout;
    expect(log).toContain('+  "personality": {');
    expect(log).toContain('+    "tone": "tone-playful"');
    expect(log).toMatch(/^\+ {4}"system_prompt": "You are the e2e analyst\./m);
    const show = repo.git(["show", "HEAD"]).stdout;
    expect(show).toContain('-    "tone": "tone-formal"');
    expect(show).toMatch(/^\+ {6}"value": "<redacted:/m);
    expect(repo.git(["show", "HEAD~1:agent.lock"]).stdout).toMatch(/"backpack": "agent\.lock"/);
    for (const out of [diff, cached, rotated, log, show]) expect(leaks(out)).toBe(false);

    // Opting in shows the values: for one command, or in the repository's config.
    const shown = repo.git(["show", "HEAD"], { env: { BACKPACK_SHOW_SECRETS: "1" } }).stdout;
    expect(shown.includes(`+      "value": "${SECRET_2}"`)).toBe(true);
    writeFileSync(join(repo.dir, "backpack.toml"), "[textconv]\nshow_secrets = true\n");
    expect(leaks(repo.git(["show", "HEAD"]).stdout)).toBe(false); // not until the user trusts the file
    trustRepo(sb, repo.dir);
    expect(repo.git(["show", "HEAD"]).stdout.includes(`+      "value": "${SECRET_2}"`)).toBe(true);
    // A broken setting redacts, and says so, without breaking the diff.
    const broken = repo.git(["show", "HEAD"], { env: { BACKPACK_SHOW_SECRETS: "maybe" } });
    expect(leaks(broken.stdout)).toBe(false);
    expect(broken.stderr).toMatch(/BACKPACK_SHOW_SECRETS has an invalid value .*; credential values stay redacted/);

    assertNoPlaintextInObjects(sb, repo.dir, PLAINTEXTS);
  });

  it("without the key, show the header and one fingerprint per layer (a locked clone)", () => {
    commitDoc(repo, edit(base, (d) => addFact(d, "fact-ada-paris")), "memory");
    const clone = join(sb.root, "clone");
    sb.git(["clone", "-q", "--no-checkout", repo.dir, clone]);
    wireByHand(sb, clone, repo.fingerprint, { gitattributes: false });
    const checkout = repo.gitLocked(["checkout", "-q", "main"], { cwd: clone });
    expect(checkout.stderr).toMatch(/stays locked/);
    expect(readFileSync(join(clone, "agent.lock"), "utf8")).toMatch(/"backpack": "agent\.lock"/);

    const log = repo.gitLocked(["log", "-p", "-1", "--unified=9"], { cwd: clone }).stdout;
    expect(log).toContain(` # agent.lock: locked: no key at hand to decrypt it (key ${repo.fingerprint})\n`);
    expect(log).toMatch(/^-\[memory\] encrypted [0-9a-f]{8}\n\+\[memory\] encrypted [0-9a-f]{8}$/m);
    expect(log).toMatch(/^ \[personality\] encrypted [0-9a-f]{8}$/m);
    for (const plain of PLAINTEXTS) expect(log.includes(plain)).toBe(false);
    expect(repo.gitLocked(["status", "--porcelain"], { cwd: clone }).stdout).toBe("");
    assertNoPlaintextInObjects(sb, clone, PLAINTEXTS);
  });
});

describe("git merge, rebase and cherry-pick through the merge driver", () => {
  let sb: Sandbox;
  let repo: WiredRepo;
  const toneOurs = edit(base, (d) => (d.personality.tone = "tone-terse"));
  const toneTheirs = edit(base, (d) => (d.personality.tone = "tone-playful"));
  const memoryTheirs = edit(base, (d) => addFact(d, "fact-ada-paris"));

  beforeEach(() => {
    sb = makeSandbox();
    repo = copyOfRepo(sb, committedBase);
  });
  afterEach(() => sb.cleanup());

  /** Branch `side` from main with `theirs` committed, then `ours` on main. */
  function diverge(ours: WorkingForm, theirs: WorkingForm): void {
    repo.git(["checkout", "-q", "-b", "side"]);
    commitDoc(repo, theirs, "side");
    repo.git(["checkout", "-q", "main"]);
    commitDoc(repo, ours, "main");
  }

  /** A conflicted agent.lock: the markers are readable, the object store holds none of it. */
  function expectReadableConflict(oursTone: string, theirsTone: string): string {
    expect(repo.git(["ls-files", "-u"]).stdout.trim().split("\n")).toHaveLength(3);
    const working = readWorking(repo);
    expect(working).toContain(`<<<<<<< ours\n    "tone": "${oursTone}",\n=======\n    "tone": "${theirsTone}",\n>>>>>>> theirs\n`);
    assertNoPlaintextInObjects(sb, repo.dir, PLAINTEXTS);
    // The driver's result went into the object store as a blob: the conflict form, encrypted.
    const blobs = sb.git(["cat-file", "--batch-all-objects", "--batch", "--unordered"], { cwd: repo.dir }).stdout;
    expect(blobs).toMatch(/"layers": \{\n {4}"conflict": "v2\.[jz]\./);
    // `git add` refuses the file while markers remain.
    const add = repo.git(["add", "agent.lock"], { allowFail: true });
    expect(add.status).not.toBe(0);
    expect(add.stderr).toMatch(/agent\.lock still has merge conflict markers/);
    return working;
  }

  /** Resolves by keeping one side, adds, and checks what the index now holds. */
  function resolveAndAdd(working: string, side: "ours" | "theirs"): void {
    writeFileSync(join(repo.dir, "agent.lock"), keepSide(working, side));
    repo.git(["add", "agent.lock"]);
    expect(repo.git(["cat-file", "blob", ":agent.lock"]).stdout).toMatch(/"personality": "v2\./);
  }

  it("merges a tone change with a memory addition without conflict", () => {
    diverge(toneOurs, memoryTheirs);
    // The driver starts node without NODE_EXTRA_CA_CERTS, as every command setup writes (node warns when it loads a missing file).
    const merge = repo.git(["merge", "-q", "--no-edit", "side"], { env: { NODE_EXTRA_CA_CERTS: join(sb.root, "no-such-certs.pem") } });
    expect(merge.status).toBe(0);
    expect(merge.stderr).not.toMatch(/extra certs/);
    const working = JSON.parse(readWorking(repo)) as WorkingForm;
    expect(working.personality.tone).toBe("tone-terse");
    expect(working.memory.facts).toEqual(["fact-ada-tea", "fact-ada-paris"]);
    expect(storedBlob(repo, "HEAD")).toMatch(/"memory": "v2\./);
    expect(repo.git(["status", "--porcelain"]).stdout).toBe("");
    assertNoPlaintextInObjects(sb, repo.dir, PLAINTEXTS);
  });

  it("merges memory appended on both branches as a union", () => {
    diverge(edit(base, (d) => addFact(d, "fact-ada-rome")), memoryTheirs);
    repo.git(["merge", "-q", "--no-edit", "side"]);
    expect((JSON.parse(readWorking(repo)) as WorkingForm).memory.facts).toEqual(["fact-ada-tea", "fact-ada-rome", "fact-ada-paris"]);
    assertNoPlaintextInObjects(sb, repo.dir, PLAINTEXTS);
  });

  it("leaves readable markers for the same key changed on both sides; resolve, add, commit stores ciphertext", () => {
    diverge(toneOurs, edit(toneTheirs, (d) => addFact(d, "fact-ada-paris")));
    const merge = repo.git(["merge", "--no-edit", "side"], { allowFail: true });
    expect(merge.status).toBe(1);
    expect(merge.stderr).toMatch(/agent\.lock: 1 conflicting key \(personality\.tone\)/);
    expect(merge.stdout).toMatch(/CONFLICT \(content\): Merge conflict in agent\.lock/);
    const working = expectReadableConflict("tone-terse", "tone-playful");
    // The merged memory is there already: only the tone is left to decide.
    expect(working).toContain('"fact-ada-paris"');

    // A working copy left as the conflict form (smudged without a key) unlocks into the same markers.
    const conflictBlob = sb.git(["cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"], { cwd: repo.dir }).stdout
      .split("\n")
      .filter((line) => line.endsWith(" blob"))
      .map((line) => repo.git(["cat-file", "blob", line.split(" ")[0] as string]).stdout)
      .find((text) => text.includes('"conflict": "v2.'));
    expect(conflictBlob).toBeDefined();
    writeFileSync(join(repo.dir, "agent.lock"), conflictBlob as string);
    const unlock = sb.backpack(["unlock"], { cwd: repo.dir, env: repo.keyEnv });
    expect(unlock.status, unlock.stderr).toBe(0);
    assertSameSecret(readWorking(repo), working, "agent.lock unlocked");

    resolveAndAdd(working, "theirs");
    repo.git(["commit", "-q", "--no-edit"]);
    expect(storedBlob(repo, "HEAD")).not.toContain("conflict");
    const merged = JSON.parse(readWorking(repo)) as WorkingForm;
    expect(merged.personality.tone).toBe("tone-playful");
    expect(repo.git(["status", "--porcelain"]).stdout).toBe("");
    expect(repo.git(["show", "HEAD", "--first-parent"]).stdout).toContain('+    "tone": "tone-playful"');
    assertNoPlaintextInObjects(sb, repo.dir, PLAINTEXTS);
  });

  it("handles the same conflict under git rebase", () => {
    diverge(toneOurs, toneTheirs);
    repo.git(["checkout", "-q", "side"]);
    const rebase = repo.git(["rebase", "main"], { allowFail: true });
    expect(rebase.status).not.toBe(0);
    // In a rebase "ours" is the branch being rebased onto, "theirs" the commit being replayed.
    const working = expectReadableConflict("tone-terse", "tone-playful");
    resolveAndAdd(working, "theirs");
    repo.git(["rebase", "--continue"], { env: { GIT_EDITOR: "true" } });
    expect(repo.git(["log", "--format=%s", "-3"]).stdout.trim().split("\n")).toEqual(["side", "main", "init"]);
    expect((JSON.parse(readWorking(repo)) as WorkingForm).personality.tone).toBe("tone-playful");
    expect(repo.git(["status", "--porcelain"]).stdout).toBe("");
    assertNoPlaintextInObjects(sb, repo.dir, PLAINTEXTS);
  });

  it("rebases changes to different keys without conflict", () => {
    diverge(toneOurs, memoryTheirs);
    repo.git(["checkout", "-q", "side"]);
    repo.git(["rebase", "-q", "main"]);
    const doc = JSON.parse(readWorking(repo)) as WorkingForm;
    expect([doc.personality.tone, doc.memory.facts]).toEqual(["tone-terse", ["fact-ada-tea", "fact-ada-paris"]]);
    assertNoPlaintextInObjects(sb, repo.dir, PLAINTEXTS);
  });

  it("handles the same conflict under git cherry-pick, and a clean one", () => {
    diverge(toneOurs, toneTheirs);
    const pick = repo.git(["cherry-pick", "side"], { allowFail: true });
    expect(pick.status).not.toBe(0);
    const working = expectReadableConflict("tone-terse", "tone-playful");
    resolveAndAdd(working, "theirs");
    repo.git(["cherry-pick", "--continue"], { env: { GIT_EDITOR: "true" } });
    expect((JSON.parse(readWorking(repo)) as WorkingForm).personality.tone).toBe("tone-playful");

    repo.git(["checkout", "-q", "-b", "memory", "HEAD~2"]);
    commitDoc(repo, memoryTheirs, "memory");
    repo.git(["checkout", "-q", "main"]);
    repo.git(["cherry-pick", "memory"]);
    const doc = JSON.parse(readWorking(repo)) as WorkingForm;
    expect([doc.personality.tone, doc.memory.facts]).toEqual(["tone-playful", ["fact-ada-tea", "fact-ada-paris"]]);
    expect(repo.git(["status", "--porcelain"]).stdout).toBe("");
    assertNoPlaintextInObjects(sb, repo.dir, PLAINTEXTS);
  });

  it("merges an agent.lock added on both branches (an add/add, against no base)", () => {
    repo.git(["rm", "-q", "agent.lock"]);
    repo.git(["commit", "-q", "-m", "remove"]);
    diverge(toneOurs, memoryTheirs);
    const merge = repo.git(["merge", "--no-edit", "side"], { allowFail: true });
    // Against no base every differing key conflicts: here the tone and the facts list is a union.
    expect(merge.status).toBe(1);
    const working = readWorking(repo);
    expect(working).toContain('<<<<<<< ours\n    "tone": "tone-terse",\n=======\n    "tone": "tone-formal",\n>>>>>>> theirs');
    expect(working).toContain('"facts": [\n      "fact-ada-tea",\n      "fact-ada-paris"\n    ]');
    assertNoPlaintextInObjects(sb, repo.dir, PLAINTEXTS);
  });

  it("without the key, the driver fails closed: git reports a conflict and keeps ours, encrypted", () => {
    diverge(toneOurs, toneTheirs);
    const clone = join(sb.root, "locked");
    sb.git(["clone", "-q", "--no-checkout", repo.dir, clone]);
    wireByHand(sb, clone, repo.fingerprint, { gitattributes: false });
    repo.gitLocked(["checkout", "-q", "main"], { cwd: clone });
    repo.gitLocked(["branch", "side", "origin/side"], { cwd: clone });
    const merge = repo.gitLocked(["merge", "--no-edit", "side"], { cwd: clone, allowFail: true });
    expect(merge.status).not.toBe(0);
    expect(merge.stderr).toMatch(/no key at hand for agent\.lock \(ours\)/);
    const working = readFileSync(join(clone, "agent.lock"), "utf8");
    expect(working).toBe(storedBlob({ ...repo, git: (args) => sb.git(args, { cwd: clone }) }, "HEAD"));
    assertNoPlaintextInObjects(sb, clone, PLAINTEXTS);
  });
});

describe("the merge driver, run as git runs it", () => {
  let sb: Sandbox;
  let repo: WiredRepo;
  beforeEach(() => {
    sb = makeSandbox();
    repo = handWiredRepo(sb);
  });
  afterEach(() => sb.cleanup());

  /** Writes the three versions as git would, runs `backpack git merge %O %A %B %L %P`, returns the run and %A after it. */
  function driver(versions: { base: string; ours: string; theirs: string }, markerSize = "7") {
    const [o, a, b] = ["base", "ours", "theirs"].map((n) => join(repo.dir, `.merge_file_${n}`)) as [string, string, string];
    writeFileSync(o, versions.base);
    writeFileSync(a, versions.ours);
    writeFileSync(b, versions.theirs);
    const run = sb.backpack(["git", "merge", o, a, b, markerSize, "agents/x/agent.lock"], { cwd: repo.dir, env: repo.keyEnv });
    return { run, result: readFileSync(a, "utf8") };
  }

  const working = (doc: WorkingForm) => `${JSON.stringify(doc, null, 2)}\n`;

  it("encrypts its result even when the versions it was given were plaintext (committed without the filter)", () => {
    const { run, result } = driver({ base: working(base), ours: working(edit(base, (d) => (d.personality.tone = "tone-terse"))), theirs: working(edit(base, (d) => addFact(d, "fact-ada-rome"))) });
    expect(run.status, run.stderr).toBe(0);
    expect(result).toMatch(/^\{\n {2}"backpack": "agent\.lock",/);
    for (const plain of PLAINTEXTS) expect(result.includes(plain)).toBe(false);
  });

  it("uses the marker size git passes (%L) and names the path (%P)", () => {
    const { run, result } = driver({ base: working(base), ours: working(edit(base, (d) => (d.personality.tone = "tone-terse"))), theirs: working(edit(base, (d) => (d.personality.tone = "tone-playful"))) }, "9");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^backpack warn: agents\/x\/agent\.lock: 1 conflicting key \(personality\.tone\)/);
    expect(result).toMatch(/"conflict": "v2\./);
    const smudged = sb.backpack(["git", "smudge", "agent.lock"], { cwd: repo.dir, env: repo.keyEnv, input: result });
    expect(smudged.stdout).toMatch(/^<{9} ours\n {4}"tone": "tone-terse",\n={9}\n/m);
  });

  it("leaves %A untouched when a version fails authentication, and says which", () => {
    const stored = (doc: WorkingForm) => sb.backpack(["git", "clean", "agent.lock"], { cwd: repo.dir, env: repo.keyEnv, input: working(doc) }).stdout;
    const ours = stored(base);
    const theirs = stored(edit(base, (d) => (d.personality.tone = "tone-playful"))).replace(/("personality": "v2\.j\.)(.)/, (_, head: string, c: string) => head + (c === "A" ? "B" : "A"));
    const { run, result } = driver({ base: ours, ours, theirs });
    expect(run.status).toBe(6);
    expect(run.stderr).toMatch(/the personality layer of agents\/x\/agent\.lock \(theirs\) failed authentication/);
    expect(result).toBe(ours);
  });
});
