// Bundles src/ into dist/ with esbuild. Entry points are split so that the git
// entry (filters, textconv, merge) never loads yargs or anything it does not use.
// Dependencies are bundled too (one file loads faster than a node_modules tree);
// the native optional keychain modules are imported by a name in a variable, so they stay out.
import { build } from "esbuild";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { leanRulesPlugin } from "./lean-rules.mjs";

/** import.meta.url in a CommonJS file, as a getter: made from __filename on first use (a URL built at every load costs about 1 ms). */
const IMPORT_META_URL_BANNER = 'const __backpackModule = { get url() { return require("node:url").pathToFileURL(__filename).href; } };';

const schemaOnly = process.argv.includes("--schema-only");

const common = {
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["keytar", "@napi-rs/keyring"],
  // Bundled CommonJS dependencies (dotenv) require Node built-ins: give ESM chunks a require().
  banner: { js: 'import { createRequire as __backpackRequire } from "node:module"; const require = __backpackRequire(import.meta.url);' },
  sourcemap: false,
  // Less to parse at every start (about 8 ms of each command here); names are kept, so stack traces still name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  define: { __BACKPACK_VERSION__: JSON.stringify(JSON.parse(readFileSync("package.json", "utf8")).version) },
};

/**
 * yargs finds "its" package.json (for a version it guesses at every start) by walking up from the
 * folder above node_modules; bundled, there is no node_modules in the path, and its shim falls
 * back to the working directory: every command read the nearest package.json of the repository it
 * ran in, unbounded and through any link (`package.json -> /dev/zero` ran out of memory, a FIFO
 * hung). Pointed at the bundle's own folder, it finds backpack's package.json instead.
 */
const yargsOwnPackage = {
  name: "yargs-own-package",
  setup(b) {
    b.onLoad({ filter: /yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const patched = source.replace("mainFilename: mainFilename || process.cwd(),", "mainFilename: mainFilename || fileURLToPath(import.meta.url),");
      if (patched === source) throw new Error("yargs' platform shim changed: check that it no longer reads package.json from the working directory, then drop this plugin");
      return { contents: lazyHelpLayout(patched, args.path), loader: "js" };
    });
  },
};

/**
 * yargs lays out help with cliui and string-width, which the shim imports at the top: their module
 * code makes three Intl.Segmenters and compiles Unicode-property regular expressions (\p{RGI_Emoji},
 * `v` flag) at every start, about 25 ms of each command, though only help ever measures a width.
 * Here both are required on first use instead (esbuild wraps a required module so that its code
 * runs then, not at load).
 */
function lazyHelpLayout(source, path) {
  const imports = ["import cliui from 'cliui'\n", "import stringWidth from 'string-width';\n"];
  if (!imports.every((line) => source.includes(line))) throw new Error(`${path}: yargs' shim no longer imports cliui and string-width as it did: check what its help layout loads at start, then update lazyHelpLayout`);
  return imports.reduce((text, line) => text.replace(line, ""), source).replace("'use strict'\n", `'use strict'\nimport { cliui, stringWidth } from "${LAZY_HELP_LAYOUT}";\n`);
}

/** The module the shim imports cliui and string-width from instead (resolved from the shim's folder, as the shim's own imports are). */
const LAZY_HELP_LAYOUT = "backpack:lazy-help-layout";
const lazyHelpLayoutModule = {
  name: "lazy-help-layout",
  setup(b) {
    b.onResolve({ filter: /^backpack:lazy-help-layout$/ }, (args) => ({ path: args.resolveDir, namespace: "lazy-help-layout" }));
    b.onLoad({ filter: /.*/, namespace: "lazy-help-layout" }, (args) => ({
      resolveDir: args.path,
      loader: "js",
      contents: [
        "let ui, width;",
        'export const cliui = (...args) => (ui ??= require("cliui").default)(...args);',
        'export const stringWidth = (...args) => (width ??= require("string-width").default)(...args);',
      ].join("\n"),
    }));
  },
};

/**
 * yargs renders a command's whole help after its handler started (`cacheHelpMessage`), for a
 * `showHelp()` the handler might call later; backpack's handlers never do, and failures go through
 * the root's `.fail` (src/cli/main.ts), which never prints help. So the rendering (about 15 ms of
 * every command) is skipped: help asked for (`--help`, a usage error's hint) is rendered as before.
 */
const yargsNoCachedHelp = {
  name: "yargs-no-cached-help",
  setup(b) {
    b.onLoad({ filter: /yargs[\\/]build[\\/]lib[\\/]usage\.js$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      const cache = "self.cacheHelpMessage = function () {\n        cachedHelpMessage = this.help();\n    };";
      if (!source.includes(cache)) throw new Error("yargs' usage.js changed: check where it renders help after a command's handler, then update yargsNoCachedHelp");
      return { contents: source.replace(cache, "self.cacheHelpMessage = function () {};"), loader: "js" };
    });
  },
};

