#!/usr/bin/env node
// Entry for `backpack` and `bp`. CommonJS (see bin/package.json), so that
// `backpack git ...` (what git runs: filters, textconv, merge driver, hook)
// starts without Node's ESM loader: it requires dist/git.cjs and never the
// CLI framework. Everything else runs the CLI (dist/cli.cjs, one CommonJS file
// that dist/cli-start.cjs loads with V8's code cache).
"use strict";

const args = process.argv.slice(2);

function notBuilt(error) {
  // ENOENT: dist/cli-start.cjs is there, the CLI it loads (dist/cli.cjs) is not.
  const missing = error && (error.code === "MODULE_NOT_FOUND" || error.code === "ERR_MODULE_NOT_FOUND" || error.code === "ENOENT") && String(error.message).includes("/dist/");
  if (!missing) throw error;
  process.stderr.write("backpack: the CLI is not built\nhint: run `npm run build` in the backpack checkout\n");
  process.exit(70);
}

if (args[0] === "git") {
  let git;
  try {
    git = require("../dist/git.cjs");
  } catch (error) {
    notBuilt(error);
  }
  git.main(args.slice(1));
} else {
  let cli;
  try {
    cli = require("../dist/cli-start.cjs");
  } catch (error) {
    notBuilt(error);
  }
  cli.start(args).catch(notBuilt);
}
