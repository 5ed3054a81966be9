import { defineConfig } from "vitest/config";

// Three tiers with their own time limits: unit (pure), integration (real git and
// files, in-process), e2e (the built CLI driven by git itself).
export default defineConfig({
  test: {
    // BACKPACK_REQUIRE_KEYCHAIN=1 (CI): fail the run at once unless the real keychain works.
    globalSetup: ["test/helpers/require-keychain.ts"],
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
