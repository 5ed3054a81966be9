// Imports exports of the TypeScript sources (src/) into a Node script, for the tools that need the
// scanner's internals, which the bundle does not export (bench/rule-times.mjs, scripts/scan-repos.mjs):
// esbuild bundles `contents` (export statements resolved from the repository's root) into a temporary
// ES module, which is imported, then removed.
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** The module `contents` (e.g. `export { scanText } from "./src/scan/scanner.ts";`) makes of src/. */
export async function importFromSrc(contents) {
  const out = mkdtempSync(join(tmpdir(), "backpack-src-"));
  try {
    const entry = join(out, "entry.mjs");
    await build({
      stdin: { contents, resolveDir: root, loader: "ts" },
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: entry,
      // The scanner's fingerprints use node:crypto through require(): an ES module has none of its own.
      banner: { js: 'import { createRequire as bannerRequire } from "node:module"; const require = bannerRequire(import.meta.url);' },
      logLevel: "warning",
    });
    return await import(pathToFileURL(entry).href);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
