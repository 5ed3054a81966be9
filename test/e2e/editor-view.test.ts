/**
 * What editors show: VS Code's source-control diff and gutter read the old
 * side with `git show --textconv REV:agent.lock` and compare it with the
 * working file. An unchanged file with nothing to redact must come back byte
 * for byte, a one-key edit as that key's line; embedded credential values
 * never. And the textconv script's fast path: what the filter process
 * recorded for a diff is printed without Node, and `backpack lock` deletes it;
 * a large version's text is recalled, sealed, by later diffs.
 */
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agentFile } from "../helpers/agent-files.js";
import { CLI, type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";
import { entryHash, entryName } from "../../src/git/render-cache.js";

const TEXTCONV_SH = join(dirname(CLI), "textconv.sh");

let sb: Sandbox;
beforeEach(() => {
  sb = makeSandbox();
});
afterEach(() => sb.cleanup());

interface Doc {
  version: 2;
  credentials: Record<string, { source: string; value?: string }>;
  personality: Record<string, unknown>;
  memory: Record<string, unknown>;
}

/** A repository set up by `backpack setup`, with `doc` committed and checked out by the smudge filter. */
function committed(doc: Doc): string {
  const repo = sb.repo();
  expect(sb.backpack(["setup", "--no-hook"], { cwd: repo }).status).toBe(0);
  writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(doc)}\n`);
  sb.git(["add", "-A"], { cwd: repo });
  sb.git(["commit", "-qm", "agent"], { cwd: repo });
  // Checked out again: the working file is what the smudge filter writes.
  sb.git(["rm", "-q", "--cached", "agent.lock"], { cwd: repo });
  sb.git(["checkout", "-q", "HEAD", "--", "agent.lock"], { cwd: repo });
  return repo;
}

/** The recorded renderings in a render-cache folder (not the .ref files beside them). */
const entries = (recorded: string) => readdirSync(recorded).filter((name) => !name.endsWith(".ref") && !name.endsWith(".w"));

const showTextconv = (repo: string, rev = "HEAD") => sb.git(["show", "--textconv", `${rev}:agent.lock`], { cwd: repo }).stdout;
const working = (repo: string) => readFileSync(join(repo, "agent.lock"), "utf8");

/** The lines of `a` and `b` that differ, position by position (the files have as many lines). */
function changedLines(a: string, b: string): [string, string][] {
  const left = a.split("\n");
  const right = b.split("\n");
  expect(left).toHaveLength(right.length);
  return left.flatMap((line, i) => (line === right[i] ? [] : [[line, right[i] as string] as [string, string]]));
}

describe("git show --textconv REV:agent.lock, as an editor reads it", () => {
  const vaultOnly = (): Doc => ({
    version: 2,
    credentials: { OPENAI_API_KEY: { source: "vault" } },
    personality: { system_prompt: "You are careful.\nCite sources.", tone: "dry" },
    memory: { facts: ["Ada likes tea"], visits: 3 },
  });

  it("is the working file byte for byte when it is unchanged and has nothing to redact", () => {
    const repo = committed(vaultOnly());
    expect(showTextconv(repo)).toBe(working(repo));
    // The same through git's own comparison: nothing changed.
    expect(sb.git(["diff", "HEAD", "--", "agent.lock"], { cwd: repo }).stdout).toBe("");
  });

  it("shows a one-key edit as that key's line only", () => {
    const repo = committed(vaultOnly());
    const doc = JSON.parse(working(repo)) as Doc;
    doc.personality.tone = "warm";
    writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
    expect(changedLines(showTextconv(repo), working(repo))).toEqual([['    "tone": "dry"', '    "tone": "warm"']]);
    const diff = sb.git(["diff"], { cwd: repo }).stdout;
    expect(diff.split("\n").filter((line) => /^[-+] /.test(line))).toEqual(['-    "tone": "dry"', '+    "tone": "warm"']);
  });

  it("a file `backpack init` made (it carries a file id): unchanged is byte for byte, a one-key edit is that key's line in git diff", () => {
    const repo = sb.repo();
    expect(sb.backpack(["setup", "--no-hook"], { cwd: repo }).status).toBe(0);
    expect(sb.backpack(["init", "--personality", "You are careful."], { cwd: repo }).status).toBe(0);
    sb.git(["add", "-A"], { cwd: repo });
    sb.git(["commit", "-qm", "agent"], { cwd: repo });
    expect(working(repo)).toMatch(/^\{\n {2}"version": 2,\n {2}"id": "[A-Za-z0-9_-]{22}",\n/);
    expect(showTextconv(repo)).toBe(working(repo));
    expect(sb.backpack(["memory", "set", "mood", "sunny"], { cwd: repo }).status).toBe(0);
    sb.git(["commit", "-qam", "memory"], { cwd: repo });
    const doc = JSON.parse(working(repo)) as Doc;
    doc.memory.mood = "rainy";
    writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
    const diff = sb.git(["diff"], { cwd: repo }).stdout;
    expect(diff.split("\n").filter((line) => /^[-+] /.test(line))).toEqual(['-    "mood": "sunny"', '+    "mood": "rainy"']);
    // The commit's own diff (both sides recorded by the filter process, read by the textconv script).
    const shown = sb.git(["show", "--format=", "HEAD", "--", "agent.lock"], { cwd: repo }).stdout;
    expect(shown.split("\n").filter((line) => /^[-+] /.test(line))).toEqual(['-  "memory": {}', '+  "memory": {', '+    "mood": "sunny"', "+  }"]);
  });

  it("differs from the working file only in the redacted value of an embedded credential", () => {
    const file = agentFile("editor");
    const repo = committed(JSON.parse(file.text) as Doc);
    const shown = showTextconv(repo);
    const [changed, ...more] = changedLines(shown, working(repo));
    expect(more).toEqual([]);
    expect(changed?.[0]).toMatch(/^ {6}"value": "<redacted:[0-9a-f]{8}>",?$/);
    expect(changed?.[1]).toMatch(/^ {6}"value": "/);
    const [secret] = file.secrets;
    expect(shown.includes(secret as string)).toBe(false);
    assertNoPlaintextInObjects(sb, repo, file.secrets);
  });

  it("renders a version whose key is not at hand as locked", () => {
    // The key lives in the file store here, so that removing keys.json takes it off the machine.
    sb.env.BACKPACK_KEYCHAIN = "off";
    const file = agentFile("locked");
    const repo = committed(JSON.parse(file.text) as Doc);
    // The key leaves this machine: the filter hands git the blob as it is, encrypted.
    const keys = join(sb.env.XDG_CONFIG_HOME as string, "backpack", "keys.json");
    expect(existsSync(keys)).toBe(true);
    rmSync(keys);
    const shown = sb.git(["show", "--textconv", "HEAD:agent.lock"], { cwd: repo }).stdout;
    expect(shown).toMatch(/^# agent\.lock: locked: no key at hand to decrypt it/);
    for (const plain of file.secrets) expect(shown.includes(plain)).toBe(false);
  });
});

describe("the textconv script's fast path", () => {
  /** Runs bin/textconv.sh as git does, with a node that does not exist: it must not be needed. */
  function textconvWithoutNode(repo: string, file: string) {
    return spawnSync("/bin/sh", ["-c", `backpack_node=/nonexistent/node backpack_cli=/nonexistent/cli . '${TEXTCONV_SH}' "$@"`, "textconv", file], {
      cwd: repo,
      env: sb.env,
      encoding: "utf8",
    });
  }

  it("prints what the filter process recorded for each version of git log -p, without Node; lock deletes it", () => {
    const file = agentFile("fast");
    const repo = committed(JSON.parse(file.text) as Doc);
    const doc = JSON.parse(working(repo)) as Doc;
    doc.memory.visits = 1;
    writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
    sb.git(["commit", "-qam", "memory"], { cwd: repo });

    const log = sb.git(["log", "-p"], { cwd: repo }).stdout;
    expect(log).toMatch(/^\+ {4}"visits": 1$/m);
    for (const plain of file.secrets.slice(0, 1)) expect(log.includes(plain)).toBe(false);
    const recorded = join(repo, ".git", "backpack", "textconv");
    expect(readdirSync(recorded).filter((name) => name.endsWith(".txt")).length).toBeGreaterThanOrEqual(2);

    // The smudged text of HEAD, as git hands it to textconv: served from the record.
    const tmp = mkdtempSync(join(sb.root, "textconv-"));
    const smudged = join(tmp, "agent.lock");
    writeFileSync(smudged, working(repo));
    const fast = textconvWithoutNode(repo, smudged);
    expect(fast.status, fast.stderr).toBe(0);
    expect(fast.stdout).toBe(showTextconv(repo));
    expect(fast.stdout.includes(file.secrets[0] as string)).toBe(false);

    // The same text as a working file (a relative path, as git names the new side of `git diff`): never
    // from the record, since the file could change between the hash and the print. Node reads it once.
    writeFileSync(join(repo, "copy.lock"), working(repo));
    expect(textconvWithoutNode(repo, "copy.lock").status).not.toBe(0);
    // A text nobody recorded (one byte more): the script needs Node, and says so by failing here.
    writeFileSync(smudged, `${working(repo)} `);
    expect(textconvWithoutNode(repo, smudged).status).not.toBe(0);
    // Asked for the values: Node decides, never the record.
    writeFileSync(smudged, working(repo));
    const asked = spawnSync("/bin/sh", ["-c", `backpack_node=/nonexistent/node backpack_cli=/x . '${TEXTCONV_SH}' "$@"`, "textconv", smudged], {
      cwd: repo,
      env: { ...sb.env, BACKPACK_SHOW_SECRETS: "1" },
      encoding: "utf8",
    });
    expect(asked.status).not.toBe(0);

    const lock = sb.backpack(["lock"], { cwd: repo });
    expect(lock.status, lock.stderr).toBe(0);
    expect(lock.stdout).toMatch(/deleted the diff renderings/);
    expect(existsSync(recorded)).toBe(false);
    assertNoPlaintextInObjects(sb, repo, file.secrets);
  });

  /** A folder of links to `tools` (those this system has), for a PATH that lacks the others. */
  function toolsOnly(tools: string[]): string {
    const dir = mkdtempSync(join(sb.root, "tools-"));
    for (const tool of tools) {
      const found = spawnSync("/bin/sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
      if (found) symlinkSync(found, join(dir, tool));
    }
    return dir;
  }

  /** The script run on `file` as git runs it, under `path`, with a node that does not exist. */
  function textconvUnder(repo: string, file: string, path: string) {
    return spawnSync("/bin/sh", ["-c", `backpack_node=/nonexistent/node backpack_cli=/nonexistent/cli . '${TEXTCONV_SH}' "$@"`, "textconv", file], {
      cwd: repo,
      env: { ...sb.env, PATH: path },
      encoding: "utf8",
    });
  }

  it("names each record by BLAKE2b-512 where b2sum is on the PATH, else by SHA-256 (sha256sum or openssl)", () => {
    const file = agentFile("named");
    const repo = committed(JSON.parse(file.text) as Doc);
    const recorded = join(repo, ".git", "backpack", "textconv");
    const tmp = mkdtempSync(join(sb.root, "textconv-"));
    const smudged = join(tmp, "agent.lock");
    writeFileSync(smudged, working(repo));

    const b2sum = spawnSync("/bin/sh", ["-c", "command -v b2sum"], { encoding: "utf8" }).stdout.trim();
    if (b2sum) {
      // This system's PATH has b2sum: the filter names the record as `b2sum` prints the text's digest.
      const shown = showTextconv(repo);
      expect(entries(recorded)).toEqual([`${createHash("blake2b512").update(working(repo)).digest("hex")}.txt`]);
      const fast = textconvUnder(repo, smudged, toolsOnly(["b2sum", "cat", "git", "grep"]));
      expect(fast.status, fast.stderr).toBe(0);
      expect(fast.stdout).toBe(shown);
      // Without b2sum the script hashes with SHA-256: a name the filter did not write, so Node is needed.
      expect(textconvUnder(repo, smudged, toolsOnly(["sha256sum", "cat", "git", "grep"])).status).not.toBe(0);
      rmSync(recorded, { recursive: true });
    }

    // git (so the filter) and the script under a PATH without b2sum: SHA-256 names, found with sha256sum or openssl.
    const noB2sum = toolsOnly(["cat", "git", "grep", "sha256sum", "openssl"]);
    const shown = sb.git(["show", "--textconv", "HEAD:agent.lock"], { cwd: repo, env: { PATH: noB2sum } }).stdout;
    expect(shown).toBe(showTextconv(repo));
    const digest = createHash("sha256").update(working(repo)).digest("hex");
    expect(readdirSync(recorded)).toContain(`${digest}.txt`);
    const viaSha256sum = textconvUnder(repo, smudged, noB2sum);
    expect(viaSha256sum.status, viaSha256sum.stderr).toBe(0);
    expect(viaSha256sum.stdout).toBe(shown);
    const opensslOnly = toolsOnly(["cat", "git", "grep", "openssl"]);
    if (existsSync(join(opensslOnly, "openssl"))) {
      const viaOpenssl = textconvUnder(repo, smudged, opensslOnly);
      expect(viaOpenssl.status, viaOpenssl.stderr).toBe(0);
      expect(viaOpenssl.stdout).toBe(shown);
    }
    // No hashing tool at all: Node renders (here it does not exist, so the script fails rather than guess).
    expect(textconvUnder(repo, smudged, toolsOnly(["cat", "git", "grep"])).status).not.toBe(0);
  });

  it("records a version as itself only when nothing in it is redacted or escaped, and never a credential value", () => {
    const file = agentFile("records");
    const [secret] = file.secrets as [string];
    const withValue = JSON.parse(file.text) as Doc;
    const repo = committed(withValue);
    const noValue: Doc = { ...withValue, credentials: { OPENAI_API_KEY: { source: "vault" } } };
    writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(noValue, null, 2)}\n`);
    sb.git(["commit", "-qam", "no embedded value"], { cwd: repo });
    // Nothing to redact, but a bidi override and a DEL in the prompt: JSON leaves both as they are, the sanitizer does not.
    const hostile: Doc = { ...noValue, personality: { ...noValue.personality, system_prompt: "Read \u202eelbat\u007f this." } };
    writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(hostile, null, 2)}\n`);
    sb.git(["commit", "-qam", "hostile prompt"], { cwd: repo });

    const log = sb.git(["log", "-p"], { cwd: repo }).stdout;
    expect(log).toContain("\\u202e");
    expect(/[\u202e\u007f]/.test(log)).toBe(false);
    expect(log.includes(secret)).toBe(false);

    // The texts git hands textconv, version by version (smudged without a treeish, as for a diff).
    const smudged = (rev: string) => sb.git(["cat-file", "--filters", `${rev}:agent.lock`], { cwd: repo }).stdout;
    const name = (text: string) => entryName(Buffer.from(text, "utf8"), entryHash(sb.env));
    const recorded = join(repo, ".git", "backpack", "textconv");
    const names = readdirSync(recorded);
    expect(names.filter((entry) => entry.endsWith(".same"))).toEqual([`${name(smudged("HEAD~1"))}.same`]);
    // Beside the entries, a .ref per stored blob: its digest, hash and length, nothing of the text.
    for (const ref of names.filter((entry) => entry.endsWith(".ref"))) expect(readFileSync(join(recorded, ref), "latin1")).toMatch(/^(?:sha256 [0-9a-f]{64}|blake2b512 [0-9a-f]{128}) \d+$/);
    expect(names).toContain(`${name(smudged("HEAD"))}.txt`);
    expect(names).toContain(`${name(smudged("HEAD~2"))}.txt`);
    expect(readFileSync(join(recorded, `${name(smudged("HEAD"))}.txt`), "utf8")).toContain("\\u202eelbat\\u007f");
    for (const entry of names) expect(readFileSync(join(recorded, entry), "utf8").includes(secret)).toBe(false);

    // The recorded version with one embedded value added: another text, so another name; the script needs Node for it.
    const tmp = mkdtempSync(join(sb.root, "textconv-"));
    const added = join(tmp, "agent.lock");
    writeFileSync(added, smudged("HEAD~1").replace('"source": "vault"', `"source": "embedded",\n      "value": "${secret}"`));
    expect(readFileSync(added, "utf8")).toContain(secret);
    const run = textconvWithoutNode(repo, added);
    expect(run.status).not.toBe(0);
    expect(run.stdout.includes(secret)).toBe(false);
  });

  it("a later git log -p renews each version's record through its blob's .ref; a wrong .ref never prints a text that needed redacting", () => {
    const file = agentFile("refs");
    const [secret] = file.secrets as [string];
    const withValue = JSON.parse(file.text) as Doc;
    const repo = committed({ ...withValue, credentials: { OPENAI_API_KEY: { source: "vault" } } });
    // HEAD: the same file with an embedded value, which every rendering redacts.
    writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(withValue, null, 2)}\n`);
    sb.git(["commit", "-qam", "embedded value"], { cwd: repo });
    const first = sb.git(["log", "-p"], { cwd: repo }).stdout;
    expect(first.includes(secret)).toBe(false);

    const recorded = join(repo, ".git", "backpack", "textconv");
    const blob = (rev: string) => sb.git(["rev-parse", `${rev}:agent.lock`], { cwd: repo }).stdout.trim();
    const smudged = (rev: string) => sb.git(["cat-file", "--filters", `${rev}:agent.lock`], { cwd: repo }).stdout;
    const name = (text: string) => entryName(Buffer.from(text, "utf8"), entryHash(sb.env));
    expect(readFileSync(join(recorded, `${blob("HEAD")}.ref`), "latin1")).toBe(`${entryHash(sb.env)} ${name(smudged("HEAD"))} ${Buffer.byteLength(smudged("HEAD"))}`);
    expect(existsSync(join(recorded, `${name(smudged("HEAD~1"))}.same`))).toBe(true);
    // A second run finds every version through its .ref: the same output.
    expect(sb.git(["log", "-p"], { cwd: repo }).stdout).toBe(first);

    // HEAD's .ref made to name HEAD~1's ".same" entry (as a stale or tampered one would), and HEAD's own record gone.
    rmSync(join(recorded, `${name(smudged("HEAD"))}.txt`));
    writeFileSync(join(recorded, `${blob("HEAD")}.ref`), `${entryHash(sb.env)} ${name(smudged("HEAD~1"))} ${Buffer.byteLength(smudged("HEAD"))}`);
    const shown = showTextconv(repo);
    expect(shown.includes(secret)).toBe(false);
    expect(changedLines(shown, working(repo)).length).toBe(1);
    expect(sb.git(["log", "-p"], { cwd: repo }).stdout).toBe(first);
    // The wrong .ref was only followed to renew HEAD~1's entry: nothing is recorded as itself for HEAD.
    expect(existsSync(join(recorded, `${name(smudged("HEAD"))}.same`))).toBe(false);
  });

  it("a later diff of a large version is handed the text an earlier one recorded, sealed; a file whose key is gone stays locked", () => {
    // The key lives in the file store here, so that removing keys.json takes it off the machine.
    sb.env.BACKPACK_KEYCHAIN = "off";
    const file = agentFile("large", { extraMemory: { log: Array.from({ length: 2_000 }, () => randomBytes(40).toString("hex")) } });
    const repo = committed(JSON.parse(file.text) as Doc);
    const doc = JSON.parse(working(repo)) as Doc;
    doc.memory.visits = 2;
    writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
    sb.git(["commit", "-qam", "memory"], { cwd: repo });
    const blob = (rev: string) => sb.git(["rev-parse", `${rev}:agent.lock`], { cwd: repo }).stdout.trim();
    const stored = sb.git(["cat-file", "blob", "HEAD:agent.lock"], { cwd: repo }).stdout;
    expect(stored.length).toBeGreaterThan(64 * 1024);

    const first = sb.git(["log", "-p"], { cwd: repo }).stdout;
    expect(first).toMatch(/^\+ {4}"visits": 2$/m);
    const recorded = join(repo, ".git", "backpack", "textconv");
    const records = readdirSync(recorded).filter((name) => name.endsWith(".w"));
    expect(records).toHaveLength(2);
    const note = (doc.memory.log as string[])[0] as string;
    for (const name of records) {
      expect(statSync(join(recorded, name)).mode & 0o777).toBe(0o600);
      const record = readFileSync(join(recorded, name));
      for (const plain of [note, ...file.secrets]) expect(record.includes(Buffer.from(plain))).toBe(false);
    }

    // A second run recalls HEAD's text: nothing is decrypted, so its blob's .ref is not written again.
    rmSync(join(recorded, `${blob("HEAD")}.ref`));
    expect(sb.git(["log", "-p"], { cwd: repo }).stdout).toBe(first);
    expect(existsSync(join(recorded, `${blob("HEAD")}.ref`))).toBe(false);
    // A record changed on disk does not open: the version is decrypted again, the output the same.
    const name = `${createHash("sha256").update(stored, "utf8").digest("hex")}.w`;
    const record = readFileSync(join(recorded, name));
    record[record.length - 20] = (record[record.length - 20] as number) ^ 1;
    writeFileSync(join(recorded, name), record);
    expect(sb.git(["log", "-p"], { cwd: repo }).stdout).toBe(first);
    expect(existsSync(join(recorded, `${blob("HEAD")}.ref`))).toBe(true);
    // `git cat-file --filters` (a smudge without a treeish, as a diff's) and a checkout by path get the working form.
    expect(sb.git(["cat-file", "--filters", "HEAD:agent.lock"], { cwd: repo }).stdout).toBe(working(repo));
    rmSync(join(repo, "agent.lock"));
    sb.git(["checkout", "--", "agent.lock"], { cwd: repo });
    expect(working(repo)).toBe(`${JSON.stringify(doc, null, 2)}\n`);

    // The key leaves this machine: the records are still on disk, and nothing of them is shown.
    rmSync(join(sb.env.XDG_CONFIG_HOME as string, "backpack", "keys.json"));
    expect(readdirSync(recorded).filter((entry) => entry.endsWith(".w"))).toHaveLength(2);
    const locked = sb.git(["log", "-p"], { cwd: repo }).stdout;
    expect(locked).toMatch(/# agent\.lock: locked: no key at hand to decrypt it/);
    for (const plain of [note, ...file.secrets]) expect(locked.includes(plain)).toBe(false);
    assertNoPlaintextInObjects(sb, repo, [note, ...file.secrets]);
  });

  it("with a large version's records present, stash, merge and checkout by path write what decrypting writes, and leave git status clean", () => {
    const file = agentFile("large", { extraMemory: { log: Array.from({ length: 2_000 }, () => randomBytes(40).toString("hex")) } });
    const repo = committed(JSON.parse(file.text) as Doc);
    const edit = (change: (doc: Doc) => void) => {
      const doc = JSON.parse(working(repo)) as Doc;
      change(doc);
      writeFileSync(join(repo, "agent.lock"), `${JSON.stringify(doc, null, 2)}\n`);
    };
    edit((doc) => (doc.memory.visits = 2));
    sb.git(["commit", "-qam", "memory"], { cwd: repo });
    sb.git(["checkout", "-qb", "tone", "HEAD~1"], { cwd: repo });
    edit((doc) => (doc.personality.tone = "warm"));
    sb.git(["commit", "-qam", "tone"], { cwd: repo });
    sb.git(["checkout", "-q", "main"], { cwd: repo });
    const recorded = join(repo, ".git", "backpack", "textconv");
    const records = () => readdirSync(recorded).filter((name) => name.endsWith(".w")).length;
    /** What the working file is once the records are gone: the version decrypted. */
    const decrypted = () => {
      rmSync(recorded, { recursive: true, force: true });
      rmSync(join(repo, "agent.lock"));
      sb.git(["checkout", "--", "agent.lock"], { cwd: repo });
      return working(repo);
    };
    const clean = () => expect(sb.git(["status", "--porcelain"], { cwd: repo }).stdout).toBe("");

    // Every version recorded by a diff; a checkout by path then smudges from the records.
    sb.git(["log", "-p", "--all"], { cwd: repo });
    expect(records()).toBe(3);
    const head = working(repo);
    rmSync(join(repo, "agent.lock"));
    sb.git(["checkout", "--", "agent.lock"], { cwd: repo });
    expect(working(repo)).toBe(head);
    clean();

    // A stash and its pop, with the stashed version recorded too.
    edit((doc) => (doc.memory.visits = 3));
    const edited = working(repo);
    sb.git(["stash", "-q"], { cwd: repo });
    expect(working(repo)).toBe(head);
    sb.git(["log", "-p", "--all", "refs/stash"], { cwd: repo });
    sb.git(["stash", "pop", "-q"], { cwd: repo });
    expect(working(repo)).toBe(edited);
    sb.git(["checkout", "--", "agent.lock"], { cwd: repo });
    clean();

    // A merge of the two branches (the merge driver), the result diffed, then checked out from the records.
    sb.git(["merge", "-q", "--no-edit", "tone"], { cwd: repo });
    sb.git(["log", "-p", "-1", "--first-parent"], { cwd: repo });
    const merged = working(repo);
    expect(merged).toContain('"tone": "warm"');
    expect(merged).toMatch(/"visits": 2/);
    clean();
    rmSync(join(repo, "agent.lock"));
    sb.git(["checkout", "--", "agent.lock"], { cwd: repo });
    expect(working(repo)).toBe(merged);
    expect(sb.git(["cat-file", "--filters", "HEAD:agent.lock"], { cwd: repo }).stdout).toBe(merged);
    expect(decrypted()).toBe(merged);
    clean();
    assertNoPlaintextInObjects(sb, repo, file.secrets);
  });

  it("records nothing on a checkout (git sends a treeish), so checkouts do not pay for it", () => {
    const file = agentFile("checkout");
    const repo = committed(JSON.parse(file.text) as Doc);
    sb.git(["checkout", "-q", "-b", "other"], { cwd: repo });
    sb.git(["checkout", "-q", "--orphan", "empty"], { cwd: repo });
    sb.git(["rm", "-rq", "--cached", "."], { cwd: repo });
    sb.git(["commit", "-q", "--allow-empty", "-m", "empty"], { cwd: repo });
    sb.git(["checkout", "-q", "-f", "other"], { cwd: repo });
    expect(working(repo)).toMatch(/"version": 2/);
    const recorded = join(repo, ".git", "backpack", "textconv");
    // `committed` checked the file out by path (no treeish): that one may be there; the branch switch adds none.
    const names = existsSync(recorded) ? entries(recorded) : [];
    expect(names.length).toBeLessThanOrEqual(1);
    // Nor a .ref: at most the one of that checkout by path.
    const refs = existsSync(recorded) ? readdirSync(recorded).filter((name) => name.endsWith(".ref")) : [];
    expect(refs.length).toBeLessThanOrEqual(1);
  });
});
