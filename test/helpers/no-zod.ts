/**
 * Runs the built CLI under a module loader hook that fails the process as
 * soon as zod is loaded, imported by name or bundled into a chunk: the guard
 * for the start-up rule of git's entry points (zod costs about 50 ms).
 */
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLI, type Sandbox } from "./sandbox.js";

/** Runs `node CLI ...args` in `cwd` with the guard; a zod load makes it fail with "zod loaded". */
export function runWithoutZod(sb: Sandbox, args: string[], options: { cwd: string; input?: string; env?: NodeJS.ProcessEnv }): SpawnSyncReturns<string> {
  const hook = join(sb.root, "no-zod-hook.mjs");
  const guard = join(sb.root, "no-zod.mjs");
  writeFileSync(
    hook,
    [
      'export async function resolve(s, c, next) { if (s === "zod" || s.startsWith("zod/")) throw new Error("zod loaded"); return next(s, c); }',
      'export async function load(u, c, next) { const r = await next(u, c); if (/ZodError/.test(String(r.source ?? ""))) throw new Error("zod loaded"); return r; }',
      "",
    ].join("\n"),
  );
  writeFileSync(guard, `import { register } from "node:module";\nregister(${JSON.stringify(`file://${hook}`)});\n`);
  return spawnSync(process.execPath, ["--import", guard, CLI, ...args], { cwd: options.cwd, input: options.input, env: { ...sb.env, ...options.env }, encoding: "utf8" });
}
