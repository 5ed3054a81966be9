/**
 * The textconv records the filter process writes (render-cache.ts): a text
 * already recorded is not rendered or written again, only its age renewed.
 */
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { encryptWorkingForm, serializeStoredForm } from "../../src/core/encrypt.js";
import { type RepoKey, newFileId, newRepoKey } from "../../src/core/key-material.js";
import type { StoredForm, WorkingForm } from "../../src/core/schema.js";
import { readStoredForm, storedToWorkingText } from "../../src/core/stored-form.js";
import { createFilterSession } from "../../src/git/filters.js";
import { RECALLED_STORED_BYTES } from "../../src/core/types.js";
import { type RenderRecorder, createRenderRecorder, entryHash, entryName, renderCacheDir } from "../../src/git/render-cache.js";

describe("the textconv record", () => {
  const dirs: string[] = [];
  const gitDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "render-cache-"));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("names an entry by the digest of the text, as `b2sum` or `sha256sum` prints it for the textconv script", () => {
    expect(entryName(Buffer.from("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(entryName(Buffer.from("abc"), "blake2b512")).toBe(
      "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
    );
  });

  it("takes BLAKE2b-512 when an executable b2sum is on the PATH (the script's first choice), else SHA-256", () => {
    const bin = gitDir();
    const other = gitDir();
    expect(entryHash({ PATH: other })).toBe("sha256");
    expect(entryHash({})).toBe("sha256");
    // A folder named b2sum, or a file that cannot run, is not the tool.
    mkdirSync(join(other, "b2sum"));
    writeFileSync(join(bin, "b2sum"), "#!/bin/sh\n");
    chmodSync(join(bin, "b2sum"), 0o644);
    expect(entryHash({ PATH: `${other}:${bin}` })).toBe("sha256");
    chmodSync(join(bin, "b2sum"), 0o755);
    expect(entryHash({ PATH: `${other}:${bin}` })).toBe("blake2b512");
  });

  it("names the entries by the hash it is given", () => {
    const common = gitDir();
    const recorder = createRenderRecorder(common, Date.now, "blake2b512");
    const text = Buffer.from('{\n  "version": 2\n}\n');
    recorder.record(text, () => "rendered\n");
    expect(readdirSync(renderCacheDir(common))).toEqual([`${entryName(text, "blake2b512")}.txt`]);
  });

  it("renders a text once: a second record of the same text only renews the entry's age", () => {
    const common = gitDir();
    let now = Date.now();
    const recorder = createRenderRecorder(common, () => now, "sha256");
    const text = Buffer.from('{\n  "version": 2\n}\n');
    let renders = 0;
    recorder.record(text, () => {
      renders++;
      return "rendered\n";
    });
    const entry = join(renderCacheDir(common), `${entryName(text)}.txt`);
    expect(readFileSync(entry, "utf8")).toBe("rendered\n");
    const old = new Date(now - 10 * 60_000);
    utimesSync(entry, old, old);
    now += 1_000;
    recorder.record(text, () => {
      renders++;
      return "rendered again\n";
    });
    expect(renders).toBe(1);
    expect(readFileSync(entry, "utf8")).toBe("rendered\n");
    expect(statSync(entry).mtimeMs).toBeGreaterThan(old.getTime() + 5 * 60_000);

    // A text that renders as itself: an empty ".same" entry, also rendered once.
    const plain = Buffer.from("{}\n");
    recorder.record(plain, () => (renders++, undefined));
    recorder.record(plain, () => (renders++, undefined));
    expect(renders).toBe(2);
    expect(readdirSync(renderCacheDir(common)).sort()).toEqual([`${entryName(plain)}.same`, `${entryName(text)}.txt`].sort());
  });

  describe("a stored blob's .ref (the digest of the text it smudged to)", () => {
    const blob = "3b18e512dba79e4c8300dd08aeb37f8e728b8dad";
    const text = Buffer.from('{\n  "version": 2,\n  "memory": {}\n}\n');

    it("is written when git names the blob, and lets a later command renew the entry without hashing or rendering", () => {
      const common = gitDir();
      let now = Date.now();
      const first = createRenderRecorder(common, () => now, "sha256");
      first.record(text, () => "rendered\n", blob);
      const dir = renderCacheDir(common);
      expect(readFileSync(join(dir, `${blob}.ref`), "latin1")).toBe(`sha256 ${entryName(text)} ${text.length}`);
      expect(statSync(join(dir, `${blob}.ref`)).mode & 0o777).toBe(0o600);

      // A later git command (another filter process): the entry named by the .ref is renewed, nothing rendered.
      const entry = join(dir, `${entryName(text)}.txt`);
      const old = new Date(now - 10 * 60_000);
      utimesSync(entry, old, old);
      now += 1_000;
      let renders = 0;
      createRenderRecorder(common, () => now, "sha256").record(text, () => (renders++, "other\n"), blob);
      expect(renders).toBe(0);
      expect(readFileSync(entry, "utf8")).toBe("rendered\n");
      expect(statSync(entry).mtimeMs).toBeGreaterThan(old.getTime() + 5 * 60_000);
    });

    it("names no file for anything but an object id", () => {
      const common = gitDir();
      const recorder = createRenderRecorder(common, Date.now, "sha256");
      for (const bad of ["../../config", "3B18E512DBA79E4C8300DD08AEB37F8E728B8DAD", "3b18e512", `${blob}.txt`, ""]) recorder.record(text, () => "rendered\n", bad);
      expect(readdirSync(renderCacheDir(common))).toEqual([`${entryName(text)}.txt`]);
    });

    it("never names an entry for another text: a wrong .ref only leaves the new text unrecorded, so the script starts Node", () => {
      const common = gitDir();
      const dir = renderCacheDir(common);
      const recorder = createRenderRecorder(common, Date.now, "sha256");
      // Text A renders as itself; B, of the same length, needs redacting. B's blob's .ref names A's entry
      // (a stale or tampered .ref): A's entry is renewed, and stays what it was; B gets no entry of its own,
      // and above all none that prints B as itself.
      const a = Buffer.from('{"credentials":{"K":{"source":"vault"}}}\n');
      const b = Buffer.from('{"credentials":{"K":{"value":"sk-123"}}}\n');
      expect(a.length).toBe(b.length);
      recorder.record(a, () => undefined);
      writeFileSync(join(dir, `${blob}.ref`), `sha256 ${entryName(a)} ${b.length}`);
      let renders = 0;
      createRenderRecorder(common, Date.now, "sha256").record(b, () => (renders++, '{"credentials":{"K":{"value":"[redacted]"}}}\n'), blob);
      expect(renders).toBe(0);
      expect(readdirSync(dir).sort()).toEqual([`${blob}.ref`, `${entryName(a)}.same`].sort());
      expect(existsSync(join(dir, `${entryName(b)}.same`))).toBe(false);

      // A .ref for another length, another hash or with no entry behind it: B is hashed, rendered and recorded.
      for (const ref of [`sha256 ${entryName(a)} ${b.length + 1}`, `blake2b512 ${entryName(a)} ${b.length}`, `sha256 ${"0".repeat(64)} ${b.length}`]) {
        rmSync(join(dir, `${entryName(b)}.txt`), { force: true });
        writeFileSync(join(dir, `${blob}.ref`), ref);
        createRenderRecorder(common, Date.now, "sha256").record(b, () => (renders++, "[redacted]\n"), blob);
        expect(readFileSync(join(dir, `${entryName(b)}.txt`), "utf8")).toBe("[redacted]\n");
        expect(readFileSync(join(dir, `${blob}.ref`), "latin1")).toBe(`sha256 ${entryName(b)} ${b.length}`);
      }
      expect(renders).toBe(3);
      expect(existsSync(join(dir, `${entryName(b)}.same`))).toBe(false);
    });
  });

  describe("a large stored form's text (.w), recalled by a later diff", () => {
    const key = newRepoKey(randomBytes(32));
    const stored = Buffer.concat([Buffer.from('{\n  "backpack": "agent.lock",\n'), Buffer.alloc(RECALLED_STORED_BYTES, 0x41)]);
    const text = Buffer.from(`{\n  "memory": {\n    "note": "${"plaintext ".repeat(100)}"\n  }\n}\n`);
    const recallName = (bytes: Buffer) => `${createHash("sha256").update(bytes).digest("hex")}.w`;

    it("is recorded sealed, private, beside the text's entry, and recalled with the key", () => {
      const common = gitDir();
      createRenderRecorder(common, Date.now, "sha256").record(text, () => undefined, undefined, { bytes: stored, key });
      const dir = renderCacheDir(common);
      expect(readdirSync(dir).sort()).toEqual([`${entryName(text)}.same`, recallName(stored)].sort());
      const record = readFileSync(join(dir, recallName(stored)));
      expect(statSync(join(dir, recallName(stored))).mode & 0o777).toBe(0o600);
      expect(record.includes(Buffer.from("plaintext"))).toBe(false);
      expect(record.subarray(0, record.indexOf(10)).toString("latin1")).toBe(`sha256 ${entryName(text)} ${text.length}`);
      // Another process (another recorder), the same key: the text, as it was handed out.
      expect(createRenderRecorder(common, Date.now, "sha256").recallWorkingForm({ bytes: stored, key })).toEqual(text);
    });

    it("recalls nothing for other bytes, another key, a small stored form, a changed record, or a text whose entry is gone", () => {
      const common = gitDir();
      const dir = renderCacheDir(common);
      const recorder = createRenderRecorder(common, Date.now, "sha256");
      recorder.record(text, () => "rendered\n", undefined, { bytes: stored, key });
      const other = Buffer.from(stored);
      other[other.length - 1] = 0x42;
      expect(recorder.recallWorkingForm({ bytes: other, key })).toBeUndefined();
      expect(recorder.recallWorkingForm({ bytes: stored, key: newRepoKey(randomBytes(32)) })).toBeUndefined();
      // A record that does not open with the key at hand is deleted, for the next record to take its place.
      expect(existsSync(join(dir, recallName(stored)))).toBe(false);
      recorder.record(text, () => "rendered\n", undefined, { bytes: stored, key });
      // Small stored forms are decrypted each time (cheaper than a file): nothing recorded, nothing recalled.
      const small = stored.subarray(0, RECALLED_STORED_BYTES - 1);
      recorder.record(Buffer.from("{}\n"), () => undefined, undefined, { bytes: small, key });
      expect(readdirSync(dir).filter((name) => name.endsWith(".w"))).toEqual([recallName(stored)]);
      expect(recorder.recallWorkingForm({ bytes: small, key })).toBeUndefined();
      // Moved to another stored form's name, or relabelled with another length: the seal does not open.
      const record = readFileSync(join(dir, recallName(stored)));
      writeFileSync(join(dir, recallName(other)), record);
      expect(recorder.recallWorkingForm({ bytes: other, key })).toBeUndefined();
      const end = record.indexOf(10);
      const relabelled = Buffer.concat([Buffer.from(`sha256 ${entryName(text)} ${text.length + 1}\n`), record.subarray(end + 1)]);
      writeFileSync(join(dir, recallName(stored)), relabelled);
      expect(recorder.recallWorkingForm({ bytes: stored, key })).toBeUndefined();
      expect(existsSync(join(dir, recallName(stored)))).toBe(false);
      writeFileSync(join(dir, recallName(stored)), record);
      expect(recorder.recallWorkingForm({ bytes: stored, key })).toEqual(text);
      // The text's own entry gone: textconv would need Node for it, so the filter decrypts and records anew.
      rmSync(join(dir, `${entryName(text)}.txt`));
      expect(recorder.recallWorkingForm({ bytes: stored, key })).toBeUndefined();
    });

    it("stops growing at its folder's budget: past it, versions are decrypted, not recorded", () => {
      const common = gitDir();
      const dir = renderCacheDir(common);
      const budget = 2 * text.length + 10;
      const storedOf = (i: number) => Buffer.concat([stored, Buffer.from(String(i))]);
      const recorder = createRenderRecorder(common, Date.now, "sha256", budget);
      for (let i = 0; i < 4; i++) recorder.record(text, () => undefined, undefined, { bytes: storedOf(i), key });
      expect(readdirSync(dir).filter((name) => name.endsWith(".w"))).toHaveLength(2);
      expect(recorder.recallWorkingForm({ bytes: storedOf(1), key })).toEqual(text);
      expect(recorder.recallWorkingForm({ bytes: storedOf(2), key })).toBeUndefined();
      // Another process counts what is on the disk already.
      createRenderRecorder(common, Date.now, "sha256", budget).record(text, () => undefined, undefined, { bytes: storedOf(5), key });
      expect(readdirSync(dir).filter((name) => name.endsWith(".w"))).toHaveLength(2);
    });

    it("a record deleted because it does not open gives its place in the budget back", () => {
      const common = gitDir();
      const budget = text.length + 10;
      createRenderRecorder(common, Date.now, "sha256", budget).record(text, () => undefined, undefined, { bytes: stored, key });
      const other = newRepoKey(randomBytes(32));
      const recorder = createRenderRecorder(common, Date.now, "sha256", budget);
      expect(recorder.recallWorkingForm({ bytes: stored, key: other })).toBeUndefined();
      recorder.record(text, () => undefined, undefined, { bytes: stored, key: other });
      expect(createRenderRecorder(common, Date.now, "sha256", budget).recallWorkingForm({ bytes: stored, key: other })).toEqual(text);
    });

    it("replaces a record that does not open (made under other keys, or cut short): the next diff's record is recalled", () => {
      const common = gitDir();
      const dir = renderCacheDir(common);
      const file = newRepoKey(randomBytes(32));
      const layer = (k: Buffer | undefined) => ({ fingerprint: "0123456789abcdef", ...(k ? { key: k } : {}) });
      const memoryKey = randomBytes(32);
      const all: RepoKey = { ...file, layers: { credentials: layer(randomBytes(32)), personality: layer(memoryKey), memory: layer(memoryKey) } };
      const lost: RepoKey = { ...file, layers: { ...(all.layers as NonNullable<RepoKey["layers"]>), credentials: layer(undefined) } };
      // Recorded while this member held every layer's key; then the credentials key is lost.
      createRenderRecorder(common, Date.now, "sha256").record(text, () => undefined, undefined, { bytes: stored, key: all });
      const later = createRenderRecorder(common, Date.now, "sha256");
      expect(later.recallWorkingForm({ bytes: stored, key: lost })).toBeUndefined();
      // The filter decrypts the version and records what it smudged to now: a later diff recalls that.
      const now = Buffer.from(`${text.toString("utf8")}\n`);
      later.record(now, () => undefined, undefined, { bytes: stored, key: lost });
      expect(createRenderRecorder(common, Date.now, "sha256").recallWorkingForm({ bytes: stored, key: lost })).toEqual(now);
      // A record cut short (copied by hand, a crash of another tool): not recalled, and recorded anew.
      const path = join(dir, recallName(stored));
      writeFileSync(path, readFileSync(path).subarray(0, 200));
      const third = createRenderRecorder(common, Date.now, "sha256");
      expect(third.recallWorkingForm({ bytes: stored, key: lost })).toBeUndefined();
      third.record(now, () => undefined, undefined, { bytes: stored, key: lost });
      expect(createRenderRecorder(common, Date.now, "sha256").recallWorkingForm({ bytes: stored, key: lost })).toEqual(now);
    });

    it("is pruned after an hour, like the entries: an old record is never recalled", () => {
      const common = gitDir();
      const recorded = Date.now() - 2 * 60 * 60_000;
      createRenderRecorder(common, () => recorded, "sha256").record(text, () => undefined, undefined, { bytes: stored, key });
      const dir = renderCacheDir(common);
      for (const name of readdirSync(dir)) utimesSync(join(dir, name), new Date(recorded), new Date(recorded));
      expect(createRenderRecorder(common, Date.now, "sha256").recallWorkingForm({ bytes: stored, key })).toBeUndefined();
      expect(readdirSync(dir)).toEqual([]);
    });

    it("reads a record only from a regular file: one fed through a FIFO or a link is never recalled", async () => {
      const common = gitDir();
      const dir = renderCacheDir(common);
      createRenderRecorder(common, Date.now, "sha256").record(text, () => undefined, undefined, { bytes: stored, key });
      const path = join(dir, recallName(stored));
      const sealed = join(common, "sealed-record");
      writeFileSync(sealed, readFileSync(path));
      // A link to a good record (say, planted through a clone's .git by someone who can write there).
      rmSync(path);
      symlinkSync(sealed, path);
      expect(createRenderRecorder(common, Date.now, "sha256").recallWorkingForm({ bytes: stored, key })).toBeUndefined();
      // The same good record written into a FIFO by another process: reading it would also wait on that process.
      rmSync(path, { force: true });
      execFileSync("mkfifo", [path]);
      const writer = spawn("sh", ["-c", 'cat "$0" > "$1"', sealed, path], { stdio: "ignore" });
      try {
        expect(createRenderRecorder(common, Date.now, "sha256").recallWorkingForm({ bytes: stored, key })).toBeUndefined();
      } finally {
        writer.kill("SIGKILL");
        await new Promise((done) => writer.once("exit", done));
      }
    });
  });

  describe("only its own folder, only its own files", () => {
    it("records nothing through a folder that is a link elsewhere, and deletes nothing there", () => {
      const common = gitDir();
      const elsewhere = gitDir();
      const old = new Date(Date.now() - 2 * 60 * 60_000);
      writeFileSync(join(elsewhere, "notes.md"), "mine\n");
      writeFileSync(join(elsewhere, `${"a".repeat(64)}.txt`), "looks like an entry\n");
      for (const name of readdirSync(elsewhere)) utimesSync(join(elsewhere, name), old, old);
      mkdirSync(join(common, "backpack"));
      symlinkSync(elsewhere, renderCacheDir(common));
      const recorder = createRenderRecorder(common, Date.now, "sha256");
      recorder.record(Buffer.from("{}\n"), () => "rendered\n", "b".repeat(40));
      expect(readdirSync(elsewhere).sort()).toEqual([`${"a".repeat(64)}.txt`, "notes.md"]);
    });

    it("prunes only the names it writes: another old file in the folder stays", () => {
      const common = gitDir();
      const dir = renderCacheDir(common);
      mkdirSync(dir, { recursive: true });
      const old = new Date(Date.now() - 2 * 60 * 60_000);
      for (const name of ["README", `${"a".repeat(64)}.same`, ".1.2.tmp"]) {
        writeFileSync(join(dir, name), "");
        utimesSync(join(dir, name), old, old);
      }
      createRenderRecorder(common, Date.now, "sha256").record(Buffer.from("{}\n"), () => undefined);
      expect(readdirSync(dir).sort()).toEqual(["README", `${entryName(Buffer.from("{}\n"))}.same`]);
    });
  });

  describe("written whole or not at all", () => {
    it("leaves no partial file behind when a record cannot be written (a full disk: the space goes back)", () => {
      const common = gitDir();
      const dir = renderCacheDir(common);
      const blob = "b".repeat(40);
      // A folder where the blob's .ref goes: the write's rename fails, as a full disk fails the write.
      mkdirSync(join(dir, `${blob}.ref`, "x"), { recursive: true });
      createRenderRecorder(common, Date.now, "sha256").record(Buffer.from("{}\n"), () => "rendered\n", blob);
      expect(readdirSync(dir)).toEqual([`${blob}.ref`]);
    });
  });
});