/**
 * The scanner's rules' literals (src/scan/literals.ts), read from their patterns here once rather
 * than by every scan of a large text (100 to 200 ms a process), and the vendors' names as one
 * alternation: the scanner's own code, run on the sources being bundled, written into the bundle as
 * __BACKPACK_RULE_LITERALS__, __BACKPACK_RULE_MATCH_ENDS__ and __BACKPACK_VENDOR_ALTERNATION__.
 */
async function scannerTables() {
  const dir = mkdtempSync(join(tmpdir(), "backpack-build-"));
  try {
    const out = join(dir, "tables.mjs");
    const contents = 'export { keywordPairsTable, ruleLiteralsTable, ruleMatchEndsTable } from "./src/scan/scanner.ts";\nexport { vendorAlternation } from "./src/scan/vendor-prefixes.ts";\n';
    await build({ ...common, splitting: false, outdir: undefined, outfile: out, entryPoints: undefined, stdin: { contents, resolveDir: process.cwd(), loader: "ts" }, define: {} });
    const { keywordPairsTable, ruleLiteralsTable, ruleMatchEndsTable, vendorAlternation } = await import(pathToFileURL(out).href);
    // The vendors' names factored into one alternation (about 10 ms of every process that loads the rules).
    return { literals: ruleLiteralsTable(), matchEnds: ruleMatchEndsTable(), vendorAlternation: vendorAlternation(), keywordPairs: keywordPairsTable() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!schemaOnly) {
  const tables = await scannerTables();
  // As JSON text, parsed by the scanner when a large text first needs it (not an object literal built at every load).
  common.define.__BACKPACK_RULE_LITERALS__ = JSON.stringify(JSON.stringify(tables.literals));
  // And where their matches end (literals.ts, matchEnd): about 1.5 ms a rule that a large text runs.
  common.define.__BACKPACK_RULE_MATCH_ENDS__ = JSON.stringify(JSON.stringify(tables.matchEnds));
  common.define.__BACKPACK_VENDOR_ALTERNATION__ = JSON.stringify(tables.vendorAlternation);
  // The rules' keywords grouped under their first two characters (the scanner's keyword pass), as JSON text.
  common.define.__BACKPACK_KEYWORD_PAIRS__ = JSON.stringify(JSON.stringify(tables.keywordPairs));
  // Start clean: stale chunks from earlier builds would otherwise pile up.
  rmSync("dist", { recursive: true, force: true });
  // The library (index.js) as ES modules; the CLI as one CommonJS file (buildCli).
  await build({ ...common, entryPoints: { index: "src/index.ts" }, chunkNames: "chunks/[name]-[hash]" });
  dropUnusedRequire("dist");
  await buildCli();
  await buildGitEntry();
}
// The JSON Schemas are generated from the zod schemas (src/core/schema.ts).
const { writeJsonSchemas } = await import("./json-schema.mjs");
await writeJsonSchemas();

/**
 * The CLI (every command but `backpack git ...`) is one CommonJS file, dist/cli.cjs, which
 * dist/cli-start.cjs (src/cli/cli-start.ts) loads with V8's code cache, as the hook loads its
 * scanner: Node 20 caches no compiled code for ES modules, and `backpack scan` loaded about 46
 * chunks (770 KB) through the ESM loader, compiling each at every start (about 100 ms of its CPU).
 * A dynamic import becomes a lazy require inside the file (esbuild runs a module's code when it is
 * first imported, as before): one copy of every module, so no state is split between copies.
 * ES modules run in strict mode: the banner's "use strict" keeps it (esbuild's own comes after the
 * banner, where it is no directive).
 */
async function buildCli() {
  await build({
    ...common,
    splitting: false,
    format: "cjs",
    outdir: undefined,
    outfile: join("dist", "cli.cjs"),
    entryPoints: ["src/cli/main.ts"],
    supported: { "dynamic-import": false },
    banner: { js: `"use strict";${IMPORT_META_URL_BANNER}` },
    define: { ...common.define, "import.meta.url": "__backpackModule.url" },
    plugins: [yargsOwnPackage, lazyHelpLayoutModule, yargsNoCachedHelp],
  });
}

/**
 * What git runs (`backpack git ...`: filters, textconv, merge driver, hook) is
 * CommonJS, one self-contained file per part: git starts it for every command,
 * every file version textconv shows and every commit, and Node's ESM loader
 * and a graph of chunks cost about 15 ms of each start (a filter start went
 * from about 65 ms to under 50). bin/backpack.js (CommonJS through
 * bin/package.json) requires dist/git.cjs, which requires the part named,
 * and a part requires the zod-validated core (agent-lock, v1) and the
 * encrypting one (encrypt: fflate) only on the path that needs it, so smudge
 * and textconv never load zod or fflate, and clean loads zod only to explain
 * a file it refuses. The config files' loader (config-load: the TOML parser
 * and the files' checks) is a part too, required only where a config file
 * exists: without it the hook's bundle is 226 KB instead of 248 KB, the
 * filter's 115 KB instead of 141 KB, textconv's 28 KB instead of 58 KB.
 * Shared code is copied into each part: errors are matched by name across
 * copies (isBackpackError), and nothing else crosses between them.
 */
async function buildGitEntry() {
  const parts = {
    "src/git/filter-entry.ts": "filter-entry",
    "src/git/textconv.ts": "textconv",
    "src/git/merge-driver.ts": "merge-driver",
    "src/scan/pre-commit.ts": "pre-commit",
    "src/core/agent-lock.ts": "agent-lock",
    "src/core/encrypt.ts": "encrypt",
    "src/core/v1.ts": "v1",
    "src/keys/age.ts": "age",
    "src/config/load.ts": "config-load",
  };
  // A dynamic import of another part becomes require("./<part>.cjs") (dist/git/), loaded on first use.
  const separateParts = (from) => ({
    name: "separate-parts",
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== "dynamic-import") return undefined;
        const target = resolve(args.resolveDir, args.path).replace(/\.js$/, ".ts");
        const part = parts[target.slice(resolve(".").length + 1)];
        return part ? { path: `${from}${part}.cjs`, external: true } : undefined;
      });
    },
  });
  const cjs = {
    ...common,
    splitting: false,
    format: "cjs",
    outExtension: { ".js": ".cjs" },
    // import() of a part or of keytar becomes a require: no ESM loader.
    supported: { "dynamic-import": false },
    // import.meta.url as a getter: made from __filename on first use, not at every load of every part
    // (a URL built at start, about 1 ms of the hook's; most parts never ask for it).
    banner: { js: IMPORT_META_URL_BANNER },
    define: { ...common.define, "import.meta.url": "__backpackModule.url", __BACKPACK_GIT_PARTS__: "true" },
  };
  await build({ ...cjs, entryPoints: { git: "src/cli/git-main.ts", "cli-start": "src/cli/cli-start.ts" }, plugins: [separateParts("./git/")] });
  await build({
    ...cjs,
    outdir: "dist/git",
    entryPoints: Object.fromEntries(Object.entries(parts).map(([src, part]) => [part, src])),
    // The hook's scanner with each rule's regular expression built on first use, and no examples (scripts/lean-rules.mjs).
    plugins: [separateParts("./"), leanRulesPlugin(process.cwd())],
  });
  assertLatin1([join("dist", "git.cjs"), join("dist", "cli-start.cjs"), join("dist", "cli.cjs"), ...Object.values(parts).map((part) => join("dist", "git", `${part}.cjs`))]);
}

