// Prints, one a line, the test files CI's keychain pass (.ci/run, step 2) leaves out when the
// fresh-clone pass (step 1, no keychain module installed, keys in the file store) passed them on the
// same files: the files whose results no keychain module can change, and the end-to-end files that
// do not say why they need the keychain.
//
// 1. An import check. The two passes differ only in the keychain modules (keytar, @napi-rs/keyring:
// installed in step 2 only) and in the environment that turns them on for the tests
// (BACKPACK_TEST_KEYCHAIN, the session bus), which only test/helpers/sandbox.ts and the key stores
// read. A test file is left out when no module it imports or requires, followed through the
// repository's own files (relative specifiers: src/, test/helpers/), does any of:
//   - names a keychain module in a string ("keytar", "@napi-rs/keyring"): src/keys/keychain-backends.ts,
//     test/helpers/sandbox.ts and the keychain test helpers do;
//   - computes the name it imports (import(name)): how keychain-backends loads them;
//   - names the CLI it would start (bin/backpack, dist/): the CLI reads the keychain;
//   - in test/ (the test and its helpers), starts a process at all (child_process): what it
//     starts is not followed here.
// Packages from node_modules are not followed: none of our dependencies loads a keychain module.
//
// 2. A declaration. Every end-to-end file starts the CLI, so the import check keeps them all, and
// running every one of them again with the keychain took as long as the fresh-clone pass (658 s of
// a 1,383 s CI). Those whose subject is where keys live, or that read keys and values from the store
// as part of what they check, say so in a first line `// Keychain pass (.ci/run): why`, and run in
// both passes; the others (diff, merge, templates, the scanner's output, …) use the key store only
// through the interface the declared files test, and run in the fresh-clone pass only.
// Usage: node .ci/keychain-free.mjs [root] (default: this checkout), paths relative to root.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Static imports and re-exports start a line (so the sample code corpus generators hold in strings is
// not read as theirs); import("...") and require("...") count anywhere.
const SPECIFIER = /^(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']|^import\s*["']([^"']+)["']|\b(?:import|require)\s*\(\s*["']([^"']+)["']/gm;
const KEYCHAIN_MODULE = /["'`](?:keytar|@napi-rs\/keyring(?:-[\w-]+)?)["'`]/;
const COMPUTED_IMPORT = /\bimport\s*\(\s*(?!["'`])/;
const STARTS_CLI = /["'`/](?:bin\/backpack|dist\/)/;
const STARTS_PROCESS = /["'](?:node:)?child_process["']/;

/** Why `file` (absolute) may reach a keychain module on its own, or "". */
function ownReason(root, file, text) {
  // Comments and strings are read as code: a word there can only keep a test in the keychain pass.
  const code = text;
  if (KEYCHAIN_MODULE.test(code)) return "names a keychain module";
  if (COMPUTED_IMPORT.test(code)) return "computes an import";
  if (STARTS_CLI.test(code)) return "names the CLI";
  if (relative(root, file).startsWith("test/") && STARTS_PROCESS.test(code)) return "starts a process";
  return "";
}

/** The repository's own modules `file` imports (relative specifiers, resolved as TypeScript and Node resolve them). */
function imports(file, text) {
  const found = [];
  for (const [, fromSpec, bareSpec, dynamicSpec] of text.matchAll(SPECIFIER)) {
    const spec = fromSpec ?? bareSpec ?? dynamicSpec;
    if (!spec.startsWith(".")) continue;
    const base = resolve(dirname(file), spec);
    const candidates = [base.replace(/\.js$/, ".ts"), base.replace(/\.mjs$/, ".mts"), base, `${base}.ts`, join(base, "index.ts")];
    const hit = candidates.find((c) => existsSync(c) && statSync(c).isFile());
    found.push(hit ?? base);
  }
  return found;
}

/** For every test file under root/test: the chain of modules from it to the first that may reach a keychain module, or null. */
export function keychainReach(root) {
  const tests = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".test.ts")) tests.push(path);
    }
  };
  for (const tier of ["unit", "integration", "e2e"]) if (existsSync(join(root, "test", tier))) walk(join(root, "test", tier));
  // Every module the tests reach, its imports, and the chain to a reason (its own first).
  const deps = new Map();
  const chain = new Map();
  const queue = [...tests];
  while (queue.length > 0) {
    const file = queue.pop();
    if (deps.has(file)) continue;
    if (!existsSync(file) || !statSync(file).isFile()) {
      deps.set(file, []);
      chain.set(file, [relative(root, file), "cannot be read"]);
      continue;
    }
    const text = readFileSync(file, "utf8");
    const reason = ownReason(root, file, text);
    if (reason) chain.set(file, [relative(root, file), reason]);
    deps.set(file, imports(file, text));
    queue.push(...deps.get(file));
  }
  // A module reaches one when any of its imports does (to a fixed point: import cycles included).
  for (let changed = true; changed; ) {
    changed = false;
    for (const [file, list] of deps) {
      if (chain.has(file)) continue;
      const bad = list.find((dep) => chain.has(dep));
      if (bad) {
        chain.set(file, [relative(root, file), ...chain.get(bad)]);
        changed = true;
      }
    }
  }
  return new Map(tests.sort().map((t) => [relative(root, t), chain.get(t) ?? null]));
}

/** The declaration that keeps an end-to-end file in the keychain pass: a first line naming why. */
const DECLARED = /^\/\/ Keychain pass \(\.ci\/run\): \S/;

/** The test files the keychain pass leaves out (root-relative, sorted): the import check's, and the undeclared end-to-end files. */
export function leftOutOfKeychainPass(root) {
  const out = [];
  for (const [test, chain] of keychainReach(root)) {
    if (!chain) out.push(test);
    else if (test.startsWith("test/e2e/") && !DECLARED.test(readFileSync(join(root, test), "utf8"))) out.push(test);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), ".."));
  for (const test of leftOutOfKeychainPass(root)) console.log(test);
}
