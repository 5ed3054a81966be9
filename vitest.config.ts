import { availableParallelism } from "node:os";
import { relative } from "node:path";
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// Three tiers with their own time limits: unit (pure), integration (real git and
// files, in-process), e2e (the built CLI driven by git itself).

// Under CI's own session bus (.ci/with-keyring.sh), gnome-keyring-daemon sometimes dies of a GLib
// assertion mid-run (three of nine local and CI runs); the bus restarts it unlocked, but a test whose
// keychain call was in flight fails ("The name :1.0 was not provided"). One retry there, so a test
// fails only when it fails twice; elsewhere none.
const retry = process.env.BACKPACK_CI_BUS ? 1 : 0;

// The tiers that make sandboxes: their keychain services (with the real keychain) are emptied once
// per test file, not once per sandbox (test/helpers/sandbox.ts).
const KEYCHAIN_CLEANUP = "test/helpers/keychain-cleanup.ts";

/**
 * The files that take a minute or more, slowest first. CI's keychain run of 2026-12-06 (3 workers
 * on 2 cores) measured the pre-commit framework's tests at 122 s, leak 97, scan-linear 73, model
 * 71, team 53; the framework's tests now install the hooks once, not twice (about 80 s: the
 * second install was a third of the file, 157 of 468 s in a run at load 10). Vitest's
 * own order runs the projects one after the other (e2e, integration, unit) and, without a cache of
 * durations (a fresh `npm ci`), the larger files first: the 73 s of unit/scan-linear started last
 * and ran alone at the end. Starting these first lets the short files fill the other workers
 * meanwhile (the last run's durations, replayed: 467 s -> 440 s). Only the order changes; a name
 * no longer found here, or left out of a run (.ci/run's keychain pass leaves out scan-linear), is
 * just not moved. CI's fresh-clone pass of 2026-12-07 started unit/scan-windows (117 s) at 485 s of 601,
 * the last file to end, 32 s after every other: it starts with the slow files now.
 */
const SLOW_FILES_FIRST = [
  "test/e2e/leak.test.ts",
  "test/e2e/pre-commit-framework.test.ts",
  "test/unit/scan-linear.test.ts",
  "test/unit/scan-windows.test.ts",
  "test/e2e/model.test.ts",
  "test/e2e/team.test.ts",
];

/** Vitest's order, with SLOW_FILES_FIRST moved to the front, in that order, whatever their project. */
class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const index = SLOW_FILES_FIRST.indexOf(relative(spec.project.config.root, spec.moduleId).split("\\").join("/"));
      return index === -1 ? SLOW_FILES_FIRST.length : index;
    };
    // Array.prototype.sort is stable: the rest keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * A test CI's keychain pass (.ci/run, pass 2) need not repeat once the fresh-clone pass (pass 1, the file
 * store) ran it on the same files: pass 2 runs vitest with `--tags-filter '!fresh-pass-only'`. Only in a
 * file pass 2 keeps (.ci/keychain-free.mjs), and only with the reason beside the tag: what the test checks
 * cannot depend on the key store (the leak test's cases whose command never opens it, a check the leak
 * test makes in every full keychain run), or another test of the file makes the same store's calls under
 * the keychain (the model test's random runs: its tour runs every operation). `npm test` and a keychain
 * run started by hand (.ci/with-keyring.sh) filter nothing. Vitest refuses a tag not declared here (strictTags).
 */
const FRESH_PASS_ONLY = "fresh-pass-only";

export default defineConfig({
  test: {
    tags: [{ name: FRESH_PASS_ONLY, description: "left out of .ci/run's keychain pass once its fresh-clone pass ran it (vitest.config.ts)" }],
    // BACKPACK_REQUIRE_KEYCHAIN=1 (CI): fail the run at once unless the real keychain works.
    globalSetup: ["test/helpers/require-keychain.ts"],
    sequence: { sequencer: SlowFilesFirst },
    // Most of the time goes to child processes (the CLI, git and the filters it starts), which a
    // test waits for: one worker more than the cores keeps them busy (vitest's default is one
    // fewer, a single worker on a 2-core machine).
    maxWorkers: availableParallelism() + 1,
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"], testTimeout: 10_000 } },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          testTimeout: 30_000,
          retry,
          setupFiles: [KEYCHAIN_CLEANUP],
        },
      },
      { test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], testTimeout: 60_000, retry, setupFiles: [KEYCHAIN_CLEANUP] } },
    ],
  },
});
