/**
 * A small leveled logger to stderr (and optionally a file, as JSON lines).
 * Context carries names (operation, file, key name), never values: callers
 * must not pass secrets, and `redact` masks exported keys and every secret
 * value this process has resolved (see `protectSecrets`) should one slip in.
 *
 * Level precedence (applied by the CLI root, see docs/logging.md):
 * --debug / --verbose / --quiet > BACKPACK_LOG > config log_level > "warn".
 */
import { appendFileDurable } from "./append.js";
import { sanitize } from "./sanitize.js";

export type LogLevel = "silent" | "error" | "warn" | "info" | "debug";
const ORDER: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

let level: LogLevel = parseLevel(process.env.BACKPACK_LOG) ?? "warn";
let logFile: string | undefined = process.env.BACKPACK_LOG_FILE || undefined;

/** The level named by `text`, or undefined when it names none. */
export function parseLevel(text: string | undefined): LogLevel | undefined {
  return text && Object.hasOwn(ORDER, text) ? (text as LogLevel) : undefined;
}

export function setLogLevel(next: LogLevel): void {
  level = next;
}

export function getLogLevel(): LogLevel {
  return level;
}

/** Also append log lines (JSON, one per line, mode 0600) to this file; undefined stops it. */
export function setLogFile(path: string | undefined): void {
  logFile = path || undefined;
}

export function getLogFile(): string | undefined {
  return logFile;
}

const KEY_LIKE = /BACKPACK-KEY-1:[A-Za-z0-9_-]+/g;
/** Shorter strings are too likely to be ordinary words to mask. */
const MIN_PROTECTED_LENGTH = 6;
const protectedValues = new Set<string>();

/**
 * Registers secret values (resolved credentials) so that `redact` masks them
 * in every log line, audit line and error message of this process.
 */
export function protectSecrets(values: Iterable<string>): void {
  for (const value of values) if (value.length >= MIN_PROTECTED_LENGTH) protectedValues.add(value);
}

/** Masks exported keys and protected secret values should one ever reach a log line. */
export function redact(text: string): string {
  let out = text.replace(KEY_LIKE, "BACKPACK-KEY-1:[redacted]");
  for (const value of protectedValues) if (out.includes(value)) out = out.split(value).join("[redacted]");
  return out;
}

export type LogContext = Record<string, string | number | boolean | undefined>;

function definedEntries(context: LogContext | undefined): Array<[string, string | number | boolean]> {
  return context ? (Object.entries(context).filter(([, v]) => v !== undefined) as Array<[string, string | number | boolean]>) : [];
}

let logFileWarned = false;

function write(at: LogLevel, message: string, context?: LogContext): void {
  if (ORDER[at] > ORDER[level]) return;
  const entries = definedEntries(context);
  const ctx = entries.map(([k, v]) => `${k}=${String(v)}`).join(" ");
  const line = sanitize(redact(`backpack ${at}: ${message}${ctx ? ` (${ctx})` : ""}`));
  process.stderr.write(`${line}\n`);
  if (logFile) {
    const record = { time: new Date().toISOString(), level: at, message, ...Object.fromEntries(entries) };
    try {
      // sanitize on JSON text is JSON's own \u escaping: the record reads back the same, and `cat` of the file is safe.
      appendFileDurable(logFile, `${sanitize(redact(JSON.stringify(record)))}\n`, { mode: 0o600 });
    } catch (error) {
      // A broken log file must not break the command: said once, on stderr (not through log: no loop).
      if (!logFileWarned) {
        logFileWarned = true;
        process.stderr.write(sanitize(`backpack warn: the log file is not being written: ${error instanceof Error ? error.message : "error"}\n`));
      }
    }
  }
}

export const log = {
  error: (message: string, context?: LogContext) => write("error", message, context),
  warn: (message: string, context?: LogContext) => write("warn", message, context),
  info: (message: string, context?: LogContext) => write("info", message, context),
  debug: (message: string, context?: LogContext) => write("debug", message, context),
};
