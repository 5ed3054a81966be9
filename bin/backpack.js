#!/usr/bin/env node
// Entry for `backpack` and `bp`. `backpack git ...` (what git runs: filters,
// textconv, merge driver, hooks) loads only dist/git.js, never the CLI framework.
const args = process.argv.slice(2);
const entry = args[0] === "git" ? "../dist/git.js" : "../dist/cli.js";
let mod;
try {
  mod = await import(entry);
} catch (error) {
  if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("/dist/")) {
    process.stderr.write("backpack: the CLI is not built\nhint: run `npm run build` in the backpack checkout\n");
    process.exit(70);
  }
  throw error;
}
await mod.main(args[0] === "git" ? args.slice(1) : args);
