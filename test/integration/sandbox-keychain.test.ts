/**
 * The sandboxes' keychain services (test/helpers/sandbox.ts), with the real keychain only: a
 * cleaned-up sandbox's entries stay until emptyCleanedKeychainServices, which test/helpers/
 * keychain-cleanup.ts runs after each test file, and then every one of them is gone.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { KEYCHAIN_MODE, PROJECT_ROOT, emptyCleanedKeychainServices, emptyKeychainServicesForTest, makeSandbox } from "../helpers/sandbox.js";

interface Keyring {
  findCredentialsAsync(service: string): Promise<Array<{ account: string }>>;
}

/**
 * How many items each of these services holds, as libsecret's secret-tool lists them (one call per
 * service: a search of every item fails at random on a keyring of hundreds). Counted from the
 * attribute lines, on stderr, apart from the secrets (stdout, never read here).
 */
function itemCounts(services: string[]): number[] {
  return services.map((service) => {
    const r = spawnSync("secret-tool", ["search", "--all", "service", service], { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
    return r.stderr.split("\n").filter((line) => line === `attribute.service = ${service}`).length;
  });
}

describe.runIf(KEYCHAIN_MODE)("the sandboxes' keychain services", () => {
  it("are emptied together, all of them, once the sandboxes are cleaned up", async () => {
    const keyring = createRequire(`${PROJECT_ROOT}/package.json`)("@napi-rs/keyring") as Keyring;
    const services: string[] = [];
    for (const name of ["one", "two"]) {
      const sb = makeSandbox();
      const r = sb.backpack(["key", "add", `SANDBOX_${name.toUpperCase()}`, "--value", `sandbox-keychain-${name}`], { cwd: sb.repo() });
      expect(r.status, r.stderr).toBe(0);
      services.push(sb.env.BACKPACK_KEYCHAIN_SERVICE as string);
      sb.cleanup();
    }
    // Both modules' items: @napi-rs/keyring lists its own; keytar's name the account `account`.
    for (const service of services) expect((await keyring.findCredentialsAsync(service)).length).toBeGreaterThan(0);
    for (const count of itemCounts(services)) expect(count).toBeGreaterThan(1);
    emptyCleanedKeychainServices();
    for (const service of services) expect(await keyring.findCredentialsAsync(service)).toEqual([]);
    expect(itemCounts(services)).toEqual([0, 0]);
  });

  it("are emptied whatever their number (one process, no D-Bus connection per entry)", () => {
    // 270 services: more calls than the bus allows one user's connections (256), which a cleanup
    // through @napi-rs/keyring (a connection per call) reached, and failed, silently. Written by
    // keytar in one process (one connection), and a few with @napi-rs/keyring's attribute names.
    const services = Array.from({ length: 270 }, (_, i) => `backpack-test-many-${process.pid}-${i}`);
    const write = spawnSync(process.execPath, ["-e", 'const k = require("keytar"); (async () => { for (const s of process.argv.slice(1)) await k.setPassword(s, "one", "value"); })()', ...services], { cwd: PROJECT_ROOT, encoding: "utf8" });
    expect(write.status, write.stderr).toBe(0);
    for (const service of services.slice(0, 3)) {
      expect(spawnSync("secret-tool", ["store", "--label=sandbox-keychain", "service", service, "username", "two"], { input: "value" }).status).toBe(0);
    }
    // A sample: the three with two items, and ones from the middle and the end.
    const sample = [0, 1, 2, 3, 135, 269].map((i) => services[i] as string);
    expect(itemCounts(sample)).toEqual([2, 2, 2, 1, 1, 1]);
    emptyKeychainServicesForTest(services);
    expect(itemCounts(sample)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
