/**
 * `backpack key rotate` in-process, with real git repositories and real key
 * stores: the file store always, and the OS keychain too when
 * BACKPACK_TEST_KEYCHAIN=1. Failures are made real where git allows it (a
 * locked index) and injected through the file writer where it does not (a
 * full disk), to prove nothing is left half-done.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decryptStoredForm, parseAgentLock, serializeWorkingForm } from "../../src/core/agent-lock.js";
import { exportRepoKey, newRepoKey, resolveRepoKey, type RepoKey } from "../../src/core/key-material.js";
import type { WorkingForm } from "../../src/core/schema.js";
import { saveAgentFile } from "../../src/agent-file/agent-file.js";
import { openContext } from "../../src/git/context.js";
import { importKey } from "../../src/git/key-transfer.js";
import { rotateRepoKey } from "../../src/git/rotate.js";
import { formatKdf } from "../../src/git/repo.js";
import { writeFileAtomic } from "../../src/io/atomic-write.js";
import { repoKeyAccount } from "../../src/keys/key-source.js";
import { availableStores } from "../../src/keys/sources.js";
import { LOADING_BACKENDS, onlyBackend } from "../helpers/keychain-backends.js";
import { type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";
import { asyncFailureOf as failure } from "../helpers/errors.js";
import { assertSameData, assertSameSecret } from "../helpers/secrets.js";

const stores: Array<[string, NodeJS.ProcessEnv]> = [["file store", { BACKPACK_KEYCHAIN: "off" }]];
if (process.env.BACKPACK_TEST_KEYCHAIN === "1") {
  stores.push(["OS keychain (every module that loads)", { BACKPACK_KEYCHAIN: "on" }]);
  // keytar alone cannot list on Linux (src/keys/keychain-backends.ts), and these tests compare lists.
  for (const backend of LOADING_BACKENDS) {
    if (backend === "keytar" && process.platform === "linux") continue;
    stores.push([`OS keychain through ${backend}`, { BACKPACK_KEYCHAIN: onlyBackend(backend) }]);
  }
}

const doc = (memory: Record<string, string | number>, secret = "rotate-embedded-secret-1"): WorkingForm => ({
  version: 2,
  credentials: { DEPLOY_TOKEN: { source: "embedded", value: secret }, OPENAI_API_KEY: { source: "vault" } },
  personality: { system_prompt: "You rotate keys." },
  memory,
});

function header(text: string): string {
  const parsed = parseAgentLock(text);
  if (parsed.form !== "stored") throw new Error(`expected the stored form, got ${parsed.form}`);
  return parsed.stored.key;
}

/** The document a stored text opens to, without its file id (each file saved here got a random one; rotate keeps it, or its absence). */
function open(text: string, key: RepoKey): WorkingForm {
  const parsed = parseAgentLock(text);
  if (parsed.form !== "stored") throw new Error(`expected the stored form, got ${parsed.form}`);
  const { id: _id, ...doc } = decryptStoredForm(parsed.stored, key);
  return doc;
}