describe("a recalled text is the text decrypting gives", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const fileKey = newRepoKey(randomBytes(32));
  const credentialsKey = newRepoKey(randomBytes(32));
  const layersKey = newRepoKey(randomBytes(32));
  /** A team member who reads personality and memory, not the credentials; `readers` from the team file at hand. */
  const member = (credentials: boolean, readers: string[]): RepoKey => ({
    ...fileKey,
    layers: {
      credentials: { fingerprint: credentialsKey.fingerprint, ...(credentials ? { key: credentialsKey.key } : {}), readers },
      personality: { fingerprint: layersKey.fingerprint, key: layersKey.key, readers: ["alice", "bob"] },
      memory: { fingerprint: layersKey.fingerprint, key: layersKey.key, readers: ["alice", "bob"] },
    },
  });
  const doc: WorkingForm = {
    version: 2,
    id: newFileId(randomBytes(16)),
    credentials: { API_KEY: { source: "embedded", value: "sk-live-0123456789abcdef" } },
    personality: { tone: "dry" },
    memory: { log: Array.from({ length: 2_000 }, () => randomBytes(40).toString("hex")) },
  };
  const stored = Buffer.from(serializeStoredForm(encryptWorkingForm(doc, member(true, ["alice"]))));
  const diff = new Map([["blob", "c".repeat(40)]]);

  /** One filter process: its key at hand, its records in `common` (as filter-entry.ts wires them). */
  const filterProcess = (common: string, key: RepoKey) => {
    const recorder: RenderRecorder = createRenderRecorder(common, Date.now, "sha256");
    return createFilterSession({
      resolver: { tryKeyFor: async () => key, keyFor: async () => key, defaultKey: async () => key, v1Passphrase: () => "" },
      cleanKey: async () => key,
      unlockHint: "",
      warn: () => {},
      recallDiffSmudge: (source) => recorder.recallWorkingForm(source),
      onDiffSmudge: (_doc, text, blob, source) => recorder.record(text, () => undefined, blob, source),
    });
  };

  it("after the team file names other readers for a layer sealed to this member (its keys unchanged)", async () => {
    const common = mkdtempSync(join(tmpdir(), "render-cache-"));
    dirs.push(common);
    expect(stored.length).toBeGreaterThanOrEqual(RECALLED_STORED_BYTES);
    const before = member(false, ["alice"]);
    const first = await filterProcess(common, before).smudge("agent.lock", stored, diff);
    expect(first.toString("utf8")).toBe(storedToWorkingText(readStoredForm(stored.toString("utf8")) as StoredForm, before));
    expect(readdirSync(renderCacheDir(common)).filter((name) => name.endsWith(".w"))).toHaveLength(1);
    // carol now reads the credentials too: decrypting names her on the sealed layer, so must the recalled text.
    const after = member(false, ["alice", "carol"]);
    const second = await filterProcess(common, after).smudge("agent.lock", stored, diff);
    expect(second.toString("utf8")).toBe(storedToWorkingText(readStoredForm(stored.toString("utf8")) as StoredForm, after));
    expect(second.toString("utf8")).toContain('"carol"');
  });
});