/**
 * The banner's require() (a createRequire per module, about 0.3 ms each; `backpack scan` loads some
 * 50 chunks) left only in the files that name `require` at all (esbuild's runtime chunk, whose
 * __require the bundled CommonJS code calls, and a few more): the others lose the banner's text and
 * keep its line, so line numbers in stack traces hold.
 */
function dropUnusedRequire(dir) {
  const banner = common.banner.js;
  const files = [join(dir, "index.js"), ...readdirSync(join(dir, "chunks")).map((name) => join(dir, "chunks", name))];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    if (!text.startsWith(`${banner}\n`)) throw new Error(`${file}: does not start with the banner: check dropUnusedRequire`);
    if (!/\brequire\b/.test(text.slice(banner.length))) writeFileSync(file, text.slice(banner.length));
  }
}

/**
 * What git runs is read into V8 as one string per file: a single character past U+00FF (a `…` in a
 * regular expression literal, which esbuild leaves as it is) makes it two bytes a character, twice
 * the memory to scan and copy on every start (about 1 ms of the hook's). Write such a character as
 * `\uXXXX` in the source.
 */
function assertLatin1(files) {
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    // eslint-disable-next-line no-control-regex -- the range starts at U+0000 on purpose
    const at = text.search(/[^\u0000-\u00ff]/);
    if (at >= 0) throw new Error(`${file}: a character past U+00FF at offset ${at} (${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}): write it as \\uXXXX in the source`);
  }
}
