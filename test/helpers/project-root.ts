/**
 * The checkout's root folder, for tests that read committed files. Kept apart from
 * ./sandbox.ts (which re-exports it): a test that needs only this path imports nothing that
 * starts the CLI or reaches a keychain module, so CI's keychain pass can leave it out
 * (.ci/keychain-free.mjs).
 */
import { resolve } from "node:path";

export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");
