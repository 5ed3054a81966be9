/**
 * Vitest global setup: with BACKPACK_REQUIRE_KEYCHAIN=1 (CI), the whole run
 * fails at once, saying why, unless the real OS keychain works (both keychain
 * modules, keytar and @napi-rs/keyring, load; the Secret Service answers; a
 * value goes in and comes back out). Without this, a CI machine where keytar
 * failed to build would quietly run every keychain test against the file
 * store, or against one module only.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { KEYCHAIN_BACKENDS, loadKeychainBackend } from "../../src/keys/keychain-backends.js";
import { KeychainKeySource } from "../../src/keys/keychain-source.js";

export default async function requireKeychain(): Promise<void> {
  if (process.env.BACKPACK_REQUIRE_KEYCHAIN !== "1") return;
  const fail = (why: string) => {
    throw new Error(`BACKPACK_REQUIRE_KEYCHAIN=1, but ${why}`);
  };
  if (process.env.BACKPACK_TEST_KEYCHAIN !== "1") fail("BACKPACK_TEST_KEYCHAIN is not 1: the tests would use the file store");
  // The sandboxes' keychain services are emptied with libsecret's secret-tool (test/helpers/sandbox.ts).
  const secretTool = spawnSync("secret-tool", ["--version"], { encoding: "utf8" });
  if (secretTool.error) fail("secret-tool (Debian: libsecret-tools) is not installed: the sandboxes' keychain entries could not be emptied");
  for (const name of KEYCHAIN_BACKENDS) {
    const loaded = await loadKeychainBackend(name);
    if ("reason" in loaded) fail(`${loaded.reason}: the keychain tests would skip it`);
  }
  const source = new KeychainKeySource({ ...process.env, BACKPACK_KEYCHAIN_SERVICE: `backpack-test-probe-${randomBytes(6).toString("hex")}` });
  const ready = await source.available();
  if (ready !== true) fail(`the OS keychain cannot be used: ${ready}`);
  const value = randomBytes(12).toString("hex");
  await source.set("credential:PROBE", value);
  const back = await source.get("credential:PROBE");
  await source.delete("credential:PROBE");
  if (back !== value) fail("the OS keychain did not give back the value just stored");
}
