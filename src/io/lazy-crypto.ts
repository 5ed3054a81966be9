/**
 * node:crypto, loaded on first use. Loading it costs about 5 ms of start, and
 * the pre-commit hook, which git runs on every commit, needs it only to
 * fingerprint a finding or to write a file.
 */
import { lazyBuiltin } from "./lazy-builtin.js";

/** node:crypto, required the first time it is asked for. */
export const nodeCrypto = lazyBuiltin<typeof import("node:crypto")>("node:crypto");
