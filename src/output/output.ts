/**
 * The one place that turns errors into text and exit codes, and the helpers
 * commands use to print. Nothing here may print a secret: BackpackError
 * messages never hold one, and of other errors only the class, the code and
 * (with --debug) the stack's frames are shown, never the message: Node's
 * messages quote their input (a JSON.parse error quotes the text, an
 * ERR_INVALID_ARG_VALUE quotes the value, a credential value included).
 *
 * Everything printed passes the sanitizer (./sanitize.ts): names, paths and
 * values from files reach the terminal with their control characters,
 * escape sequences and bidi overrides shown escaped.
 */
import { EXIT_CODES, isBackpackError } from "../errors/errors.js";
import { getLogLevel, redact } from "./log.js";
import { sanitize, sanitizeMessage } from "./sanitize.js";

export interface OutputOptions {
  debug: boolean;
}

const useColor = (stream: NodeJS.WritableStream) => (stream as NodeJS.WriteStream).isTTY === true && !process.env.NO_COLOR && process.env.TERM !== "dumb";

/** True when backpack writes colour to `stream` (a terminal, NO_COLOR unset, TERM not dumb): sanitizeMessage keeps its colours then. */
export const colourOn = useColor;

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
    process.stderr.write(`${paint.red("backpack:")} ${clean(error.message)}\n`);
    if (error.hint) process.stderr.write(`${paint.dim("hint:")} ${clean(error.hint)}\n`);
    if (options.debug && error.detail) process.stderr.write(`${clean(error.detail)}\n`);
    if (options.debug && error.stack) process.stderr.write(`${clean(stackFrames(error))}\n`);
    return error.exitCode;
  }
  const name = error instanceof Error ? error.name : typeof error;
  const code = error instanceof Error && "code" in error ? ` ${String((error as { code: unknown }).code)}` : "";
  process.stderr.write(`${paint.red("backpack:")} internal error (${clean(name + code)})\n`);
  if (options.debug && error instanceof Error) {
    process.stderr.write(`${paint.dim("(the error's message is not shown: it can quote the input, a secret value included)")}\n${clean(stackFrames(error))}\n`);
  } else {
    process.stderr.write(`${paint.dim("hint:")} run again with --debug for details, and report it if it persists\n`);
  }
  return EXIT_CODES.INTERNAL;
}

/**
 * Writes data to stdout (JSON, a bundle, a rendered file): the caller ends
 * it. Exactly as it is into a pipe or file; sanitized on a terminal.
 */
export function emit(text: string | Uint8Array): void {
  if (process.stdout.isTTY) process.stdout.write(sanitize(typeof text === "string" ? text : Buffer.from(text).toString("utf8")));
  else process.stdout.write(text);
}

/** Writes a message and its hint to stderr, as the git entry points report what they cannot stop for. */
export function warnWithHint(message: string, hint?: string): void {
  process.stderr.write(`backpack: ${clean(message)}\n${hint ? `hint: ${clean(hint)}\n` : ""}`);
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
  process.stdout.write(`${sanitizeMessage(line, useColor(process.stdout))}\n`);
}

/** Writes one line to stderr (notes and warnings, so stdout stays parseable). */
export function note(line: string): void {
  process.stderr.write(`${sanitizeMessage(line, useColor(process.stderr))}\n`);
}

/** Redacted (exported keys, known secret values) and sanitized: every error line passes here. */
function clean(text: string): string {
  return sanitize(redact(text));
}

/**
 * An error's stack without its message: the "at ..." frames under the
 * error's class (and code). The message may span lines; the frames are the
 * lines that start with "at".
 */
function stackFrames(error: Error): string {
  const code = "code" in error ? ` [${String((error as { code: unknown }).code)}]` : "";
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  return [`${error.name}${code}`, ...frames].join("\n");
}
