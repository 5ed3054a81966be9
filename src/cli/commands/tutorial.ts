import type { CommandModule } from "yargs";

interface TutorialArgs {
  keep?: boolean;
  "non-interactive"?: boolean;
}

/**
 * `backpack tutorial`: the everyday commands step by step, for real, in a
 * throwaway workspace. `commandNames` lists the top-level commands of this
 * build: the registry passes it in, so this module need not import the registry.
 */
export function tutorialCommand(commandNames: () => string[]): CommandModule<object, TutorialArgs> {
  return {
    command: "tutorial",
    describe: "Learn the everyday commands step by step, run for real in a throwaway workspace",
    builder: (y) =>
      y
        .option("non-interactive", { type: "boolean", describe: "Run every step without pausing (also when CI is set)" })
        .option("keep", { type: "boolean", describe: "Keep the workspace and print its path" }),
    handler: async (argv) => {
      const { runTutorial } = await import("../../demo/tutorial.js");
      const { createPrompter } = await import("../../terminal/prompt.js");
      const { gitEntryNames } = await import("../git-main.js");
      const ask = createPrompter({ nonInteractive: argv["non-interactive"] });
      try {
        process.exitCode = await runTutorial({ ask, available: new Set([...commandNames(), ...gitEntryNames().map((name) => `git ${name}`)]), keep: argv.keep });
      } finally {
        ask.close();
      }
    },
  };
}
