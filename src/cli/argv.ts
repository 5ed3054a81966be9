/**
 * Splitting the command line before yargs sees it. `backpack run SCRIPT ARGS`
 * hands everything from SCRIPT on to the agent untouched (`--verbose` there is
 * the agent's flag, not backpack's), so `--script --` is inserted before
 * SCRIPT (--script: pick the interpreter by the file's extension);
 * `backpack run -- CMD ARGS` already has its `--` and runs CMD as it is.
 */

import type { LogLevel } from "../output/log.js";

/** Flags every command accepts before or after the command name. */
const GLOBAL_FLAGS = new Set(["--debug", "--verbose", "-v", "--quiet", "-q", "--help", "-h", "--no-color"]);
/** Options of `run` that take a value as the next word. */
const RUN_VALUE_OPTIONS = new Set(["--file", "-f"]);

export interface SplitArgv {
  /** What yargs parses (with `--` inserted for run). */
  argv: string[];
  /** backpack's own words: everything before a pass-through command. */
  own: string[];
}

/** Returns argv with the pass-through part of `run` marked by `--`. */
export function splitArgv(argv: string[]): SplitArgv {
  const dashdash = argv.indexOf("--");
  let i = 0;
  while (i < argv.length && i !== dashdash && GLOBAL_FLAGS.has(argv[i] as string)) i++;
  if (argv[i] !== "run") {
    return { argv, own: dashdash < 0 ? argv : argv.slice(0, dashdash) };
  }
  for (let j = i + 1; j < argv.length; j++) {
    const word = argv[j] as string;
    if (word === "--") return { argv, own: argv.slice(0, j) };
    if (!word.startsWith("-") || word === "-") {
      return { argv: [...argv.slice(0, j), "--script", "--", ...argv.slice(j)], own: argv.slice(0, j) };
    }
    if (RUN_VALUE_OPTIONS.has(word)) j++;
  }
  return { argv, own: argv };
}

/** The log level backpack's own flags ask for, if any. */
export function flagLogLevel(own: string[]): LogLevel | undefined {
  if (own.includes("--debug")) return "debug";
  if (own.includes("--verbose") || own.includes("-v")) return "info";
  if (own.includes("--quiet") || own.includes("-q")) return "error";
  return undefined;
}
