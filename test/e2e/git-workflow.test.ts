// Keychain pass (.ci/run): the filters read the repo key from the key store at every checkout and commit.
/**
 * The filters under real git: commit, checkout, clone (with and without the
 * key), stash, worktrees, sparse checkout, subfolders, CRLF and unicode, a
 * corrupt blob, lock/unlock, verify. One origin repository is shared by the
 * tests in order (each leaves it clean); clones are made where a test needs
 * its own. Every test ends by searching the object store for plaintext.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoKeyAccount } from "../../src/keys/key-source.js";
import { agentFile, snapshotTree } from "../helpers/agent-files.js";
import { assertNoSecrets, assertSameData, assertSameSecret, fakeSecret } from "../helpers/secrets.js";
import { sandboxStore } from "../helpers/vault.js";
import { type Sandbox, STORE_NAME, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";

const STORED_START = '{\n  "backpack": "agent.lock",\n  "version": 2,';

describe("git workflow through the backpack filters", () => {
  let sb: Sandbox;
  let origin: string;
  const files = {
    "agent.lock": agentFile("root"),
    "agents/alpha/agent.lock": agentFile("alpha", { crlf: true, extraMemory: { unicode: "Grüße, 東京, 🚀, zero\u200bwidth", multi: "line1\r\nline2\n" } }),
    // Larger than one pkt-line packet (65516 bytes) in both forms.
    "agents/beta/agent.lock": agentFile("beta", { extraMemory: { log: randomBytes(100_000).toString("hex") } }),
  };
  const paths = Object.keys(files);
  const secrets: string[] = Object.values(files).flatMap((f) => f.secrets);

  const git = (args: string[], cwd = origin) => sb.git(args, { cwd });
  const bp = (args: string[], cwd = origin) => sb.backpack(args, { cwd });
  const status = (cwd = origin) => git(["status", "--porcelain"], cwd).stdout;
  const read = (repo: string, path: string) => readFileSync(join(repo, path), "utf8");
  const write = (repo: string, path: string, text: string) => {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  const clone = (name: string) => {
    const dir = join(sb.root, name);
    git(["clone", "-q", origin, dir], sb.root);
    return dir;
  };
  const parsed = (text: string) => JSON.parse(text) as Record<string, unknown>;

  beforeAll(() => {
    sb = makeSandbox();
    origin = sb.repo("origin");
    const setup = bp(["setup", "--no-hook"]);
    expect(setup.status, setup.stderr).toBe(0);
    for (const [path, file] of Object.entries(files)) write(origin, path, file.text);
    write(origin, "README.md", "an agent\n");
    git(["add", "-A"]);
    git(["commit", "-qm", "agents"]);
  });
  afterAll(() => sb.cleanup());

  it("commits only ciphertext, in subfolders too, and keeps the working copies as written", () => {
    for (const path of paths) {
      expect(git(["check-attr", "filter", "diff", "merge", "--", path]).stdout).toBe(`${path}: filter: backpack\n${path}: diff: backpack\n${path}: merge: backpack\n`);
      expect(git(["cat-file", "-p", `HEAD:${path}`]).stdout.startsWith(STORED_START)).toBe(true);
      assertSameSecret(read(origin, path), files[path as keyof typeof files].text, `${path} as written`);
    }
    expect(Number(git(["cat-file", "-s", "HEAD:agents/beta/agent.lock"]).stdout)).toBeGreaterThan(65516);
    expect(status()).toBe("");
    const st = JSON.parse(bp(["status", "--json"]).stdout) as { files: { path: string; state: string; modified: boolean }[] };
    expect(st.files.map((f) => [f.path, f.state, f.modified])).toEqual(paths.sort().map((p) => [p, "unlocked", false]));
    assertNoPlaintextInObjects(sb, origin, secrets);
  });

  it("keeps status clean after touching every file and after checkouts", () => {
    const later = new Date(Date.now() + 60_000);
    for (const path of paths) utimesSync(join(origin, path), later, later);
    expect(status()).toBe("");

    git(["checkout", "-q", "-b", "change-beta"]);
    const beta = parsed(read(origin, "agents/beta/agent.lock"));
    const betaSecret = fakeSecret("beta-new-memory");
    secrets.push(betaSecret);
    (beta.memory as Record<string, unknown>).added = betaSecret;
    write(origin, "agents/beta/agent.lock", JSON.stringify(beta));
    git(["commit", "-qam", "beta remembers"]);
    git(["checkout", "-q", "main"]);
    expect(parsed(read(origin, "agents/beta/agent.lock")).memory).not.toHaveProperty("added");
    expect(status()).toBe("");
    git(["checkout", "-q", "change-beta"]);
    assertSameSecret((parsed(read(origin, "agents/beta/agent.lock")).memory as Record<string, unknown>).added, betaSecret, "memory.added on change-beta");
    expect(status()).toBe("");
    git(["checkout", "-q", "main"]);
    assertNoPlaintextInObjects(sb, origin, secrets);
  });

  it("round-trips CRLF and unicode content, and clean(smudge(blob)) == blob", () => {
    const path = "agents/alpha/agent.lock";
    const blob = git(["rev-parse", `HEAD:${path}`]).stdout.trim();
    write(origin, path, "");
    git(["checkout", "--", path]);
    const smudged = read(origin, path);
    expect(smudged).not.toContain("\r\n"); // the working form git writes uses LF...
    assertSameData(parsed(smudged), parsed(files[path].text), `${path} smudged`); // ...and holds the same document
    expect((parsed(smudged).memory as Record<string, string>).multi).toBe("line1\r\nline2\n");
    expect(git(["hash-object", `--path=${path}`, path]).stdout.trim()).toBe(blob);
    expect(status()).toBe("");
    assertNoPlaintextInObjects(sb, origin, secrets);
  });

  it("stashes and pops an edited agent.lock without plaintext in the stash", () => {
    const before = read(origin, "agent.lock");
    const doc = parsed(before);
    const stashed = fakeSecret("stashed-memory");
    secrets.push(stashed);
    (doc.memory as Record<string, unknown>).stashed = stashed;
    write(origin, "agent.lock", JSON.stringify(doc, null, 2));
    git(["stash", "-q"]);
    expect(read(origin, "agent.lock")).toBe(before);
    expect(status()).toBe("");
    git(["stash", "pop", "-q"]);
    expect((parsed(read(origin, "agent.lock")).memory as Record<string, unknown>).stashed).toBe(stashed);
    expect(status()).toBe(" M agent.lock\n");
    git(["checkout", "--", "agent.lock"]);
    expect(status()).toBe("");
    assertNoPlaintextInObjects(sb, origin, secrets);
  });

  it("works in a linked worktree (config and key through the common dir)", () => {
    const wt = join(sb.root, "linked");
    git(["worktree", "add", "-q", "-b", "in-worktree", wt]);
    for (const path of paths) expect(parsed(read(wt, path)).version).toBe(2);
    expect(status(wt)).toBe("");
    const doc = parsed(read(wt, "agents/beta/agent.lock"));
    const fromWorktree = fakeSecret("worktree-memory");
    secrets.push(fromWorktree);
    (doc.memory as Record<string, unknown>).worktree = fromWorktree;
    write(wt, "agents/beta/agent.lock", JSON.stringify(doc));
    git(["commit", "-qam", "from the worktree"], wt);
    expect(git(["cat-file", "-p", "in-worktree:agents/beta/agent.lock"]).stdout.startsWith(STORED_START)).toBe(true);
    git(["worktree", "remove", wt]);
    assertNoPlaintextInObjects(sb, origin, secrets);
  });

  it("locks and unlocks in place, touching nothing else, with status clean", () => {
    const others = () => snapshotTree(origin, (rel) => rel === ".git" || rel.endsWith("agent.lock"));
    const untouched = others();
    const unlocked = Object.fromEntries(paths.map((p) => [p, read(origin, p)]));
    const lock = bp(["lock"]);
    expect(lock.status, lock.stderr).toBe(0);
    for (const path of paths) expect(read(origin, path)).toBe(git(["cat-file", "-p", `HEAD:${path}`]).stdout);
    expect(status()).toBe("");
    const st = JSON.parse(bp(["status", "--json"]).stdout) as { files: { state: string }[] };
    expect(st.files.map((f) => f.state)).toEqual(["locked", "locked", "locked"]);
    const unlock = bp(["unlock"]);
    expect(unlock.status, unlock.stderr).toBe(0);
    for (const path of paths) assertSameData(parsed(read(origin, path)), parsed(unlocked[path] as string), path);
    expect(status()).toBe("");
    expect(others()).toEqual(untouched);
    assertNoPlaintextInObjects(sb, origin, secrets);
  });

  it("a clone with the key at hand ends decrypted and clean after setup", () => {
    const dir = clone("with-key");
    expect(read(dir, "agent.lock").startsWith(STORED_START)).toBe(true); // not wired yet: git passes the blob through
    const setup = bp(["setup", "--no-hook"], dir);
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stdout).toMatch(/unlocked 3 agent\.lock file\(s\)/);
    for (const path of paths) assertSameData(parsed(read(dir, path)), parsed(read(origin, path)), path);
    expect(status(dir)).toBe("");
    assertNoPlaintextInObjects(sb, dir, secrets);
  });

  it("a clone without the key checks out locked, stays usable, and unlocks with --key-file", async () => {
    // Another machine: its own home, config and keychain, none of this one's keys.
    const stranger = sb.machine("stranger");
    const dir = join(stranger.root, "without-key");
    stranger.git(["clone", "-q", origin, dir]);
    const sgit = (args: string[]) => stranger.git(args, { cwd: dir });
    const sbp = (args: string[]) => stranger.backpack(args, { cwd: dir });
    const setup = sbp(["setup", "--no-hook"]);
    expect(setup.status, setup.stderr).toBe(0);
    expect(setup.stderr).toMatch(/stay locked: key [0-9a-f]{16} is not on this machine\nhint: .*AGENT_MASTER_KEY/);
    for (const path of paths) expect(read(dir, path).startsWith(STORED_START)).toBe(true);
    expect(sgit(["status", "--porcelain"]).stdout).toBe("");
    // Checkouts pass the stored form through, warning once per process.
    for (const path of paths) write(dir, path, "");
    const checkout = sgit(["checkout", "--", "."]);
    expect(checkout.stderr.match(/stays locked/g)?.length).toBe(1);
    for (const path of paths) expect(read(dir, path).startsWith(STORED_START)).toBe(true);
    sgit(["checkout", "-q", "change-beta"]);
    expect(sgit(["status", "--porcelain"]).stdout).toBe("");
    write(dir, "notes.txt", "unrelated work\n");
    sgit(["add", "notes.txt"]);
    sgit(["commit", "-qm", "unrelated"]);
    // An unlocked edit cannot be committed without the key: clean fails closed.
    const st = JSON.parse(sbp(["status", "--json"]).stdout) as { key: { atHand: boolean }; hint: string };
    expect(st.key.atHand).toBe(false);
    expect(st.hint).toMatch(/--key-file/);

    // The key file a teammate hands over: the exported key from this machine's store.
    const fingerprint = git(["config", "backpack.key"]).stdout.trim();
    const exported = (await sandboxStore(sb).get(repoKeyAccount(fingerprint))) ?? "";
    expect(exported.startsWith("BACKPACK-KEY-1:"), "the origin's key is in its store").toBe(true);
    const keyFile = join(stranger.root, "team.key");
    writeFileSync(keyFile, `${exported}\n`, { mode: 0o600 });
    const unlock = sbp(["unlock", "--key-file", keyFile]);
    expect(unlock.status, unlock.stderr).toBe(0);
    expect(unlock.stdout).toMatch(new RegExp(`saved key ${fingerprint} in the ${STORE_NAME} store\\nunlocked 3 file\\(s\\)`));
    assertNoSecrets([unlock.stdout, unlock.stderr], [exported]);
    for (const path of paths) expect(parsed(read(dir, path)).version).toBe(2);
    expect(sgit(["status", "--porcelain"]).stdout).toBe("");
    assertNoPlaintextInObjects(stranger, dir, secrets);
  });

  it("a sparse checkout leaves files outside the cone alone", () => {
    const dir = clone("sparse");
    expect(bp(["setup", "--no-hook"], dir).status).toBe(0);
    git(["sparse-checkout", "set", "agents/alpha"], dir);
    const st = () => (JSON.parse(bp(["status", "--json"], dir).stdout) as { files: { path: string; state: string }[] }).files.map((f) => `${f.path} ${f.state}`);
    expect(st()).toEqual(["agent.lock unlocked", "agents/alpha/agent.lock unlocked", "agents/beta/agent.lock not-checked-out"]);
    expect(bp(["lock"], dir).stdout).toMatch(/locked 2 file\(s\)/);
    expect(status(dir)).toBe("");
    expect(bp(["unlock"], dir).status).toBe(0);
    // key rotate re-encrypts the index entry outside the cone too, and keeps it outside (skip-worktree) and in the branch.
    const oldKey = git(["config", "backpack.key"], dir).stdout.trim();
    const rotate = bp(["key", "rotate"], dir);
    expect(rotate.status, rotate.stderr).toBe(0);
    const newKey = git(["config", "backpack.key"], dir).stdout.trim();
    expect(newKey).not.toBe(oldKey);
    expect(git(["ls-files", "-t", "--", "agents/beta/agent.lock"], dir).stdout).toBe("S agents/beta/agent.lock\n");
    expect(status(dir)).toBe("M  agent.lock\nM  agents/alpha/agent.lock\nM  agents/beta/agent.lock\n");
    git(["commit", "-qm", "rotate"], dir);
    expect(status(dir)).toBe("");
    for (const path of paths) expect(git(["cat-file", "-p", `HEAD:${path}`], dir).stdout).toContain(`"key": "${newKey}"`);
    git(["sparse-checkout", "add", "agents/beta"], dir);
    expect(st()).toEqual(["agent.lock unlocked", "agents/alpha/agent.lock unlocked", "agents/beta/agent.lock unlocked"]);
    assertSameData(parsed(read(dir, "agents/beta/agent.lock")), parsed(files["agents/beta/agent.lock"].text), "agents/beta/agent.lock after the rotation");
    expect(status(dir)).toBe("");
    assertNoPlaintextInObjects(sb, dir, secrets);
  });

  it("a corrupt blob stays as it is, with a warning naming it, and the other files decrypt", () => {
    const dir = clone("corrupt");
    expect(bp(["setup", "--no-hook"], dir).status).toBe(0);
    const path = "agents/beta/agent.lock";
    const stored = git(["cat-file", "-p", `HEAD:${path}`], dir).stdout;
    const tampered = stored.replace(/("memory": "v2\.[jzb]\.)(.)/, (_, head: string, c: string) => head + (c === "A" ? "B" : "A"));
    expect(tampered).not.toBe(stored);
    const written = sb.git(["hash-object", "-w", "--no-filters", "--stdin"], { cwd: dir, input: tampered }).stdout.trim();
    git(["update-index", "--cacheinfo", `100644,${written},${path}`], dir);
    git(["commit", "-qm", "tampered"], dir);
    for (const p of paths) write(dir, p, "");
    const checkout = git(["checkout", "--", "."], dir);
    expect(checkout.stderr).toMatch(/agents\/beta\/agent\.lock stays locked: the memory layer of agents\/beta\/agent\.lock failed authentication/);
    expect(read(dir, path)).toBe(tampered);
    expect(parsed(read(dir, "agent.lock")).version).toBe(2);
    expect(parsed(read(dir, "agents/alpha/agent.lock")).version).toBe(2);
    expect(status(dir)).toBe("");
    const verify = bp(["verify"], dir);
    expect(verify.status).toBe(1);
    expect(verify.stderr).toMatch(/[0-9a-f]{12} agents\/beta\/agent\.lock: the memory layer of agents\/beta\/agent\.lock failed authentication/);
    assertNoPlaintextInObjects(sb, dir, secrets);
  });

  it("verify catches an agent.lock committed in plaintext without the filter", () => {
    const dir = clone("plaintext");
    const clean = bp(["verify"], dir);
    expect(clean.status, clean.stderr).toBe(0);
    const leaked = agentFile("leaked");
    // What a clone without `backpack setup` (or a libgit2 client) commits: the file as it is.
    const oid = sb.git(["hash-object", "-w", "--no-filters", "--stdin"], { cwd: dir, input: leaked.text }).stdout.trim();
    git(["update-index", "--add", "--cacheinfo", `100644,${oid},leaked/agent.lock`], dir);
    git(["commit", "-qm", "oops"], dir);
    const commit = git(["rev-parse", "HEAD"], dir).stdout.trim();
    for (const args of [["verify"], ["verify", "--all"], ["verify", "HEAD~1..HEAD"]]) {
      const r = bp(args, dir);
      expect(r.status, args.join(" ")).toBe(1);
      expect(r.stderr).toContain(`${commit.slice(0, 12)} leaked/agent.lock: committed in plaintext`);
      assertNoSecrets([r.stdout, r.stderr], leaked.secrets);
    }
    expect(bp(["verify", "HEAD~1"], dir).status).toBe(0);
    const json = JSON.parse(bp(["verify", "--all", "--json"], dir).stdout) as { problems: { commit: string; path: string }[]; authenticated: number };
    expect(json.problems).toEqual([expect.objectContaining({ commit, path: "leaked/agent.lock" })]);
    expect(json.authenticated).toBeGreaterThanOrEqual(3);
    // The plaintext is in this clone's objects on purpose; the encrypted files' is not.
    expect(() => assertNoPlaintextInObjects(sb, dir, leaked.secrets)).toThrow(/plaintext #0/);
    assertNoPlaintextInObjects(sb, dir, secrets);
  });
});
