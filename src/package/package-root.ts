/**
 * Where the installed package lives, for the files it ships next to the code
 * (templates/, bin/). The bundle splits lazily imported modules into
 * dist/chunks/, and tests run the sources from src/, so a fixed relative path
 * from `import.meta.url` would be wrong in one of them: walk up instead.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "backpack-agent";
let cached: string | undefined;

/** The folder holding backpack's own package.json. */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown }).name === PACKAGE_NAME) return (cached = dir);
      } catch {
        // Not ours (or unreadable): keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package folder above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The CLI entry (bin/backpack.js), for commands that drive the real CLI (demo, tutorial). */
export function cliEntry(): string {
  return join(packageRoot(), "bin", "backpack.js");
}
