/**
 * key_command with real scripts: a command that prints a key or an identity,
 * and every way it can fail (not found, not executable, non-zero exit, hang,
 * empty, malformed, too much output): each a KEYCHAIN error that echoes
 * nothing the command printed.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportRepoKey } from "../../src/core/key-material.js";
import { isBackpackError } from "../../src/errors/errors.js";
import { cachedKeyCommand, runKeyCommand } from "../../src/keys/key-command.js";

const KEY = Buffer.alloc(32, 7);
const KEY_LINE = exportRepoKey(KEY);
const IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
const LEAK = "sk-live-FAKEmisprintedSecret0123456789";

describe("key_command", () => {
  let dir: string;
  const script = (name: string, body: string, mode = 0o755) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, mode);
    return path;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "backpack-keycmd-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads an exported key or an identity from stdout, with arguments passed as argv (no shell)", () => {
    const keyScript = script("key.sh", `printf '%s\\n' "${KEY_LINE}"`);
    const key = runKeyCommand({ argv: [keyScript], timeoutSeconds: 5 }, process.env);
    expect(key).toEqual({ kind: "key", key: KEY });
    const id = runKeyCommand({ argv: [script("id.sh", `printf '# made by age-keygen\\n%s\\n' "$1"`), IDENTITY], timeoutSeconds: 5 }, process.env);
    expect(id).toEqual({ kind: "identity", identities: [IDENTITY] });
    // Shell syntax in an argument is data: no shell runs it.
    const marker = join(dir, "pwned");
    const plain = runKeyCommand({ argv: [keyScript, `$(touch ${marker})`, `; touch ${marker}`], timeoutSeconds: 5 }, process.env);
    expect(plain.kind).toBe("key");
    expect(existsSync(marker)).toBe(false);
  });

  it.each([
    ["not found", () => [join(dir, "missing")], /key_command \(missing\) was not found/],
    ["not executable", () => [script("noexec.sh", "exit 0", 0o644)], /cannot be executed/],
    ["a failing command", () => [script("fail.sh", `echo "${LEAK}" >&2; echo "${LEAK}"; exit 3`)], /failed \(exit status 3\)/],
    ["an empty answer", () => [script("empty.sh", "printf '\\n'")], /printed nothing/],
    ["a malformed answer", () => [script("bad.sh", `echo "${LEAK}"`)], /neither an exported key .* nor an age identity/],
    ["a damaged key", () => [script("damaged.sh", `echo "BACKPACK-KEY-1:${LEAK}"`)], /damaged exported key/],
    ["too much output", () => [script("flood.sh", "head -c 200000 /dev/zero | tr '\\0' a")], /printed more than 65536 bytes/],
    ["an empty list", () => [], /is an empty list/],
  ])("%s is a KEYCHAIN error that prints nothing of the answer", (_, argv, message) => {
    let error: unknown;
    try {
      runKeyCommand({ argv: argv(), timeoutSeconds: 5 }, process.env);
    } catch (e) {
      error = e;
    }
    expect(isBackpackError(error)).toBe(true);
    if (!isBackpackError(error)) return;
    expect(error.code).toBe("KEYCHAIN");
    expect(error.message).toMatch(message);
    expect(`${error.message} ${error.hint}`).not.toContain(LEAK);
    expect(error.hint).toMatch(/run the command yourself/);
  });

  it("stops a command that hangs, after the timeout", () => {
    const hang = script("hang.sh", "sleep 30");
    expect(() => runKeyCommand({ argv: [hang], timeoutSeconds: 1 }, process.env)).toThrow(/did not answer within 1 s and was stopped/);
  });

  it("runs once per process: the answer (or the failure) is kept", () => {
    const counter = join(dir, "count");
    const counting = script("count.sh", `echo x >> "${counter}"; printf '%s\\n' "${KEY_LINE}"`);
    const get = cachedKeyCommand({ argv: [counting], timeoutSeconds: 5 }, process.env);
    get();
    get();
    expect(readFileSync(counter, "utf8")).toBe("x\n");
    expect(cachedKeyCommand(undefined, process.env)()).toBeUndefined();
  });
});
