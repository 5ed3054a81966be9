import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Three tiers with their own time limits: unit (pure), integration (real git and
// files, in-process), e2e (the built CLI driven by git itself).
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
        },
      },
      { test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], testTimeout: 60_000 } },
    ],
  },
});
