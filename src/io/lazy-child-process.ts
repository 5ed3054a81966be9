/**
 * node:child_process, loaded on first use. With it come Node's net, dgram
 * and stream modules: a few milliseconds of every start of the filter git
 * runs, which on a checkout or a single `git show` starts no process at all.
 */
import { createRequire } from "node:module";

type NodeChildProcess = typeof import("node:child_process");

const requireBuiltin = createRequire(import.meta.url);
let loaded: NodeChildProcess | undefined;

/** node:child_process, required the first time it is asked for. */
export function nodeChildProcess(): NodeChildProcess {
  loaded ??= requireBuiltin("node:child_process") as NodeChildProcess;
  return loaded;
}
