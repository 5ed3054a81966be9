/**
 * Entry for everything git runs (`backpack git <sub>`): filter-process, clean,
 * smudge, textconv, merge, pre-commit. Kept free of yargs and the CLI so that it
 * starts in close to bare `node` time; built as CommonJS, each sub-command a
 * file of its own (scripts/build.mjs).
 */
import { reportError } from "../output/output.js";
import { BackpackError } from "../errors/errors.js";

type Sub = (args: string[]) => Promise<number | void>;

// Each entry is imported lazily: only the code the sub-command uses is loaded.
const subs: Record<string, () => Promise<Sub>> = {
  "filter-process": async () => (await import("../git/filter-entry.js")).filterProcess,
  clean: async () => (await import("../git/filter-entry.js")).cleanOne,
  smudge: async () => (await import("../git/filter-entry.js")).smudgeOne,
  textconv: async () => (await import("../git/textconv.js")).textconv,
  merge: async () => (await import("../git/merge-driver.js")).mergeDriver,
  "pre-commit": async () => (await import("../scan/pre-commit.js")).preCommit,
};

/** The entry points this build has (the tutorial skips what needs one that is missing). */
export function gitEntryNames(): string[] {
  return Object.keys(subs);
}

export async function main(args: string[]): Promise<void> {
  const [name, ...rest] = args;
  const debug = rest.includes("--debug");
  try {
    const load = name ? subs[name] : undefined;
    if (!load) {
      throw new BackpackError("USAGE", `unknown git entry point: ${name ?? "(none)"}`, `one of: ${Object.keys(subs).join(", ") || "(none yet)"}`);
    }
    const code = await (await load())(rest);
    if (typeof code === "number") process.exitCode = code;
  } catch (error) {
    process.exitCode = reportError(error, { debug });
  }
}
