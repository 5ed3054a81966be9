/**
 * node:child_process, loaded on first use. With it come Node's net, dgram
 * and stream modules: a few milliseconds of every start of the filter git
 * runs, which on a checkout or a single `git show` starts no process at all.
 */
import { lazyBuiltin } from "./lazy-builtin.js";

/** node:child_process, required the first time it is asked for. */
export const nodeChildProcess = lazyBuiltin<typeof import("node:child_process")>("node:child_process");
