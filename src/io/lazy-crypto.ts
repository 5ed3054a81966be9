/**
 * node:crypto, loaded on first use. Loading it costs about 5 ms of start, and
 * the pre-commit hook, which git runs on every commit, needs it only to
 * fingerprint a finding or to write a file.
 */
import { createRequire } from "node:module";

type NodeCrypto = typeof import("node:crypto");

const requireBuiltin = createRequire(import.meta.url);
let loaded: NodeCrypto | undefined;

/** node:crypto, required the first time it is asked for. */
export function nodeCrypto(): NodeCrypto {
  loaded ??= requireBuiltin("node:crypto") as NodeCrypto;
  return loaded;
}
