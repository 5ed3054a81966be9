/**
 * Runs the built CLI under module loader hooks that fail the process as soon
 * as a guarded library is loaded, imported by name or bundled into a file,
 * whether through require (git's entry is CommonJS) or import: the guard for
 * the start-up rule of git's entry points (zod costs about 50 ms, fflate's
 * tables about 10 ms; smudge and textconv need neither).
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, type Sandbox } from "./sandbox.js";

/** How a library shows: the name it is imported by, and a trace it leaves in a bundled chunk. */
const MARKERS = {
  zod: "ZodError",
  fflate: "function deflateSync(",
} as const;
export type GuardedLibrary = keyof typeof MARKERS;

/** Runs `node CLI ...args` in `cwd` with the guard; loading a library of `libraries` makes it fail with "<name> loaded". */
export function runWithout(
  sb: Sandbox,
  libraries: GuardedLibrary[],
  args: string[],
  options: { cwd: string; input?: string | Buffer; env?: NodeJS.ProcessEnv },
): SpawnSyncReturns<string> {
  const tag = libraries.join("-");
  const hook = join(sb.root, `no-${tag}-hook.mjs`);
  const guard = join(sb.root, `no-${tag}.mjs`);
  const requireGuard = join(sb.root, `no-${tag}.cjs`);
  const guarded = JSON.stringify(libraries.map((name) => [name, MARKERS[name]]));
  writeFileSync(
    requireGuard,
    [
      `const guarded = ${guarded};`,
      'const Module = require("node:module");',
      "const compile = Module.prototype._compile;",
      "Module.prototype._compile = function (content, filename) { for (const [name, marker] of guarded) if (content.includes(marker)) throw new Error(`${name} loaded`); return compile.call(this, content, filename); };",
      // The hook's part is compiled through vm.Script (V8's code cache: src/io/code-cache.ts), not _compile.
      'const vm = require("node:vm");',
      "const Script = vm.Script;",
      "vm.Script = function (code, options) { for (const [name, marker] of guarded) if (String(code).includes(marker)) throw new Error(`${name} loaded`); return new Script(code, options); };",
      "",
    ].join("\n"),
  );
  writeFileSync(
    hook,
    [
      `const guarded = ${guarded};`,
      "export async function resolve(s, c, next) { for (const [name] of guarded) if (s === name || s.startsWith(`${name}/`)) throw new Error(`${name} loaded`); return next(s, c); }",
      "export async function load(u, c, next) { const r = await next(u, c); const text = String(r.source ?? \"\"); for (const [name, marker] of guarded) if (text.includes(marker)) throw new Error(`${name} loaded`); return r; }",
      "",
    ].join("\n"),
  );
  writeFileSync(guard, `import { register } from "node:module";\nregister(${JSON.stringify(`file://${hook}`)});\n`);
  return spawnSync(process.execPath, ["--require", requireGuard, "--import", guard, CLI, ...args], { cwd: options.cwd, input: options.input, env: { ...sb.env, NODE_EXTRA_CA_CERTS: "", ...options.env }, encoding: "utf8" });
}

/** Runs `node CLI ...args` and returns, with its result, the Node built-in modules it loaded (process.moduleLoadList). */
export function runListingBuiltins(
  sb: Sandbox,
  args: string[],
  options: { cwd: string; input?: string | Buffer; env?: NodeJS.ProcessEnv },
): { result: SpawnSyncReturns<string>; builtins: Set<string> } {
  const list = join(sb.root, `builtins-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`);
  const preload = join(sb.root, "list-builtins.cjs");
  writeFileSync(
    preload,
    'process.on("exit", () => require("node:fs").writeFileSync(process.env.BACKPACK_TEST_BUILTINS, process.moduleLoadList.join("\\n")));\n',
  );
  const result = spawnSync(process.execPath, ["--require", preload, CLI, ...args], {
    cwd: options.cwd,
    input: options.input,
    env: { ...sb.env, NODE_EXTRA_CA_CERTS: "", ...options.env, BACKPACK_TEST_BUILTINS: list },
    encoding: "utf8",
  });
  const loaded = readFileSync(list, "utf8").split("\n");
  return { result, builtins: new Set(loaded.filter((line) => line.startsWith("NativeModule ")).map((line) => line.slice("NativeModule ".length))) };
}
