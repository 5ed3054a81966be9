import type { CommandModule } from "yargs";

interface DemoArgs {
  fast?: boolean;
  keep?: boolean;
}

/** `backpack demo`: a walkthrough in a throwaway repository. */
const command: CommandModule<object, DemoArgs> = {
  command: "demo",
  describe: "Walk through backpack in a throwaway repository (encryption, decrypted diff, a blocked secret)",
  builder: (y) =>
    y
      .option("fast", { type: "boolean", describe: "Shorter output" })
      .option("keep", { type: "boolean", describe: "Keep the throwaway repository and print its path" }),
  handler: async (argv) => {
    const { runDemo } = await import("../../demo/walkthrough.js");
    process.exitCode = runDemo({ fast: argv.fast, keep: argv.keep });
  },
};
export default command;
