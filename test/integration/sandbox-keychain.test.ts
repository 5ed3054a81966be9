/**
 * The sandboxes' keychain services (test/helpers/sandbox.ts), with the real keychain only: a
 * cleaned-up sandbox's entries stay until emptyCleanedKeychainServices, which test/helpers/
 * keychain-cleanup.ts runs after each test file, and then every one of them is gone.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { KEYCHAIN_MODE, PROJECT_ROOT, emptyCleanedKeychainServices, makeSandbox } from "../helpers/sandbox.js";

interface Keyring {
  findCredentialsAsync(service: string): Promise<Array<{ account: string }>>;
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
    for (const service of services) expect((await keyring.findCredentialsAsync(service)).length).toBeGreaterThan(0);
    emptyCleanedKeychainServices();
    for (const service of services) expect(await keyring.findCredentialsAsync(service)).toEqual([]);
  });
});
