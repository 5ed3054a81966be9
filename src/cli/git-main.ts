/**
 * Entry for everything git runs (`backpack git <sub>`): filter-process, clean,
 * smudge, textconv, merge, pre-commit. Kept free of yargs and the CLI so that it
 * starts in close to bare `node` time; built as CommonJS, each sub-command a
 * file of its own (scripts/build.mjs).
 */
import { join } from "node:path";
import { reportError } from "../output/output.js";
import { BackpackError } from "../errors/errors.js";
import { type CachedModule, requireWithCodeCache } from "../io/code-cache.js";

type Sub = (args: string[]) => Promise<number | void>;

/** True in the CommonJS build (scripts/build.mjs), where each part is a file of its own in dist/git/. */
declare const __BACKPACK_GIT_PARTS__: boolean | undefined;

/** What to do once the sub-command returned (the code cache's write). */
let afterRun: (() => void) | undefined;

/**
 * The pre-commit check, its part loaded with V8's code cache
 * (io/code-cache.ts: compiling the scanner was about a fifth of the hook's
 * time), written after the run when it was missing or stale.
 */
async function preCommitEntry(): Promise<Sub> {
  type Part = typeof import("../scan/pre-commit.js");
  let part: Part;
  if (typeof __BACKPACK_GIT_PARTS__ === "boolean") {
    const loaded: CachedModule<Part> = requireWithCodeCache<Part>(join(__dirname, "git", "pre-commit.cjs"), process.env, require);
    afterRun = loaded.save;
    part = loaded.exports;
  } else {
    part = await import("../scan/pre-commit.js");
  }
  return part.preCommit;
}

// Each entry is imported lazily: only the code the sub-command uses is loaded.
const subs: Record<string, () => Promise<Sub>> = {
  "filter-process": async () => (await import("../git/filter-entry.js")).filterProcess,
  clean: async () => (await import("../git/filter-entry.js")).cleanOne,
  smudge: async () => (await import("../git/filter-entry.js")).smudgeOne,
  textconv: async () => (await import("../git/textconv.js")).textconv,
  merge: async () => (await import("../git/merge-driver.js")).mergeDriver,
  "pre-commit": preCommitEntry,
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
  afterRun?.();
}
