import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { catFileBatch } from "../../src/git/cat-file.js";
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
});