describe.each(stores)("key rotate (%s)", (_name, storeEnv) => {
  let sb: Sandbox;
  let env: NodeJS.ProcessEnv;
  let repo: string;
  let oldKey: RepoKey;

  /** Everything rotation may touch, to compare before and after a failure. */
  const snapshot = async () => ({
    files: ["agent.lock", "sub/agent.lock", "other/agent.lock"].map((f) => readFileSync(join(repo, f), "utf8")),
    index: sb.git(["ls-files", "-s"], { cwd: repo }).stdout,
    config: sb.git(["config", "--local", "--list"], { cwd: repo }).stdout,
    accounts: (await Promise.all((await availableStores(openContext(repo, env).sources)).map((s) => s.list()))).flat().sort(),
  });

  beforeEach(async () => {
    sb = makeSandbox();
    env = { ...sb.env, ...storeEnv };
    repo = sb.repo();
    // A repository with a key (as `key import` records it), two committed files,
    // an unstaged edit, and an untracked file.
    const imported = await importKey(openContext(repo, env), exportRepoKey(randomBytes(32)));
    expect(imported.role).toBe("recorded as the repository's key");
    oldKey = await openContext(repo, env).resolver.defaultKey();
    mkdirSync(join(repo, "sub"));
    mkdirSync(join(repo, "other"));
    saveAgentFile(join(repo, "agent.lock"), doc({ n: 1 }), { form: "stored", repoKey: oldKey });
    saveAgentFile(join(repo, "sub/agent.lock"), doc({ n: 2 }), { form: "stored", repoKey: oldKey });
    sb.git(["add", "."], { cwd: repo });
    sb.git(["commit", "-qm", "two agents"], { cwd: repo });
    saveAgentFile(join(repo, "sub/agent.lock"), doc({ n: 2, edited: "not staged" }), { form: "stored", repoKey: oldKey });
    saveAgentFile(join(repo, "other/agent.lock"), doc({ n: 3 }), { form: "stored", repoKey: oldKey });
  });
  afterEach(() => sb.cleanup());

  it("re-encrypts every file and the index with a new key, keeping unstaged edits unstaged", async () => {
    const result = await rotateRepoKey(openContext(repo, env));
    const newKey = await openContext(repo, env).resolver.defaultKey();
    expect(newKey.fingerprint).toBe(result.newFingerprint);
    expect(result.newFingerprint).not.toBe(oldKey.fingerprint);
    expect(result.oldFingerprints).toEqual([oldKey.fingerprint]);
    expect(sb.git(["config", "backpack.key"], { cwd: repo }).stdout.trim()).toBe(result.newFingerprint);
    expect(result.files).toEqual([
      { path: "agent.lock", action: "re-encrypted" },
      { path: "other/agent.lock", action: "re-encrypted" },
      { path: "sub/agent.lock", action: "re-encrypted" },
    ]);
    expect(result.restaged).toEqual(["agent.lock", "sub/agent.lock"]);

    // The working tree: same documents, new key.
    const read = (f: string) => readFileSync(join(repo, f), "utf8");
    assertSameData(open(read("agent.lock"), newKey), doc({ n: 1 }), "agent.lock under the new key");
    assertSameData(open(read("sub/agent.lock"), newKey), doc({ n: 2, edited: "not staged" }), "sub/agent.lock under the new key");
    assertSameData(open(read("other/agent.lock"), newKey), doc({ n: 3 }), "other/agent.lock under the new key");
    // The index: the committed documents, new key; the edit is still only in the working tree.
    const staged = (f: string) => sb.git(["cat-file", "blob", `:${f}`], { cwd: repo }).stdout;
    expect(header(staged("sub/agent.lock"))).toBe(newKey.fingerprint);
    assertSameData(open(staged("sub/agent.lock"), newKey), doc({ n: 2 }), "sub/agent.lock under the new key");
    expect(staged("agent.lock")).toBe(read("agent.lock"));
    expect(sb.git(["status", "--porcelain"], { cwd: repo }).stdout).toBe("M  agent.lock\nMM sub/agent.lock\n?? other/\n");

    // The old key stays (history is encrypted with it) and still opens HEAD.
    assertSameData(open(sb.git(["cat-file", "blob", "HEAD:agent.lock"], { cwd: repo }).stdout, await openContext(repo, env).resolver.keyFor({ key: oldKey.fingerprint }, "HEAD")), doc({ n: 1 }), "HEAD:agent.lock under the old key");

    // The next commit carries the new ciphertext, and no plaintext.
    sb.git(["commit", "-qm", "rotate"], { cwd: repo });
    expect(header(sb.git(["cat-file", "blob", "HEAD:sub/agent.lock"], { cwd: repo }).stdout)).toBe(newKey.fingerprint);
    assertNoPlaintextInObjects(sb, repo, ["rotate-embedded-secret-1", "You rotate keys.", "not staged"]);
  });

  it("--forget-old deletes the old key: earlier commits no longer open here", async () => {
    const result = await rotateRepoKey(openContext(repo, env), { forgetOld: true });
    expect(result.forgotten).toEqual([oldKey.fingerprint]);
    const accounts = (await Promise.all((await availableStores(openContext(repo, env).sources)).map((s) => s.list()))).flat();
    expect(accounts).not.toContain(repoKeyAccount(oldKey.fingerprint));
    expect(accounts).toContain(repoKeyAccount(result.newFingerprint));
    const head = parseAgentLock(sb.git(["cat-file", "blob", "HEAD:agent.lock"], { cwd: repo }).stdout);
    if (head.form !== "stored") throw new Error("expected stored");
    expect((await failure(() => openContext(repo, env).resolver.keyFor(head.stored, "HEAD:agent.lock"))).code).toBe("NO_KEY");
  });

  it("a write failing midway (a full disk) undoes everything: files, index, config, keys", async () => {
    const before = await snapshot();
    let writes = 0;
    const writeFile = (path: string, text: string) => {
      if (++writes === 2) throw Object.assign(new Error("no space left on device"), { code: "ENOSPC" });
      writeFileAtomic(path, text);
    };
    const f = await failure(() => rotateRepoKey(openContext(repo, env), { writeFile }));
    expect(f.code).toBe("IO");
    expect(f.message).toMatch(/key rotation failed, and was undone/);
    expect(await snapshot()).toEqual(before);
  });

  it("a locked index (another git command running) undoes the files already written", async () => {
    const before = await snapshot();
    writeFileSync(join(repo, ".git/index.lock"), "");
    const f = await failure(() => rotateRepoKey(openContext(repo, env)));
    expect(f.code).toBe("GIT");
    expect(f.message).toMatch(/undone/);
    expect(await snapshot()).toEqual(before);
  });

  it("a file whose key is not at hand stops the rotation before anything changes", async () => {
    saveAgentFile(join(repo, "other/agent.lock"), doc({ n: 3 }), { form: "stored", repoKey: newRepoKey(randomBytes(32)) });
    const before = await snapshot();
    const f = await failure(() => rotateRepoKey(openContext(repo, env)));
    expect(f.code).toBe("NO_KEY");
    expect(f.message).toContain("other/agent.lock");
    expect(await snapshot()).toEqual(before);
  });

  it("refuses during an unresolved merge conflict on an agent.lock", async () => {
    sb.git(["checkout", "-qb", "side"], { cwd: repo });
    saveAgentFile(join(repo, "agent.lock"), doc({ n: 10 }), { form: "stored", repoKey: oldKey });
    sb.git(["commit", "-qam", "side"], { cwd: repo });
    sb.git(["checkout", "-q", "main"], { cwd: repo });
    sb.git(["stash", "-q", "--include-untracked"], { cwd: repo });
    saveAgentFile(join(repo, "agent.lock"), doc({ n: 20 }), { form: "stored", repoKey: oldKey });
    sb.git(["commit", "-qam", "main"], { cwd: repo });
    expect(sb.git(["merge", "side"], { cwd: repo, allowFail: true }).status).not.toBe(0);
    const f = await failure(() => rotateRepoKey(openContext(repo, env)));
    expect(f.code).toBe("CONFLICT");
    expect(sb.git(["config", "backpack.key"], { cwd: repo }).stdout.trim()).toBe(oldKey.fingerprint);
  });
});

