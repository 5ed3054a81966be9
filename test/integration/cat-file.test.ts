import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { catFileBatch, plainObjectFolder, readBlobs } from "../../src/git/cat-file.js";
import { type Sandbox, makeSandbox } from "../helpers/sandbox.js";

describe("catFileBatch", () => {
  let sb: Sandbox;
  let repo: string;
  beforeEach(() => {
    sb = makeSandbox();
    repo = sb.repo();
  });
  afterEach(() => sb.cleanup());

  it("reads many blobs, binary and missing ones included, in one process", () => {
    const binary = Buffer.from([0, 1, 2, 10, 255, 10, 10]);
    writeFileSync(join(repo, "a.txt"), "first\nline two\n");
    writeFileSync(join(repo, "b.bin"), binary);
    writeFileSync(join(repo, "empty"), "");
    sb.git(["add", "."], { cwd: repo });
    sb.git(["commit", "-qm", "files"], { cwd: repo });
    const objects = catFileBatch(["HEAD:a.txt", "HEAD:b.bin", "HEAD:empty", "HEAD:nope"], { cwd: repo });
    expect(objects.map((o) => [o.name, o.type, o.size])).toEqual([
      ["HEAD:a.txt", "blob", 15],
      ["HEAD:b.bin", "blob", binary.length],
      ["HEAD:empty", "blob", 0],
      ["HEAD:nope", "missing", 0],
    ]);
    expect(objects[0]?.content?.toString()).toBe("first\nline two\n");
    expect(objects[1]?.content?.equals(binary)).toBe(true);
  });

  it("leaves out the content of objects above maxBytes", () => {
    writeFileSync(join(repo, "big.txt"), "x".repeat(5000));
    sb.git(["add", "."], { cwd: repo });
    sb.git(["commit", "-qm", "big"], { cwd: repo });
    const [big] = catFileBatch(["HEAD:big.txt"], { cwd: repo, maxBytes: 1000 });
    expect(big?.size).toBe(5000);
    expect(big?.content).toBeUndefined();
  });

  describe("readBlobs", () => {
    const stage = (files: Record<string, string | Buffer>) => {
      for (const [name, content] of Object.entries(files)) writeFileSync(join(repo, name), content);
      sb.git(["add", "."], { cwd: repo });
      return Object.keys(files).map((name) => sb.git(["rev-parse", `:${name}`], { cwd: repo }).stdout.trim());
    };

    it("reads loose blobs from the object folder without git (run where git would fail, it still answers)", () => {
      const binary = Buffer.from([0, 1, 2, 10, 255]);
      const oids = stage({ "a.txt": "first\nline two\n", "b.bin": binary, empty: "" });
      const objects = plainObjectFolder(repo, sb.env);
      expect(objects).toBe(join(repo, ".git", "objects"));
      const notARepo = mkdtempSync(join(tmpdir(), "backpack-not-a-repo-"));
      try {
        const blobs = readBlobs(oids, { cwd: notARepo, env: sb.env, objects });
        expect(blobs.map((b) => [b.name, b.oid, b.type, b.size])).toEqual(catFileBatch(oids, { cwd: repo }).map((b) => [b.name, b.oid, b.type, b.size]));
        expect(blobs[0]?.content?.toString()).toBe("first\nline two\n");
        expect(blobs[1]?.content?.equals(binary)).toBe(true);
        expect(blobs[2]?.content?.length).toBe(0);
      } finally {
        rmSync(notARepo, { recursive: true, force: true });
      }
    });

    it("asks cat-file for what is packed, too large, or not a blob, with the same answers", () => {
      const [packed] = stage({ "packed.txt": "in a pack\n" });
      sb.git(["commit", "-qm", "packed"], { cwd: repo });
      sb.git(["gc", "-q"], { cwd: repo });
      const [loose, big] = stage({ "loose.txt": "still loose\n", "big.txt": "y".repeat(5000) });
      const commit = sb.git(["rev-parse", "HEAD"], { cwd: repo }).stdout.trim();
      const oids = [packed!, loose!, big!, commit, "0".repeat(40)];
      const blobs = readBlobs(oids, { cwd: repo, objects: plainObjectFolder(repo, sb.env), maxBytes: 1000 });
      expect(blobs.map((b) => [b.type, b.size, b.type === "commit" ? b.content?.toString().slice(0, 5) : b.content?.toString()])).toEqual([
        ["blob", 10, "in a pack\n"],
        ["blob", 12, "still loose\n"],
        ["blob", 5000, undefined],
        ["commit", blobs[3]?.content?.length, "tree "],
        ["missing", 0, undefined],
      ]);
    });

    it("uses no object folder where GIT_DIR or GIT_OBJECT_DIRECTORY may point elsewhere, or .git is a file", () => {
      expect(plainObjectFolder(repo, { ...sb.env, GIT_DIR: join(repo, ".git") })).toBeUndefined();
      expect(plainObjectFolder(repo, { ...sb.env, GIT_OBJECT_DIRECTORY: join(repo, ".git", "objects") })).toBeUndefined();
      const worktree = join(sb.root, "linked");
      writeFileSync(join(repo, "f"), "x\n");
      sb.git(["add", "f"], { cwd: repo });
      sb.git(["commit", "-qm", "f"], { cwd: repo });
      sb.git(["worktree", "add", "-q", worktree], { cwd: repo });
      expect(plainObjectFolder(worktree, sb.env)).toBeUndefined();
    });
  });
});
