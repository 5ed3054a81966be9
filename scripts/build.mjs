// Bundles src/ into dist/ with esbuild. Entry points are split so that the git
// entry (filters, textconv, merge) never loads yargs or anything it does not use.
// Dependencies are bundled too (one file loads faster than a node_modules tree);
// only keytar, a native optional module, stays external.
import { build } from "esbuild";
import { readFileSync, rmSync } from "node:fs";

const schemaOnly = process.argv.includes("--schema-only");

const common = {
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["keytar"],
  // Bundled CommonJS dependencies (dotenv) require Node built-ins: give ESM chunks a require().
  banner: { js: 'import { createRequire as __backpackRequire } from "node:module"; const require = __backpackRequire(import.meta.url);' },
  sourcemap: false,
  // Less to parse at every start (about 8 ms of each command here); names are kept, so stack traces still name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  define: { __BACKPACK_VERSION__: JSON.stringify(JSON.parse(readFileSync("package.json", "utf8")).version) },
};

if (!schemaOnly) {
  // Start clean: stale chunks from earlier builds would otherwise pile up.
  rmSync("dist", { recursive: true, force: true });
  await build({ ...common, entryPoints: { cli: "src/cli/main.ts", index: "src/index.ts" }, chunkNames: "chunks/[name]-[hash]" });
  // The git entry is built on its own: code it shares with the CLI would otherwise be cut into
  // chunks shaped by the CLI's imports, and each chunk is one more module to load on every
  // hook and filter start (the pre-commit path loads 6 modules instead of 20, about 20 ms less).
  await build({ ...common, entryPoints: { git: "src/git/main.ts" }, chunkNames: "git-chunks/[name]-[hash]" });
}
// The JSON Schemas are generated from the zod schemas (src/core/schema.ts).
const { writeJsonSchemas } = await import("./json-schema.mjs");
await writeJsonSchemas();
