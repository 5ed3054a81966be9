/**
 * Applying the logging settings (CLI start-up, library first use), cheaply:
 * config files are parsed (and smol-toml loaded) only when one exists. Precedence: --debug / --verbose / --quiet >
 * BACKPACK_LOG > repository backpack.toml > user config.toml > "warn"; the
 * same order for log_file and audit_log (BACKPACK_LOG_FILE, BACKPACK_AUDIT_LOG).
 */
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { setAuditLog } from "../output/audit.js";
import { type LogLevel, log, setLogFile, setLogLevel } from "../output/log.js";
import { presentConfigFiles, workTreeTop } from "./paths.js";

/** A path setting made absolute: relative to the file it came from, or to cwd for flags and the environment. */
function settingPath(value: string, where: string | undefined, origin: string, cwd: string): string {
  if (value.startsWith("~/")) return join(homedir(), value.slice(2));
  if (isAbsolute(value)) return value;
  const base = (origin === "repository" || origin === "user") && where ? dirname(where) : cwd;
  return resolve(base, value);
}

/** Sets the log level, log file and audit log from a flag, the environment and config files. */
export async function applyLoggingSettings(fromFlag: LogLevel | undefined, cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (fromFlag) setLogLevel(fromFlag);
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
