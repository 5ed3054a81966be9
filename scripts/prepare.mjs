// npm's "prepare": install the project's own git hooks (husky) and build dist/.
// It must never break `npm install`: husky is skipped outside a git checkout.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";

if (existsSync(".git") && !process.env.HUSKY_SKIP_INSTALL) {
  try {
    execFileSync(process.execPath, ["node_modules/husky/bin.js"], { stdio: "inherit" });
  } catch {
    console.warn("backpack: husky could not install the project's hooks (skipped)");
  }
}
if (existsSync("scripts/build.mjs") && existsSync("node_modules/esbuild")) {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
}
