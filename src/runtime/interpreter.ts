/**
 * How a bare script is started, by its extension: .py with python3 (as the
 * Python tool ran `backpack run agent.py`), .js/.mjs/.cjs with this Node,
 * .ts/.mts/.cts with Node's type stripping when this Node has it, else tsx,
 * .sh with bash; any other file that is executable runs as itself (shebang).
 */
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, dirname, extname, join, resolve } from "node:path";
import { BackpackError } from "../errors/errors.js";

export interface CommandLine {
  command: string;
  args: string[];
}

export interface InterpreterEnvironment {
  env: NodeJS.ProcessEnv;
  /** The Node binary that runs JavaScript (this process's). */
  nodePath: string;
  /** True when that Node accepts --experimental-strip-types (22.6+). */
  canStripTypes: boolean;
  platform: NodeJS.Platform;
}

/** The interpreter environment of this process. */
export function currentInterpreterEnvironment(env: NodeJS.ProcessEnv = process.env): InterpreterEnvironment {
  return {
    env,
    nodePath: process.execPath,
    canStripTypes: process.allowedNodeEnvironmentFlags.has("--experimental-strip-types"),
    platform: process.platform,
  };
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` on PATH, if any. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** tsx from the nearest node_modules/.bin above `start`, else from PATH. */
function findTsx(start: string, env: NodeJS.ProcessEnv): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, "node_modules", ".bin", "tsx");
    if (isExecutableFile(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return findOnPath("tsx", env);
}

/** The command line that runs `script` with `args`. Throws NOT_FOUND / USAGE with a hint. */
export function commandForScript(script: string, args: string[], ie: InterpreterEnvironment): CommandLine {
  let stat;
  try {
    stat = statSync(script);
  } catch {
    throw new BackpackError("NOT_FOUND", `${script} does not exist`, "name a script, or run any command with `backpack run -- CMD ARGS`");
  }
  if (!stat.isFile()) throw new BackpackError("USAGE", `${script} is not a file`, "name a script, or run any command with `backpack run -- CMD ARGS`");
  const ext = extname(script).toLowerCase();
  switch (ext) {
    case ".py":
      return { command: ie.platform === "win32" ? "python" : "python3", args: [script, ...args] };
    case ".js":
    case ".mjs":
    case ".cjs":
      return { command: ie.nodePath, args: [script, ...args] };
    case ".ts":
    case ".mts":
    case ".cts": {
      if (ie.canStripTypes) return { command: ie.nodePath, args: ["--experimental-strip-types", "--no-warnings=ExperimentalWarning", script, ...args] };
      const tsx = findTsx(dirname(resolve(script)), ie.env);
      if (tsx) return { command: tsx, args: [script, ...args] };
      throw new BackpackError(
        "USAGE",
        `cannot run ${script}: Node ${process.versions.node} cannot strip TypeScript types and tsx is not installed`,
        "install tsx (`npm install --save-dev tsx`), use Node 22.6 or later, or run your own command: `backpack run -- CMD ARGS`",
      );
    }
    case ".sh":
      return { command: "bash", args: [script, ...args] };
    default:
      if (isExecutableFile(script)) return { command: resolve(script), args };
      throw new BackpackError(
        "USAGE",
        `do not know how to run ${script}${ext ? ` (${ext})` : ""}`,
        "name the interpreter: `backpack run -- INTERPRETER SCRIPT`, or make the script executable with a #! line",
      );
  }
}
