/**
 * Applying the logging settings (CLI start-up, library first use), cheaply:
 * config files are parsed (and smol-toml loaded) only when one exists. Precedence: --debug / --verbose / --quiet >
 * BACKPACK_LOG (or the Python tool's BACKPACK_LOG_LEVEL) > repository backpack.toml > user config.toml > "warn"; the
 * same order for log_file and audit_log (BACKPACK_LOG_FILE, BACKPACK_AUDIT_LOG).
 */
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { setAuditLog } from "../output/audit.js";
import { type LogLevel, getLogLevel, log, parseLevel, setLogFile, setLogLevel } from "../output/log.js";
import { presentConfigFiles, workTreeTop } from "./paths.js";

/** A path setting made absolute: relative to the file it came from, or to cwd for flags and the environment. */
function settingPath(value: string, where: string | undefined, origin: string, cwd: string): string {
  if (value.startsWith("~/")) return join(homedir(), value.slice(2));
  if (isAbsolute(value)) return value;
  const base = (origin === "repository" || origin === "user") && where ? dirname(where) : cwd;
  return resolve(base, value);
}

/** The Python tool's level names (logging module), as ours. */
const PYTHON_LEVELS: Record<string, LogLevel> = { DEBUG: "debug", INFO: "info", WARNING: "warn", WARN: "warn", ERROR: "error", CRITICAL: "error", FATAL: "error" };

/**
 * The environment with the Python tool's BACKPACK_LOG_LEVEL (DEBUG, INFO,
 * WARNING, ERROR, CRITICAL; any case) read as BACKPACK_LOG when that is
 * unset, so a habit or a script that set it keeps working. BACKPACK_LOG wins
 * when both are set; a value that names no level is ignored with a warning.
 */
export function withPythonLogLevel(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const python = env.BACKPACK_LOG_LEVEL;
  if (!python || env.BACKPACK_LOG) return env;
  const level = PYTHON_LEVELS[python.toUpperCase()] ?? parseLevel(python.toLowerCase());
  if (!level) {
    log.warn("BACKPACK_LOG_LEVEL names no log level; ignored (use BACKPACK_LOG=silent|error|warn|info|debug)");
    return env;
  }
  return { ...env, BACKPACK_LOG: level };
}

/** Sets the log level, log file and audit log from a flag, the environment and config files. */
export async function applyLoggingSettings(fromFlag: LogLevel | undefined, cwd: string = process.cwd(), givenEnv: NodeJS.ProcessEnv = process.env): Promise<void> {
  const env = withPythonLogLevel(givenEnv);
  if (fromFlag) setLogLevel(fromFlag);
  else if (env !== givenEnv) setLogLevel(parseLevel(env.BACKPACK_LOG) ?? getLogLevel());
  const present = presentConfigFiles(workTreeTop(cwd), env);
  if (!present.repository && !present.user) return;
  const { loadConfig } = await import("./load.js");
  try {
    const config = loadConfig({ repoRoot: present.repository ? dirname(present.repository) : undefined, env, flags: { log_level: fromFlag }, lazy: true });
    const entries = new Map(config.entries());
    const path = (name: string) => {
      const entry = entries.get(name);
      return entry && entry.value !== "" ? settingPath(String(entry.value), entry.where, entry.origin, cwd) : undefined;
    };
    setLogLevel(config.get("log_level") as LogLevel);
    setLogFile(path("log_file"));
    setAuditLog(path("audit_log"));
  } catch (error) {
    // A broken config file must not stop `backpack config set` from fixing it.
    log.warn(`logging settings ignored: ${(error as Error).message}`);
  }
}
