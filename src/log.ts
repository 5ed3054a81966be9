/**
 * A small leveled logger to stderr (and optionally a file). Context carries
 * names (operation, file, key name), never values: callers must not pass
 * secrets, and `redact` guards strings that look like key material anyway.
 */
import { appendFileSync } from "node:fs";

export type LogLevel = "silent" | "error" | "warn" | "info" | "debug";
const ORDER: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

let level: LogLevel = parseLevel(process.env.BACKPACK_LOG) ?? "warn";
let logFile: string | undefined = process.env.BACKPACK_LOG_FILE || undefined;

export function parseLevel(text: string | undefined): LogLevel | undefined {
  return text && text in ORDER ? (text as LogLevel) : undefined;
}

export function setLogLevel(next: LogLevel): void {
  level = next;
}

export function getLogLevel(): LogLevel {
  return level;
}

export function setLogFile(path: string | undefined): void {
  logFile = path;
}

const KEY_LIKE = /BACKPACK-KEY-1:[A-Za-z0-9_-]+/g;

/** Masks exported keys should one ever reach a log line. */
export function redact(text: string): string {
  return text.replace(KEY_LIKE, "BACKPACK-KEY-1:[redacted]");
}

export type LogContext = Record<string, string | number | boolean | undefined>;

function write(at: LogLevel, message: string, context?: LogContext): void {
  if (ORDER[at] > ORDER[level]) return;
  const ctx = context
    ? Object.entries(context)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(" ")
    : "";
  const line = redact(`backpack ${at}: ${message}${ctx ? ` (${ctx})` : ""}`);
  process.stderr.write(`${line}\n`);
  if (logFile) {
    try {
      appendFileSync(logFile, `${JSON.stringify({ time: new Date().toISOString(), level: at, message: redact(message), ...context })}\n`, { mode: 0o600 });
    } catch {
      // A broken log file must not break the command.
    }
  }
}

export const log = {
  error: (message: string, context?: LogContext) => write("error", message, context),
  warn: (message: string, context?: LogContext) => write("warn", message, context),
  info: (message: string, context?: LogContext) => write("info", message, context),
  debug: (message: string, context?: LogContext) => write("debug", message, context),
};
