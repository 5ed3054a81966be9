/**
 * Test sandboxes: a temp folder per test with its own HOME, XDG dirs and git
 * global config (GIT_CONFIG_GLOBAL points at a file inside the sandbox,
 * GIT_CONFIG_NOSYSTEM=1), so tests pass the same on any machine and never
 * touch the developer's keys or config. Run real git and the built CLI.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PROJECT_ROOT } from "./project-root.js";

export { PROJECT_ROOT };
export const CLI = join(PROJECT_ROOT, "bin/backpack.js");

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface Sandbox {
  /** The sandbox root (contains home/ and whatever the test makes). */
  root: string;
  home: string;
  /** Environment for child processes: isolated HOME, git config, no AGENT_MASTER_KEY. */
  env: NodeJS.ProcessEnv;
  /** Runs git in `cwd` (default: root). Throws on a non-zero exit unless `allowFail`. */
  git(args: string[], options?: { cwd?: string; input?: string | Buffer; allowFail?: boolean; env?: NodeJS.ProcessEnv }): RunResult;
  /** Runs the built CLI (bin/backpack.js) in `cwd`. Never throws for a non-zero exit. */
  backpack(args: string[], options?: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv }): RunResult;
  /** Makes a new git repository under root and returns its path. */
  repo(name?: string): string;
  /** Makes a new git repository wired by `backpack setup` (throws with its stderr if setup fails); returns its path. */
  wiredRepo(name?: string): string;
  /**
   * Another machine inside this sandbox (under root/name): its own HOME, XDG
   * dirs, git config and keychain service, so none of this machine's keys are
   * found there. Cleaned up with this sandbox.
   */
  machine(name: string): Sandbox;
  cleanup(): void;
}

/** Variables that would leak the host's configuration into a test. */
const HOST_VARS = /^(GIT_|AGENT_MASTER_KEY$|BACKPACK_|XDG_|NO_COLOR$|CI$)/;

/**
 * Deletes every entry of these keychain services, in one child process: libsecret's `secret-tool
 * clear service NAME` removes every item with that service attribute, whichever module wrote it
 * (keytar names the account `account`, @napi-rs/keyring `username`). Not through @napi-rs/keyring
 * itself: it opens a D-Bus connection per call and keeps them until its process ends, so emptying a
 * file's sandboxes (leak's 87: 300 calls) reached the bus's limit of connections per user, failed
 * silently, and left every item in gnome-keyring for the rest of the run (thousands of items by the
 * end of CI, each write rewriting the whole keyring file). A failure throws: a test file's cleanup
 * failing is an error, not something to find in CI's time.
 */
function emptyKeychainServices(services: string[]): void {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!HOST_VARS.test(key)) env[key] = value;
  // `clear` exits 1 when nothing matched (most sandboxes never write to the keychain) and says
  // nothing; what goes wrong (no Secret Service, no secret-tool) is said on stderr.
  const script = 'for service; do secret-tool clear service "$service"; done';
  const r = spawnSync("sh", ["-c", script, "sh", ...services], { env, encoding: "utf8" });
  if (r.error || r.stderr.trim() !== "") throw new Error(`emptying the sandboxes' keychain services failed: ${r.error?.message ?? r.stderr.trim()}`);
}

/** The keychain services of sandboxes cleaned up, not emptied yet. */
const cleanedServices: string[] = [];

/**
 * Empties the keychain services of the sandboxes cleaned up so far, all in one child process.
 * Every sandbox has a service of its own, never used again once cleaned up, so this can wait:
 * test/helpers/keychain-cleanup.ts calls it after each test file, and the exit of the test process
 * for what is left.
 */
export function emptyCleanedKeychainServices(): void {
  if (cleanedServices.length > 0) emptyKeychainServices(cleanedServices.splice(0));
}
process.on("exit", emptyCleanedKeychainServices);
/** For test/integration/sandbox-keychain.test.ts: these services emptied now. */
export const emptyKeychainServicesForTest = emptyKeychainServices;

/** True when the CLI under test keeps keys and credentials in the real OS keychain (CI); else in the file store. */
export const KEYCHAIN_MODE = process.env.BACKPACK_TEST_KEYCHAIN === "1";
/** The name the CLI gives the store it writes to in this mode ("keychain store", "file store"). */
export const STORE_NAME: "keychain" | "file" = KEYCHAIN_MODE ? "keychain" : "file";

