/**
 * Entry for every command but `backpack git ...` in the build (bin/backpack.js
 * requires dist/cli-start.cjs): the CLI is one CommonJS file, dist/cli.cjs,
 * loaded with V8's code cache (io/code-cache.ts), as the hook's scanner is.
 * Node 20 keeps no compiled code for ES modules, and `backpack scan` loaded
 * about 46 of them (770 KB): resolving, linking and compiling them was about
 * 100 ms of every scan's CPU. The cache is written after the first run of
 * a build (and whenever it is missing, stale or damaged); until then, and
 * where it cannot be used, the file is compiled as any CommonJS file.
 */
import { join } from "node:path";
import { requireWithCodeCache } from "../io/code-cache.js";

type Cli = typeof import("./main.js");

export async function start(args: string[]): Promise<void> {
  // A cache holds what the run that wrote it compiled: `scan` (the command CI and the bench run
  // over and over) keeps one of its own, the other commands share one.
  const loaded = requireWithCodeCache<Cli>(join(__dirname, "cli.cjs"), process.env, require, args[0] === "scan" ? "scan" : undefined);
  // After the run, so that the cache holds what the command compiled too; on exit as well, for the
  // runs that end in process.exit (yargs' --version and --help, a closed pipe). save() writes once.
  process.once("exit", loaded.save);
  await loaded.exports.main(args);
  loaded.save();
}
