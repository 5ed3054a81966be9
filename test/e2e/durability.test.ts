// Keychain pass (.ci/run): a key store that never drops a key, the keychain among them.
/**
 * Writes that cannot lose data, and a key store that never drops a key, with
 * the built CLI on real file systems:
 *
 *  - a real full disk (a 256 KiB tmpfs, when running as root, as CI does) and
 *    a read-only remount of it: `memory set`, `key add` (the file store on the
 *    full disk) and `init --force` exit 11 with one line and a hint, no stack,
 *    the old bytes intact and no temp file left behind;
 *  - parallel `backpack key add` processes all land;
 *  - a damaged keys.json is an error naming it (exit 9), never an empty vault,
 *    and nothing writes over it;
 *  - a key whose store lost it between the write and the read-back is never
 *    used: no file is encrypted with it (init, rotate);
 *  - a rotate killed with SIGKILL midway is finished by the next command (and
 *    reported by doctor, finished by doctor --fix); every file opens.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLI, type RunResult, type Sandbox, assertNoPlaintextInObjects, makeSandbox } from "../helpers/sandbox.js";

let sb: Sandbox;
let mounted: string[] = [];
beforeEach(() => {
  sb = makeSandbox();
  // These tests break, fill and race the file store (keys.json): keep the keychain out of it.
  sb.env.BACKPACK_KEYCHAIN = "off";
  mounted = [];
});
afterEach(() => {
  for (const dir of mounted.reverse()) spawnSync("umount", [dir]);
  sb.cleanup();
});

/** A failure as the CLI must report one: "backpack: ..." and "hint: ...", nothing else (no stack). */
function expectOneLineWithHint(r: RunResult, code: number, message: RegExp): void {
  expect(r.status, r.stderr).toBe(code);
  const lines = r.stderr.trimEnd().split("\n");
  expect(lines, r.stderr).toHaveLength(2);
  expect(lines[0]).toMatch(message);
  expect(lines[1]).toMatch(/^hint: \S/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** The built CLI, not waited for: for parallel runs and for killing midway. */
function startBackpack(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, input?: string) {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...sb.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input ?? "");
  const done = new Promise<RunResult & { signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (status, signal) => resolve({ status: status ?? 128, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Waits until the test pause hook (src/io/test-pause.ts) has stopped the process at its point. */
async function pausedAt(marker: string, running: Promise<unknown>): Promise<void> {
  let exited = false;
  void running.then(() => (exited = true));
  while (!existsSync(marker)) {
    if (exited) throw new Error("the process ended before it reached the pause point");
    await sleep(20);
  }
}

/** Files a failed write must not leave behind. */
function tempFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) => /\.tmp$/.test(name));
}

const canMount = (() => {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return "not running as root on Linux (CI runs these as root)";
  const probe = spawnSync("sh", ["-c", 'd=$(mktemp -d) && mount -t tmpfs -o size=64k tmpfs "$d" && umount "$d"; r=$?; rmdir "$d"; exit $r']);
  return probe.status === 0 ? true : "mount -t tmpfs is not permitted here (a container without CAP_SYS_ADMIN)";
})();
if (canMount !== true) console.log(`durability: skipping the full-disk and read-only tests: ${canMount}`);
const onRealFileSystems = canMount === true ? describe : describe.skip;

onRealFileSystems("a full disk and a read-only file system", () => {
  let disk: string;
  let env: NodeJS.ProcessEnv;
  const bp = (args: string[], input?: string) => sb.backpack(args, { cwd: disk, env, ...(input === undefined ? {} : { input }) });

  let fillers = 0;
  /** Fills the disk until `leave` bytes are free (a new file each time: rewriting one would free its space first). */
  function fill(leave: number): void {
    const s = statfsSync(disk);
    const free = Number(s.bavail) * Number(s.bsize);
    writeFileSync(join(disk, `filler-${++fillers}`), Buffer.alloc(Math.max(0, free - leave)));
  }

  beforeEach(() => {
    disk = join(sb.root, "disk");
    mkdirSync(disk);
    const r = spawnSync("mount", ["-t", "tmpfs", "-o", "size=256k,mode=0755", "tmpfs", disk], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    mounted.push(disk);
    // The file store on the small disk too.
    env = { XDG_CONFIG_HOME: join(disk, "config") };
    expect(bp(["init"]).status).toBe(0);
    expect(bp(["key", "add", "FIRST_KEY"], "first-value").status).toBe(0);
  });

  it("memory set, key add and init --force on a full disk: exit 11, one line and a hint, the old bytes intact", () => {
    const lock = join(disk, "agent.lock");
    const keys = join(disk, "config", "backpack", "keys.json");
    const lockBefore = readFileSync(lock);
    const keysBefore = readFileSync(keys);
    // Room for a lock file and the start of a temp file, not for the whole value: the short-write case.
    fill(16 * 1024);
    const big = randomBytes(60_000).toString("base64"); // incompressible (the memory layer is compressed)

    const memory = bp(["memory", "set", "note", JSON.stringify(big)]);
    expectOneLineWithHint(memory, 11, /^backpack: cannot write .*agent\.lock: no space left on the disk \(ENOSPC\); the file was not changed$/);
    expect(readFileSync(lock).equals(lockBefore)).toBe(true);

    const key = bp(["key", "add", "BIG_KEY"], big);
    expectOneLineWithHint(key, 11, /^backpack: cannot write .*keys\.json: no space left on the disk \(ENOSPC\); the file was not changed$/);
    expect(readFileSync(keys).equals(keysBefore)).toBe(true);
    expect(bp(["key", "list"]).stdout).toMatch(/^FIRST_KEY\b/m);

    fill(0);
    const init = bp(["init", "--force"]);
    expectOneLineWithHint(init, 11, /^backpack: cannot (write|create) .*: no space left on the disk \(ENOSPC\)/);
    expect(readFileSync(lock).equals(lockBefore)).toBe(true);

    expect(tempFiles(disk)).toEqual([]);
    // Space again: the same commands work, and the file opens.
    for (let i = 1; i <= fillers; i++) spawnSync("rm", [join(disk, `filler-${i}`)]);
    expect(bp(["memory", "set", "note", JSON.stringify(big)]).status).toBe(0);
    expect(JSON.parse(bp(["memory", "show", "note"]).stdout) === big).toBe(true); // (not printed on failure: 80 KB)
  });

  it("a read-only file system: exit 11 naming the file, nothing changed", () => {
    const lock = join(disk, "agent.lock");
    const lockBefore = readFileSync(lock);
    const r = spawnSync("mount", ["-o", "remount,ro", disk], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const memory = bp(["memory", "set", "note", '"hello"']);
    expectOneLineWithHint(memory, 11, /^backpack: cannot create .*\.agent\.lock\.lock: the file system is read-only \(EROFS\)$/);
    const key = bp(["key", "add", "OTHER_KEY"], "value");
    expectOneLineWithHint(key, 11, /^backpack: cannot create .*: the file system is read-only \(EROFS\)$/);
    expect(readFileSync(lock).equals(lockBefore)).toBe(true);
  });
});

describe("the key store", () => {
  it("parallel `backpack key add` processes all land", async () => {
    const names = Array.from({ length: 8 }, (_, i) => `PARALLEL_${i}_KEY`);
    const runs = names.map((name) => startBackpack(["key", "add", name], sb.root, {}, `value-of-${name}`).done);
    for (const r of await Promise.all(runs)) expect(r.status, r.stderr).toBe(0);
    const list = sb.backpack(["key", "list"]).stdout;
    for (const name of names) expect(list).toMatch(new RegExp(`^${name}\\b`, "m"));
    const stored = JSON.parse(readFileSync(join(sb.home, ".config", "backpack", "keys.json"), "utf8")) as { accounts: Record<string, string> };
    for (const name of names) expect(stored.accounts[`credential:${name}`]).toBe(`value-of-${name}`);
  });

  it.each([
    ["not JSON", '{"version": 1, "accounts": {"credential:A_KEY": "a"'],
    ["the wrong shape", '{"version": 1, "accounts": ["credential:A_KEY"]}'],
  ])("a damaged keys.json (%s) is an error naming it, and nothing writes over it", (_, text) => {
    const path = join(sb.home, ".config", "backpack", "keys.json");
    mkdirSync(join(sb.home, ".config", "backpack"), { recursive: true });
    writeFileSync(path, text, { mode: 0o600 });
    for (const [args, input] of [[["key", "list"]], [["key", "add", "NEW_KEY"], "value"], [["key", "remove", "A_KEY"]], [["init"]]] as const) {
      const r = sb.backpack([...args], input === undefined ? {} : { input });
      expectOneLineWithHint(r, 9, new RegExp(`^backpack: the key file ${path.replace(/[.]/g, "\\.")} is damaged`));
      expect(readFileSync(path, "utf8")).toBe(text);
    }
    expect(existsSync(join(sb.root, "agent.lock"))).toBe(false);
    // doctor names it too, and exits 1.
    const doctor = sb.backpack(["doctor"]);
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toContain(`the key file ${path} is damaged`);
  });

  it("init: a key the store lost before it was read back is never used", async () => {
    const marker = join(sb.root, "paused");
    const keys = join(sb.home, ".config", "backpack", "keys.json");
    const run = startBackpack(["init"], sb.root, { BACKPACK_TEST_PAUSE: "key-stored", BACKPACK_TEST_PAUSE_FILE: marker });
    await pausedAt(marker, run.done);
    // What a second writer without the lock did before: the whole file replaced, the new key gone.
    writeFileSync(keys, `${JSON.stringify({ version: 1, accounts: {} })}\n`);
    spawnSync("rm", [marker]);
    const r = await run.done;
    expectOneLineWithHint(r, 9, /^backpack: the file store did not keep key [0-9a-f]{16} \(read back nothing\); no file was encrypted with it$/);
    expect(existsSync(join(sb.root, "agent.lock"))).toBe(false);
  });
});

describe("key rotate, interrupted", () => {
  let repo: string;
  const git = (...args: string[]) => sb.git(args, { cwd: repo }).stdout;
  const keyOf = (path: string) => /"key": "([0-9a-f]{16})"/.exec(readFileSync(join(repo, path), "utf8"))?.[1];
  const paths = ["a/agent.lock", "b/agent.lock", "c/agent.lock", "d/agent.lock"];
  const markers = paths.map((p) => `memory-of-${p.replace(/\W/g, "-")}-${Math.random().toString(36).slice(2)}`);
  const journalPath = () => join(repo, ".git", "backpack", "rotate-journal.json");
  const bp = (...args: string[]) => sb.backpack(args, { cwd: repo });

  beforeEach(() => {
    repo = sb.repo("rotating");
    // Not wired by setup: the working copies are in stored form, so rotate rewrites each file in turn.
    for (const [i, path] of paths.entries()) {
      mkdirSync(join(repo, path, ".."), { recursive: true });
      expect(bp("init", path).status).toBe(0);
      expect(bp("memory", "set", "note", JSON.stringify(markers[i]), "--file", path).status).toBe(0);
    }
    git("add", "-A");
    git("commit", "-qm", "agents");
  }, 60_000);

  async function killMidway(): Promise<{ from: string | null; to: string }> {
    const marker = join(sb.root, "paused");
    const run = startBackpack(["key", "rotate"], repo, { BACKPACK_TEST_PAUSE: "rotate-after-files:2", BACKPACK_TEST_PAUSE_FILE: marker });
    await pausedAt(marker, run.done);
    run.child.kill("SIGKILL");
    const r = await run.done;
    expect(r.signal).toBe("SIGKILL");
    const text = readFileSync(journalPath(), "utf8");
    // No key material in the journal: fingerprints only.
    expect(text).not.toMatch(/BACKPACK-KEY-1/);
    const journal = JSON.parse(text) as { from: string | null; to: string };
    // Mixed: two files under the new key, two under the old; the repository does not name the new key yet.
    expect(paths.map(keyOf).filter((k) => k === journal.to)).toHaveLength(2);
    expect(sb.git(["config", "backpack.key"], { cwd: repo, allowFail: true }).stdout.trim()).not.toBe(journal.to);
    return journal;
  }

  function expectFinished(to: string): void {
    expect(existsSync(journalPath())).toBe(false);
    expect(git("config", "backpack.key").trim()).toBe(to);
    expect(paths.map(keyOf)).toEqual(paths.map(() => to));
    for (const [i, path] of paths.entries()) {
      const show = bp("memory", "show", "note", "--file", path);
      expect(show.status, show.stderr).toBe(0);
      expect(JSON.parse(show.stdout)).toBe(markers[i]);
    }
    // As after a rotation that ran through: the working copies and the index both re-encrypted.
    expect(git("status", "--porcelain")).toBe(paths.map((p) => `M  ${p}\n`).join(""));
    git("commit", "-qm", "rotated");
    expect(git("status", "--porcelain")).toBe("");
    assertNoPlaintextInObjects(sb, repo, markers);
  }

  it("SIGKILL after two files: the next command finishes the rotation, and every file opens", async () => {
    const journal = await killMidway();
    const info = bp("info", "a/agent.lock");
    expect(info.status, info.stderr).toBe(0);
    // The two working copies still under the old key, and the four index entries (none restaged yet).
    expect(info.stderr).toContain(`finished an interrupted key rotation: the repository now uses key ${journal.to} (6 file(s) re-encrypted)`);
    expectFinished(journal.to);
  });

  it("doctor reports an unfinished rotation, and doctor --fix finishes it", async () => {
    const journal = await killMidway();
    const doctor = bp("doctor");
    expect(doctor.status).toBe(1);
    expect(doctor.stdout).toMatch(new RegExp(`key rotation +a key rotation from .+ to ${journal.to}, started .*, was interrupted`));
    expect(doctor.stdout).toContain("fix: `backpack doctor --fix` finishes it");
    const fix = bp("doctor", "--fix");
    expect(fix.stderr).toContain(`finished an interrupted key rotation: the repository now uses key ${journal.to}`);
    expect(fix.stdout).not.toMatch(/key rotation/);
    expectFinished(journal.to);
  });

  it("key rotate after an interrupted one finishes it instead of starting another", async () => {
    const journal = await killMidway();
    const again = bp("key", "rotate");
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`finished an interrupted key rotation: the repository now uses key ${journal.to}`);
    expectFinished(journal.to);
  });

  it("a new key the store lost before it was read back stops the rotation before any file changes", async () => {
    const before = paths.map((p) => readFileSync(join(repo, p), "utf8"));
    const keys = join(sb.home, ".config", "backpack", "keys.json");
    const stored = readFileSync(keys, "utf8");
    const marker = join(sb.root, "paused");
    const run = startBackpack(["key", "rotate"], repo, { BACKPACK_TEST_PAUSE: "key-stored", BACKPACK_TEST_PAUSE_FILE: marker });
    await pausedAt(marker, run.done);
    writeFileSync(keys, stored); // the store as it was before the new key: the write lost
    spawnSync("rm", [marker]);
    const r = await run.done;
    expect(r.status, r.stderr).toBe(9);
    expect(r.stderr).toMatch(/^backpack: key rotation failed, and was undone: the file store did not keep key [0-9a-f]{16}/);
    expect(paths.map((p) => readFileSync(join(repo, p), "utf8"))).toEqual(before);
    expect(existsSync(journalPath())).toBe(false);
    expect(git("status", "--porcelain")).toBe("");
  });
});

describe("the filters while a key rotation is unfinished", () => {
  let repo: string;
  const git = (...args: string[]) => sb.git(args, { cwd: repo }).stdout;
  const paths = ["a/agent.lock", "b/agent.lock", "c/agent.lock"];
  const markers = paths.map((p) => `filter-memory-${p.replace(/\W/g, "-")}-${Math.random().toString(36).slice(2)}`);
  const journalPath = () => join(repo, ".git", "backpack", "rotate-journal.json");
  const bp = (...args: string[]) => sb.backpack(args, { cwd: repo });
  const keyOfBlob = (path: string) => /"key": "([0-9a-f]{16})"/.exec(git("cat-file", "-p", `:${path}`))?.[1];

  beforeEach(() => {
    repo = sb.repo("wired-rotating");
    expect(bp("setup").status).toBe(0);
    for (const [i, path] of paths.entries()) {
      mkdirSync(join(repo, path, ".."), { recursive: true });
      expect(bp("init", path).status).toBe(0);
      expect(bp("memory", "set", "note", JSON.stringify(markers[i]), "--file", path).status).toBe(0);
    }
    git("add", "-A");
    git("commit", "-qm", "agents");
  }, 60_000);

  it("SIGKILLed rotation: git add of a working form is refused (hint: doctor --fix), checkout still decrypts; doctor --fix, then git add works", async () => {
    const working = readFileSync(join(repo, "a/agent.lock"), "utf8");
    expect(working).toContain(markers[0]);
    // Locked working copies, so the rotation rewrites them one by one and stops after the second.
    expect(bp("lock").status).toBe(0);
    const marker = join(sb.root, "paused");
    const run = startBackpack(["key", "rotate"], repo, { BACKPACK_TEST_PAUSE: "rotate-after-files:2", BACKPACK_TEST_PAUSE_FILE: marker });
    await pausedAt(marker, run.done);
    run.child.kill("SIGKILL");
    expect((await run.done).signal).toBe("SIGKILL");
    const journal = JSON.parse(readFileSync(journalPath(), "utf8")) as { from: string; to: string };
    const indexBefore = git("ls-files", "-s");

    // clean: a working form is never encrypted (with either key) while the journal is there.
    writeFileSync(join(repo, "a/agent.lock"), working);
    const add = sb.git(["add", "a/agent.lock"], { cwd: repo, allowFail: true });
    expect(add.status).not.toBe(0);
    expect(add.stderr).toContain("cannot encrypt a/agent.lock: a key rotation was interrupted and is not finished");
    expect(add.stderr).toContain("hint: run `backpack doctor --fix` to finish it");
    expect(add.stderr).not.toContain(markers[0]);
    expect(git("ls-files", "-s")).toBe(indexBefore);
    // A new file is refused the same way (it would be under a key the journal does not expect).
    mkdirSync(join(repo, "d"));
    writeFileSync(join(repo, "d/agent.lock"), working);
    expect(sb.git(["add", "d/agent.lock"], { cwd: repo, allowFail: true }).status).not.toBe(0);
    expect(git("ls-files", "d")).toBe("");

    // smudge never encrypts: a checkout decrypts the index blob, whichever key it is under.
    const checkout = sb.git(["checkout", "--", "b/agent.lock"], { cwd: repo, allowFail: true });
    expect(checkout.status, checkout.stderr).toBe(0);
    expect(readFileSync(join(repo, "b/agent.lock"), "utf8")).toContain(markers[1]);
    assertNoPlaintextInObjects(sb, repo, markers);

    const fix = bp("doctor", "--fix");
    expect(fix.stderr).toContain(`finished an interrupted key rotation: the repository now uses key ${journal.to}`);
    expect(existsSync(journalPath())).toBe(false);
    // Now git add encrypts with the new key, and every index entry is under it.
    git("add", "-A");
    for (const path of [...paths, "d/agent.lock"]) expect(keyOfBlob(path)).toBe(journal.to);
    git("commit", "-qm", "rotated");
    assertNoPlaintextInObjects(sb, repo, markers);
    for (const [i, path] of paths.entries()) {
      const show = bp("memory", "show", "note", "--file", path);
      expect(show.status, show.stderr).toBe(0);
      expect(JSON.parse(show.stdout)).toBe(markers[i]);
    }
  }, 60_000);
});
