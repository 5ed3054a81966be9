import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Three tiers with their own time limits: unit (pure), integration (real git and
// files, in-process), e2e (the built CLI driven by git itself).

// Under CI's own session bus (.ci/with-keyring.sh), gnome-keyring-daemon sometimes dies of a GLib
// assertion mid-run (three of nine local and CI runs); the bus restarts it unlocked, but a test whose
// keychain call was in flight fails ("The name :1.0 was not provided"). One retry there, so a test
// fails only when it fails twice; elsewhere none.
const retry = process.env.BACKPACK_CI_BUS ? 1 : 0;

export default defineConfig({
  test: {
    // BACKPACK_REQUIRE_KEYCHAIN=1 (CI): fail the run at once unless the real keychain works.
    globalSetup: ["test/helpers/require-keychain.ts"],
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
        },
      },
      { test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], testTimeout: 60_000, retry } },
    ],
  },
});