/** A fresh sandbox under the system temp folder. */
export function makeSandbox(): Sandbox {
  return makeMachine(realpathSync(mkdtempSync(join(tmpdir(), "backpack-test-"))));
}

/** A machine rooted at `root` (made if missing); cleanup() removes root, and its keychain service is emptied with the others (emptyCleanedKeychainServices). */
function makeMachine(root: string): Sandbox {
  const useKeychain = KEYCHAIN_MODE;
  const keychainService = `backpack-test-${randomBytes(6).toString("hex")}`;
  const home = join(root, "home");
  mkdirSync(join(home, ".config"), { recursive: true });
  const gitconfig = join(home, ".gitconfig");
  writeFileSync(gitconfig, "[user]\n\tname = Backpack Test\n\temail = test@example.invalid\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n");
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!HOST_VARS.test(key)) env[key] = value;
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_DATA_HOME: join(home, ".local/share"),
    XDG_CACHE_HOME: join(home, ".cache"),
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    // Tests use the file store unless they opt into the real keychain.
    BACKPACK_KEYCHAIN: useKeychain ? "on" : "off",
    NO_COLOR: "1",
  });
  // With the real keychain: a service of its own per sandbox (tests run in parallel), emptied after cleanup() (emptyCleanedKeychainServices).
  if (useKeychain) env.BACKPACK_KEYCHAIN_SERVICE = keychainService;
  // Keep the session bus (for keychain tests) but nothing else of the host's.
  if (process.env.DBUS_SESSION_BUS_ADDRESS) env.DBUS_SESSION_BUS_ADDRESS = process.env.DBUS_SESSION_BUS_ADDRESS;

  const run = (cmd: string, args: string[], cwd: string, input?: string | Buffer, extra?: NodeJS.ProcessEnv): RunResult => {
    const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extra }, input, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if (r.error) throw r.error;
    return { status: r.status ?? 128, stdout: r.stdout, stderr: r.stderr };
  };

  let repoCount = 0;
  const machines: Sandbox[] = [];
  return {
    root,
    home,
    env,
    git(args, options = {}) {
      const r = run("git", args, options.cwd ?? root, options.input, options.env);
      if (r.status !== 0 && !options.allowFail) {
        throw new Error(`git ${args.join(" ")} failed (${r.status}):\n${r.stderr}`);
      }
      return r;
    },
    backpack(args, options = {}) {
      // As the commands setup writes start node (src/git/install-location.ts): without the host's extra CA
      // bundle, which backpack never needs and which Node 20 parses at every start (about 70 ms here).
      return run(process.execPath, [CLI, ...args], options.cwd ?? root, options.input, { NODE_EXTRA_CA_CERTS: "", ...options.env });
    },
    repo(name) {
      const dir = join(root, name ?? `repo${++repoCount}`);
      mkdirSync(dir, { recursive: true });
      run("git", ["init", "-q"], dir);
      return dir;
    },
    wiredRepo(name) {
      const dir = this.repo(name);
      const setup = this.backpack(["setup"], { cwd: dir });
      if (setup.status !== 0) throw new Error(`backpack setup failed (${setup.status}):\n${setup.stderr}`);
      return dir;
    },
    machine(name) {
      const other = makeMachine(join(root, name));
      machines.push(other);
      return other;
    },
    cleanup() {
      for (const other of machines) other.cleanup();
      if (useKeychain) cleanedServices.push(keychainService);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Every object in the repository's store, as text (git cat-file
 * --batch-all-objects). Used to prove no plaintext reached the object store.
 */
export function allObjectsText(sandbox: Sandbox, repo: string): string {
  return sandbox.git(["cat-file", "--batch-all-objects", "--batch", "--unordered"], { cwd: repo }).stdout;
}

/** Throws naming the first secret (by index, never by value) found in any object. */
export function assertNoPlaintextInObjects(sandbox: Sandbox, repo: string, secrets: string[]): void {
  const text = allObjectsText(sandbox, repo);
  secrets.forEach((secret, i) => {
    if (secret.length > 0 && text.includes(secret)) throw new Error(`plaintext #${i} (length ${secret.length}) found in the object store`);
  });
}