describe("key rotate in other repositories", () => {
  let sb: Sandbox;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    sb = makeSandbox();
    env = { ...sb.env, BACKPACK_KEYCHAIN: "off" };
  });
  afterEach(() => sb.cleanup());

  it("wired by setup: a working-form file stays as it is, its index blob is re-encrypted", async () => {
    const repo = sb.repo();
    await importKey(openContext(repo, env), exportRepoKey(randomBytes(32)));
    const oldKey = await openContext(repo, env).resolver.defaultKey();
    // What the clean filter would have stored, then the working form smudge leaves.
    saveAgentFile(join(repo, "agent.lock"), doc({ n: 1 }), { form: "stored", repoKey: oldKey });
    sb.git(["add", "agent.lock"], { cwd: repo });
    sb.git(["commit", "-qm", "agent"], { cwd: repo });
    sb.git(["config", "filter.backpack.process", "backpack git filter-process"], { cwd: repo });
    const working = serializeWorkingForm(doc({ n: 1 }));
    writeFileSync(join(repo, "agent.lock"), working);

    const result = await rotateRepoKey(openContext(repo, env));
    expect(result.files).toEqual([{ path: "agent.lock", action: "index only", note: "working form: git encrypts it with the new key" }]);
    assertSameSecret(readFileSync(join(repo, "agent.lock"), "utf8"), working, "agent.lock");
    const staged = sb.git(["cat-file", "blob", ":agent.lock"], { cwd: repo }).stdout;
    expect(header(staged)).toBe(result.newFingerprint);
    assertSameData(open(staged, await openContext(repo, env).resolver.defaultKey()), doc({ n: 1 }), "the staged agent.lock");
  });

  it("a passphrase repository (backpack.kdf) gets a random key; the passphrase key is kept as the backup", async () => {
    const repo = sb.repo();
    const kdf = { name: "scrypt" as const, logN: 10, r: 8, p: 1, salt: randomBytes(16).toString("base64url") };
    const passphrase = "team passphrase";
    const passKey = resolveRepoKey({ kind: "passphrase", passphrase, kdf });
    sb.git(["config", "backpack.kdf", formatKdf(kdf)], { cwd: repo });
    sb.git(["config", "backpack.key", passKey.fingerprint], { cwd: repo });
    saveAgentFile(join(repo, "agent.lock"), doc({ n: 1 }), { form: "stored", repoKey: passKey });
    const passEnv = { ...env, AGENT_MASTER_KEY: passphrase };

    const result = await rotateRepoKey(openContext(repo, passEnv));
    expect(result.leftPassphrase).toBe(true);
    expect(sb.git(["config", "backpack.kdf"], { cwd: repo, allowFail: true }).stdout).toBe("");
    // Without the passphrase: the new key is in the store, and so is the old one.
    const withoutEnv = openContext(repo, env).resolver;
    expect((await withoutEnv.defaultKey()).fingerprint).toBe(result.newFingerprint);
    expect((await withoutEnv.keyFor({ key: passKey.fingerprint }, "old")).fingerprint).toBe(passKey.fingerprint);
  });

  it("files under your default key (a repository without its own): --forget-old keeps the default key", async () => {
    const repo = sb.repo();
    const defaultKey = await openContext(sb.root, env).resolver.defaultKey({ create: true });
    saveAgentFile(join(repo, "agent.lock"), doc({ n: 1 }), { form: "stored", repoKey: defaultKey });
    const result = await rotateRepoKey(openContext(repo, env), { forgetOld: true });
    expect(result.oldFingerprints).toEqual([defaultKey.fingerprint]);
    expect(result.forgotten).toEqual([]);
    expect(result.kept[0]).toMatch(new RegExp(`^${defaultKey.fingerprint} \\(your default key`));
    expect(sb.git(["config", "backpack.key"], { cwd: repo }).stdout.trim()).toBe(result.newFingerprint);
    expect((await openContext(sb.root, env).resolver.defaultKey()).fingerprint).toBe(defaultKey.fingerprint);
  });

  it("outside a repository: a GIT error saying where it works", async () => {
    const f = await failure(() => rotateRepoKey(openContext(sb.root, env)));
    expect(f.code).toBe("GIT");
  });
});
