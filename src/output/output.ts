/**
 * The one place that turns errors into text and exit codes, and the helpers
 * commands use to print. Nothing here may print a secret: BackpackError
 * messages never hold one, and other errors show only their class unless
 * --debug (a JSON.parse message, for one, can quote its input).
 */
import { EXIT_CODES, isBackpackError } from "../errors/errors.js";
import { getLogLevel, redact } from "./log.js";

export interface OutputOptions {
  debug: boolean;
}

const useColor = (stream: NodeJS.WriteStream) => stream.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== "dumb";

/** Wraps text in an ANSI color when the stream is a terminal and NO_COLOR is unset. */
export function color(stream: NodeJS.WriteStream, code: number, text: string): string {
  return useColor(stream) ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export const paint = {
  red: (t: string) => color(process.stderr, 31, t),
  yellow: (t: string) => color(process.stderr, 33, t),
  dim: (t: string) => color(process.stderr, 2, t),
  green: (t: string) => color(process.stdout, 32, t),
  bold: (t: string) => color(process.stdout, 1, t),
};

/** Prints an error (message, then hint) to stderr and returns the exit code to use. */
export function reportError(error: unknown, options: OutputOptions): number {
  if (isBackpackError(error)) {
    process.stderr.write(`${paint.red("backpack:")} ${redact(error.message)}\n`);
    if (error.hint) process.stderr.write(`${paint.dim("hint:")} ${redact(error.hint)}\n`);
    if (options.debug && error.detail) process.stderr.write(`${redact(error.detail)}\n`);
    if (options.debug && error.stack) process.stderr.write(`${redact(error.stack)}\n`);
    return error.exitCode;
  }
  const name = error instanceof Error ? error.name : typeof error;
  const code = error instanceof Error && "code" in error ? ` ${String((error as { code: unknown }).code)}` : "";
  process.stderr.write(`${paint.red("backpack:")} internal error (${name}${code})\n`);
  if (options.debug && error instanceof Error) {
    process.stderr.write(`${redact(error.stack ?? error.message)}\n`);
  } else {
    process.stderr.write(`${paint.dim("hint:")} run again with --debug for details, and report it if it persists\n`);
  }
  return EXIT_CODES.INTERNAL;
}

/** Writes data to stdout as it is (JSON, a bundle, a rendered file): the caller ends it. */
export function emit(text: string | Uint8Array): void {
  process.stdout.write(text);
}

/** Writes a message and its hint to stderr, as the git entry points report what they cannot stop for. */
export function warnWithHint(message: string, hint?: string): void {
  process.stderr.write(`backpack: ${redact(message)}\n${hint ? `hint: ${redact(hint)}\n` : ""}`);
}

/**
 * Writes one line to stdout that reports what a command did ("created
 * agent.lock", "stored X in your vault"): silent under -q / --quiet (and a
 * log level of error), where only errors print. What the user asked to see
 * (show, list, JSON) goes through `say` or `emit`, and always prints.
 */
export function done(line = ""): void {
  const level = getLogLevel();
  if (level === "error" || level === "silent") return;
  say(line);
}

/** Writes one line to stdout. */
export function say(line = ""): void {
  process.stdout.write(`${line}\n`);
}

/** Writes one line to stderr (notes and warnings, so stdout stays parseable). */
export function note(line: string): void {
  process.stderr.write(`${line}\n`);
}
