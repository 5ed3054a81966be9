/**
 * Vitest setup file of the integration and e2e tiers (vitest.config.ts): after each test file,
 * the keychain services of its sandboxes are emptied in one child process (./sandbox.ts). Without
 * the real keychain (BACKPACK_TEST_KEYCHAIN unset) there are none, and nothing starts.
 */
import { afterAll } from "vitest";
import { emptyCleanedKeychainServices } from "./sandbox.js";

afterAll(() => emptyCleanedKeychainServices(), 60_000);
